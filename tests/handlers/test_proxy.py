"""The trusted reverse proxy: X-Forwarded-* and the single sign-on header, believed only from it.

The test client connects from 127.0.0.1: trusting ``127.0.0.1`` makes it the
proxy; trusting only ``10.0.0.0/8`` makes it any client on the network.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.config import Settings
from bot.handlers.proxy import SSO_USER, client_address
from bot.search import Searcher
from tests.auxil.databases import migrated_sqlite
from tests.handlers.conftest import ADMIN_TOKEN, CHAT_TOKEN, Client, consult, pushed, say

MakeClient = Callable[..., Awaitable[Client]]
FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "198.51.100.7, 203.0.113.9",
    "X-Forwarded-Host": "kaizen.example.lg.jp",
    "X-Remote-User": "tanaka",
}


async def echo(request: web.Request) -> web.Response:
    """What the rest of the application sees of a request."""
    seen = {"secure": request.secure, "remote": request.remote, "host": request.host}
    return web.json_response({**seen, "sso": request.get(SSO_USER)})


@pytest.fixture
def make_client(aiohttp_client: AiohttpClient, tmp_path: Path, searcher: Searcher) -> MakeClient:
    async def make(trusted: str) -> Client:
        settings = Settings.from_env(
            {"KAIZEN_CACHE_DIR": ""},
            DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
            KAIZEN_CHAT_API_TOKEN=CHAT_TOKEN,
            KAIZEN_ADMIN_TOKEN=ADMIN_TOKEN,
            KAIZEN_TRUSTED_PROXIES=trusted,
            KAIZEN_SSO_USER_HEADER="X-Remote-User",
        )
        app = init_app(settings, searcher=searcher)
        app.router.add_get("/echo", echo)
        return await aiohttp_client(app)

    return make


def set_cookies(response: Any) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.getall("Set-Cookie", []):
        jar.load(header)
    return jar


def test_the_client_is_the_right_most_address_that_is_not_a_trusted_proxy() -> None:
    trusted = Settings.from_env({"KAIZEN_TRUSTED_PROXIES": "10.0.0.0/8"}).proxy.trusted
    assert client_address(["203.0.113.9"], trusted) == "203.0.113.9"
    assert client_address(["6.6.6.6, 203.0.113.9, 10.0.0.2"], trusted) == "203.0.113.9", "a forged hop"
    assert client_address(["6.6.6.6", "203.0.113.9"], trusted) == "203.0.113.9", "two headers"
    assert client_address(["10.0.0.3, 10.0.0.2"], trusted) == "10.0.0.3"
    assert client_address(["[2001:db8::1]:443", "192.0.2.1:80"], trusted) == "192.0.2.1"
    assert client_address(["203.0.113.9, unknown"], trusted) is None, "a proxy that writes no address"
    assert client_address([], trusted) is None


@pytest.mark.asyncio
async def test_a_trusted_proxy_tells_the_scheme_client_host_and_user(make_client: MakeClient) -> None:
    client = await make_client("127.0.0.1, 198.51.100.0/24")
    seen = await (await client.get("/echo", headers=FORWARDED)).json()
    assert seen == {"secure": True, "remote": "203.0.113.9", "host": "kaizen.example.lg.jp", "sso": "tanaka"}
    plain = await (await client.get("/echo")).json()
    assert plain["secure"] is False
    assert plain["remote"] == "127.0.0.1"
    assert plain["sso"] is None


@pytest.mark.asyncio
async def test_anyone_else_is_not_believed(make_client: MakeClient) -> None:
    client = await make_client("10.0.0.0/8")
    seen = await (await client.get("/echo", headers=FORWARDED)).json()
    assert seen["secure"] is False
    assert seen["remote"] == "127.0.0.1"
    assert seen["host"] != "kaizen.example.lg.jp"
    assert seen["sso"] is None

    # The claimed user gets an anonymous session of their own, and no one's consultations.
    response = await client.post("/api/v1/chat", json={"text": "相談状況"}, headers=FORWARDED)
    assert "kaizen_chat" in set_cookies(response)
    assert "ご相談はありません" in (await response.json())["replies"][0]["text"]


@pytest.mark.asyncio
async def test_the_session_cookie_is_secure_behind_tls(make_client: MakeClient) -> None:
    client = await make_client("127.0.0.1")
    headers = {"X-Forwarded-Proto": "https"}
    first = await client.post("/api/v1/chat", json={"action": "menu"}, headers=headers)
    cookie = set_cookies(first)["__Host-kaizen_chat"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"], cookie["path"]) == (
        True,
        True,
        "Strict",
        "/",
    )
    assert "kaizen_chat" not in set_cookies(first)
    again = await client.post(
        "/api/v1/chat",
        json={"text": "相談状況"},
        headers={**headers, "Cookie": f"__Host-kaizen_chat={cookie.value}"},
    )
    assert not set_cookies(again), "the same session, read under its secure name"
    ended = await client.delete(
        "/api/v1/chat/session", headers={**headers, "Cookie": f"__Host-kaizen_chat={cookie.value}"}
    )
    assert await ended.json() == {"ended": True}
    assert set_cookies(ended)["__Host-kaizen_chat"]["max-age"] == "0"
    login = set_cookies(await client.get("/admin/login", headers=headers))
    assert login["__Host-kaizen_login"]["secure"] is True, "the dashboard reads the same request.secure"

    untrusted = await make_client("10.0.0.0/8")
    cookies = set_cookies(await untrusted.post("/api/v1/chat", json={"action": "menu"}, headers=headers))
    assert "__Host-kaizen_chat" not in cookies
    assert not cookies["kaizen_chat"]["secure"]


@pytest.mark.asyncio
async def test_a_single_sign_on_user_keeps_the_name_the_proxy_gives(make_client: MakeClient) -> None:
    client = await make_client("127.0.0.1")
    tanaka, suzuki = {"X-Remote-User": "tanaka"}, {"X-Remote-User": "suzuki"}
    client.session.headers.update(tanaka)
    number = await consult(client, None)
    response = await client.post("/api/v1/chat", json={"text": "相談状況"})
    assert "kaizen_chat" not in set_cookies(response), "no session: the proxy names the user every time"
    assert (await response.json())["replies"][0]["cards"]

    # The same name through the chat API token is the same person; another name is not.
    assert (await say(client, "tanaka", text="相談状況"))[0]["cards"]
    client.session.headers.update(suzuki)
    assert "ご相談はありません" in (await say(client, None, text="相談状況"))[0]["text"]
    answered = await client.post(
        f"/api/v1/consultations/{number}/answer",
        json={"text": "回答です。"},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert answered.status == 200
    assert await pushed(client, None) == []
    client.session.headers.update(tanaka)
    assert ["回答です。" in m["text"] for m in await pushed(client, None)] == [True]

    # Signing out is the proxy's business.
    ended = await client.delete("/api/v1/chat/session")
    assert ended.status == 409
    assert "サインアウト" in (await ended.json())["message"]


@pytest.mark.asyncio
async def test_a_bad_single_sign_on_name_is_refused(make_client: MakeClient) -> None:
    client = await make_client("127.0.0.1")
    headers = {"X-Remote-User": "anon:x"}
    response = await client.post("/api/v1/chat", json={"text": "こんにちは"}, headers=headers)
    assert response.status == 400
    assert "X-Remote-User" in (await response.json())["message"]


@pytest.mark.asyncio
async def test_the_origin_check_compares_with_the_host_the_proxy_saw(make_client: MakeClient) -> None:
    client = await make_client("127.0.0.1")
    proxied = {"X-Forwarded-Host": "kaizen.example.lg.jp", "X-Forwarded-Proto": "https"}
    ok = await client.post(
        "/api/v1/chat", json={"action": "menu"}, headers={**proxied, "Origin": "https://kaizen.example.lg.jp"}
    )
    assert ok.status == 200
    own = f"http://{client.server.host}:{client.server.port}"
    refused = await client.post("/api/v1/chat", json={"action": "menu"}, headers={**proxied, "Origin": own})
    assert refused.status == 403


@pytest.mark.asyncio
async def test_a_page_over_plain_http_is_another_site_to_a_request_over_https(
    make_client: MakeClient,
) -> None:
    """Anyone on the network path can write the plain-HTTP page of the bot's own host name."""
    client = await make_client("127.0.0.1")
    proxied = {"X-Forwarded-Host": "kaizen.example.lg.jp", "X-Forwarded-Proto": "https"}
    for origin in ("http://kaizen.example.lg.jp", "ftp://kaizen.example.lg.jp", "null"):
        headers = {**proxied, "Origin": origin}
        refused = await client.post("/api/v1/chat", json={"action": "menu"}, headers=headers)
        assert refused.status == 403, origin
        assert "Set-Cookie" not in refused.headers
        login = await client.post("/admin/login", data={"username": "a", "password": "b"}, headers=headers)
        assert login.status == 403, origin
        assert "ほかのサイト" in await login.text()


