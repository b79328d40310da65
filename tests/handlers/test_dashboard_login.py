"""Dashboard login over HTTP: throttling without a lock, device cookies, logging out everywhere, Secure,
and back to the page one was on."""

from __future__ import annotations

import asyncio
import hashlib
import html
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import web
from pytest_aiohttp import AiohttpClient
from yarl import URL

from bot.app import init_app
from bot.appkeys import ACCOUNTS, ANSWER_DRAFTS, SETTINGS, STORE
from bot.config import Settings
from bot.consult.accounts import Attempt, LoggedIn
from bot.consult.throttle import ACCOUNT
from bot.db.schema import admin_sessions
from bot.handlers.dashboard.auth import DEVICE_COOKIE
from bot.handlers.dashboard.core import COOKIE, LOGIN_COOKIE
from bot.search import Searcher
from tests.handlers.conftest import Client, consult
from tests.handlers.test_dashboard import PASSWORD, add_user, csrf_of, login, opened, page, post, version_of

pytestmark = pytest.mark.asyncio


async def try_login(client: Client, name: str, password: str) -> tuple[int, str, dict[str, str]]:
    form = await page(client, "/admin/login")
    data = {"csrf": csrf_of(form), "name": name, "password": password}
    response = await client.post("/admin/login", data=data, allow_redirects=False)
    return response.status, await response.text(), dict(response.headers)


def same_page(html: str, name: str) -> str:
    """The page without what differs by design: the name typed and the fresh CSRF token."""
    return html.replace(name, "NAME").replace(csrf_of(html), "TOKEN")


async def test_unknown_names_and_wrong_passwords_get_the_same_answer(client: Client) -> None:
    await add_user(client)
    wrong = await try_login(client, "tanaka", "wrong-password")
    unknown = await try_login(client, "nobody", "wrong-password")
    assert wrong[0] == unknown[0] == 401
    assert same_page(wrong[1], "tanaka") == same_page(unknown[1], "nobody")
    assert "ユーザー名またはパスワードが正しくありません" in wrong[1]


async def test_repeated_failures_get_429_with_how_long_to_wait_not_a_lock(client: Client) -> None:
    """On the accounts' own clock, stopped: a loaded machine's slow requests cannot pass for the wait."""
    await add_user(client)
    accounts = client.app[ACCOUNTS]
    stopped = accounts.clock()
    accounts.clock = lambda: stopped
    for _ in range(ACCOUNT.free):
        assert (await try_login(client, "tanaka", "wrong-password"))[0] == 401
    status, text, headers = await try_login(client, "tanaka", PASSWORD)
    assert status == 429, "too soon: not even the right password is checked"
    assert headers["Retry-After"] == "1"
    assert "1秒ほどたってから、もう一度お試しください" in text
    accounts.clock = lambda: stopped + timedelta(seconds=1.1)
    assert (await try_login(client, "tanaka", PASSWORD))[0] == 303, "after the wait, the user gets in"


