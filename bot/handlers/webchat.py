"""The web chat: its page, and the JSON API it talks to (the HTTP API of DESIGN.md).

- ``GET /``: the chat page (static HTML, CSS and JS; user text is only ever
  inserted as text, and the Content-Security-Policy forbids inline script).
- ``POST /api/v1/chat``: ``{"text"}`` or ``{"action"}`` (another system adds
  ``"user"``) → ``{"replies": [{"text", "choices"?, "cards"?, "source"?}, ...]}``.
- ``GET /api/v1/chat/messages?after=<id>``: the caller's messages pushed later
  (the DX team's answers), oldest first.
- ``DELETE /api/v1/chat/session``: 「この端末での利用を終了」.

Who is talking is the server's decision (`bot.handlers.webidentity`): the
page's session, the proxy's single sign-on user, or the user another system
names with the chat API token. No user id ever appears in a URL.

Like every adapter: `parse` verifies and reads a request into an `Incoming`,
`render` turns replies into the payload. The reply is the HTTP response
itself, so there is nothing to send.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from aiohttp import web

from bot.appkeys import CONVERSATIONS, SETTINGS, STORE
from bot.dialogue import ConversationKey, Incoming, Reply
from bot.handlers.errors import read_json_object, request_error
from bot.handlers.webidentity import USER_HEADER, Caller, end_session, identify, system_call, verify_origin

__all__ = ["CHANNEL", "MAX_TEXT_CHARS", "parse", "render", "setup"]

CHANNEL = "web"
MAX_TEXT_CHARS = 2000
STATIC = Path(__file__).resolve().parent.parent / "static"

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
    app.router.add_delete("/api/v1/chat/session", end_session)
    app.router.add_static("/static/", STATIC, append_version=True)


async def page(_request: web.Request) -> web.FileResponse:
    """The chat page."""
    return web.FileResponse(STATIC / "index.html", headers=_PAGE_HEADERS)


async def chat(request: web.Request) -> web.Response:
    """One message or button press in, the bot's replies out; a new browser gets its session cookie."""
    caller, incoming = await parse(request)
    replies = await request.app[CONVERSATIONS].reply(incoming)
    response = web.json_response(render(replies), dumps=_dumps)
    caller.remember(request, response)
    return response


async def messages(request: web.Request) -> web.Response:
    """The caller's messages pushed after the fact, oldest first; ``after`` skips those already seen."""
    system = system_call(request)
    named = request.headers.get(USER_HEADER)
    caller = await identify(request, named, field=USER_HEADER, system=system, start=False)
    try:
        after = int(request.query.get("after", "0"))
    except ValueError:
        raise request_error(
            "invalid_after", "「after」には数値（メッセージのid）を指定してください。"
        ) from None
    pushed = []
    if caller is not None:
        pushed = await asyncio.to_thread(request.app[STORE].pushed, CHANNEL, caller.user, after=max(after, 0))
    body = {"messages": [{"id": m.id, "created_at": m.created_at.isoformat(), **m.payload} for m in pushed]}
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
    caller = await identify(request, body.get("user"), system=system, start=True)
    assert caller is not None  # start=True always finds or starts one
    key = ConversationKey(CHANNEL, caller.user, caller.user)
    return caller, Incoming(key, text=text) if text is not None else Incoming(key, action=action)


def render(replies: tuple[Reply, ...]) -> dict[str, object]:
    """The HTTP API's response body."""
    return {"replies": [reply.as_json() for reply in replies]}


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
