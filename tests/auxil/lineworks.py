"""A fake LINE WORKS on 127.0.0.1: the auth server, the message API, and the callbacks LINE WORKS sends.

The bot's own client (`bot.handlers.lineworks.api`) talks to it over real
HTTP, both base URLs pointing here:

- **auth** ``POST /oauth2/v2.0/token``: the form LINE WORKS takes; the JWT
  assertion is verified with the public half of an RSA key pair made for
  this fake (RS256, ``iss`` the client id, ``sub`` the service account,
  ``iat``/``exp`` present and current), the client secret and the grant
  type checked; 400 ``invalid_grant`` otherwise. Each token it issues is
  valid `lifetime` seconds (``expires_in`` as a string, as LINE WORKS sends it);
  the next statuses of `token_script` are answered first (an outage).
- **messages** ``POST /v1.0/bots/{botId}/users/{userId}/messages`` and
  ``.../channels/{channelId}/messages``: the bearer token must be one it
  issued and has not `revoke`d (401 otherwise); a user the test `block`s, or a
  room it marks `gone`, is refused (403, or the status given); the next
  statuses of `script` are answered first (429 with ``Retry-After``, 503, …).
  Accepted: 201, and the content is recorded.

LINE WORKS has no reply token: an answer and a push are the same request.
The bot names the outbox message in ``Idempotency-Key`` when it pushes
from the outbox (as every sender of the project does), so `Sent.via` is
``push`` for those and ``reply`` for an answer sent in the event's turn.

The callback side signs bodies as LINE WORKS does: base64 of HMAC-SHA256
over the body, keyed with the Bot Secret, with ``X-WORKS-BotId``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives import serialization

from tests.auxil.channels import Sent, Via, Webhook
from tests.auxil.platforms import Changes, Hold, rsa_key, serve_locally
from tests.auxil.teamroom import OnFake, Posted

BOT_ID = "6807091"
BOT_SECRET = "test-lineworks-bot-secret"
CLIENT_ID = "test-client-id"
CLIENT_SECRET = "test-client-secret"
SERVICE_ACCOUNT = "abcde.serviceaccount@example.lineworks"
DOMAIN_ID = 40029600
PATH = "/webhooks/lineworks"

Step = int | tuple[int, dict[str, str]]


def sign(body: bytes, secret: str = BOT_SECRET) -> str:
    """LINE WORKS' ``X-WORKS-Signature`` for ``body``."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@dataclass
class Message:
    """One content the fake accepted."""

    kind: str
    """``users`` or ``channels``."""
    to: str
    content: dict[str, Any]
    idempotency_key: str | None


