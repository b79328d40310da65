"""The web chat: its page, and the JSON API it talks to (the README's "HTTP API").

- ``GET /``: the chat page (static HTML, CSS and JS; user text is only ever
  inserted as text, and the Content-Security-Policy forbids inline script).
- ``POST /api/v1/chat``: ``{"text"}`` or ``{"action"}`` (another system adds
  ``"user"``) → ``{"replies": [{"text", "choices"?, "cards"?, "source"?}, ...]}``, with
  ``"refused": true`` when the message was not read (the per-minute limit: send it again later; told
  once a minute's window, so the later ones come with no reply). An ``Idempotency-Key`` header
  names the message: the same key again (a message sent again because its answer was lost on
  the way) is not taken twice, and gets ``{"replies": [], "repeated": true}`` (`IDEMPOTENCY_HEADER`).
  The page opens a conversation with ``{"action": "start"}``: the menu, which
  the history does not show as the person's line (`bot.values.START_ACTION`).
- ``GET /api/v1/chat/messages?after=<id>``: the caller's messages pushed later
  (the DX team's answers), oldest first; ``"session": false`` for a browser
  without a live session (its session ended or expired), whose page clears
  the conversation it shows.
- ``GET /api/v1/chat/history``: the caller's recent conversation, with the
  messages pushed during it, so a reloaded page shows it again.
- ``DELETE /api/v1/chat/session``: 「この端末での利用を終了」.

Who is talking is the server's decision (`bot.handlers.webidentity`): the
page's session, the proxy's single sign-on user, or the user another system
names with the chat API token. No user id ever appears in a URL.

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
import hashlib
import html
import json
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from string import Template

from aiohttp import web

from bot.appkeys import CONVERSATIONS, KNOWLEDGE, SETTINGS, STORE
from bot.config import Settings
from bot.db import ConversationStore, deadline, reach
from bot.db.outbox import Delivery
from bot.db.websessions import CHANNEL
from bot.delivery.worker import Sender
from bot.handlers.channel import ChannelSpec
from bot.handlers.errors import request_error
from bot.handlers.inputs import integer, read_json_object
from bot.handlers.webidentity import USER_HEADER, Caller, end_session, identify, system_call, verify_origin
from bot.values import Card, Choice, ConversationKey, Incoming, Reply

__all__ = [
    "CHANNEL",
    "IDEMPOTENCY_HEADER",
    "MAX_TEXT_CHARS",
    "SPEC",
    "WebChat",
    "parse",
    "render",
    "reply_json",
    "setup",
]

MAX_TEXT_CHARS = 2000
HISTORY_LINES = 40
"""Lines of the conversation a reloaded page shows again."""
IDEMPOTENCY_HEADER = "Idempotency-Key"
"""A message's own id, chosen by the client: sent again with the same one, the message is taken once.

The page sends a new key with each message, and the same key when the person sends a message again
whose answer never arrived (the network failed after the server had taken it). The turn records it
with the conversation, as a webhook event's id (`bot.db.reach`), per user: keys of two users never meet.
"""
_IDEMPOTENCY_KEY = re.compile(r"[!-~]{1,64}")

_PAGE = Template(
    (Path(__file__).resolve().parent.parent / "templates" / "chat.html").read_text(encoding="utf-8")
)
"""The chat page; ``${bot_name}`` and the other `bot.knowledge.Ward` fields are filled in per request."""

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
    app.router.add_get("/api/v1/chat/messages", messages)
    app.router.add_get("/api/v1/chat/history", history)
    app.router.add_delete("/api/v1/chat/session", end_session)


async def page(request: web.Request) -> web.Response:
    """The chat page, headed with the ward's names in service (escaped), told the longest message taken."""
    ward = request.app[KNOWLEDGE].searcher.kb.ward
    names = {key: html.escape(value) for key, value in ward.model_dump().items() if isinstance(value, str)}
    text = _PAGE.substitute(names, max_text_chars=MAX_TEXT_CHARS)
    return web.Response(text=text, content_type="text/html", charset="utf-8", headers=_PAGE_HEADERS)


async def chat(request: web.Request) -> web.Response:
    """One message or button press in, the bot's replies out; a new browser gets its session cookie.

    Every wait for the database (a new session, the turn) and for a turn thread ends within one
    ``KAIZEN_DB_TIMEOUT_SECONDS`` of the request (`bot.db.deadline`).
    """
    with deadline.within(request.app[SETTINGS].db_timeout_seconds):
        caller, incoming = await parse(request)
        replies = await request.app[CONVERSATIONS].reply(incoming)
        body = render(replies)
        if not replies and incoming.event_id is not None:
            engine = request.app[STORE].engine
            if await asyncio.to_thread(reach.was_seen, engine, CHANNEL, incoming.event_id):
                body = {"replies": [], "repeated": True}  # taken before: its answer is in the history
    response = web.json_response(body, dumps=_dumps, headers={"Cache-Control": "no-store"})
    caller.remember(request, response)
    return response


