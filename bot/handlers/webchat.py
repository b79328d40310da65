"""The web chat: its page, and the JSON API it talks to (the HTTP API of DESIGN.md).

- ``GET /``: the chat page (static HTML, CSS and JS; user text is only ever
  inserted as text, and the Content-Security-Policy forbids inline script).
- ``POST /api/v1/chat``: ``{"user", "text"}`` or ``{"user", "action"}`` →
  ``{"replies": [{"text", "choices"?, "cards"?, "source"?}, ...]}``.
- ``GET /api/v1/chat/{user}/messages?after=<id>``: messages pushed to that
  user later (the DX team's answers), oldest first.

The web chat is one instance of the channel contract (`WebChat`,
`bot.handlers.channel`): `parse` verifies and reads a request into an
`Incoming`, `render` turns replies into the API's JSON, which only this
module makes. The reply is the HTTP response itself, so there is never
anything to answer later by API: what is pushed (the DX team's answers)
waits in the outbox for the page to fetch, and the channel's sender only
marks it handed over.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from aiohttp import web

from bot.appkeys import CONVERSATIONS, SETTINGS, STORE
from bot.config import Settings
from bot.db import ConversationStore
from bot.db.outbox import Delivery
from bot.delivery.worker import Sender
from bot.handlers.channel import ChannelSpec
from bot.handlers.errors import json_error, request_error
from bot.handlers.inputs import integer, read_json_object
from bot.handlers.static import STATIC
from bot.values import Card, Choice, ConversationKey, Incoming, Reply

__all__ = [
    "CHANNEL",
    "MAX_TEXT_CHARS",
    "MAX_USER_CHARS",
    "SPEC",
    "WebChat",
    "parse",
    "render",
    "reply_json",
    "setup",
]

CHANNEL = "web"
MAX_TEXT_CHARS = 2000
MAX_USER_CHARS = 128

_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def setup(app: web.Application) -> None:
    """Add the web chat's routes to ``app``."""
    app.router.add_get("/", page)
    app.router.add_post("/api/v1/chat", chat)
    app.router.add_get("/api/v1/chat/{user}/messages", messages)


async def page(_request: web.Request) -> web.FileResponse:
    """The chat page."""
    return web.FileResponse(STATIC / "index.html", headers=_PAGE_HEADERS)


async def chat(request: web.Request) -> web.Response:
    """One message or button press in, the bot's replies out."""
    incoming = await parse(request)
    replies = await request.app[CONVERSATIONS].reply(incoming)
    return web.json_response(render(replies), dumps=_dumps)


async def messages(request: web.Request) -> web.Response:
    """Messages pushed to a user after the fact, oldest first; ``after`` skips those already seen."""
    user = _user(request.match_info["user"])
    after = integer(request.query.get("after"), "after", default=0)
    pushed = await asyncio.to_thread(request.app[STORE].pushed, CHANNEL, user, after=after)
    body = {
        "messages": [
            {"id": m.id, "created_at": m.created_at.isoformat(), **reply_json(m.reply)} for m in pushed
        ]
    }
    return web.json_response(body, dumps=_dumps)


async def parse(request: web.Request) -> Incoming:
    """Check and read a chat request; raise 403, 413 or 400 (with a JSON body saying why)."""
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        raise web.HTTPForbidden(
            text=json_error(403, "forbidden_origin", "ほかのサイトからは利用できません。").text,
            content_type="application/json",
        )
    limit = request.app[SETTINGS].max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=request.content_length)
    body = await read_json_object(request)
    user = _user(body.get("user"))
    text, action = body.get("text"), body.get("action")
    if (text is None) == (action is None):
        raise request_error(
            "missing_field",
            "「text」（入力した文）か「action」（ボタンの値）のどちらか一方を指定してください。",
        )
    if text is not None and not isinstance(text, str):
        raise request_error("invalid_field", "「text」は文字列にしてください。")
    if action is not None and not isinstance(action, str):
        raise request_error("invalid_field", "「action」は文字列にしてください。")
    if text is not None and len(text) > MAX_TEXT_CHARS:
        raise request_error("text_too_long", f"「text」は{MAX_TEXT_CHARS}文字以内にしてください。")
    key = ConversationKey(CHANNEL, user, user)
    return Incoming(key, text=text) if text is not None else Incoming(key, action=action)


def render(replies: Sequence[Reply]) -> dict[str, object]:
    """The HTTP API's response body."""
    return {"replies": [reply_json(reply) for reply in replies]}


def reply_json(reply: Reply) -> dict[str, object]:
    """The HTTP API form of a reply: ``text``, and ``choices``/``cards``/``source`` when present."""
    payload: dict[str, object] = {"text": reply.text}
    if reply.choices:
        payload["choices"] = [_choice(c) for c in reply.choices]
    if reply.cards:
        payload["cards"] = [_card(c) for c in reply.cards]
    if reply.source is not None:
        payload["source"] = _choice(reply.source)
    return payload


def _choice(choice: Choice) -> dict[str, str]:
    return {"label": choice.label, "action": choice.action}


def _card(card: Card) -> dict[str, object]:
    return {"title": card.title, "text": card.text, "choices": [_choice(c) for c in card.choices]}


class WebChat:
    """The web chat as a channel: always on, answered in the HTTP response, pushed messages fetched."""

    name = CHANNEL

    def add_routes(self, app: web.Application) -> None:
        """The page, the chat API and the pushed-messages API."""
        setup(app)

    async def start(self) -> None:
        """Nothing to open."""

    async def close(self) -> None:
        """Nothing to close."""

    async def parse(self, request: web.Request) -> list[Incoming]:
        """The one message of a chat request."""
        return [await parse(request)]

    def render(self, replies: Sequence[Reply]) -> dict[str, object]:
        """The HTTP API's response body."""
        return render(replies)

    async def indicate(self, incoming: Incoming) -> None:
        """The page shows its own indicator while it waits for the response."""

    async def respond(self, incoming: Incoming, replies: Sequence[Reply]) -> bool:
        """Never called for the web chat: its replies are the HTTP response."""
        return False

    def sender(self, store: ConversationStore) -> Sender:
        """Marks a message handed over: the page fetches it from the outbox."""
        return _Fetched()


class _Fetched:
    """The web chat's "sender": the page fetches its messages, so handing over is all there is."""

    async def send(self, delivery: Delivery) -> None:
        """Nothing to send."""


def _build(_settings: Settings) -> WebChat:
    return WebChat()


SPEC = ChannelSpec(name=CHANNEL, title="The web chat", settings=None, build=_build)


def _user(value: object) -> str:
    if value is None:
        raise request_error("missing_field", "「user」（利用者のID）を指定してください。")
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_USER_CHARS:
        raise request_error(
            "invalid_field", f"「user」は{MAX_USER_CHARS}文字以内の空でない文字列にしてください。"
        )
    return value


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
