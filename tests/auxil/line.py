"""A fake LINE platform on 127.0.0.1: the Messaging API the bot calls, and the webhooks LINE sends.

The API side answers what the SDK's async client sends (``/v2/bot/message/reply``,
``/v2/bot/message/push``, ``/v2/bot/chat/loading/start``) the way LINE does:
a bearer token is required; a reply token works once (a second use, or one
the test expired, is 400 "Invalid reply token"); at most five messages; a
push with an ``X-Line-Retry-Key`` already accepted is 409. A person the test
`block`s is refused pushes with 400 (an assumption: LINE's documented
behaviour towards blocked users is not in our sources).

The webhook side builds signed request bodies as LINE does: base64 of
HMAC-SHA256 over the body with the channel secret.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.auxil.channels import Sent, Via, Webhook
from tests.auxil.platforms import Changes, Hold, serve_locally

SECRET = "0f3c2b1a9e8d7c6b5a4f3e2d1c0b9a87"
"""A channel secret has the console's shape (32 hexadecimal characters): the settings refuse any other."""
TOKEN = "test-line-access-token"
BOT_ID = "Ubot0000000000000000000000000000"


def sign(body: bytes, secret: str = SECRET) -> str:
    """LINE's ``X-Line-Signature`` for ``body``."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@dataclass
class Call:
    """One request the bot made to the fake API."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    status: int
    at: float = field(default_factory=time.monotonic)
    """When it arrived (``time.monotonic``, comparable across processes on Linux)."""


