"""Regression tests for the inputs that once gave a 5xx (issue 9), on SQLite and PostgreSQL.

Each case is answered 4xx with a clear message (JSON on the API, a page on
the dashboard) and changes nothing; test_fuzz.py searches for new ones.
"""

from __future__ import annotations

import asyncio
import re

import pytest
import pytest_asyncio
from aiohttp import ClientResponse
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import ACCOUNTS, CONSULT, FAQ_DRAFTS
from bot.config import Settings
from bot.handlers.inputs import MAX_INTEGER, MAX_JSON_DEPTH
from bot.search import Searcher
from tests.handlers.conftest import ADMIN_TOKEN, CHAT_AUTH, CHAT_TOKEN, MAX_BODY, Client, consult

pytestmark = pytest.mark.asyncio

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
MESSAGES = "/api/v1/chat/messages"
AS_STAFF = {**CHAT_AUTH, "X-Kaizen-User": "staff-1"}
PASSWORD = "dx-team-password-1"
MAX_VERSION = 2**31 - 1
"""What the consultations' and drafts' ``version`` columns hold on PostgreSQL (``int4``)."""


@pytest_asyncio.fixture
async def db_client(aiohttp_client: AiohttpClient, migrated_url: str, searcher: Searcher) -> Client:
    """The application on SQLite and on PostgreSQL."""
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": ""},
        DATABASE_URL=migrated_url,
        KAIZEN_MAX_BODY_BYTES=str(MAX_BODY),
        KAIZEN_ADMIN_TOKEN=ADMIN_TOKEN,
        KAIZEN_CHAT_API_TOKEN=CHAT_TOKEN,
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


async def json_error(response: ClientResponse, status: int, code: str | None = None) -> str:
    assert response.status == status, await response.text()
    assert response.content_type == "application/json"
    body = await response.json()
    assert set(body) == {"error", "message"}
    if code is not None:
        assert body["error"] == code
    message: str = body["message"]
    return message


def nested(depth: int) -> bytes:
    return ('{"user": "staff-1", "text": ' + "[" * depth + "]" * depth + "}").encode()


async def test_json_nested_a_thousand_deep_is_400_not_a_recursion_error(db_client: Client) -> None:
    for path, headers in (("/api/v1/chat", CHAT_AUTH), ("/api/v1/consultations/1/answer", ADMIN)):
        response = await db_client.post(path, data=nested(1000), headers=headers)
        message = await json_error(response, 400, "invalid_json")
        assert f"{MAX_JSON_DEPTH}段まで" in message
    response = await db_client.post(
        "/api/v1/chat", data=nested(MAX_JSON_DEPTH), headers=CHAT_AUTH
    )  # one level too deep
    await json_error(response, 400, "invalid_json")
    shallow = nested(MAX_JSON_DEPTH - 1)  # within the bound: read, then refused as a field that is no string
    await json_error(
        await db_client.post("/api/v1/chat", data=shallow, headers=CHAT_AUTH), 400, "invalid_field"
    )


async def test_lone_surrogates_and_nul_in_text_are_400_not_the_fallback(db_client: Client) -> None:
    for text in ("\\ud800", "a\\udfffb", "\\u0000", "x\\u0000y"):
        raw = f'{{"user": "staff-1", "text": "{text}"}}'.encode()
        message = await json_error(
            await db_client.post("/api/v1/chat", data=raw, headers=CHAT_AUTH), 400, "invalid_text"
        )
        assert "使えない文字" in message
    raw = b'{"text": "\\ud83d\\ude00 ok", "user": "staff-1"}'  # a surrogate pair is an emoji, and fine
    assert (await db_client.post("/api/v1/chat", data=raw, headers=CHAT_AUTH)).status == 200
    raw = b'{"text": "\\ud800"}'
    await json_error(await db_client.post("/api/v1/consultations/1/answer", data=raw, headers=ADMIN), 400)


async def test_non_standard_json_is_400(db_client: Client) -> None:
    for raw in (b'{"user": "a", "text": NaN}', b'{"user": "a", "text": 1e999}', b"[1, 2", b"\xff\xfe"):
        await json_error(
            await db_client.post("/api/v1/chat", data=raw, headers=CHAT_AUTH), 400, "invalid_json"
        )


async def test_after_beyond_a_64_bit_integer_is_400_on_both_databases(db_client: Client) -> None:
    for after in (str(2**63), str(2**64), "9" * 40):
        message = await json_error(
            await db_client.get(MESSAGES, params={"after": after}, headers=AS_STAFF), 400, "invalid_after"
        )
        assert message == f"「after」には0から{MAX_INTEGER}までの整数を指定してください。"
    for after in ("-1", "1.5", "１２", " 1"):
        message = await json_error(
            await db_client.get(MESSAGES, params={"after": after}, headers=AS_STAFF), 400, "invalid_after"
        )
        assert "0以上の整数" in message
    response = await db_client.get(MESSAGES, params={"after": str(MAX_INTEGER)}, headers=AS_STAFF)
    assert response.status == 200
    assert await response.json() == {"messages": [], "session": True}


async def test_limit_out_of_range_is_400(db_client: Client) -> None:
    for limit in ("0", "501", str(2**63), "x"):
        response = await db_client.get("/api/v1/consultations", params={"limit": limit}, headers=ADMIN)
        assert "1から500まで" in await json_error(response, 400, "invalid_limit")
    response = await db_client.get("/api/v1/consultations", params={"limit": "500"}, headers=ADMIN)
    assert response.status == 200


