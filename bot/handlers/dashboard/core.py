"""What every dashboard page shares: templates, the session, CSRF checks and error pages.

Pages are Jinja2 templates with autoescaping on, so every text a staff
member or a team member wrote is escaped when rendered; the
Content-Security-Policy allows no script at all. A request is let in by
`session_middleware` only with a live session cookie (else it is sent to
the login page), and every POST must carry the session's CSRF token
(`csrf_middleware`), or the login form's own token before there is a
session. The login page is told where the browser was (``next``), so that
logging in again returns there; only a page of the dashboard is taken
(`return_to`), so the parameter cannot send anyone to another site.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode

import jinja2
from aiohttp import web
from aiohttp.web_protocol import RequestPayloadError

from bot.appkeys import ACCOUNTS, ANSWER_DRAFTS, KNOWLEDGE
from bot.consult.accounts import Session
from bot.errors import Conflict, ConsultationError, InvalidRequest, InvalidTransition, NotFound, StoreError
from bot.handlers.access import route_of
from bot.handlers.cookies import SiteCookie
from bot.handlers.inputs import check_request, digits, from_another_site
from bot.handlers.inputs import read_form as form
from bot.handlers.protocol import BodyTooSlow, hung_up
from bot.localtime import local

__all__ = [
    "COOKIE",
    "HEADERS",
    "HOME",
    "LOGIN_COOKIE",
    "SESSION",
    "SESSION_ENDED",
    "TEMPLATES",
    "csrf_middleware",
    "environment",
    "error_middleware",
    "form",
    "login_url",
    "path_id",
    "render",
    "return_to",
    "see_other",
    "session_middleware",
    "status_of",
    "team_names",
]

log = logging.getLogger(__name__)

COOKIE = SiteCookie("kaizen_admin", "/admin")
"""The session: ``__Host-kaizen_admin`` over HTTPS (`bot.handlers.cookies`)."""
LOGIN_COOKIE = SiteCookie("kaizen_login", "/admin")
"""The login form's CSRF token, before there is a session."""
LOGIN = "/admin/login"
PUBLIC = frozenset({LOGIN})
HOME = "/admin/"
"""The queue: where a login goes when it was not sent from another page of the dashboard."""
TEMPLATE_DIR = Path(__file__).resolve().parent.parent.parent / "templates" / "admin"

SESSION = web.RequestKey("session", Session)
TEMPLATES = web.AppKey("templates", jinja2.Environment)

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def environment() -> jinja2.Environment:
    """The templates, with autoescaping always on."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["jst"] = _jst
    env.filters["day"] = _day
    return env


def render(request: web.Request, name: str, context: Mapping[str, Any], status: int = 200) -> web.Response:
    """A page from the template ``name``; the session (if any) is available to every template.

    The page's ``done`` or ``error`` notice is focused when it opens (``notice_focus``, unless the page
    focuses a field of the form that was refused instead): a screen reader reads the outcome first.
    """
    template = request.app[TEMPLATES].get_template(name)
    session = request.get(SESSION)
    ward = request.config_dict[KNOWLEDGE].searcher.kb.ward
    csrf = session.csrf if session else ""
    defaults = {"done": "", "error": "", "notice_focus": True, "session": session, "csrf": csrf, "ward": ward}
    html = template.render({**defaults, **context})
    return web.Response(text=html, status=status, content_type="text/html", headers=HEADERS)


_TARGET = re.compile(r"/admin/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]{0,2000}")
"""A path and query under /admin/ in URL characters only: no scheme, host, backslash, space or fragment."""


def return_to(raw: str | None) -> str:
    """``raw`` if it is a page of the dashboard to go back to after logging in, else `HOME`.

    Only a path on this site under ``/admin/`` is taken, as the browser sent
    it (percent-encoded): an absolute URL, ``//host``, a backslash, a scheme,
    a dot segment (``/admin/../``, also percent-encoded) or the login page
    itself gives the queue instead, so ``next`` never leads off the dashboard.
    """
    if not raw or not _TARGET.fullmatch(raw):
        return HOME
    path = unquote(raw.partition("?")[0])
    if "\\" in path or any(part in (".", "..") for part in path.split("/")) or path.rstrip("/") == LOGIN:
        return HOME
    return raw


def login_url(target: str, *, expired: bool = False) -> str:
    """The login page, saying why (``expired``) and where to return after it (unless the queue)."""
    query = {"expired": "1"} if expired else {}
    if (target := return_to(target)) != HOME:
        query["next"] = target
    return f"{LOGIN}?{urlencode(query)}" if query else LOGIN


def see_other(location: str) -> web.HTTPSeeOther:
    """The redirect after a successful POST (so reloading the page does not post again)."""
    return web.HTTPSeeOther(location, headers=HEADERS)


def path_id(request: web.Request) -> int:
    """The route's ``{id}``, a consultation's or a draft's number in ASCII digits; 404 for anything else."""
    number = digits(request.match_info["id"], 18)
    if number is None:
        raise web.HTTPNotFound()
    return number