@dataclass
class FakeLine:
    """The fake platform; implements `tests.auxil.channels.Platform`."""

    port: int = 0
    calls: list[Call] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    expired: set[str] = field(default_factory=set)
    hold_loading: Hold | None = None
    hold_replying: Hold | None = None
    """When set (`hold_indicator`), the next loading animation request waits for its release."""
    loading_status: int = 200
    pause: int = 0
    """When above 0 (`pause_next`), the next reply or push is refused 429 with this ``Retry-After``."""
    """What every loading animation request is answered (another status: LINE's error body with it)."""
    _used_tokens: set[str] = field(default_factory=set)
    _retry_keys: set[str] = field(default_factory=set)
    _sent: list[Sent] = field(default_factory=list)
    _changes: Changes = field(default_factory=Changes)
    _tokens: itertools.count[int] = field(default_factory=itertools.count)
    _token_users: dict[str, str] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    channel = "line"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v2/bot/message/reply", self._reply)
        app.router.add_post("/v2/bot/message/push", self._push)
        app.router.add_post("/v2/bot/chat/loading/start", self._loading)
        self._runner, self.port = await serve_locally(app, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def settings(self) -> dict[str, str]:
        return {
            "LINE_CHANNEL_SECRET": SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
            "LINE_API_BASE_URL": self.url,
        }

    # -- webhooks, as LINE sends them -----------------------------------------

    def event(self, user: str, kind: str, event_id: str, **fields: Any) -> dict[str, Any]:
        """One webhook event of ``kind`` from ``user`` (one-to-one), with a fresh reply token."""
        event: dict[str, Any] = {
            "type": kind,
            "mode": "active",
            "timestamp": int(time.time() * 1000),
            "source": {"type": "user", "userId": user},
            "webhookEventId": event_id,
            "deliveryContext": {"isRedelivery": False},
            **fields,
        }
        if kind != "unfollow":
            event["replyToken"] = f"token-{next(self._tokens)}"
        return event

    def webhook(self, *events: dict[str, Any]) -> Webhook:
        """A signed webhook carrying ``events``; their reply tokens answer to the chat they came from."""
        for event in events:
            source = event.get("source", {})
            chat = source.get("groupId") or source.get("roomId") or source.get("userId", "")
            if "replyToken" in event:
                self._token_users[event["replyToken"]] = chat
        body = json.dumps({"destination": BOT_ID, "events": list(events)}, ensure_ascii=False).encode()
        return Webhook(
            "/webhooks/line", body, {"X-Line-Signature": sign(body), "Content-Type": "application/json"}
        )

    def text(self, user: str, text: str, event_id: str) -> Webhook:
        message = {"id": event_id, "type": "text", "text": text, "quoteToken": "q"}
        return self.webhook(self.event(user, "message", event_id, message=message))

    def edited(self, webhook: Webhook, text: str, event_id: str) -> Webhook:
        """The ``messageEdited`` LINE sends when the text of ``webhook`` is edited to ``text``.

        As LINE's reference shows it: the event's own id and reply token, the same source, and the
        message with the edited message's ``id`` (LINE keeps it across edits) and the new text.
        """
        (original,) = json.loads(webhook.body)["events"]
        message = {**original["message"], "text": text}
        edit = self.event("", "messageEdited", event_id, message=message)
        edit["source"] = original["source"]
        return self.webhook(edit)

    def press(self, user: str, action: str, event_id: str) -> Webhook:
        return self.webhook(self.event(user, "postback", event_id, postback={"data": action}))

    def sticker(self, user: str, event_id: str) -> Webhook:
        message = {
            "id": event_id,
            "type": "sticker",
            "packageId": "1",
            "stickerId": "1",
            "stickerResourceType": "STATIC",
            "quoteToken": "q",
        }
        return self.webhook(self.event(user, "message", event_id, message=message))

    def follow(self, user: str, event_id: str) -> Webhook:
        return self.webhook(self.event(user, "follow", event_id, follow={"isUnblocked": False}))

    def unfollow(self, user: str, event_id: str) -> Webhook:
        return self.webhook(self.event(user, "unfollow", event_id))

    def forged(self, webhook: Webhook) -> Webhook:
        return Webhook(
            webhook.path, webhook.body, {**webhook.headers, "X-Line-Signature": sign(webhook.body, "wrong")}
        )

    def unsigned(self, webhook: Webhook) -> Webhook:
        headers = {k: v for k, v in webhook.headers.items() if k != "X-Line-Signature"}
        return Webhook(webhook.path, webhook.body, headers)

    def block(self, user: str) -> None:
        self.blocked.add(user)

    def pause_next(self, seconds: int) -> None:
        self.pause = seconds

    def hold_indicator(self) -> Hold:
        """Leave the next loading animation request unanswered until the returned hold is released."""
        self.hold_loading = Hold()
        return self.hold_loading

    def hold_reply(self) -> Hold:
        """Leave the next reply request unanswered until the returned hold is released."""
        self.hold_replying = Hold()
        return self.hold_replying

    # -- what the bot sent ----------------------------------------------------

    async def sent(self, user: str, count: int) -> list[Sent]:
        await self.until(lambda: len(self.all_sent(user)) >= count)
        return self.all_sent(user)[:count]

    async def until(self, check: Callable[[], bool], seconds: float = 10) -> None:
        """Wait (up to ``seconds``) until ``check`` holds, looking again after every request."""
        await self._changes.until(check, seconds)

    async def quiet(self, seconds: float = 0.5) -> None:
        """Wait until no request has come for ``seconds``.

        A process killed mid-request may have written requests this fake has not read yet when the test
        sees it dead: they land here first, so that what it counts as sent before the kill is all of it.
        """
        count = -1
        while count != len(self.calls):
            count = len(self.calls)
            await asyncio.sleep(seconds)

    def all_sent(self, user: str) -> list[Sent]:
        return [s for s in self._sent if s.to == user]

    def requests(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.path == path]

    # -- the API --------------------------------------------------------------

    async def _reply(self, request: web.Request) -> web.Response:
        if self.hold_replying is not None:
            hold, self.hold_replying = self.hold_replying, None
            await hold.keep(request)
        body, refusal = await self._read(request)
        refusal = refusal or self._paused()
        token = str(body.get("replyToken", ""))
        if refusal is None and (token in self._used_tokens or token in self.expired or not token):
            refusal = web.json_response({"message": "Invalid reply token"}, status=400)
        self._used_tokens.add(token)
        return self._record(request, body, refusal, "reply", self._reply_target(token))

    async def _push(self, request: web.Request) -> web.Response:
        body, refusal = await self._read(request)
        refusal = refusal or self._paused()
        to = str(body.get("to", ""))
        key = request.headers.get("X-Line-Retry-Key")
        if refusal is None and key is not None and key in self._retry_keys:
            refusal = web.json_response({"message": "The retry key is already accepted"}, status=409)
        if refusal is None and to in self.blocked:
            refusal = web.json_response({"message": "Failed to send messages"}, status=400)
        if refusal is None and key is not None:
            self._retry_keys.add(key)
        return self._record(request, body, refusal, "push", to)

    async def _loading(self, request: web.Request) -> web.Response:
        if self.hold_loading is not None:
            hold, self.hold_loading = self.hold_loading, None
            await hold.keep(request)
        body, refusal = await self._read(request)
        if refusal is None and self.loading_status != 200:
            refusal = web.json_response({"message": "An error occurred"}, status=self.loading_status)
        return self._record(request, body, refusal, None, str(body.get("chatId", "")))

    async def _read(self, request: web.Request) -> tuple[dict[str, Any], web.Response | None]:
        body = await request.json()
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return body, web.json_response({"message": "Authentication failed"}, status=401)
        if len(body.get("messages", [])) > 5:
            return body, web.json_response({"message": "Size must be between 1 and 5"}, status=400)
        return body, None

    def _paused(self) -> web.Response | None:
        if not self.pause:
            return None
        wait, self.pause = self.pause, 0
        body = {"message": "The API rate limit has been exceeded. Try again later."}
        return web.json_response(body, status=429, headers={"Retry-After": str(wait)})

    def _record(
        self,
        request: web.Request,
        body: dict[str, Any],
        refusal: web.Response | None,
        via: Via | None,
        to: str,
    ) -> web.Response:
        status = 200 if refusal is None else refusal.status
        self.calls.append(Call(request.path, body, dict(request.headers), status))
        if refusal is not None:
            self._changes.happened()
            return refusal
        if via is not None:
            self._sent.extend(_sent(to, body.get("messages", []), via))
        self._changes.happened()
        return web.json_response({"sentMessages": [{"id": "1", "quoteToken": "q"}]} if via else {})

    def _reply_target(self, token: str) -> str:
        """The user a reply token was issued to (the webhook bodies the test built name it)."""
        return self._token_users.get(token, "")


def _sent(to: str, messages: list[dict[str, Any]], via: Via) -> list[Sent]:
    """The messages of one request as `Sent` values: a carousel joins the text before it."""
    found: list[Sent] = []
    for message in messages:
        labels, actions = _buttons(message)
        if message["type"] == "text" or not found:
            text = message.get("text") or message.get("altText", "")
            found.append(Sent(to, text, labels, actions, via))
        else:
            last = found[-1]
            found[-1] = Sent(to, last.text, last.buttons + labels, last.actions + actions, via)
    return found


def _buttons(message: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    actions: list[dict[str, Any]] = []
    for bubble in message.get("contents", {}).get("contents", []) if message["type"] == "flex" else []:
        actions.extend(b["action"] for b in bubble.get("footer", {}).get("contents", []))
    actions.extend(item["action"] for item in message.get("quickReply", {}).get("items", []))
    return tuple(a.get("displayText") or a["label"] for a in actions), tuple(a["data"] for a in actions)
