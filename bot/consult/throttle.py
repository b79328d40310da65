"""Login throttling: growing delays per account and per client address, never a lock.

Every login attempt is written down as a failure *before* its password is
hashed (and struck out again if it succeeds), so guesses sent in parallel
are counted as they arrive, not after. An attempt is only checked once
enough time has passed since the last failure on its account, and on its
client address: nothing for the first few failures in `WINDOW`, then 1,
2, 4 … seconds, up to `Policy.cap`. An attempt made too early is refused
without being counted, so waiting always helps.

Anyone may fail on any account name, so the account's delay alone could
keep the real user out. A browser that has logged in as a user keeps a
*device* cookie for that user (an HMAC keyed by the user's password hash,
so a new password forgets every device); an attempt from such a browser
is throttled on that device's own failures instead of the account's and
the address's. This is OWASP's "device cookie" defence against lockout.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.db import aware
from bot.db.schema import login_failures

__all__ = [
    "ACCOUNT",
    "ADDRESS",
    "DEVICE",
    "WINDOW",
    "Attempt",
    "Policy",
    "client_key",
    "device_token",
    "forget",
    "record",
    "valid_device",
    "wait",
]

WINDOW = timedelta(minutes=15)
"""Failures older than this are forgotten (and purged)."""


@dataclass(frozen=True, slots=True)
class Policy:
    """``free`` failures in the window cost nothing; then each one doubles the wait, up to ``cap`` seconds."""

    free: int
    cap: float

    def delay(self, failures: int) -> float:
        """Seconds to wait after the last of ``failures`` failures before the next attempt is checked."""
        if failures < self.free:
            return 0.0
        return float(min(self.cap, 2 ** min(failures - self.free, 30)))


ACCOUNT = Policy(free=3, cap=300)
ADDRESS = Policy(free=10, cap=300)
"""Generous: a whole office may reach the bot from one address."""
DEVICE = Policy(free=5, cap=60)


@dataclass(frozen=True, slots=True)
class Attempt:
    """Who tries to log in: the name typed, the client's address, the device cookie sent (or "")."""

    name: str
    address: str
    device: str = ""

    @property
    def account(self) -> str:
        """The name as looked up and counted: user names are lower case and at most 64 characters."""
        return self.name.strip().lower()[:64]


def client_key(remote: str | None) -> str:
    """The address throttled: an IPv6 client by its /64 network (one household or office), else as is."""
    if not remote:
        return "unknown"
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return remote[:64]
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def device_token(name: str, password_hash: str) -> str:
    """A new device cookie for the user ``name``, valid until their password changes."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_mac(name, password_hash, nonce)}"


def valid_device(token: str, name: str, password_hash: str | None) -> str | None:
    """The device's id (its nonce) if ``token`` is a device cookie of ``name``'s current password."""
    nonce, _, mac = token.partition(".")
    if password_hash is None or not nonce or not mac or len(token) > 200:
        return None
    return nonce if hmac.compare_digest(mac, _mac(name, password_hash, nonce)) else None


def wait(connection: sa.Connection, attempt: Attempt, device: str | None, now: datetime) -> float:
    """Seconds before ``attempt`` may be checked (0: now), from the failures in the window."""
    since = now - WINDOW
    if device is not None:
        return _remaining(connection, login_failures.c.device == device, DEVICE, since, now)
    return max(
        _remaining(connection, login_failures.c.account == attempt.account, ACCOUNT, since, now),
        _remaining(connection, login_failures.c.address == client_key(attempt.address), ADDRESS, since, now),
    )


def record(connection: sa.Connection, attempt: Attempt, device: str | None, now: datetime) -> int:
    """Count the attempt as a failure until it proves otherwise; return its row's id."""
    result = connection.execute(
        login_failures.insert().values(
            account=attempt.account, address=client_key(attempt.address), device=device, at=now
        )
    )
    inserted = result.inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def forget(connection: sa.Connection, attempt: Attempt, device: str | None) -> None:
    """A successful login: the device's failures, or without a device the account's, no longer count.

    A login from a known device leaves the account's failures alone: they
    may be an attacker's, who should stay slowed down.
    """
    if device is not None:
        where = login_failures.c.device == device
    else:
        where = login_failures.c.account == attempt.account
    connection.execute(login_failures.delete().where(where))


def _remaining(
    connection: sa.Connection, where: sa.ColumnElement[bool], policy: Policy, since: datetime, now: datetime
) -> float:
    query = sa.select(sa.func.count(), sa.func.max(login_failures.c.at)).where(
        where, login_failures.c.at > since
    )
    failures, last = connection.execute(query).one()
    if not failures:
        return 0.0
    ready = aware(last) + timedelta(seconds=policy.delay(int(failures)))
    return max(0.0, (ready - now).total_seconds())


def _mac(name: str, password_hash: str, nonce: str) -> str:
    digest = hmac.new(password_hash.encode(), f"device\n{name}\n{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
