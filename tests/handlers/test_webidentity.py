"""Who is talking in the web chat: the server's session, the chat API token, never a client's claim.

Each test client keeps its own cookies, like one browser; a second client on
the same server is a second browser (or a second person at a shared PC).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from http.cookies import Morsel, SimpleCookie
from pathlib import Path
from typing import Any, cast

import pytest
import sqlalchemy as sa
from aiohttp import ClientResponse
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import STORE, WEB_SESSIONS
from bot.config import Settings
from bot.db.schema import outbox, web_sessions
from bot.db.websessions import ENDED
from bot.search import Searcher
from tests.auxil.databases import migrated_sqlite
from tests.handlers.conftest import ADMIN_TOKEN, CHAT_AUTH, CHAT_TOKEN, Client, consult, pushed, say
from tests.handlers.test_dashboard import add_user, login, page, version_of

pytestmark = pytest.mark.asyncio

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NONE_YET = "これまでにDX推進課へお送りいただいたご相談はありません。"


def session_cookie(response: ClientResponse) -> Morsel[str] | None:
    """The ``kaizen_chat`` cookie the response sets, with its attributes; None when it sets none."""
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.getall("Set-Cookie", []):
        jar.load(header)
    return jar.get("kaizen_chat")


async def post(client: Client, body: dict[str, Any], headers: dict[str, str] | None = None) -> ClientResponse:
    response = await client.post("/api/v1/chat", json=body, headers=headers)
    await response.read()
    return response


async def session_users(client: Client) -> list[str]:
    def read() -> list[str]:
        with client.app[STORE].engine.connect() as connection:
            return list(connection.execute(sa.select(web_sessions.c.user_id)).scalars())

    return await asyncio.to_thread(read)


async def answer(client: Client, number: int, text: str) -> None:
    url = f"/api/v1/consultations/{number}/answer"
    response = await client.post(url, json={"text": text}, headers=ADMIN)
    assert response.status == 200, await response.text()


async def test_the_first_message_issues_a_session_cookie_and_the_page_load_does_not(client: Client) -> None:
    page = await client.get("/")
    assert session_cookie(page) is None
    polled = await client.get("/api/v1/chat/messages")
    assert (polled.status, await polled.json()) == (200, {"messages": [], "session": False})
    assert session_cookie(polled) is None, "a poll before the first message has nothing to fetch"
    assert await session_users(client) == []

    first = await post(client, {"text": "RPAとは何ですか？"})
    assert first.status == 200
    cookie = session_cookie(first)
    assert cookie is not None
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/api/v1/chat"
    assert cookie["max-age"] == str(30 * 86400)
    assert not cookie["secure"], "plain HTTP: a Secure cookie would never come back"
    (user,) = await session_users(client)
    assert user.startswith("anon:")
    assert cookie.value not in user
    polled = await client.get("/api/v1/chat/messages")
    assert (await polled.json())["session"] is True

    choices = (await first.json())["replies"][0]["choices"]
    solved = next(c["action"] for c in choices if c["label"] == "解決した")
    again = await post(client, {"action": solved})
    assert session_cookie(again) is None, "the cookie is set again only when the session is renewed"
    assert "お役に立ててよかった" in (await again.json())["replies"][0]["text"], "the same conversation"
    assert await session_users(client) == [user]


async def test_another_browser_cannot_reach_a_consultation_or_its_answer(
    aiohttp_client: AiohttpClient, client: Client
) -> None:
    number = await consult(client, None)
    (alice,) = await session_users(client)
    bob = cast(Client, await aiohttp_client(client.server))  # a second browser on the same server

    assert (await say(bob, None, text="相談状況"))[0]["text"] == NONE_YET
    for verb in ("", ":add", ":wd", ":wdy", ":ok", ":ng"):
        replies = await say(bob, None, action=f"cs:{number}{verb}")
        assert "見つかりませんでした" in replies[0]["text"], verb

    # Naming alice, by her session's id or otherwise, is a claim only the chat API token may make.
    for body in ({"user": alice, "text": "相談状況"}, {"user": alice, "action": f"cs:{number}:wdy"}):
        refused = await post(bob, body)
        assert refused.status == 401
        assert (await refused.json())["error"] == "token_required"
    refused = await bob.get("/api/v1/chat/messages", headers={"X-Kaizen-User": alice})
    assert refused.status == 401
    assert (await post(bob, {"user": alice, "text": "相談状況"}, CHAT_AUTH)).status == 400, (
        "even the API token cannot name a session's anonymous user"
    )
    assert (await bob.get(f"/api/v1/chat/{alice}/messages")).status == 404

    await answer(client, number, "議事録は音声認識で下書きできます。")
    assert await pushed(bob, None) == []
    (message,) = await pushed(client, None)
    assert "音声認識で下書き" in message["text"]
    listed = await say(client, None, text="相談状況")
    assert listed[0]["cards"], "alice still sees her consultation"
    detail = await client.get(f"/api/v1/consultations/{number}", headers=ADMIN)
    assert (await detail.json())["consultation"]["status"] == "answered", "bob changed nothing"


async def test_ending_the_session_leaves_nothing_for_the_next_person(client: Client) -> None:
    first = await post(client, {"action": "menu"})
    old = session_cookie(first)
    assert old is not None
    number = await consult(client, None)
    answered = (await say(client, None, text="RPAとは何ですか？"))[0]
    stale = next(c["action"] for c in answered["choices"] if c["label"] == "解決した")

    ended = await client.delete("/api/v1/chat/session")
    assert ended.status == 200
    assert await ended.json() == {"ended": True}
    cleared = session_cookie(ended)
    assert cleared is not None
    assert (cleared.value, cleared["max-age"], cleared["path"]) == ("", "0", "/api/v1/chat")

    # The next person at this browser starts afresh, under a new identity.
    assert await pushed(client, None) == []
    fresh = await post(client, {"text": "相談状況"})
    assert session_cookie(fresh) is not None
    assert (await fresh.json())["replies"][0]["text"] == NONE_YET
    assert len(set(await session_users(client))) == 1, "the ended session is gone"

    # The old cookie, kept somewhere, opens nothing either: it is simply unknown.
    client.session.cookie_jar.clear()
    replayed = await post(client, {"action": stale}, {"Cookie": f"kaizen_chat={old.value}"})
    assert "有効期限が切れたか" in (await replayed.json())["replies"][0]["text"]
    assert session_cookie(replayed) is not None, "a new session, not the old one"
    await answer(client, number, "回答です。")
    client.session.cookie_jar.clear()
    polled = await client.get("/api/v1/chat/messages", headers={"Cookie": f"kaizen_chat={old.value}"})
    assert await polled.json() == {"messages": [], "session": False}, "the page clears what it shows"

    again = await client.delete("/api/v1/chat/session")
    assert await again.json() == {"ended": False}, "nothing to end without a session"


async def test_an_answer_after_the_session_ended_is_shown_never_delivered(client: Client) -> None:
    """The exploratory test: consult, 「この端末での利用を終了」, answer; the page said 「届けました」."""
    number = await consult(client, None)
    (user,) = await session_users(client)
    assert (await client.delete("/api/v1/chat/session")).status == 200

    await add_user(client)
    csrf = await login(client)
    detail = await page(client, f"/admin/consultations/{number}")
    form = {"csrf": csrf, "version": version_of(detail), "form": "answer", "text": "回答です。"}
    response = await client.post(f"/admin/consultations/{number}/answer", data=form, allow_redirects=False)
    assert response.status == 303, await response.text()
    done = await page(client, response.headers["Location"])
    why = "相談者がWebチャットの利用を終了し、この会話を見られる画面がなくなったため"
    assert f"回答を記録しましたが、相談者に届いていません（{why}）。電話やメールなど" in done
    assert "相談者のチャットに届けました" not in done
    await asyncio.sleep(0.3)  # the delivery worker, beside the test, must not take it for handed over
    trail = await page(client, f"/admin/consultations/{number}")
    assert f'<span class="reach undelivered">相談者に届いていません（{why}）' in trail
    assert "の回答は、相談者に届いていません" in trail
    assert "相談者に届けました" not in trail

    def statuses() -> list[tuple[str, str | None]]:
        with client.app[STORE].engine.connect() as connection:
            query = sa.select(outbox.c.status, outbox.c.last_error).where(outbox.c.user_id == user)
            return [(row.status, row.last_error) for row in connection.execute(query)]

    assert await asyncio.to_thread(statuses) == [("dropped", ENDED)], "kept for the record, never handed over"


@pytest.mark.parametrize(
    "disguise",
    [
        " anon:{}",
        "anon:{} ",
        "\tanon:{}",
        "\u3000anon:{}",
        "ANON:{}",
        "Anon:{}",
        "ａｎｏｎ：{}",
        "anon\uff1a{}",
    ],
)
async def test_the_token_cannot_name_a_session_in_disguise(client: Client, disguise: str) -> None:
    """The check is on the name as it is used (stripped), and on its NFKC, case-folded form."""
    await consult(client, None)
    (alice,) = await session_users(client)
    name = disguise.format(alice.removeprefix("anon:"))
    refused = await post(client, {"user": name, "text": "相談状況"}, CHAT_AUTH)
    assert refused.status == 400
    assert (await refused.json())["error"] == "invalid_field"
    if name.isascii():
        polled = await client.get("/api/v1/chat/messages", headers={**CHAT_AUTH, "X-Kaizen-User": name})
        assert polled.status == 400


async def test_the_chat_api_token_names_the_user(client: Client) -> None:
    await consult(client, "tanaka")
    listed = await say(client, "tanaka", text="相談状況")
    assert listed[0]["cards"]
    assert (await say(client, "suzuki", text="相談状況"))[0]["text"] == NONE_YET

    response = await post(client, {"user": "tanaka", "text": "相談状況"}, CHAT_AUTH)
    assert session_cookie(response) is None, "another system gets no session"
    assert await session_users(client) == []


@pytest.mark.parametrize(
    "authorization",
    [f"Bearer {CHAT_TOKEN}x", f"Bearer {CHAT_TOKEN[:-1]}", f"bearer {ADMIN_TOKEN}", "Bearer", "Bearer  "],
)
async def test_a_wrong_token_is_401_before_anything_is_read(client: Client, authorization: str) -> None:
    headers = {"Authorization": authorization}
    for response in (
        await post(client, {"user": "tanaka", "text": "相談状況"}, headers),
        await client.get("/api/v1/chat/messages", headers={**headers, "X-Kaizen-User": "tanaka"}),
        await client.post("/api/v1/chat", data=b"{", headers=headers),
    ):
        assert response.status == 401
        body = await response.json()
        assert body["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        sent = authorization.partition(" ")[2].strip() != ""
        assert ("一致しません" if sent else "認証が必要です") in body["message"], (
            "a token sent is wrong, not missing"
        )


async def test_another_authorization_scheme_is_not_ours(client: Client) -> None:
    """A proxy's Basic authentication passed on leaves the page working, and names no one."""
    basic = {"Authorization": "Basic dGFuYWthOnNlY3JldA=="}
    response = await post(client, {"text": "相談状況"}, basic)
    assert response.status == 200
    assert session_cookie(response) is not None
    response = await post(
        client, {"user": "tanaka", "text": "相談状況"}, {"Authorization": f"Basic {CHAT_TOKEN}"}
    )
    assert response.status == 401
    assert (await response.json())["error"] == "token_required"