@pytest.mark.asyncio
async def test_an_https_page_is_the_bots_own_behind_a_tls_proxy_it_does_not_trust(
    make_client: MakeClient,
) -> None:
    """Over plain HTTP the bot cannot tell a TLS proxy it was not told of: its page's Origin is https."""
    client = await make_client("10.0.0.0/8")
    own = f"{client.server.host}:{client.server.port}"
    for origin in (f"https://{own}", f"http://{own}"):
        response = await client.post("/api/v1/chat", json={"action": "menu"}, headers={"Origin": origin})
        assert response.status == 200, origin


@pytest.mark.asyncio
async def test_an_origin_no_browser_writes_is_another_site_not_a_500(make_client: MakeClient) -> None:
    """``urlsplit`` raises for a bracketed host that is no address: the check answered 500, a bug logged."""
    client = await make_client("10.0.0.0/8")
    for origin in ("http://[::1", "http://[zz]"):
        chat = await client.post("/api/v1/chat", json={"text": "RPA"}, headers={"Origin": origin})
        assert chat.status == 403, origin
        assert (await chat.json())["error"] == "forbidden_origin"
        login = await client.post(
            "/admin/login", data={"username": "a", "password": "b"}, headers={"Origin": origin}
        )
        assert login.status == 403, origin
