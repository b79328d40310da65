"""Who is talking in the web chat: decided by the server, never by what a client claims.

In this order:

1. Another system, with ``Authorization: Bearer $KAIZEN_CHAT_API_TOKEN``
   (checked first, in constant time), names the user: ``"user"`` in the
   body of a message, ``X-Kaizen-User`` when polling. A wrong bearer token,
   or any while the setting is empty, is 401.
2. The user a trusted proxy's single sign-on named (`bot.handlers.proxy`).
3. The browser's session: a random token in a cookie (HttpOnly,
   SameSite=Strict), issued by the server on the browser's first message.
   Over HTTPS it is ``__Host-kaizen_chat`` (Secure, Path=/): the prefix
   forbids a neighbouring subdomain to plant a session of its own in the
   browser. Over plain HTTP it is ``kaizen_chat``, sent only to ``/api/v1/chat``.
   A client address (the real client's behind a trusted proxy) may start
   ``KAIZEN_LIMIT_WEB_SESSIONS_PER_DAY`` sessions in any 24 hours; past it,
   429 with the reason in Japanese and ``Retry-After`` (`bot.db.websessions`).

Only the ``Bearer`` scheme is ours: an ``Authorization`` header of another
scheme (a proxy's Basic authentication passed on) is not looked at.

A user named without the token is refused with 401, not ignored: ignoring it
would quietly answer as a fresh anonymous session, and a caller who believed
the name counted would never learn that it did not. A name from the token or
from single sign-on is a ward staff ID vouched for by a trusted system, so the
same name is the same person either way; it can never be a session's
anonymous id (`ANONYMOUS_PREFIX`).
"""

from __future__ import annotations

import asyncio
import hmac
import math
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from aiohttp import web

from bot.appkeys import KNOWLEDGE, SETTINGS, WEB_SESSIONS
from bot.consult.throttle import client_key
from bot.db.websessions import ANONYMOUS_PREFIX, StartsExhausted, WebSession
from bot.dialogue.desk import Limit
from bot.dialogue.limits import sessions_full
from bot.handlers.cookies import SiteCookie
from bot.handlers.errors import json_exception, request_error
from bot.handlers.inputs import from_another_site
from bot.handlers.proxy import SSO_USER

__all__ = [
    "COOKIE",
    "MAX_USER_CHARS",
    "USER_HEADER",
    "Caller",
    "end_session",
    "identify",
    "system_call",
    "verify_origin",
]

COOKIE = SiteCookie("kaizen_chat", "/api/v1/chat")
"""The browser's session: ``__Host-kaizen_chat`` over HTTPS (`bot.handlers.cookies`)."""
USER_HEADER = "X-Kaizen-User"
MAX_USER_CHARS = 128


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is talking; ``token`` is a session cookie to (re)set on the response, for ``max_age`` seconds."""

    user: str
    token: str | None = None
    max_age: int = 0

    def remember(self, request: web.Request, response: web.StreamResponse) -> None:
        """Set the session cookie on ``response`` when the session is new or was renewed."""
        if self.token is None:
            return
        COOKIE.set(request, response, self.token, self.max_age)


def verify_origin(request: web.Request) -> None:
    """403 for a browser request sent from another site (CSRF): by ``Origin`` and ``Sec-Fetch-Site``."""
    if from_another_site(request):
        raise json_exception(403, "forbidden_origin", "ほかのサイトからは利用できません。")


def system_call(request: web.Request) -> bool:
    """Whether another system calls with the chat API token; 401 for a wrong or unconfigured one."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    token = request.app[SETTINGS].chat.api_token
    if not token:
        raise _unauthorized(
            "chat_api_disabled",
            "トークンでのご利用は無効です。KAIZEN_CHAT_API_TOKEN を設定すると使えるようになります。",
        )
    # surrogatepass: a header that is not UTF-8 arrives with surrogates, and is simply a wrong token.
    if not hmac.compare_digest(given.strip().encode("utf-8", "surrogatepass"), token.encode()):
        if given.strip():
            raise _unauthorized(
                "unauthorized",
                "トークンがサーバーの KAIZEN_CHAT_API_TOKEN と一致しません。同じ値を設定してください。",
            )
        raise _unauthorized(
            "unauthorized", "認証が必要です。Authorization: Bearer <KAIZEN_CHAT_API_TOKEN> を付けてください。"
        )
    return True


