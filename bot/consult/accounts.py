"""Dashboard users and their sessions.

Passwords are stored as scrypt hashes (``hashlib.scrypt``, n=2¹⁴, r=8, p=1,
a random 16-byte salt each), in the form
``scrypt$<n>$<r>$<p>$<salt>$<hash>`` so the cost can be raised later
without invalidating old hashes. Users are created from the command line
(``python -m bot admin add-user NAME``).

A login never holds a database transaction while it hashes: the user and
the recent failures are read (and the attempt counted) in one short
transaction, the password is checked outside any, and the session is
written in another. Repeated failures slow further attempts down
(`bot.consult.throttle`) instead of locking the account. A refused name or
password costs one scrypt hash, whether or not the name exists, so its timing
says nothing about that. An attempt that comes too early is refused before any
hash: whether it is too early does not depend on the name existing, and hashing
it would let a throttled guesser keep the one checking thread
(`password_checker`) busy, every real login waiting behind the guesses.

A session is a random token in an HttpOnly cookie; the database keeps only
its SHA-256, with the session's CSRF token and expiry. A new password ends
every session of its user, and a user (or an operator) can end them all.
An expired session's row stays for `EXPIRED_SESSION_KEPT` (the purge then
drops it), and so does its cookie: a form sent with it just after the
expiry is refused, but its answer can still be kept for its writer
(`expired_session_user`, `bot.consult.answerdrafts`). A session ended on
purpose is deleted at once, so nothing sent with it is kept.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.config import ACCOUNT_NAME
from bot.consult import throttle
from bot.consult.throttle import Attempt
from bot.db import aware
from bot.db.engine import reading, writing
from bot.db.locks import serialize
from bot.db.retention import EXPIRED_SESSION_KEPT
from bot.db.schema import admin_sessions, admin_users
from bot.errors import InvalidInput

__all__ = [
    "Accounts",
    "Attempt",
    "LoggedIn",
    "Refused",
    "Session",
    "User",
    "check_name",
    "check_password",
    "exists",
    "expired_session_user",
    "hash_password",
    "password_checker",
    "verify_password",
]

_N, _R, _P, _LEN = 2**14, 8, 1, 32
MIN_PASSWORD_CHARS = 10
_LOGIN_LOCK = "kaizen-login-attempts"
_CHECKER_NICENESS = 10


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password``, self-describing."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_LEN)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the hash ``stored`` (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except ValueError:
        return False
    return scheme == "scrypt" and hmac.compare_digest(actual, expected)


def password_checker() -> ThreadPoolExecutor:
    """One thread, at a lower CPU priority, for the server's `Accounts.login` calls.

    A check is a scrypt hash, tens of milliseconds of a core; clients
    guessing passwords in parallel would otherwise take every core from
    the chat. With one thread, checks wait their turn (the event loop is
    free meanwhile), and with a lower priority (Linux: per-thread nice)
    the chat goes first when the cores are busy.
    """
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="password-check", initializer=_lower_priority)


def _lower_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):  # per-thread niceness is Linux's
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _CHECKER_NICENESS)


_DUMMY_HASH = hash_password(secrets.token_hex(8))
"""Checked against for unknown users, so a login takes as long whether the name exists or not."""


@dataclass(frozen=True, slots=True)
class User:
    """A DX team member; an editor may also approve and export FAQ drafts."""

    id: int
    name: str
    display_name: str
    is_editor: bool


@dataclass(frozen=True, slots=True)
class Session:
    """A logged-in user, the CSRF token every form must carry, and when the session ends."""

    user: User
    csrf: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class LoggedIn:
    """A successful login: the session cookie's token, the session, and this browser's device cookie."""

    token: str
    session: Session
    device: str


@dataclass(frozen=True, slots=True)
class Refused:
    """A refused login; ``retry_after`` > 0 when it came too early to be checked at all."""

    retry_after: float = 0.0


class Accounts:
    """Users and sessions in the database; every method is blocking."""

    def __init__(self, engine: sa.Engine, clock: Callable[[], datetime], session_hours: int) -> None:
        self.engine = engine
        self.clock = clock
        self.lifetime = timedelta(hours=session_hours)

    def add_user(self, name: str, password: str, display_name: str = "", *, editor: bool = False) -> User:
        """Create a user; `InvalidInput` for a bad or taken name or a short password."""
        check_name(name)
        check_password(password)
        hashed = hash_password(password)  # before the transaction: no lock held while hashing
        with writing(self.engine, "the dashboard users") as connection:
            if exists(connection, name):
                raise InvalidInput(f"ユーザー「{name}」はすでに登録されています。")
            result = connection.execute(
                admin_users.insert().values(
                    name=name,
                    display_name=display_name.strip() or name,
                    password_hash=hashed,
                    is_editor=editor,
                    created_at=self.clock(),
                )
            )
            inserted = result.inserted_primary_key
        assert inserted is not None
        return User(int(inserted[0]), name, display_name.strip() or name, editor)

    def set_password(self, name: str, password: str) -> int:
        """Change a user's password and end their sessions; how many ended. `InvalidInput` if unknown."""
        check_password(password)
        hashed = hash_password(password)
        with writing(self.engine, "the dashboard users") as connection:
            user_id = _id_of(connection, name)
            connection.execute(
                admin_users.update().where(admin_users.c.id == user_id).values(password_hash=hashed)
            )
            return _end_sessions(connection, user_id)

    def logout_everywhere(self, name: str) -> int:
        """End every session of the user ``name``; how many ended. `InvalidInput` if unknown."""
        with writing(self.engine, "the dashboard sessions") as connection:
            return _end_sessions(connection, _id_of(connection, name))

    def user(self, name: str) -> User | None:
        """The user called ``name``, or None."""
        with reading(self.engine, "the dashboard users") as connection:
            row = connection.execute(sa.select(admin_users).where(admin_users.c.name == name)).first()
        return _user(row) if row is not None else None

    def users(self) -> list[User]:
        """Every user, by name."""
        with reading(self.engine, "the dashboard users") as connection:
            rows = connection.execute(sa.select(admin_users).order_by(admin_users.c.name)).all()
        return [_user(row) for row in rows]

    def login(self, attempt: Attempt, password: str) -> LoggedIn | Refused:
        """Check the password and open a session, unless the attempt comes too early (see module doc)."""
        now = self.clock()
        with writing(self.engine, "the dashboard logins") as connection:
            serialize(connection, _LOGIN_LOCK)
            row = connection.execute(
                sa.select(admin_users).where(admin_users.c.name == attempt.account)
            ).first()
            stored = str(row.password_hash) if row is not None else None
            device = throttle.valid_device(attempt.device, attempt.account, stored)
            retry_after = throttle.wait(connection, attempt, device, now)
            if not retry_after:
                throttle.record(connection, attempt, device, now)
        if retry_after:
            # Too early, whether or not the name exists: no hash, so that a throttled guesser's flood
            # never queues on the one checking thread ahead of a real login.
            return Refused(retry_after)
        if row is None or stored is None:
            verify_password(password, _DUMMY_HASH)
            return Refused()
        if not verify_password(password, stored):
            return Refused()
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = now + self.lifetime
        with writing(self.engine, "the dashboard logins") as connection:
            serialize(connection, _LOGIN_LOCK)
            current = connection.execute(
                sa.select(admin_users.c.password_hash).where(admin_users.c.id == row.id)
            ).scalar()
            if current != stored:  # the password changed while we were hashing
                return Refused()
            throttle.forget(connection, attempt, device)
            connection.execute(
                admin_sessions.insert().values(
                    id=_digest(token), user_id=row.id, csrf=csrf, created_at=now, expires_at=expires
                )
            )
        session = Session(_user(row), csrf, expires)
        return LoggedIn(token, session, throttle.device_token(attempt.account, stored))

    def session(self, token: str) -> Session | None:
        """The live session of a cookie's token, or None (unknown or expired)."""
        query = (
            sa.select(admin_sessions.c.csrf, admin_sessions.c.expires_at, admin_users)
            .join(admin_users, admin_users.c.id == admin_sessions.c.user_id)
            .where(admin_sessions.c.id == _digest(token))
        )
        with reading(self.engine, "the dashboard users") as connection:
            row = connection.execute(query).first()
        if row is None or aware(row.expires_at) <= self.clock():
            return None
        return Session(_user(row), row.csrf, aware(row.expires_at))

    def logout(self, token: str) -> None:
        """End the session of a cookie's token."""
        with writing(self.engine, "the dashboard users") as connection:
            connection.execute(admin_sessions.delete().where(admin_sessions.c.id == _digest(token)))


