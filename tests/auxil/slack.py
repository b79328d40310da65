"""A fake Slack on 127.0.0.1: the Web API the bot calls, and the requests Slack sends to the bot.

The Web API side answers what slack-sdk's `AsyncWebClient` sends
(``POST /api/<method>``, JSON, ``Authorization: Bearer <token>``) the way
Slack does: ``{"ok": true, …}`` with HTTP 200; ``{"ok": false, "error":
"invalid_auth"}`` for another token; for a channel the test marks `gone`,
``{"ok": false, "error": <its error>}`` (``channel_not_found``,
``is_archived``…) with HTTP 200, as Slack answers; and scripted refusals
(`refuse`): ``ratelimited`` is HTTP 429 with ``Retry-After``, as Slack's
rate limiter answers; ``auth.test`` names the workspace `team` (never
held or refused). Every call is recorded; `hold` keeps calls waiting
until `release`. ``chat.postMessage`` checks
what Slack checks and the bot relies on: a channel, a ``text`` or
``blocks``, at most 50 blocks, button texts of at most 75 characters.

The request side builds what Slack sends to the Request URL, signed as
Slack signs it (``v0=`` + hex HMAC-SHA256 of ``v0:<timestamp>:<body>`` with
the signing secret; written here from Slack's description, not with the
SDK's code that the bot verifies with): Events API envelopes (JSON) and
interaction payloads (a form with one ``payload`` field).

A person's direct-message channel with the bot is `dm` of their user id.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

from aiohttp import web

from tests.auxil.channels import Sent, Webhook
from tests.auxil.platforms import Changes, serve_locally
from tests.auxil.teamroom import OnFake
from tests.auxil.teamroom import Posted as RoomPost

SECRET = "test-slack-signing-secret"
TOKEN = "xoxb-test-slack-bot-token"
BOT_USER = "UBOT0KAIZEN"
BOT_ID = "BKAIZEN01"
TEAM = "T0WARD0001"
PATH = "/webhooks/slack"


def sign(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    """Slack's ``X-Slack-Signature`` for ``body`` sent at ``timestamp``."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def dm(user: str) -> str:
    """The direct-message channel of ``user`` with the bot."""
    return "D" + user[1:]


def escape(text: str) -> str:
    """Text as Slack sends what a person typed: ``&``, ``<`` and ``>`` as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Call:
    """One Web API call the bot made."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    status: int
    error: str | None