async def test_attempts_told_to_wait_take_no_turn_on_the_checking_thread(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A throttled guesser's flood costs no scrypt hash, so a real login does not queue behind it.

    Each check takes its turn on one thread (`password_checker`): when an attempt told to wait still
    hashed, 30 guessers told to wait kept every real login waiting seconds.
    """
    await add_user(client)
    accounts = client.app[ACCOUNTS]
    stopped = accounts.clock()
    accounts.clock = lambda: stopped
    for name in ("tanaka", "nobody"):
        for _ in range(ACCOUNT.free):
            assert (await try_login(client, name, "wrong-password"))[0] == 401
    hashed = 0
    scrypt = hashlib.scrypt

    def counted(*args: Any, **kwargs: Any) -> bytes:
        nonlocal hashed
        hashed += 1
        return scrypt(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    for name in ("tanaka", "nobody", "tanaka"):
        assert (await try_login(client, name, "wrong-password"))[0] == 429
    assert (await try_login(client, "tanaka", PASSWORD))[0] == 429
    assert hashed == 0
    accounts.clock = lambda: stopped + timedelta(seconds=1.1)
    assert (await try_login(client, "tanaka", PASSWORD))[0] == 303
    assert hashed == 1, "a check that is due hashes as before"


async def test_a_browser_that_logged_in_before_gets_in_while_others_guess(client: Client) -> None:
    """On the accounts' own clock, stopped: a loaded machine's slow requests cannot pass for the wait."""
    await add_user(client)
    accounts = client.app[ACCOUNTS]
    stopped = accounts.clock()
    accounts.clock = lambda: stopped
    await login(client)
    device = client.session.cookie_jar.filter_cookies(client.make_url("/admin/login"))[DEVICE_COOKIE.name]
    client.session.cookie_jar.clear()
    for _ in range(ACCOUNT.free + 3):
        await try_login(client, "tanaka", "wrong-password")
    assert (await try_login(client, "tanaka", PASSWORD))[0] == 429, "a new browser waits its turn"
    client.session.cookie_jar.update_cookies(
        {DEVICE_COOKIE.name: device.value}, client.make_url("/admin/login")
    )
    assert (await try_login(client, "tanaka", PASSWORD))[0] == 303


async def test_logout_everywhere_ends_the_sessions_of_every_browser(client: Client) -> None:
    await add_user(client)
    other = await asyncio.to_thread(client.app[ACCOUNTS].login, Attempt("tanaka", "192.0.2.9"), PASSWORD)
    assert isinstance(other, LoggedIn)
    csrf = await login(client)
    queue = await page(client, "/admin/")
    assert "すべての端末でログアウト" in queue
    response = await client.post("/admin/logout-everywhere", data={"csrf": csrf}, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/admin/login?signed_out=all"
    assert "すべての端末でログアウトしました" in await page(client, "/admin/login?signed_out=all")
    assert await asyncio.to_thread(client.app[ACCOUNTS].session, other.token) is None
    gone = await client.get("/admin/", allow_redirects=False)
    assert gone.headers["Location"] == "/admin/login"
    client.session.cookie_jar.update_cookies({COOKIE.name: other.token}, client.make_url("/admin/"))
    ended = await client.get("/admin/", allow_redirects=False)
    assert ended.headers["Location"] == "/admin/login?expired=1", "a cookie of an ended session says so"
    assert "ログインの有効期限が切れたか" in await page(client, "/admin/login?expired=1")
    forged = await client.post("/admin/logout-everywhere", data={"csrf": csrf}, allow_redirects=False)
    assert forged.status == 403


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def behind_tls_proxy(request: web.Request, handler: Handler) -> web.StreamResponse:
    """What the trusted-proxy middleware makes of X-Forwarded-Proto: https."""
    return await handler(request.clone(scheme="https"))


async def test_cookies_are_secure_when_the_request_came_over_https(
    aiohttp_client: AiohttpClient, settings: Settings, searcher: Searcher
) -> None:
    app = init_app(settings, searcher=searcher)
    app.middlewares.insert(0, behind_tls_proxy)
    client = await aiohttp_client(app)
    await add_user(client)
    login_page = await client.get("/admin/login")
    assert "Secure" in login_page.headers["Set-Cookie"]
    data = {"csrf": csrf_of(await login_page.text()), "name": "tanaka", "password": PASSWORD}
    login_cookie = f"__Host-{LOGIN_COOKIE.name}"
    secure_only = {"Cookie": f"{login_cookie}={login_page.cookies[login_cookie].value}"}
    response = await client.post("/admin/login", data=data, headers=secure_only, allow_redirects=False)
    assert response.status == 303
    cookies = response.headers.getall("Set-Cookie")
    for cookie_of in (COOKIE, DEVICE_COOKIE):
        (cookie,) = [c for c in cookies if c.startswith(f"__Host-{cookie_of.name}=")]
        assert "Secure" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=Strict" in cookie
        assert "Path=/;" in cookie
        assert "Domain" not in cookie


async def test_cookies_are_not_secure_over_plain_http(client: Client) -> None:
    await add_user(client)
    login_page = await client.get("/admin/login")
    assert "Secure" not in login_page.headers["Set-Cookie"]


async def login_from(client: Client, location: str) -> str:
    """Log in on the login page at ``location``, as a person sent there would; where the login leads."""
    form = await page(client, location)
    target = re.search(r'name="next" value="([^"]*)"', form)
    assert target, form[:500]
    data = {"csrf": csrf_of(form), "name": "tanaka", "password": PASSWORD, "next": html.unescape(target[1])}
    response = await client.post("/admin/login", data=data, allow_redirects=False)
    assert response.status == 303, await response.text()
    return response.headers["Location"]


def to_login(location: str) -> dict[str, str]:
    """The login page's parameters in a redirect ``location`` to it."""
    url = URL(location)
    assert url.path == "/admin/login", location
    return dict(url.query)


async def test_logging_in_again_returns_to_the_page_the_session_ended_on(client: Client) -> None:
    await add_user(client)
    await consult(client, "staff-1")
    await login(client)
    where = "/admin/consultations/1?from=faq:tool-rpa-basics&q=OCR"
    await page(client, where)
    await asyncio.to_thread(client.app[ACCOUNTS].logout_everywhere, "tanaka")
    ended = await client.get(where, allow_redirects=False)
    assert ended.status == 303
    assert to_login(ended.headers["Location"]) == {"expired": "1", "next": where}
    assert await login_from(client, ended.headers["Location"]) == where
    assert "定型的な操作" in await page(client, where), "the same page, with the answer it was starting from"

    client.session.cookie_jar.clear()  # signed out: no session cookie at all
    queue = "/admin/?status=closed&tag=%E4%BC%9A%E8%AD%B0%E9%8C%B2"  # as a browser sends tag=会議録
    signed_out = await client.get(queue, allow_redirects=False)
    assert to_login(signed_out.headers["Location"]) == {"next": queue}
    assert await login_from(client, signed_out.headers["Location"]) == queue
    client.session.cookie_jar.clear()
    home = await client.get("/admin/", allow_redirects=False)
    assert home.headers["Location"] == "/admin/login", "the queue is where a login goes anyway"


async def test_a_form_refused_after_the_login_ended_links_to_a_login_that_returns_to_its_page(
    client: Client,
) -> None:
    csrf, detail = await opened(client)
    await asyncio.to_thread(client.app[ACCOUNTS].logout_everywhere, "tanaka")
    data = {"version": version_of(detail), "csrf": csrf, "form": "answer", "text": "回答です。"}
    refused = await post(client, "/admin/consultations/1/answer", data, 403)
    link = '<a href="/admin/login?next=%2Fadmin%2Fconsultations%2F1" target="_blank" rel="noopener">'
    assert link in refused
    assert (
        await login_from(client, "/admin/login?next=%2Fadmin%2Fconsultations%2F1") == "/admin/consultations/1"
    )


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/admin/",
        "//evil.example/admin/",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/admin/\\\\evil.example",
        "/admin/%5C%5Cevil.example",
        "javascript:alert(1)//",
        "http:/admin/",
        "/evil",
        "/admin",
        "admin/",
        "/admin/../evil",
        "/admin/%2e%2e/evil",
        "/admin/login",
        "/admin/login?next=%2Fadmin%2Ffaq",
        "/admin/ faq",
        "/admin/\r\nSet-Cookie: x=1",
        "/admin/#x",
        pytest.param("/admin/" + "a" * 2001, id="too-long"),
        pytest.param("", id="empty"),
    ],
)
async def test_next_is_only_a_page_of_the_dashboard_never_another_site(client: Client, target: str) -> None:
    await add_user(client)
    shown = await page(client, f"/admin/login?{urlencode({'next': target})}")
    assert 'name="next" value="/admin/"' in shown
    form = await page(client, "/admin/login")
    data = {"csrf": csrf_of(form), "name": "tanaka", "password": PASSWORD, "next": target}
    response = await client.post("/admin/login", data=data, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/admin/"


async def test_the_session_cookie_outlives_the_session_by_a_day_so_an_expired_form_still_carries_it(
    client: Client,
) -> None:
    await add_user(client)
    form = await page(client, "/admin/login")
    data = {"csrf": csrf_of(form), "name": "tanaka", "password": PASSWORD}
    response = await client.post("/admin/login", data=data, allow_redirects=False)
    assert response.status == 303
    hours = client.app[SETTINGS].admin_session_hours
    assert response.cookies[COOKIE.name]["max-age"] == str(hours * 3600 + 86400)


def expire_sessions(client: Client) -> None:
    """Every dashboard session a minute past its expiry, as if its hours had passed."""
    past = datetime.now(UTC) - timedelta(minutes=1)
    with client.app[STORE].engine.begin() as connection:
        connection.execute(admin_sessions.update().values(expires_at=past))


async def test_an_answer_sent_after_the_login_expired_is_kept_only_with_that_sessions_own_csrf_token(
    client: Client,
) -> None:
    csrf, detail = await opened(client)
    await asyncio.to_thread(expire_sessions, client)
    data = {"version": version_of(detail), "csrf": "another-pages-token", "form": "answer", "text": "回答"}
    forged = await post(client, "/admin/consultations/1/answer", data, 403)
    assert "送信しようとした内容は保存されていません" in forged
    assert await asyncio.to_thread(client.app[ANSWER_DRAFTS].of, 1, 1) is None
    note = await post(client, "/admin/consultations/1/note", {**data, "csrf": csrf, "form": "note"}, 403)
    assert "保存されていません" in note, "a note is not an answer: only the answer box is kept"
    assert await asyncio.to_thread(client.app[ANSWER_DRAFTS].of, 1, 1) is None

    kept = await post(client, "/admin/consultations/1/answer", {**data, "csrf": csrf}, 403)
    assert "このアカウントの下書きとして保存しました" in kept
    found = await asyncio.to_thread(client.app[ANSWER_DRAFTS].of, 1, 1)
    assert found is not None
    assert found.text == "回答"
    # The refused page leaves the cookie: an answer sent next from another page opened before is kept too.
    await post(client, "/admin/consultations/1/answer", {**data, "csrf": csrf, "text": "書き直した回答"}, 403)
    replaced = await asyncio.to_thread(client.app[ANSWER_DRAFTS].of, 1, 1)
    assert replaced is not None
    assert replaced.text == "書き直した回答"