async def team_names(request: web.Request) -> dict[str, str]:
    """Each dashboard user's login name → the name the team knows them by (their display name)."""
    users = await asyncio.to_thread(request.config_dict[ACCOUNTS].users)
    return {user.name: user.display_name for user in users}


def status_of(error: ConsultationError) -> int:
    """The HTTP status of a consultation error shown on a page."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InvalidTransition | Conflict):
        return 409
    return 400


_SLOW_BODY = "送信された内容が時間内に届きませんでした。もう一度送信してください。"
_BROKEN_BODY = "送信された内容の形式が正しくないため、読み取れませんでした。もう一度お試しください。"


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Error pages in Japanese, never a traceback; unreadable text in the request is a 400 page."""
    try:
        check_request(request)
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        # aiohttp's own texts are English: its default ("413: Request Entity Too Large"), and the size
        # limit's "Maximum request body size … exceeded", which the page would show as is.
        english = exc.text is None or exc.text.startswith(f"{exc.status}:")
        own = None if english or isinstance(exc, web.HTTPRequestEntityTooLarge) else exc.text
        return _error_page(request, exc.status, own or _MESSAGES.get(exc.status, exc.reason))
    except InvalidRequest as exc:
        return _error_page(request, 400, str(exc))
    except RequestPayloadError as exc:  # refused midway by the parser, or too slow (bot.handlers.protocol)
        slow = isinstance(exc, BodyTooSlow)
        page = _error_page(request, 408 if slow else 400, _SLOW_BODY if slow else _BROKEN_BODY)
        page.force_close()
        return page
    except ConsultationError as exc:
        return _error_page(request, status_of(exc), str(exc))
    except StoreError:
        log.exception("database error on %s %s", request.method, route_of(request))
        return await _unavailable(request)
    except Exception as exc:
        if hung_up(request, exc):  # the client closed the connection midway: nothing of ours broke
            log.info("client went away during %s %s", request.method, route_of(request))
            page = _error_page(request, 400, _BROKEN_BODY)
            page.force_close()
            return page
        log.exception("unexpected error on %s %s", request.method, route_of(request))
        return _error_page(request, 500, _BROKEN)


def _error_page(request: web.Request, status: int, message: str, typed: Sequence[str] = ()) -> web.Response:
    """The error page for ``status``, headed by what happened (`_HEADINGS`), with ``message`` below.

    ``typed``: what the form held, given back to be copied.
    """
    heading = _HEADINGS.get(status, "エラーが発生しました")
    context = {"status": status, "heading": heading, "message": message, "typed": typed}
    return render(request, "error.html", context, status)


async def _unavailable(request: web.Request) -> web.Response:
    """503: the database did not answer. A form's typed text (an answer to staff) is given back, not lost.

    Its write may not have happened, or (the connection lost as it committed) have happened: the page says
    to look before sending again. Not for a form from another site (`_refuse_foreign`).
    """
    typed: list[str] = []
    if request.method == "POST" and not from_another_site(request):
        with contextlib.suppress(InvalidRequest):
            posted = await form(request)
            typed = [posted[name] for name in _TYPED if posted.get(name, "").strip()]
    return _error_page(request, 503, _UNAVAILABLE, typed)


@web.middleware
async def session_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Let in only a live session; anyone else goes to the login page."""
    if request.path in PUBLIC:
        return await handler(request)
    token = COOKIE.read(request)
    session = await asyncio.to_thread(request.config_dict[ACCOUNTS].session, token) if token else None
    if session is None:
        if request.method == "GET":
            # A cookie that no longer opens a session: it expired, or every session of the user was ended.
            # Logging in again returns to this page.
            response = see_other(login_url(request.raw_path, expired=bool(token)))
            if token:
                COOKIE.clear(request, response)
            raise response
        _refuse_foreign(request)  # before the page that shows what was typed: not another site's text
        return await _signed_out(request, ended=bool(token))
    request[SESSION] = session
    return await handler(request)


_TYPED = ("text", "question", "answer", "phrasings", "keywords", "tags")
"""The fields of the dashboard's forms that hold what a person wrote, in the order the forms show them."""