def exists(connection: sa.Connection, name: str) -> bool:
    """Whether a user called ``name`` exists (for assignment, inside a transaction)."""
    query = sa.select(admin_users.c.id).where(admin_users.c.name == name)
    return connection.execute(query).first() is not None


def expired_session_user(connection: sa.Connection, token: str, csrf: str, now: datetime) -> int | None:
    """The user id of the session whose cookie's ``token`` and CSRF token ``csrf`` these are, if it expired.

    None unless both match one stored session that expired at most
    `EXPIRED_SESSION_KEPT` ago: a live session is let in instead, and one
    ended on purpose (logged out, a new password, 「すべての端末でログアウト」) is
    gone, so what its cookie sends is never taken for its owner's.
    """
    row = connection.execute(
        sa.select(admin_sessions.c.user_id, admin_sessions.c.csrf, admin_sessions.c.expires_at).where(
            admin_sessions.c.id == _digest(token)
        )
    ).first()
    if row is None or not hmac.compare_digest(csrf.encode(), str(row.csrf).encode()):
        return None
    expired = aware(row.expires_at)
    return int(row.user_id) if now - EXPIRED_SESSION_KEPT < expired <= now else None


def display_name(connection: sa.Connection, name: str) -> str | None:
    """The name the team calls the user ``name`` by (田中), or None when there is no such user."""
    query = sa.select(admin_users.c.display_name).where(admin_users.c.name == name)
    found = connection.execute(query).first()
    return None if found is None else str(found.display_name or name)


def _id_of(connection: sa.Connection, name: str) -> int:
    found = connection.execute(sa.select(admin_users.c.id).where(admin_users.c.name == name)).scalar()
    if found is None:
        raise InvalidInput(f"ユーザー「{name}」は登録されていません。")
    return int(found)


def _end_sessions(connection: sa.Connection, user_id: int) -> int:
    ended = connection.execute(admin_sessions.delete().where(admin_sessions.c.user_id == user_id))
    return int(ended.rowcount)


def check_name(name: str) -> None:
    """`InvalidInput` unless ``name`` is a well-formed user name (whether it is taken is not looked at)."""
    if not ACCOUNT_NAME.match(name):
        raise InvalidInput("ユーザー名は半角英小文字・数字・「.」「_」「-」の2〜32文字にしてください。")


def check_password(password: str) -> None:
    """`InvalidInput` unless ``password`` is long enough to be a user's password."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(f"パスワードは{MIN_PASSWORD_CHARS}文字以上にしてください。")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user(row: sa.Row[tuple[object, ...]]) -> User:
    mapping = row._mapping
    return User(
        int(mapping["id"]), str(mapping["name"]), str(mapping["display_name"]), bool(mapping["is_editor"])
    )