@dataclass
class FakeLineWorks:
    """The fake platform; implements `tests.auxil.channels.Platform`."""

    lifetime: int = 86400
    port: int = 0
    script: list[Step] = field(default_factory=list)
    token_script: list[Step] = field(default_factory=list)
    """Statuses the auth server answers first (503, …), before it issues tokens again."""
    blocked: set[str] = field(default_factory=set)
    gone: dict[str, int] = field(default_factory=dict)
    """Rooms (channel ids) the bot can no longer post to, with the status to answer."""
    messages: list[Message] = field(default_factory=list)
    token_requests: int = 0
    refused: list[int] = field(default_factory=list)
    """Statuses of every refused message request, in order."""
    hang: Hold | None = None
    """When set (`hang_after`), a message request past ``passing`` waits for its release, then fails."""
    passing: int = 0
    _tokens: set[str] = field(default_factory=set)
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _issued: datetime = field(default_factory=lambda: datetime.now(UTC))
    _changes: Changes = field(default_factory=Changes)
    _runner: web.AppRunner | None = None
    _dir: Path | None = None

    channel = "lineworks"

    def __post_init__(self) -> None:
        self.key = rsa_key("lineworks")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/oauth2/v2.0/token", self._token)
        app.router.add_post("/v1.0/bots/{bot}/{kind:users|channels}/{id}/messages", self._message)
        self._runner, self.port = await serve_locally(app, self.port)
        self._dir = Path(tempfile.mkdtemp(prefix="fake-lineworks-"))
        self.key_file.write_bytes(
            self.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)

    @property
    def key_file(self) -> Path:
        """The service account's private key, as the Developer Console hands it out (PEM)."""
        assert self._dir is not None, "start the fake first"
        return self._dir / "private.key"

    def settings(self) -> dict[str, str]:
        return {
            "LINEWORKS_BOT_ID": BOT_ID,
            "LINEWORKS_BOT_SECRET": BOT_SECRET,
            "LINEWORKS_CLIENT_ID": CLIENT_ID,
            "LINEWORKS_CLIENT_SECRET": CLIENT_SECRET,
            "LINEWORKS_SERVICE_ACCOUNT": SERVICE_ACCOUNT,
            "LINEWORKS_PRIVATE_KEY_FILE": str(self.key_file),
            "LINEWORKS_API_BASE_URL": f"{self.url}/v1.0",
            "LINEWORKS_AUTH_BASE_URL": f"{self.url}/oauth2/v2.0",
        }

    # -- callbacks, as LINE WORKS sends them ----------------------------------

    def callback(self, kind: str, user: str | None, room: str | None = None, **fields: Any) -> dict[str, Any]:
        """A callback body; each one a millisecond later than the last, as no two real ones are equal."""
        source: dict[str, Any] = {"domainId": DOMAIN_ID}
        if user is not None:
            source["userId"] = user
        if room is not None:
            source["channelId"] = room
        moment = self._issued + timedelta(milliseconds=next(self._counter))
        issued = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        return {"type": kind, "source": source, "issuedTime": issued, **fields}

    def webhook(self, body: dict[str, Any], bot_id: str = BOT_ID) -> Webhook:
        raw = json.dumps(body, ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json; charset=UTF-8",
            "X-WORKS-Signature": sign(raw),
            "X-WORKS-BotId": bot_id,
        }
        return Webhook(PATH, raw, headers)

    def text(self, user: str, text: str, event_id: str) -> Webhook:
        return self.webhook(self.callback("message", user, content={"type": "text", "text": text}))

    def press(self, user: str, action: str, event_id: str) -> Webhook:
        return self.webhook(self.callback("postback", user, data=action))

    def sticker(self, user: str, event_id: str) -> Webhook:
        content = {"type": "sticker", "packageId": "789", "stickerId": "10855"}
        return self.webhook(self.callback("message", user, content=content))

    def unfollow(self, user: str, event_id: str) -> Webhook:
        return self.webhook(self.callback("end", user, room=f"1on1-{user}"))

    def in_room(self, user: str, room: str, text: str) -> Webhook:
        """``user`` said ``text`` in the room ``room``."""
        return self.webhook(self.callback("message", user, room, content={"type": "text", "text": text}))

    def forged(self, webhook: Webhook) -> Webhook:
        return Webhook(
            webhook.path, webhook.body, {**webhook.headers, "X-WORKS-Signature": sign(webhook.body, "wrong")}
        )

    def unsigned(self, webhook: Webhook) -> Webhook:
        headers = {k: v for k, v in webhook.headers.items() if k != "X-WORKS-Signature"}
        return Webhook(webhook.path, webhook.body, headers)

    def block(self, user: str) -> None:
        self.blocked.add(user)

    def pause_next(self, seconds: int) -> None:
        self.script.append((429, {"Retry-After": str(seconds)}))

    def pause_after(self, sent: int, seconds: int) -> None:
        self.script.extend([201] * sent)
        self.pause_next(seconds)

    def hang_after(self, sent: int) -> Hold:
        """Let ``sent`` messages through, then leave the next unanswered until the returned hold is released.

        Released, it fails (502) and shows nothing: the bot gave up on it meanwhile.
        """
        self.passing, self.hang = sent, Hold()
        return self.hang

    def revoke(self) -> None:
        """Every token issued so far stops working (as after its expiry): the next message gets 401."""
        self._tokens.clear()

    # -- what the bot sent ----------------------------------------------------

    async def sent(self, user: str, count: int) -> list[Sent]:
        await self.until(lambda: len(self.all_sent(user)) >= count)
        return self.all_sent(user)[:count]

    async def until(self, check: Callable[[], bool]) -> None:
        """Wait (up to ten seconds) until ``check`` holds, looking again after every request."""
        await self._changes.until(check, 10)

    def all_sent(self, user: str) -> list[Sent]:
        return _sents(user, [m for m in self.messages if m.kind == "users" and m.to == user])

    def room_sent(self, room: str) -> list[Message]:
        return [m for m in self.messages if m.kind == "channels" and m.to == room]

    # -- the API --------------------------------------------------------------

    async def _token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        form = await request.post()
        problem = self._check_grant({k: str(v) for k, v in form.items()})
        self._changes.happened()
        if self.token_script:
            step = self.token_script.pop(0)
            status, headers = step if isinstance(step, tuple) else (step, {})
            return web.json_response({"error": "temporarily_unavailable"}, status=status, headers=headers)
        if problem:
            return web.json_response({"error": "invalid_grant", "error_description": problem}, status=400)
        token = f"fake-token-{next(self._counter)}"
        self._tokens.add(token)
        body = {
            "access_token": token,
            "refresh_token": f"refresh-{token}",
            "scope": "bot",
            "token_type": "Bearer",
            "expires_in": str(self.lifetime),
        }
        return web.json_response(body)

    def _check_grant(self, form: dict[str, str]) -> str | None:
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return "grant_type"
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return "client"
        if form.get("scope") != "bot":
            return "scope"
        try:
            claims = jwt.decode(
                form.get("assertion", ""),
                self.key.public_key(),
                algorithms=["RS256"],
                issuer=CLIENT_ID,
                options={"require": ["iss", "sub", "iat", "exp"]},
            )
        except jwt.PyJWTError as exc:
            return f"assertion: {exc}"
        if claims["sub"] != SERVICE_ACCOUNT:
            return "assertion: sub"
        if not claims["iat"] <= time.time() + 60 < claims["exp"] + 60:
            return "assertion: iat/exp"
        return None

    async def _message(self, request: web.Request) -> web.Response:
        body = await request.json()
        kind, to = request.match_info["kind"], request.match_info["id"]
        if self.hang is not None:
            if self.passing:
                self.passing -= 1
            else:
                hung, self.hang = self.hang, None
                await hung.keep(request)
                self.refused.append(502)
                self._changes.happened()
                return web.json_response({"code": "BAD_GATEWAY"}, status=502)
        refusal = self._refusal(request, kind, to)
        if refusal is not None:
            self.refused.append(refusal.status)
        else:
            key = request.headers.get("Idempotency-Key")
            self.messages.append(Message(kind, to, body["content"], key))
        self._changes.happened()
        return refusal or web.Response(status=201)

    def _refusal(self, request: web.Request, kind: str, to: str) -> web.Response | None:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if request.match_info["bot"] != BOT_ID:
            return web.json_response({"code": "NOT_FOUND", "description": "bot"}, status=404)
        if token not in self._tokens:
            return web.json_response(
                {"code": "UNAUTHORIZED", "description": "Authentication failed"}, status=401
            )
        if self.script:
            step = self.script.pop(0)
            status, headers = step if isinstance(step, tuple) else (step, {})
            if not 200 <= status < 300:
                return web.json_response({"code": "SCRIPTED"}, status=status, headers=headers)
        if kind == "users" and to in self.blocked:
            return web.json_response({"code": "FORBIDDEN", "description": "user"}, status=403)
        if kind == "channels" and to in self.gone:
            return web.json_response({"code": "NOT_FOUND", "description": "channel"}, status=self.gone[to])
        return None


