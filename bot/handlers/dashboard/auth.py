"""Logging in and out of the dashboard.

The login form is protected against CSRF like every other form: before
there is a session, its token is a random value set in a cookie and
repeated in the form. A refused login says only that the name or password
is wrong, and takes as long whether or not the name exists.
"""

from __future__ import annotations

import asyncio
import secrets

from aiohttp import web

from bot.appkeys import ACCOUNTS, SETTINGS
from bot.handlers.dashboard.core import COOKIE, LOGIN_COOKIE, form, render, see_other

__all__ = ["login", "login_page", "logout"]

_REFUSED = (
    "ユーザー名またはパスワードが正しくありません。続けて5回間違えると、15分間ログインできなくなります。"
)


async def login_page(request: web.Request) -> web.Response:
    """The login form, with a fresh CSRF token in a cookie and in the form."""
    return _form(request, "", 200)


async def login(request: web.Request) -> web.Response:
    """Check the name and password; on success set the session cookie and go to the queue."""
    posted = await form(request)
    name = posted.get("name", "").strip()
    opened = await asyncio.to_thread(request.config_dict[ACCOUNTS].login, name, posted.get("password", ""))
    if opened is None:
        return _form(request, _REFUSED, 401, name)
    token = opened[0]
    response = see_other("/admin/")
    response.set_cookie(
        COOKIE,
        token,
        path="/admin",
        httponly=True,
        samesite="Strict",
        secure=request.secure,
        max_age=request.config_dict[SETTINGS].admin_session_hours * 3600,
    )
    response.del_cookie(LOGIN_COOKIE, path="/admin")
    raise response


async def logout(request: web.Request) -> web.Response:
    """End the session."""
    token = request.cookies.get(COOKIE)
    if token:
        await asyncio.to_thread(request.config_dict[ACCOUNTS].logout, token)
    response = see_other("/admin/login")
    response.del_cookie(COOKIE, path="/admin")
    raise response


def _form(request: web.Request, error: str, status: int, name: str = "") -> web.Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", {"error": error, "name": name, "login_csrf": token}, status)
    response.set_cookie(
        LOGIN_COOKIE, token, path="/admin", httponly=True, samesite="Strict", secure=request.secure
    )
    return response