async def messages(request: web.Request) -> web.Response:
    """The caller's messages pushed after the fact, oldest first; ``after`` skips those already seen.

    ``session`` is false for a browser without a live session: none yet, or it
    was ended (「この端末での利用を終了」 in another tab) or expired.
    """
    verify_origin(request)
    system = system_call(request)
    named = request.headers.get(USER_HEADER)
    caller = await identify(request, named, field=USER_HEADER, system=system, start=False)
    after = integer(request.query.get("after"), "after", default=0)
    pushed = []
    if caller is not None:
        pushed = await asyncio.to_thread(request.app[STORE].pushed, CHANNEL, caller.user, after=after)
    body = {
        "messages": [
            {"id": m.id, "created_at": m.created_at.isoformat(), **reply_json(m.reply)} for m in pushed
        ],
        "session": caller is not None,
    }
    response = web.json_response(body, dumps=_dumps, headers={"Cache-Control": "no-store"})
    if caller is not None:
        caller.remember(request, response)
    return response


async def history(request: web.Request) -> web.Response:
    """The caller's last `HISTORY_LINES` lines, and the messages pushed since the first, in time order.

    ``last_pushed`` is the newest pushed message's id, for the page to poll after.
    """
    verify_origin(request)
    system = system_call(request)
    named = request.headers.get(USER_HEADER)
    caller = await identify(request, named, field=USER_HEADER, system=system, start=False)
    lines: list[tuple[datetime, dict[str, object]]] = []
    last_pushed = 0
    if caller is not None:
        store = request.app[STORE]
        key = ConversationKey(CHANNEL, caller.user, caller.user)
        logged = await asyncio.to_thread(store.history, key, HISTORY_LINES)
        for line in logged:
            if line.role == "bot":
                lines.append((line.created_at, {"role": "bot", **reply_json(line.reply or Reply(line.text))}))
            else:
                lines.append((line.created_at, {"role": "user", "text": line.text}))
        pushed = await asyncio.to_thread(store.pushed, CHANNEL, caller.user, after=0, limit=HISTORY_LINES)
        since = logged[0].created_at if logged else None
        for message in pushed:
            last_pushed = max(last_pushed, message.id)
            if since is not None and message.created_at >= since:
                lines.append((message.created_at, {"role": "bot", **reply_json(message.reply)}))
        lines.sort(key=lambda line: line[0])
    body = {"lines": [line for _, line in lines], "last_pushed": last_pushed}
    response = web.json_response(body, dumps=_dumps, headers={"Cache-Control": "no-store"})
    if caller is not None:
        caller.remember(request, response)
    return response


async def parse(request: web.Request) -> tuple[Caller, Incoming]:
    """Check and read a chat request: who sends what; raise 401, 403, 413 or 400 (a JSON body says why)."""
    verify_origin(request)
    system = system_call(request)
    limit = request.app[SETTINGS].max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=request.content_length)
    body = await read_json_object(request)
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
    named = _idempotency_key(request)
    field, user = "user", body.get("user")
    if (
        user is not None
        and USER_HEADER in request.headers
        and not _same_name(user, request.headers[USER_HEADER])
    ):
        raise request_error(
            "ambiguous_user",
            f"利用者が「user」と {USER_HEADER} で異なっています。どちらか一方だけで指定してください。",
        )
    if user is None and not system and USER_HEADER in request.headers:
        # The polls' way of naming a user: refused without the token (401), never answered as a stranger.
        field, user = USER_HEADER, request.headers[USER_HEADER]
    caller = await identify(request, user, field=field, system=system, start=True)
    assert caller is not None  # start=True always finds or starts one
    key = ConversationKey(CHANNEL, caller.user, caller.user)
    event_id = None if named is None else _event_id(caller.user, named)
    if text is not None:
        return caller, Incoming(key, text=text, event_id=event_id)
    return caller, Incoming(key, action=action, event_id=event_id)


def _same_name(named: object, header: str) -> bool:
    """Whether the body's ``user`` and ``X-Kaizen-User`` name the same person (as `identify` reads names)."""
    return isinstance(named, str) and named.strip() == header.strip()


def _idempotency_key(request: web.Request) -> str | None:
    """The request's `IDEMPOTENCY_HEADER`, if any; 400 unless 1–64 visible ASCII characters."""
    named = request.headers.get(IDEMPOTENCY_HEADER)
    if named is not None and not _IDEMPOTENCY_KEY.fullmatch(named):
        raise request_error(
            "invalid_header",
            f"「{IDEMPOTENCY_HEADER}」は、空白を含まない半角英数字・記号64文字以内にしてください。",
        )
    return named


def _event_id(user: str, named: str) -> str:
    """The turn's event id for ``user``'s key ``named``: a digest, short whatever the user id's length."""
    return "key:" + hashlib.sha256(f"{user}\n{named}".encode()).hexdigest()


def render(replies: Sequence[Reply]) -> dict[str, object]:
    """The HTTP API's response body; ``"refused": true`` when the message was not read (over the limit).

    A message refused in a window already told gets no reply (`bot.conversations`): the only web chat
    turn without one, and still refused, so the page gives the text back to send later.
    """
    body: dict[str, object] = {"replies": [reply_json(reply) for reply in replies]}
    if not replies or any(reply.kind == "refused" for reply in replies):
        body["refused"] = True
    return body


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
        _caller, incoming = await parse(request)
        return [incoming]

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


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