def _sents(user: str, messages: list[Message]) -> list[Sent]:
    """Contents as `Sent` values: a carousel joins the text before it, as one reply's cards."""
    found: list[Sent] = []
    for message in messages:
        content = message.content
        actions = [action for column in content.get("columns", []) for action in column["actions"]]
        actions += [item["action"] for item in content.get("quickReply", {}).get("items", [])]
        labels = tuple(a.get("displayText") or a["label"] for a in actions)
        data = tuple(a["data"] for a in actions)
        via: Via = "push" if message.idempotency_key else "reply"
        if content["type"] == "text" or not found:
            found.append(Sent(user, content.get("text", ""), labels, data, via))
        else:
            last = found[-1]
            found[-1] = Sent(user, last.text, last.buttons + labels, last.actions + data, last.via)
    return found


class LineWorksRoom(OnFake[FakeLineWorks]):
    """A LINE WORKS room as the DX team's room (`tests.auxil.teamroom.RoomPlatform`).

    LINE WORKS sends the bot every line of the room; the team addresses the
    bot with its mention tag. It has no threads and no quotes: every post is
    a new message (`Posted.reply` is always False).
    """

    channel = "lineworks"
    room = "a1b2c3d4-dx00-4e5f-8a9b-000000000001"
    threads = False

    def __init__(self) -> None:
        super().__init__(FakeLineWorks())

    def user(self, name: str) -> str:
        return f"{name}-0000-4000-8000-works"

    def joined(self, event_id: str) -> Webhook:
        """LINE WORKS' ``join``: the bot was invited to the room (it names no user)."""
        return self.fake.webhook(self.fake.callback("join", None, self.room))

    def said(self, name: str, text: str, event_id: str) -> Webhook:
        return self.fake.in_room(self.user(name), self.room, f'<m userId="{BOT_ID}">{text}')

    def refuse(self, *statuses: int) -> None:
        self.fake.script.extend((s, {"Retry-After": "1"}) if s == 429 else s for s in statuses)

    async def posted(self, count: int) -> list[Posted]:
        await self.fake.until(lambda: len(self.all_posted()) >= count)
        return self.all_posted()[:count]

    def all_posted(self) -> list[Posted]:
        return [
            Posted(text, tuple(re.findall(r"https?://\S+", text)), reply=False)
            for text in (str(m.content.get("text", "")) for m in self.fake.room_sent(self.room))
        ]
