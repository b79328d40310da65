"""A client of the bot's HTTP API over real HTTP, as a staff member's web chat and the DX team use it.

Shared by the end-to-end fault tests and ``benchmarks/load.py``: one place
knows the API's contract. Any answer but 2xx raises `Refused`; a broken
connection raises aiohttp's own error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import aiohttp


class Refused(Exception):
    """The server answered, but not with 2xx."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"{status}: {body[:200]}")
        self.status = status


@dataclass
class ChatApi:
    """The web chat's and the admin API's calls against ``base`` (``http://127.0.0.1:PORT``)."""

    session: aiohttp.ClientSession
    base: str
    admin_token: str = ""

    async def say(
        self, user: str, *, text: str | None = None, action: str | None = None
    ) -> list[dict[str, Any]]:
        """One message or button press; the bot's replies."""
        body: dict[str, str] = {"user": user}
        if text is not None:
            body["text"] = text
        if action is not None:
            body["action"] = action
        data = await self._call("POST", "/api/v1/chat", body)
        replies: list[dict[str, Any]] = data["replies"]
        return replies

    async def consult(self, user: str, content: str, section: str = "総務課 庶務係") -> int:
        """Send a consultation through the intake, as a staff member would; its number."""
        await self.say(user, action="menu")
        await self.say(user, action="consult")
        await self.say(user, text=content)
        replies = await self.say(user, text=section)
        if "いつごろまでに" in replies[-1]["text"]:
            await self.say(user, action="in:by:m")
        receipt = (await self.say(user, action="in:send"))[-1]["text"]
        found = re.search(r"受付番号は No\.(\d+)", receipt)
        if found is None:
            raise AssertionError(f"no receipt: {receipt}")
        return int(found.group(1))

    async def messages(self, user: str) -> list[dict[str, Any]]:
        """What was pushed to ``user`` later (the DX team's answers), oldest first."""
        data = await self._call("GET", f"/api/v1/chat/{user}/messages", None)
        pushed: list[dict[str, Any]] = data["messages"]
        return pushed

    async def answer(self, number: int, text: str) -> dict[str, Any]:
        """The DX team answers consultation ``number`` through the admin API."""
        data = await self._call("POST", f"/api/v1/consultations/{number}/answer", {"text": text})
        consultation: dict[str, Any] = data["consultation"]
        return consultation

    async def _call(self, method: str, path: str, body: object) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.admin_token}"} if "/consultations" in path else {}
        async with self.session.request(method, self.base + path, json=body, headers=headers) as response:
            if not 200 <= response.status < 300:
                raise Refused(response.status, await response.text())
            data: dict[str, Any] = await response.json()
            return data