async def identify(
    request: web.Request, named: object, *, field: str = "user", system: bool, start: bool
) -> Caller | None:
    """The caller of a chat request; ``named`` is the user the request names in ``field``, if any.

    ``system`` is `system_call`'s verdict. With ``start``, a browser without a
    live session gets a new one; without it, such a browser is None (it has
    nothing to fetch yet).
    """
    if system:
        if named is None:
            raise request_error(
                "missing_field", f"トークンでのご利用では「{field}」（利用者のID）を指定してください。"
            )
        return Caller(_valid_name(named, field))
    if named is not None:
        raise _unauthorized(
            "token_required",
            f"「{field}」で利用者を指定できるのは、"
            "Authorization: Bearer <KAIZEN_CHAT_API_TOKEN> を付けた呼び出しだけです。",
        )
    sso = request.get(SSO_USER)
    if sso is not None:
        return Caller(_valid_name(sso, request.app[SETTINGS].proxy.sso_user_header))
    sessions = request.app[WEB_SESSIONS]
    token = _token(request)
    found = await asyncio.to_thread(sessions.find, token) if token else None
    if found is None:
        if not start:
            return None
        token, found = await _start(request)
    if not found.renewed:
        return Caller(found.user)
    # New or just renewed: it ends a whole lifetime from now.
    return Caller(found.user, token, int(sessions.lifetime.total_seconds()))


async def _start(request: web.Request) -> tuple[str, WebSession]:
    """A new session, if the client's address has not spent its budget of new sessions (429 if it has)."""
    try:
        return await asyncio.to_thread(request.app[WEB_SESSIONS].start, client_key(request.remote))
    except StartsExhausted as exc:
        limit = Limit(exc.allowed, exc.until)
        wait = max(1, math.ceil((exc.until - datetime.now(UTC)).total_seconds()))
        message = sessions_full(limit, request.app[KNOWLEDGE].searcher.kb.ward)
        raise json_exception(429, "too_many_sessions", message, headers={"Retry-After": str(wait)}) from exc


async def end_session(request: web.Request) -> web.Response:
    """End the browser's session (「この端末での利用を終了」): ``{"ended": bool}``, and the cookie is cleared.

    The next message starts a new session under a new user id, so the next
    person at a shared PC sees nothing of this conversation. A single sign-on
    user's identity comes from the proxy, so only signing out there ends it (409).
    """
    verify_origin(request)
    if system_call(request):
        raise request_error("no_session", "トークンでのご利用には、終了するセッションはありません。")
    if request.get(SSO_USER) is not None:
        raise json_exception(
            409,
            "single_sign_on",
            "シングルサインオンでご利用中です。この端末での利用を終えるときは、"
            "シングルサインオンからサインアウトしてください。",
        )
    token = _token(request)
    ended = bool(token) and await asyncio.to_thread(request.app[WEB_SESSIONS].end, token or "")
    response = web.json_response({"ended": ended}, headers={"Cache-Control": "no-store"})
    COOKIE.clear(request, response)
    return response


def _token(request: web.Request) -> str | None:
    """The session token the cookie holds; None when there is none, or it is not one we could have issued."""
    token = COOKIE.read(request)
    return token if token.isascii() and 0 < len(token) <= 128 else None


def _valid_name(value: object, field: str) -> str:
    """``value`` stripped, if it is a name a trusted system may give; 400 otherwise.

    The prefix is checked on the name as it is used (stripped), and on its
    NFKC, case-folded form too: ``ＡＮＯＮ：…`` is no session's id today, but a
    name that reads as one must never be taken for one by a later comparison,
    a log reader or the desk.
    """
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > MAX_USER_CHARS
        or any(unicodedata.category(c).startswith("C") for c in value)
    ):
        raise request_error(
            "invalid_field",
            f"「{field}」は{MAX_USER_CHARS}文字以内の、制御文字を含まない空でない文字列にしてください。",
        )
    name = value.strip()
    if unicodedata.normalize("NFKC", name).casefold().lstrip().startswith(ANONYMOUS_PREFIX):
        raise request_error("invalid_field", f"「{field}」に「{ANONYMOUS_PREFIX}」で始まる名前は使えません。")
    return name


def _unauthorized(code: str, message: str) -> web.HTTPException:
    return json_exception(401, code, message, headers={"WWW-Authenticate": 'Bearer realm="kaizen-bot"'})
