"""Logging in and out of the dashboard, on this browser or everywhere.

The login form is protected against CSRF like every other form: before
there is a session, its token is a random value set in a cookie and
repeated in the form. A refused login says only that the name or password
is wrong, and takes as long whether or not the name exists; one that comes
too soon after repeated failures (`bot.consult.throttle`) is 429 and says
how long to wait. Each check costs one scrypt hash, so checks run on one
low-priority thread (`bot.consult.accounts.password_checker`): guessing
can never take more than one core from the chat. Over HTTPS (``request.secure``, which
reflects a trusted proxy's ``X-Forwarded-Proto``) the cookies are ``__Host-`` cookies,
``Secure`` and at ``Path=/``, and only those are read (`bot.handlers.cookies`); the client
address throttled is ``request.remote`` (likewise). The session cookie is kept a day longer than
the session (`bot.db.retention.EXPIRED_SESSION_KEPT`), for what
`bot.consult.answerdrafts` keeps. A successful login goes to the page the
browser was sent to log in from (``next``, carried through the form; only a
page of the dashboard, `return_to`), or to the queue.
"""

from __future__ import annotations

import asyncio
import functools
import math
import secrets

from aiohttp import web

from bot.appkeys import ACCOUNTS, PASSWORD_CHECKS, SETTINGS
from bot.consult.accounts import Attempt, LoggedIn
from bot.db.retention import EXPIRED_SESSION_KEPT
from bot.handlers.cookies import SiteCookie
from bot.handlers.dashboard.core import (
    COOKIE,
    LOGIN_COOKIE,
    SESSION,
    SESSION_ENDED,
    form,
    render,
    return_to,
    see_other,
)

__all__ = ["DEVICE_COOKIE", "login", "login_page", "logout", "logout_everywhere"]

DEVICE_COOKIE = SiteCookie("kaizen_device", "/admin/login")
"""Marks a browser that has logged in as a user, so that others' failures do not slow it down."""
DEVICE_DAYS = 180

_REFUSED = (
    "ユーザー名またはパスワードが正しくありません。"
    "間違いが続くと、次にお試しいただけるまで少しずつ時間がかかるようになります。"
)
_SIGNED_OUT_EVERYWHERE = "すべての端末でログアウトしました。"


async def login_page(request: web.Request) -> web.Response:
    """The login form, with a fresh CSRF token in a cookie and in the form, and the page to return to."""
    done = _SIGNED_OUT_EVERYWHERE if request.query.get("signed_out") == "all" else ""
    done = done or (SESSION_ENDED if request.query.get("expired") == "1" else "")
    return _form(request, "", 200, done=done, target=return_to(request.query.get("next")))


async def login(request: web.Request) -> web.Response:
    """Check the name and password; on success set the session cookie and go back to the page (``next``)."""
    posted = await form(request)
    name = posted.get("name", "").strip()
    target = return_to(posted.get("next"))
    attempt = Attempt(name, request.remote or "", DEVICE_COOKIE.read(request))
    check = functools.partial(request.config_dict[ACCOUNTS].login, attempt, posted.get("password", ""))
    result = await asyncio.get_running_loop().run_in_executor(request.config_dict[PASSWORD_CHECKS], check)
    if not isinstance(result, LoggedIn):
        if result.retry_after:
            seconds = math.ceil(result.retry_after)
            response = _form(request, _too_soon(seconds), 429, name, target=target, wrong=False)
            response.headers["Retry-After"] = str(seconds)
            return response
        return _form(request, _REFUSED, 401, name, target=target, wrong=True)
    response = see_other(target)
    # The cookie outlives the session by EXPIRED_SESSION_KEPT: a form sent with it after the expiry is
    # refused, but its answer is kept for its writer (bot.consult.answerdrafts).
    hours = request.config_dict[SETTINGS].admin_session_hours
    kept = int(EXPIRED_SESSION_KEPT.total_seconds())
    COOKIE.set(request, response, result.token, hours * 3600 + kept)
    DEVICE_COOKIE.set(request, response, result.device, DEVICE_DAYS * 86400)
    LOGIN_COOKIE.clear(request, response)
    raise response


async def logout(request: web.Request) -> web.Response:
    """End the session."""
    token = COOKIE.read(request)
    if token:
        await asyncio.to_thread(request.config_dict[ACCOUNTS].logout, token)
    response = see_other("/admin/login")
    COOKIE.clear(request, response)
    raise response


async def logout_everywhere(request: web.Request) -> web.Response:
    """End every session of the logged-in user, on every browser (after a lost PC, say)."""
    name = request[SESSION].user.name
    await asyncio.to_thread(request.config_dict[ACCOUNTS].logout_everywhere, name)
    response = see_other("/admin/login?signed_out=all")
    COOKIE.clear(request, response)
    raise response


def _too_soon(seconds: int) -> str:
    wait = f"{seconds}秒" if seconds < 60 else f"{math.ceil(seconds / 60)}分"
    return (
        "ログインの失敗が続いたため、確認を少しお待ちいただいています。"
        f"{wait}ほどたってから、もう一度お試しください。"
    )


def _form(
    request: web.Request,
    refusal: str,
    status: int,
    name: str = "",
    done: str = "",
    *,
    target: str,
    wrong: bool = False,
) -> web.Response:
    """The login page; a ``refusal`` is said beside the fields it describes, marked invalid when ``wrong``."""
    token = secrets.token_urlsafe(32)
    context = {
        "refusal": refusal,
        "wrong": wrong,
        "done": done,
        "name": name,
        "login_csrf": token,
        "next": target,
    }
    response = render(request, "login.html", context, status)
    LOGIN_COOKIE.set(request, response, token)
    return response