async def _signed_out(request: web.Request, *, ended: bool) -> web.Response:
    """A form sent without a live session: nothing is done; say why, and give back what was typed.

    The form was written on a page opened while logged in (the login has
    since expired, or a new password or 「すべての端末でログアウト」 ended it).
    Reloading would only send it again, so the page links to the login page
    and shows the typed text, to be copied before logging in again. The
    login returns to the page the form was on (its action's parent:
    ``/admin/consultations/1/answer`` → ``/admin/consultations/1``). An
    answer (``answer`` or ``ask``) sent with an expired session's own cookie
    and CSRF token is also kept for its writer, masked, and given back in
    their answer box there (`bot.consult.answerdrafts`). The cookie is left
    as it is, so that an answer sent from another page opened before is
    kept too; the next page of the dashboard opened drops it, and logging in
    replaces it.
    """
    posted = await form(request)
    typed = [posted[name] for name in _TYPED if posted.get(name, "").strip()]
    context = {
        "message": SESSION_ENDED if ended else _NOT_LOGGED_IN,
        "typed": typed,
        "kept": ended and await asyncio.to_thread(_keep_answer, request, posted),
        "login": login_url(request.rel_url.raw_path.rpartition("/")[0]),
    }
    return render(request, "signed_out.html", context, 403)


_ANSWER_BOX = frozenset({"answer", "ask"})
"""The consultation page's actions sent from its answer box."""


def _keep_answer(request: web.Request, posted: Mapping[str, str]) -> bool:
    """Keep the answer a refused form held for the writer of the expired session it carries; whether kept."""
    number, action = digits(request.match_info.get("id", ""), 18), request.match_info.get("action", "")
    on_consultation = request.path.startswith("/admin/consultations/")
    if not on_consultation or action not in _ANSWER_BOX or number is None:
        return False
    drafts = request.config_dict[ANSWER_DRAFTS]
    return drafts.keep(COOKIE.read(request), posted.get("csrf", ""), number, posted.get("text", ""))


@web.middleware
async def csrf_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every POST must come from our own pages and carry the right CSRF token."""
    if request.method != "POST":
        return await handler(request)
    _refuse_foreign(request)
    sent = (await form(request)).get("csrf", "")
    session = request.get(SESSION)
    expected = session.csrf if session is not None else LOGIN_COOKIE.read(request)
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise web.HTTPForbidden(text=_EXPIRED)
    return await handler(request)


def _refuse_foreign(request: web.Request) -> None:
    """403 for a form sent from another site: by ``Origin``, and by ``Sec-Fetch-Site`` where sent.

    Checked before a form without a session is answered too: that page shows the text the form held
    (`_signed_out`), and another site could otherwise have the dashboard show any text it likes, a
    false notice with its own address in it, under the dashboard's own address.
    """
    if from_another_site(request):
        raise web.HTTPForbidden(text="ほかのサイトからの送信は受け付けていません。")


def _jst(moment: datetime | None) -> str:
    return f"{local(moment):%Y/%m/%d %H:%M}" if moment is not None else ""


def _day(day: date | None) -> str:
    """A day as `_jst` writes one (2026/12/31), not ISO's 2026-12-31 beside it."""
    return f"{day:%Y/%m/%d}" if day is not None else ""


_EXPIRED = "画面の有効期限が切れました。ページを読み込み直してから、もう一度お試しください。"
SESSION_ENDED = (
    "ログインの有効期限が切れたか、パスワードの変更または「すべての端末でログアウト」が行われたため、"
    "ログアウトしました。もう一度ログインしてください。"
)
_NOT_LOGGED_IN = "ログインしていないため、送信された内容は受け付けられませんでした。ログインしてください。"
_UNAVAILABLE = "データベースに接続できません。時間をおいてもう一度お試しください。"
_BROKEN = "申し訳ありません。システムの不具合が発生しました。"
_HEADINGS = {
    400: "受け付けられませんでした",
    403: "この操作はできません",
    404: "ページが見つかりません",
    405: "この操作はできません",
    409: "この操作はできませんでした",
    413: "送信された内容が大きすぎます",
    429: "しばらくお待ちください",
    500: "システムの不具合が発生しました",
    503: "ただいまご利用いただけません",
}
"""What happened, as each error page's heading says it (the message below says why and what to do)."""
_MESSAGES = {
    403: _EXPIRED,
    404: "お探しのページは見つかりません。",
    405: "この操作はできません。",
    413: "送信された内容が大きすぎます。",
}