async def test_the_token_needs_a_named_user(client: Client) -> None:
    response = await post(client, {"text": "相談状況"}, CHAT_AUTH)
    assert response.status == 400
    assert "「user」" in (await response.json())["message"]
    response = await client.get("/api/v1/chat/messages", headers=CHAT_AUTH)
    assert response.status == 400
    assert "X-Kaizen-User" in (await response.json())["message"]
    response = await client.delete("/api/v1/chat/session", headers=CHAT_AUTH)
    assert response.status == 400
    assert (await response.json())["error"] == "no_session"


async def test_without_the_setting_no_token_is_accepted(
    aiohttp_client: AiohttpClient, tmp_path: Path, searcher: Searcher
) -> None:
    settings = Settings.from_env({"KAIZEN_CACHE_DIR": ""}, DATABASE_URL=migrated_sqlite(tmp_path / "k.db"))
    client = await aiohttp_client(init_app(settings, searcher=searcher))
    response = await post(client, {"user": "tanaka", "text": "相談状況"}, CHAT_AUTH)
    assert response.status == 401
    assert (await response.json())["error"] == "chat_api_disabled"
    assert (await post(client, {"text": "相談状況"})).status == 200, "the page needs no token"


async def test_a_session_is_extended_by_use_and_ends_when_left_unused(client: Client) -> None:
    sessions = client.app[WEB_SESSIONS]
    start = sessions.clock()
    first = await post(client, {"action": "menu"})
    assert session_cookie(first) is not None
    (user,) = await session_users(client)

    sessions.clock = lambda: start + timedelta(hours=2)
    renewed = await client.get("/api/v1/chat/messages")
    cookie = session_cookie(renewed)
    assert cookie is not None, "a poll an hour or more later sets the cookie again, for another 30 days"
    assert cookie["max-age"] == str(30 * 86400)
    assert await session_users(client) == [user]

    sessions.clock = lambda: start + timedelta(days=30, hours=1)
    later = await post(client, {"text": "相談状況"})
    assert session_cookie(later) is not None, "still alive: thirty days from the last use"
    assert await session_users(client) == [user]

    sessions.clock = lambda: start + timedelta(days=62)
    expired = await post(client, {"text": "相談状況"})
    assert session_cookie(expired) is not None
    assert (await expired.json())["replies"][0]["text"] == NONE_YET
    assert set(await session_users(client)) - {user}, "a new anonymous user after expiry"


async def send_raw(client: Client, request: bytes) -> int:
    """Send bytes no HTTP library would (headers that are not UTF-8); the response's status."""
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(request)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    writer.close()
    await writer.wait_closed()
    return status


@pytest.mark.parametrize(
    ("header", "status"),
    [
        # Text that is not UTF-8 is refused before anything reads it (bot.handlers.inputs.check_request).
        (b"Cookie: kaizen_chat=\xff\xfe", 400),
        (b"Cookie: kaizen_chat=\xed\xa0\x80", 400),
        (b"Cookie: kaizen_chat=" + b"a" * 200, 200),
        (b"Authorization: Bearer \xff\xfe", 400),
        (b"Authorization: Bearer \xed\xa0\x80", 400),
    ],
)
async def test_credentials_that_are_not_utf8_are_refused_or_ignored(
    client: Client, header: bytes, status: int
) -> None:
    body = b'{"action": "menu"}'
    head = (
        b"POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n%s\r\nConnection: close\r\n\r\n" % (len(body), header)
    )
    assert await send_raw(client, head + body) == status
    poll = b"GET /api/v1/chat/messages HTTP/1.1\r\nHost: x\r\n%s\r\nConnection: close\r\n\r\n" % header
    assert await send_raw(client, poll) == status
