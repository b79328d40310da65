"""The bot's access token: a service-account JWT exchanged for a token, cached, refreshed before it expires.

LINE WORKS API 2.0 takes a bearer token that the auth server issues for a
JWT signed with the service account's private key (RS256; ``iss`` the
app's client id, ``sub`` the service account, ``iat``/``exp``), posted as a
form with ``grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer``, the
client id and secret, and ``scope=bot``.

The token is asked for once and kept until `REFRESH_MARGIN` before it
expires, not once per message. Concurrent callers share one request: the
first one holds a lock while it asks, the others wait for its token. A
token the API refused (401) is dropped with `TokenSource.renew`, which asks
again only if nobody has renewed it meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
import jwt

from bot.config import LineWorksSettings
from bot.delivery.http import check_accepted

__all__ = ["ASSERTION_SECONDS", "REFRESH_MARGIN", "TokenError", "TokenSource"]

log = logging.getLogger(__name__)

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
SCOPE = "bot"
ASSERTION_SECONDS = 3600
"""Lifetime of the signed JWT (the auth server's maximum is one hour)."""

REFRESH_MARGIN = 300.0
"""A token this close to its expiry (seconds) is renewed before use, so none expires mid-request."""

DEFAULT_LIFETIME = 86400.0
"""Assumed when the auth server's answer names no lifetime (its documented default, one day)."""


class TokenError(Exception):
    """The auth server answered 2xx with something that is not a token."""


@dataclass(frozen=True, slots=True)
class _Token:
    value: str
    expires_at: float
    """On the monotonic clock."""


class TokenSource:
    """The bot's current access token, shared by every request of the channel."""

    def __init__(
        self,
        settings: LineWorksSettings,
        session: Callable[[], aiohttp.ClientSession],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._session = session
        self._clock = clock
        self._token: _Token | None = None
        self._lock = asyncio.Lock()
        self.requests = 0
        """How many tokens were asked for (for the log and the tests)."""

    async def token(self) -> str:
        """A token valid for at least `REFRESH_MARGIN` more seconds; asks the auth server only when needed."""
        current = self._token
        if current is not None and current.expires_at - self._clock() > REFRESH_MARGIN:
            return current.value
        async with self._lock:
            current = self._token  # another caller may have renewed it while this one waited
            if current is not None and current.expires_at - self._clock() > REFRESH_MARGIN:
                return current.value
            self._token = await self._issue()
            return self._token.value

    async def renew(self, refused: str) -> str:
        """A new token after the API refused ``refused``; the current one if someone already renewed it."""
        async with self._lock:
            if self._token is not None and self._token.value != refused:
                return self._token.value
            self._token = await self._issue()
            return self._token.value

    def assertion(self) -> str:
        """The signed JWT that proves the service account."""
        now = int(time.time())
        claims = {
            "iss": self.settings.client_id,
            "sub": self.settings.service_account,
            "iat": now,
            "exp": now + ASSERTION_SECONDS,
        }
        return jwt.encode(claims, self.settings.private_key, algorithm="RS256")

    async def _issue(self) -> _Token:
        form = {
            "assertion": self.assertion(),
            "grant_type": GRANT_TYPE,
            "client_id": self.settings.client_id,
            "client_secret": self.settings.client_secret,
            "scope": SCOPE,
        }
        self.requests += 1
        asked = self._clock()
        url = f"{self.settings.auth_base_url}/token"
        async with self._session().post(url, data=form, allow_redirects=False) as response:
            await check_accepted(response, datetime.now(UTC))
            try:
                body = await response.json(content_type=None)
            except ValueError:
                raise TokenError("the LINE WORKS auth server's answer is not JSON") from None
        value = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(value, str) or not value:
            raise TokenError("the LINE WORKS auth server's answer carries no access_token")
        lifetime = _seconds(body.get("expires_in"))
        log.info("LINE WORKS access token issued (valid %.0f s)", lifetime)
        return _Token(value, asked + lifetime)


def _seconds(value: object) -> float:
    """``expires_in``, which LINE WORKS sends as a string of digits; the default when absent or bad."""
    if isinstance(value, int | float) and value > 0:
        return float(value)
    if isinstance(value, str) and value.strip().isdecimal():
        return float(value.strip())
    return DEFAULT_LIFETIME