@dataclass
class FakeSlack:
    """The fake platform; implements `tests.auxil.channels.Platform`."""

    port: int = 0
    calls: list[Call] = field(default_factory=list)
    arrived: list[str] = field(default_factory=list)
    gone: dict[str, str] = field(default_factory=dict)
    refusals: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    team: str = TEAM
    """The workspace ``auth.test`` names: the bot token's."""
    pause: int = 0
    """When above 0 (`pause_next`), the next ``chat.postMessage`` is ``ratelimited``, this ``Retry-After``."""
    passing: int = 0
    """How many ``chat.postMessage`` calls still go through before the pause (`pause_after`)."""
    _sent: list[Sent] = field(default_factory=list)
    _changes: Changes = field(default_factory=Changes)
    _open: asyncio.Event = field(default_factory=asyncio.Event)
    _clock: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None

    channel = "slack"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        self._open.set()
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        self._runner, self.port = await serve_locally(app, self.port)

    async def stop(self) -> None:
        self._open.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def settings(self) -> dict[str, str]:
        return {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_BASE_URL": self.url}

    # -- requests, as Slack sends them -----------------------------------------

    def ts(self) -> str:
        """A fresh message timestamp, as Slack's ids of messages look."""
        return f"{int(time.time())}.{next(self._clock):06d}"

    def envelope(self, event: dict[str, Any], event_id: str) -> dict[str, Any]:
        """An Events API envelope around ``event``, as Slack delivers it to the app."""
        return {
            "token": "verification-token",
            "team_id": TEAM,
            "api_app_id": "A0KAIZEN",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": TEAM,
                    "user_id": BOT_USER,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJ{event_id}",
        }

    def message(self, user: str, text: str, **fields: Any) -> dict[str, Any]:
        """A ``message`` event: ``user`` wrote ``text`` to the bot in their direct message."""
        ts = self.ts()
        return {
            "client_msg_id": f"msg-{ts}",
            "type": "message",
            "text": escape(text),
            "user": user,
            "ts": ts,
            "team": TEAM,
            "channel": dm(user),
            "event_ts": ts,
            "channel_type": "im",
            **fields,
        }

    def edited(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        """The ``message_changed`` event Slack sends when the author of ``message`` edits it to ``text``.

        Shaped as bolt-python's sample (``bolt-payloads.json``), in a direct message, with the
        edited message's own ``ts`` (a change has an event ``ts`` of its own).
        """
        ts = self.ts()
        keep = ("client_msg_id", "type", "text", "user", "ts", "team", "thread_ts")
        before = {key: message[key] for key in keep if key in message}
        after = {**before, "text": escape(text), "edited": {"user": message["user"], "ts": ts}}
        return {
            "type": "message",
            "subtype": "message_changed",
            "message": after,
            "previous_message": before,
            "channel": message["channel"],
            "hidden": True,
            "ts": ts,
            "event_ts": ts,
            "channel_type": message["channel_type"],
        }

    def events(self, event: dict[str, Any], event_id: str, headers: dict[str, str] | None = None) -> Webhook:
        """A signed Events API request carrying ``event`` (with extra ``headers``: a retry's)."""
        body = json.dumps(self.envelope(event, event_id), ensure_ascii=False).encode()
        return self.signed(body, "application/json", headers=headers)

    def signed(
        self,
        body: bytes,
        content_type: str,
        *,
        at: float | None = None,
        headers: dict[str, str] | None = None,
    ) -> Webhook:
        """``body`` signed as Slack signs it, sent at ``at`` (now by default)."""
        timestamp = str(int(time.time() if at is None else at))
        signed = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign(body, timestamp),
            **(headers or {}),
        }
        return Webhook(PATH, body, signed)

    def text(self, user: str, text: str, event_id: str) -> Webhook:
        return self.events(self.message(user, text), event_id)

    def mention(self, user: str, channel: str, text: str, event_id: str, **fields: Any) -> Webhook:
        """``user`` called the bot in ``channel``: ``<@bot> text``."""
        ts = self.ts()
        event = {
            "client_msg_id": f"msg-{ts}",
            "type": "app_mention",
            "text": f"<@{BOT_USER}> {escape(text)}",
            "user": user,
            "ts": ts,
            "team": TEAM,
            "channel": channel,
            "event_ts": ts,
            **fields,
        }
        return self.events(event, event_id)

    def press(self, user: str, action: str, event_id: str, *, message_ts: str | None = None) -> Webhook:
        return self.interaction(self.block_actions(user, action, event_id, message_ts=message_ts))

    def block_actions(
        self, user: str, action: str, event_id: str, *, message_ts: str | None = None
    ) -> dict[str, Any]:
        """The ``block_actions`` payload of ``user`` pressing a button whose value is ``action``."""
        message_ts = message_ts or self.ts()
        return {
            "type": "block_actions",
            "user": {"id": user, "username": "staff", "name": "staff", "team_id": TEAM},
            "api_app_id": "A0KAIZEN",
            "token": "verification-token",
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": dm(user),
                "is_ephemeral": False,
            },
            "trigger_id": f"{event_id}.4242.abcdef",
            "team": {"id": TEAM, "domain": "ward-office"},
            "channel": {"id": dm(user), "name": "directmessage"},
            "message": {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": message_ts, "text": "…"},
            "response_url": "https://hooks.slack.com/actions/T0WARD0001/1/abc",
            "actions": [
                {
                    "action_id": "kaizen-c-0",
                    "block_id": "b1",
                    "text": {"type": "plain_text", "text": "button", "emoji": True},
                    "value": action,
                    "type": "button",
                    "action_ts": f"{int(time.time())}.{next(self._clock):06d}",
                }
            ],
        }

    def interaction(self, payload: dict[str, Any]) -> Webhook:
        """A signed interaction request: a form with the JSON ``payload``."""
        body = f"payload={quote(json.dumps(payload, ensure_ascii=False))}".encode()
        return self.signed(body, "application/x-www-form-urlencoded")

    def sticker(self, user: str, event_id: str) -> Webhook:
        image = {"id": "F0PHOTO", "name": "photo.png", "mimetype": "image/png", "filetype": "png"}
        event = self.message(user, "", subtype="file_share", files=[image], upload=False)
        return self.events(event, event_id)

    def unfollow(self, user: str, event_id: str) -> Webhook:
        person = {"id": user, "team_id": TEAM, "name": "staff", "deleted": True, "is_bot": False}
        return self.events({"type": "user_change", "user": person, "event_ts": self.ts()}, event_id)

    def forged(self, webhook: Webhook) -> Webhook:
        timestamp = webhook.headers["X-Slack-Request-Timestamp"]
        headers = {**webhook.headers, "X-Slack-Signature": sign(webhook.body, timestamp, "wrong")}
        return Webhook(webhook.path, webhook.body, headers)

    def unsigned(self, webhook: Webhook) -> Webhook:
        headers = {k: v for k, v in webhook.headers.items() if k != "X-Slack-Signature"}
        return Webhook(webhook.path, webhook.body, headers)

    def block(self, user: str) -> None:
        self.gone[dm(user)] = "channel_not_found"

    def pause_next(self, seconds: int) -> None:
        self.pause = seconds

    def pause_after(self, sent: int, seconds: int) -> None:
        self.passing, self.pause = sent, seconds

    def refuse(self, error: str, status: int = 200, retry_after: str | None = None) -> None:
        """Refuse the next Web API call with ``error`` (``ratelimited`` is 429 with ``Retry-After``)."""
        headers = {} if retry_after is None else {"Retry-After": retry_after}
        self.refusals.append((error, {"status": str(status), **headers}))

    def hold(self) -> None:
        """Keep every Web API call waiting (recorded as it arrives) until `release`."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    # -- what the bot sent -----------------------------------------------------

    async def sent(self, user: str, count: int) -> list[Sent]:
        await self.until(lambda: len(self.all_sent(user)) >= count)
        return self.all_sent(user)[:count]

    async def until(self, check: Callable[[], bool]) -> None:
        """Wait (up to ten seconds) until ``check`` holds, looking again after every call."""
        await self._changes.until(check, 10)

    def all_sent(self, user: str) -> list[Sent]:
        return [s for s in self._sent if s.to == dm(user)]

    def posted(self, channel: str | None = None) -> list[Call]:
        """The ``chat.postMessage`` calls Slack accepted (to ``channel``, if given)."""
        return [
            c
            for c in self.calls
            if c.method == "chat.postMessage"
            and c.error is None
            and (channel is None or c.body.get("channel") == channel)
        ]

    # -- the Web API -----------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await _body(request)
        self.arrived.append(method)
        self._changes.happened()
        if method != "auth.test":  # the bot's one question about itself: held and refused never
            await self._open.wait()
        error, status, headers = self._check(method, request, body)
        self.calls.append(Call(method, body, dict(request.headers), status, error))
        self._changes.happened()
        if error is not None:
            return web.json_response({"ok": False, "error": error}, status=status, headers=headers)
        if method == "auth.test":
            return web.json_response(
                {"ok": True, "team_id": self.team, "user_id": BOT_USER, "bot_id": BOT_ID, "team": "ward"}
            )
        if method != "chat.postMessage":
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        ts = self.ts()
        self._sent.append(_sent(body))
        return web.json_response({"ok": True, "channel": body["channel"], "ts": ts, "message": {"ts": ts}})

    def _check(
        self, method: str, request: web.Request, body: dict[str, Any]
    ) -> tuple[str | None, int, dict[str, str]]:
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return "invalid_auth", 200, {}
        if self.refusals and method != "auth.test":
            error, headers = self.refusals.pop(0)
            status = int(headers.pop("status"))
            if error == "ratelimited":
                status = 429
            return error, status, headers
        if method != "chat.postMessage":
            return None, 200, {}
        if self.pause and self.passing:
            self.passing -= 1
        elif self.pause:
            wait, self.pause = self.pause, 0
            return "ratelimited", 429, {"Retry-After": str(wait)}
        channel = str(body.get("channel", ""))
        if channel in self.gone:
            return self.gone[channel], 200, {}
        blocks = body.get("blocks") or []
        if not channel or not (body.get("text") or blocks):
            return "no_text", 200, {}
        if len(blocks) > 50 or any(len(label) > 75 for label, _ in _buttons(blocks)):
            return "invalid_blocks", 200, {}
        return None, 200, {}


async def _body(request: web.Request) -> dict[str, Any]:
    """A Web API call's arguments: JSON (slack-sdk's way for chat.postMessage) or a form."""
    if request.content_type == "application/json":
        data = await request.json()
        return data if isinstance(data, dict) else {}
    fields = dict(parse_qsl(await request.text()))
    return {k: json.loads(v) if k in ("blocks", "metadata") else v for k, v in fields.items()}


def _sent(body: dict[str, Any]) -> Sent:
    buttons = [(label, value) for label, value in _buttons(body.get("blocks") or []) if value is not None]
    metadata = body.get("metadata") or {}
    return Sent(
        to=str(body["channel"]),
        text=html.unescape(str(body.get("text", ""))),
        buttons=tuple(label for label, _ in buttons),
        actions=tuple(str(value) for _, value in buttons),
        via="push" if metadata.get("event_type") == "kaizen_push" else "reply",
    )


def _buttons(blocks: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for block in blocks:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element.get("type") == "button":
                found.append((element["text"]["text"], element.get("value")))
    return found


class SlackRoom(OnFake[FakeSlack]):
    """A Slack channel as the DX team's room (`tests.auxil.teamroom.RoomPlatform`)."""

    channel = "slack"
    room = "C0DXROOM01"
    threads = True

    def __init__(self) -> None:
        super().__init__(FakeSlack())

    def user(self, name: str) -> str:
        return f"U{name.upper()}01"

    def joined(self, event_id: str) -> Webhook:
        """Slack sends no event when the app is invited; the first bare mention stands for it."""
        return self.fake.mention(self.user("someone"), self.room, "", event_id)

    def said(self, name: str, text: str, event_id: str) -> Webhook:
        return self.fake.mention(self.user(name), self.room, text, event_id)

    def refuse(self, *statuses: int) -> None:
        for status in statuses:
            if status == 429:
                self.fake.refuse("ratelimited", 429, retry_after="1")
            else:
                self.fake.refuse("internal_error", status)

    async def posted(self, count: int) -> list[RoomPost]:
        await self.fake.until(lambda: len(self.all_posted()) >= count)
        return self.all_posted()[:count]

    def all_posted(self) -> list[RoomPost]:
        found: list[RoomPost] = []
        for call in self.fake.posted(self.room):
            text = html.unescape(str(call.body.get("text", "")))
            blocks = call.body.get("blocks") or []
            if isinstance(blocks, str):
                blocks = json.loads(blocks)
            links = tuple(
                element["url"]
                for block in blocks
                if block.get("type") == "actions"
                for element in block.get("elements", [])
                if element.get("url")
            )
            found.append(RoomPost(text, links, bool(call.body.get("thread_ts"))))
        return found
