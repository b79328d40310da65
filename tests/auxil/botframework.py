"""A fake Bot Framework on 127.0.0.1: the Bot Connector service Teams replies go to, and its signing keys.

`FakeBotFramework` plays both sides Microsoft plays for a Teams bot:

- the **Bot Connector** (``{serviceUrl}v3/conversations/{id}/activities[/{replyToId}]``),
  which records every activity the bot posts, with its ``Authorization``
  header, and answers like the real one: 201 with ``{"id"}``; 403
  ``BotNotInConversationRoster`` or 404 ``ConversationNotFound`` for a
  conversation marked gone (the user blocked or removed the bot); 413
  ``MessageSizeTooBig`` for a body over ``max_body_bytes`` (28 KB, the
  smallest limit cited for the connector; raw bytes as posted), or 400 as
  it answers at times (``too_large_status``); or, to a message (never to
  the typing indicator, which races the answer: the dispatcher does not
  wait for it), the next status of a script (503, 429, …, or a status with
  headers such as ``(429, {"Retry-After": "3"})``; 201 lets a post through). Its ``serviceUrl`` has a path, as
  Teams' own do (``https://smba.trafficmanager.net/jp/``);
- **login.microsoftonline.com**: the client-credentials token endpoint
  (``/{tenant}/oauth2/v2.0/token``), which issues the bot its outgoing
  tokens; with ``require_token`` the connector refuses (401) any post whose
  bearer token it did not issue. `FakeEntraTokens` is the token source the
  tests give the SDK in place of MSAL, which only talks to the real Entra
  (https, instance discovery) and cannot run offline;
- **login.botframework.com**: the JWKS (``/{fake}/v1/.well-known/keys``; the SDK
  goes to it directly, not through the OpenID metadata) of an RSA key made
  per fake, and `token`, which signs a channel token the way the Bot Framework does (RS256,
  ``iss`` ``https://api.botframework.com``, ``aud`` the bot's app id,
  ``serviceurl``). The SDK's real validator fetches the keys over HTTP once
  `BOTFRAMEWORK_JWKS_URIS` points the issuer at this fake (the SDK has no
  setting for it). The key is the process's (`rsa_key`), the key id the
  fake's own. The address has a segment of its own per fake: the SDK
  keeps each address's keys for the whole process (five minutes, fetched
  again for an unknown key id at most every 30 s), and a later fake can be
  given the port of an earlier one. `rotate` replaces the key at the same
  address, as Microsoft rotates its own.

`activity` builds an inbound Teams activity shaped like the ones Teams
sends (a personal chat in a tenant, an AAD object id for the user).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.hosting.core import AgentAuthConfiguration, AnonymousTokenProvider

from tests.auxil.platforms import Hold, rsa_key, serve_locally

BOTFRAMEWORK_ISSUER = "https://api.botframework.com"
TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47"

GONE_BODIES = {
    403: {
        "error": {
            "code": "BotNotInConversationRoster",
            "message": "The bot is not part of the conversation roster.",
        }
    },
    404: {"error": {"code": "ConversationNotFound", "message": "Conversation not found."}},
}


@dataclass
class Posted:
    """One activity the bot posted to the connector."""

    conversation_id: str
    reply_to_id: str | None
    activity: dict[str, Any]
    authorization: str
    status: int
    size: int = 0
    """The body's bytes as posted."""
    at: float = field(default_factory=time.monotonic)
    """When it arrived (``time.monotonic``)."""

    @property
    def type(self) -> str:
        return str(self.activity.get("type", ""))

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class FakeBotFramework:
    """The Bot Connector and the Bot Framework's signing keys, over real HTTP."""

    app_id: str = "00000000-0000-0000-0000-00000000b07a"
    prefix: str = "jp"
    port: int = 0
    posted: list[Posted] = field(default_factory=list)
    gone: dict[str, int] = field(default_factory=dict)
    script: list[int | tuple[int, dict[str, str]]] = field(default_factory=list)
    """The statuses of the next messages (typing indicators pass by), in order; then 201."""
    pause: int = 0
    """When above 0, the next message (not a typing indicator) is refused 429 with this ``Retry-After``."""
    passing: int = 0
    """How many messages still go through before the pause (`tests.auxil.teams.TeamsPlatform.pause_after`)."""
    key_fetches: int = 0
    require_token: bool = True
    max_body_bytes: int = 28 * 1024
    """A larger body is refused 413 ``MessageSizeTooBig``, as the connector does."""
    too_large_status: int = 413
    """The status of that refusal: 400 as the connector answers at times, with the same error code."""
    issued: set[str] = field(default_factory=set)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    hold_typing: Hold | None = None
    """When set, the next typing activity waits for its release before it is answered."""
    key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa_key("botframework"), repr=False)
    _runner: web.AppRunner | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.kid = uuid.uuid4().hex
        self.keys_path = f"/{uuid.uuid4().hex}/v1/.well-known/keys"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        return f"{self.base}/{self.prefix}/"

    @property
    def jwks_url(self) -> str:
        return f"{self.base}{self.keys_path}"

    def messages(self) -> list[Posted]:
        """Accepted posts that are messages (not typing indicators)."""
        return [p for p in self.posted if p.accepted and p.type == "message"]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(self.keys_path, self._keys)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        conversations = f"/{self.prefix}/v3/conversations/{{conversation}}/activities"
        app.router.add_post(conversations, self._activity)
        app.router.add_post(conversations + "/{activity}", self._activity)
        self._runner, self.port = await serve_locally(app, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def rotate(self) -> None:
        """Sign with a new key under a new key id from now on, and publish it alone at the same address."""
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex

    async def wait_for(self, count: int, *, kind: str = "message", seconds: float = 10.0) -> list[Posted]:
        """Wait until ``count`` accepted posts of type ``kind`` have arrived; return them all."""

        def enough() -> bool:
            return len([p for p in self.posted if p.accepted and p.type == kind]) >= count

        async with asyncio.timeout(seconds), self.changed:
            await self.changed.wait_for(enough)
        return [p for p in self.posted if p.accepted and p.type == kind]

    def token(
        self,
        *,
        audience: str | None = None,
        issuer: str = BOTFRAMEWORK_ISSUER,
        service_url: str | None = None,
        expires_in: float = 3600.0,
        key: rsa.RSAPrivateKey | None = None,
    ) -> str:
        """A channel token as the Bot Framework signs it for this bot (or as told otherwise)."""
        now = int(time.time())
        claims = {
            "iss": issuer,
            "aud": audience or self.app_id,
            "serviceurl": service_url or self.service_url,
            "nbf": now - 5,
            "iat": now - 5,
            "exp": int(now + expires_in),
        }
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def activity(
        self,
        text: str | None = "こんにちは",
        *,
        activity_id: str | None = None,
        conversation_id: str = "a:1personal-chat-with-hanako",
        user_id: str = "29:1hanako-teams-id",
        aad_object_id: str = "6b1f2c3d-aaaa-4bbb-8ccc-0123456789ab",
        value: dict[str, Any] | None = None,
        attachments: list[dict[str, Any]] | None = None,
        service_url: str | None = None,
        kind: str = "message",
        name: str | None = None,
    ) -> dict[str, Any]:
        """An inbound Teams activity in a personal chat, as Teams posts it to the bot."""
        activity: dict[str, Any] = {
            "type": kind,
            "id": activity_id or f"1{next(self._ids):012d}",
            "timestamp": "2026-12-02T01:23:45.678Z",
            "localTimestamp": "2026-12-02T10:23:45.678+09:00",
            "serviceUrl": service_url or self.service_url,
            "channelId": "msteams",
            "from": {"id": user_id, "name": "区役所 花子", "aadObjectId": aad_object_id},
            "conversation": {"conversationType": "personal", "tenantId": TENANT_ID, "id": conversation_id},
            "recipient": {"id": f"28:{self.app_id}", "name": "kaizen-bot"},
            "entities": [{"locale": "ja-JP", "country": "JP", "platform": "Windows", "type": "clientInfo"}],
            "channelData": {"tenant": {"id": TENANT_ID}},
            "locale": "ja-JP",
            "textFormat": "plain",
        }
        if text is not None:
            activity["text"] = text
        if value is not None:
            activity["value"] = value
        if attachments is not None:
            activity["attachments"] = attachments
        if name is not None:
            activity["name"] = name
        return activity

    def edited(
        self, text: str, *, activity_id: str, event_type: str = "editMessage", **fields: Any
    ) -> dict[str, Any]:
        """The ``messageUpdate`` Teams sends when the message ``activity_id`` is edited to ``text``.

        Its id is the edited message's (the Activity protocol's message update); ``channelData``
        says what changed (``editMessage``, or ``undeleteMessage`` for a message brought back).
        """
        activity = self.activity(text, activity_id=activity_id, kind="messageUpdate", **fields)
        activity["channelData"]["eventType"] = event_type
        return activity

    async def _keys(self, _request: web.Request) -> web.Response:
        self.key_fetches += 1
        numbers = self.key.public_key().public_numbers()
        jwk = {
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "n": _b64(numbers.n),
            "e": _b64(numbers.e),
            "endorsements": ["msteams"],
        }
        return web.json_response({"keys": [jwk]})

    async def _token(self, request: web.Request) -> web.Response:
        form = {key: str(value) for key, value in (await request.post()).items()}
        self.token_requests.append(form)
        if form.get("grant_type") != "client_credentials" or form.get("client_id") != self.app_id:
            return web.json_response({"error": "invalid_client"}, status=401)
        now = int(time.time())
        claims = {"iss": "https://sts.windows.net/botframework/", "aud": BOTFRAMEWORK_ISSUER, "iat": now}
        token = jwt.encode({**claims, "exp": now + 3600}, self.key, algorithm="RS256")
        self.issued.add(token)
        return web.json_response({"token_type": "Bearer", "expires_in": 3599, "access_token": token})

    async def _activity(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        raw = await request.read()
        body = json.loads(raw)
        if body.get("type") == "typing" and self.hold_typing is not None:
            hold, self.hold_typing = self.hold_typing, None
            await hold.keep(request)
        authorization = request.headers.get("Authorization", "")
        if self.require_token and authorization.removeprefix("Bearer ") not in self.issued:
            status = 401
            response = web.json_response(
                {"error": {"code": "Unauthorized", "message": "bad token"}}, status=401
            )
        elif len(raw) > self.max_body_bytes:
            status = self.too_large_status
            error = {"error": {"code": "MessageSizeTooBig", "message": f"{len(raw)} bytes is too large"}}
            response = web.json_response(error, status=status)
        elif conversation in self.gone:
            status = self.gone[conversation]
            response = web.json_response(GONE_BODIES.get(status, {}), status=status)
        elif self.pause and body.get("type") != "typing" and not self.passing:
            status, wait, self.pause = 429, self.pause, 0
            error = {"error": {"code": "Throttled", "message": "paused"}}
            response = web.json_response(error, status=status, headers={"Retry-After": str(wait)})
        else:
            typing = body.get("type") == "typing"
            if self.pause and not typing:
                self.passing -= 1
            scripted = self.script.pop(0) if self.script and not typing else 201
            status, headers = scripted if isinstance(scripted, tuple) else (scripted, {})
            if status == 201:
                response = web.json_response({"id": f"1{next(self._ids):012d}"}, status=201)
            else:
                error = {"error": {"code": "ServiceError", "message": "scripted"}}
                response = web.json_response(error, status=status, headers=headers)
        posted = Posted(
            conversation,
            request.match_info.get("activity"),
            body,
            authorization,
            status,
            len(raw),
        )
        async with self.changed:
            self.posted.append(posted)
            self.changed.notify_all()
        return response


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class FakeEntraTokens(AnonymousTokenProvider):
    """The SDK's token source in tests: client credentials against the fake, as MSAL does against Entra.

    Like MSAL, it keeps a token until five minutes before it expires.
    """

    def __init__(self, fake: FakeBotFramework, configuration: AgentAuthConfiguration) -> None:
        self.fake = fake
        self._configuration = configuration
        self._cache: dict[str, tuple[str, float]] = {}

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    async def get_access_token(
        self, resource_url: str, scopes: list[str], force_refresh: bool = False
    ) -> str:
        scope = " ".join(scopes)
        cached = self._cache.get(scope)
        if cached is not None and not force_refresh and cached[1] > time.monotonic():
            return cached[0]
        form = {
            "grant_type": "client_credentials",
            "client_id": self._configuration.CLIENT_ID or "",
            "client_secret": self._configuration.CLIENT_SECRET or "",
            "scope": scope,
        }
        url = f"{self.fake.base}/{self._configuration.TENANT_ID}/oauth2/v2.0/token"
        async with aiohttp.ClientSession() as session, session.post(url, data=form) as response:
            response.raise_for_status()
            body = await response.json()
        token: str = body["access_token"]
        self._cache[scope] = (token, time.monotonic() + float(body["expires_in"]) - 300)
        return token