async def test_unreadable_query_text_is_400(db_client: Client) -> None:
    for query in ("tag=%00", "status=a%00b", "assignee=%00"):
        response = await db_client.get(f"/api/v1/consultations?{query}", headers=ADMIN)
        await json_error(response, 400, "invalid_text")


async def test_a_static_name_over_255_bytes_is_404(db_client: Client) -> None:
    for name in ("a" * 300, "あ" * 100, "..%2Fapp.py", "..%2F..%2Fpyproject.toml", "index.html%2F"):
        await json_error(await db_client.get(f"/static/{name}"), 404, "not_found")
    for name in ("%00", "chat.css%00"):
        await json_error(await db_client.get(f"/static/{name}"), 400, "invalid_text")
    response = await db_client.get("/static/chat.css")
    assert response.status == 200
    assert response.content_type == "text/css"


async def test_unknown_methods_on_the_api_answer_json(db_client: Client) -> None:
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "TRACE"):
        response = await db_client.request(method, "/api/v1/chat")
        await json_error(response, 405, "method_not_allowed")
        assert response.headers["Allow"] == "POST"
    response = await db_client.request("DELETE", "/api/v1/consultations/1", headers=ADMIN)
    await json_error(response, 405)
    assert set(response.headers["Allow"].split(",")) == {"GET", "HEAD"}
    await json_error(await db_client.request("PUT", "/healthz"), 405)
    await json_error(await db_client.get("/nothing/here"), 404, "not_found")


async def logged_in(client: Client) -> tuple[str, int]:
    """A dashboard user logged in, and a consultation: (the session's CSRF token, its number)."""
    await asyncio.to_thread(client.app[ACCOUNTS].add_user, "tanaka", PASSWORD, "田中")
    number = await consult(client, "staff-1")
    page = await client.get("/admin/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text())
    assert csrf
    form = {"csrf": csrf.group(1), "name": "tanaka", "password": PASSWORD}
    assert (await client.post("/admin/login", data=form, allow_redirects=False)).status == 303
    queue = await (await client.get("/admin/")).text()
    session_csrf = re.search(r'name="csrf" value="([^"]+)"', queue)
    assert session_csrf
    return session_csrf.group(1), number


async def test_a_huge_version_in_a_dashboard_form_is_a_400_page_changing_nothing(
    db_client: Client,
) -> None:
    csrf, number = await logged_in(db_client)
    before = await asyncio.to_thread(db_client.app[CONSULT].get, number)
    for version in (str(2**63), "9" * 400, "-1", "x", ""):
        form = {"csrf": csrf, "version": version, "form": "note", "text": "メモです"}
        response = await db_client.post(f"/admin/consultations/{number}/note", data=form)
        assert response.status == 400
        assert response.content_type == "text/html"
        page = await response.text()
        assert "フォームの内容を読み取れませんでした。" in page
        assert "メモです" in page  # what was typed is kept on the page
    after = await asyncio.to_thread(db_client.app[CONSULT].get, number)
    assert after.version == before.version
    response = await db_client.post("/admin/faq/1/save", data={"csrf": csrf, "version": str(2**70)})
    assert response.status in (400, 404)
    assert response.content_type == "text/html"


async def test_a_version_at_or_past_what_the_column_holds_is_refused_not_a_5xx(db_client: Client) -> None:
    """The largest version the column holds is stale, a 409; past it (up to MAX_INTEGER) a 400 page.

    Once, MAX_INTEGER was read and the store wrote it plus one (500 on SQLite), and PostgreSQL's
    ``int4`` column refused any version past 2**31 - 1 (503).
    """
    csrf, number = await logged_in(db_client)
    consult_service = db_client.app[CONSULT]
    before = await asyncio.to_thread(consult_service.get, number)
    for action in ("note", "take", "tags"):
        for version, status in ((MAX_VERSION, 409), (MAX_VERSION + 1, 400), (MAX_INTEGER, 400)):
            form = {"csrf": csrf, "version": str(version), "text": "メモです", "tags": "RPA"}
            response = await db_client.post(f"/admin/consultations/{number}/{action}", data=form)
            assert response.status == status, (action, version, await response.text())
    after = await asyncio.to_thread(consult_service.get, number)
    assert after.version == before.version
    answered = await asyncio.to_thread(consult_service.answer, number, "回答です。", "tanaka")
    draft = await asyncio.to_thread(db_client.app[FAQ_DRAFTS].create_from, number, "tanaka", answered.version)
    for version, status in ((MAX_VERSION, 409), (MAX_VERSION + 1, 400), (MAX_INTEGER, 400)):
        form = {"csrf": csrf, "version": str(version), "entry_id": "x-1", "question": "問", "answer": "答"}
        response = await db_client.post(f"/admin/faq/{draft.id}/save", data=form)
        assert response.status == status, (version, await response.text())
    kept = await asyncio.to_thread(db_client.app[FAQ_DRAFTS].get, draft.id)
    assert (kept.version, kept.status) == (draft.version, draft.status)


async def test_broken_or_undecodable_login_forms_are_400_pages(client: Client) -> None:
    broken = [
        ("multipart/form-data; boundary=x", b"--x\r\nbroken"),
        ("multipart/form-data", b"a=1"),
        ("application/x-www-form-urlencoded", b"name=\xff\xfe&password=x"),
        ("application/x-www-form-urlencoded; charset=bogus", b"name=a"),
        ("application/x-www-form-urlencoded", b"name=%00&password=x"),
    ]
    for content_type, body in broken:
        response = await client.post("/admin/login", data=body, headers={"Content-Type": content_type})
        assert response.status == 400, (content_type, body)
        assert response.content_type == "text/html"
        page = await response.text()
        assert "<html" in page
        assert "読み取れませんでした" in page or "使えない文字" in page
