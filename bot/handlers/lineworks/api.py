"""The LINE WORKS message API: one content to a person or a room, with the bot's token.

``POST {api}/bots/{botId}/users/{userId}/messages`` (a one-to-one chat) or
``.../channels/{channelId}/messages`` (a room), body ``{"content": …}``. There
is no reply token: every answer, now or later, is one of these requests.

What the API answers, and what it means here:

- 2xx: sent.
- 401 (or 403 ``UNAUTHORIZED``, as LINE WORKS' own sample reads it): the
  token was refused; it is renewed and the request tried once more.
- 403, 404: the person or the room cannot be reached any more (the account
  was removed, the bot left the room): `Gone`.
- 400: the request itself was refused and sending it again cannot help:
  `Rejected`.
- 429, 5xx and anything else: `bot.delivery.http.PlatformRefused`, with the
  ``Retry-After`` the platform asked for, so the worker waits as long.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote

import aiohttp

from bot.config import LineWorksSettings
from bot.delivery.http import MAX_DETAIL_CHARS, check_accepted
from bot.handlers.lineworks.auth import TokenSource

__all__ = ["Gone", "LineWorksApi", "Rejected", "Target"]

log = logging.getLogger(__name__)

GONE_STATUSES = frozenset({403, 404})


class Gone(Exception):
    """The person or the room can no longer be reached by the bot."""


class Rejected(Exception):
    """LINE WORKS refused the message itself (400); sending it again cannot help."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where a message goes: a person (``users``) or a room (``channels``), by its LINE WORKS id."""

    kind: Literal["users", "channels"]
    id: str

    @classmethod
    def of(cls, address: str) -> Target:
        """The target an `Incoming.address` names (``channel:<id>``, ``user:<id>``, or a bare user id)."""
        kind, _, rest = address.partition(":")
        if kind == "channel" and rest:
            return cls("channels", rest)
        if kind == "user" and rest:
            return cls("users", rest)
        return cls("users", address)

    @property
    def address(self) -> str:
        """This target as a stored address."""
        return f"{'channel' if self.kind == 'channels' else 'user'}:{self.id}"


class LineWorksApi:
    """Sends contents as the bot; its HTTP session opens in `start` and closes in `close`."""

    def __init__(self, settings: LineWorksSettings, timeout: float) -> None:
        self.settings = settings
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self.tokens = TokenSource(settings, self.session)

    def session(self) -> aiohttp.ClientSession:
        """The open HTTP session; RuntimeError before `start`."""
        if self._session is None:
            raise RuntimeError("the LINE WORKS channel is not started")
        return self._session

    async def start(self) -> None:
        """Open the HTTP session."""
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))

    async def close(self) -> None:
        """Close it."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(
        self, target: Target, content: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        """Send one ``content``; raise `Gone`, `Rejected` or `PlatformRefused` as the module says."""
        url = (
            f"{self.settings.api_base_url}/bots/{quote(self.settings.bot_id, safe='')}"
            f"/{target.kind}/{quote(target.id, safe='')}/messages"
        )
        token = await self.tokens.token()
        for attempt in (1, 2):
            request_headers = {**(headers or {}), "Authorization": f"Bearer {token}"}
            async with self.session().post(
                url, json={"content": content}, headers=request_headers, allow_redirects=False
            ) as response:
                if attempt == 1 and await _token_refused(response):
                    log.info("LINE WORKS refused the access token (HTTP %d); renewing it", response.status)
                    token = await self.tokens.renew(token)
                    continue
                if response.status in GONE_STATUSES:
                    raise Gone(f"LINE WORKS answered {response.status}: {await _detail(response)}")
                if response.status == 400:
                    raise Rejected(f"LINE WORKS answered 400: {await _detail(response)}")
                await check_accepted(response, datetime.now(UTC))
                return


async def _token_refused(response: aiohttp.ClientResponse) -> bool:
    if response.status == 401:
        return True
    if response.status != 403:
        return False
    try:
        body = await response.json(content_type=None)
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("code") == "UNAUTHORIZED"


async def _detail(response: aiohttp.ClientResponse) -> str:
    return (await response.text())[:MAX_DETAIL_CHARS]
