"""The README's HTTP API and the web chat page, through aiohttp's test client.

Each test client keeps its own cookies, like one browser: a body without
``"user"`` is the page talking under its session. Who may be whom is tested
in test_webidentity.py.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import CONSULT, STORE
from bot.config import Settings
from bot.dialogue import ConversationKey, Reply
from bot.errors import StoreError
from bot.handlers.webchat import MAX_TEXT_CHARS
from bot.search import Searcher
from tests.handlers.conftest import ADMIN_TOKEN, CHAT_AUTH, MAX_BODY, Client, consult, pushed, say

pytestmark = pytest.mark.asyncio

MENU = ["改善事例を見る", "手引きを読む", "DX推進課に相談する"]


async def chat(client: TestClient[Any, Any], body: object, status: int = 200) -> dict[str, Any]:
    """A message from the page, under the client's session (a body naming a user adds the API token)."""
    named = isinstance(body, dict) and "user" in body
    response = await client.post("/api/v1/chat", json=body, headers=CHAT_AUTH if named else None)
    assert response.status == status, await response.text()
    assert response.content_type == "application/json"
    data: dict[str, Any] = await response.json()
    return data


def check_shape(data: dict[str, Any]) -> None:
    """Exactly the contract: replies of text, and optional choices / cards / source."""
    assert set(data) == {"replies"}
    assert data["replies"]
    for reply in data["replies"]:
        assert set(reply) <= {"text", "choices", "cards", "source"}
        assert isinstance(reply["text"], str)
        assert reply["text"]
        for choice in reply.get("choices", []):
            assert set(choice) == {"label", "action"}
        for card in reply.get("cards", []):
            assert set(card) == {"title", "text", "choices"}
            for choice in card["choices"]:
                assert set(choice) == {"label", "action"}


def labels(reply: dict[str, Any]) -> list[str]:
    return [c["label"] for c in reply.get("choices", [])]


def action_of(reply: dict[str, Any], label: str) -> str:
    for choice in reply.get("choices", []) + [c for card in reply.get("cards", []) for c in card["choices"]]:
        if choice["label"] == label:
            action: str = choice["action"]
            return action
    raise AssertionError(f"no {label!r} in {reply}")


async def test_healthz_answers_once_ready(client: Client) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok"
    assert body["faq"] > 0


async def test_a_question_gets_an_answer_with_source_cards_and_feedback(client: Client) -> None:
    data = await chat(client, {"text": "RPAとは何ですか？"})
    check_shape(data)
    (reply,) = data["replies"]
    assert "定型的な操作" in reply["text"]
    assert labels(reply) == ["解決した", "解決しない"]
    assert reply["source"] == {
        "label": "よくある質問「RPAとは何ですか？どんな業務に向いていますか？」",
        "action": "faq:tool-rpa-basics",
    }
    assert any(card["title"] == "児童手当の申請データ入力をRPAで自動化" for card in reply["cards"])


async def test_a_button_press_continues_the_stored_conversation(client: Client) -> None:
    answer = (await chat(client, {"text": "RPAとは何ですか？"}))["replies"][0]
    unsolved = action_of(answer, "解決しない")
    assert unsolved.startswith("t:")
    data = await chat(client, {"action": unsolved})
    check_shape(data)
    assert "お役に立てず" in data["replies"][0]["text"]
    other = await chat(client, {"user": "staff-2", "action": unsolved})
    assert "有効期限が切れたか" in other["replies"][0]["text"], "a token only works in its own conversation"


async def test_two_instances_serve_one_conversation(
    aiohttp_client: AiohttpClient, settings: Settings, searcher: Searcher
) -> None:
    first = await aiohttp_client(init_app(settings, searcher=searcher))
    second = await aiohttp_client(init_app(settings, searcher=searcher))
    answer = (await chat(first, {"user": "staff-1", "text": "RPAとは何ですか？"}))["replies"][0]
    # Another system (the API token) names the same user on both; a browser's cookie would do the same.
    data = await chat(second, {"user": "staff-1", "action": action_of(answer, "解決した")})
    assert "お役に立ててよかった" in data["replies"][0]["text"]


async def test_the_menu_by_action(client: Client) -> None:
    data = await chat(client, {"action": "menu"})
    check_shape(data)
    assert labels(data["replies"][0]) == MENU


async def test_the_opening_gets_the_menu_and_is_not_the_persons_line_in_the_history(client: Client) -> None:
    data = await chat(client, {"action": "start"})
    check_shape(data)
    assert labels(data["replies"][0]) == MENU
    await chat(client, {"action": "menu"})  # pressed: the person's line
    history = await (await client.get("/api/v1/chat/history")).json()
    roles = [(line["role"], line["text"][:8]) for line in history["lines"]]
    assert roles == [("bot", "ご用件をお選びく"), ("user", "メニュー"), ("bot", "ご用件をお選びく")]


async def test_a_cards_button_is_in_the_history_with_its_cards_title(client: Client) -> None:
    """Every case card has a 「詳しく見る」: the history's line said only that, not which case was opened."""
    answer = (await chat(client, {"text": "RPAとは何ですか？"}))["replies"][0]
    titles = [card["title"] for card in answer["cards"] if "詳しく見る" in labels(card)]
    assert len(titles) >= 2, titles
    second = [c["action"] for card in answer["cards"] if card["title"] == titles[1] for c in card["choices"]]
    await chat(client, {"action": second[0]})
    await chat(client, {"action": action_of(answer, "解決しない")})  # a reply's own button: its label alone
    history = await (await client.get("/api/v1/chat/history")).json()
    pressed = [line["text"] for line in history["lines"] if line["role"] == "user"]
    assert pressed[-2:] == [f"詳しく見る（{titles[1]}）", "解決しない"]


async def test_a_button_pressed_on_a_pushed_answer_is_in_the_history_by_its_label(client: Client) -> None:
    """The exploratory test: 「まだ困っている」 on the answer read 「（ボタン「cs:1:ng」）」 on reload."""
    number = await consult(client, None)
    answered = await client.post(
        f"/api/v1/consultations/{number}/answer",
        json={"text": "音声認識ソフトをお試しください。"},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert answered.status == 200, await answered.text()
    (answer,) = await pushed(client, None)
    await chat(client, {"action": action_of(answer, "まだ困っている")})
    history = await (await client.get("/api/v1/chat/history")).json()
    pressed = [line["text"] for line in history["lines"] if line["role"] == "user"]
    assert pressed[-1] == "まだ困っている"
    assert not [text for text in pressed if "cs:" in text or "ボタン「" in text], pressed


async def test_unknown_and_stale_actions_get_a_polite_restart_and_the_menu(client: Client) -> None:
    for action in ["t:zzz", "nonsense", "case:missing", "x" * 300, ""]:
        data = await chat(client, {"action": action})
        check_shape(data)
        (restart,) = data["replies"]
        assert "もう一度お選びいただく" in restart["text"]
        assert labels(restart) == MENU


async def test_html_in_user_text_comes_back_as_plain_text(client: Client) -> None:
    data = await chat(client, {"text": "<script>alert(1)</script>"})
    check_shape(data)
    data = await chat(client, {"user": "<img src=x>", "text": "こんにちは"})
    check_shape(data)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "missing_field"),
        ({"text": "a", "action": "menu"}, "missing_field"),
        ({"text": 3}, "invalid_field"),
        ({"action": ["menu"]}, "invalid_field"),
        ({"text": None, "action": None}, "missing_field"),
        ({"text": "a" * (MAX_TEXT_CHARS + 1)}, "text_too_long"),
        ({"user": "staff-1"}, "missing_field"),
        ({"text": "こんにちは", "user": ""}, "invalid_field"),
        ({"text": "a", "user": "u" * 129}, "invalid_field"),
        ({"text": "a", "user": 3}, "invalid_field"),
        ({"text": "a", "user": "staff\n1"}, "invalid_field"),
        (["user", "text"], "invalid_json"),
        ("just a string", "invalid_json"),
    ],
)
async def test_bad_requests_get_400_with_a_clear_reason(client: Client, body: object, code: str) -> None:
    data = await chat(client, body, status=400)
    assert data["error"] == code
    assert data["message"]


async def test_invalid_json_gets_400(client: Client) -> None:
    for raw in [b"{", b"\xff\xfe", b"", b"null"]:
        response = await client.post("/api/v1/chat", data=raw, headers={"Content-Type": "application/json"})
        assert response.status == 400
        assert (await response.json())["error"] == "invalid_json"


async def test_a_body_over_the_limit_gets_413(client: Client) -> None:
    big = {"text": "あ" * MAX_BODY}
    response = await client.post("/api/v1/chat", json=big)
    assert response.status == 413
    assert (await response.json())["error"] == "too_large"

    async def chunks() -> Any:
        for _ in range(MAX_BODY // 100 + 2):
            yield b" " * 100

    response = await client.post("/api/v1/chat", data=chunks())  # no Content-Length
    assert response.status == 413


async def test_requests_from_another_site_are_refused(client: Client) -> None:
    """Every chat route, reads too: another site's page learns nothing and renews no session."""
    body = {"text": "こんにちは"}
    own = f"http://{client.server.host}:{client.server.port}"
    same = {"Origin": own, "Sec-Fetch-Site": "same-origin"}
    assert (await client.post("/api/v1/chat", json=body, headers=same)).status == 200
    foreign: list[dict[str, str]] = [
        {"Origin": "https://evil.example"},
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ]
    for headers in foreign:
        response = await client.post("/api/v1/chat", json=body, headers=headers)
        assert response.status == 403
        assert (await response.json())["error"] == "forbidden_origin"
        assert "Set-Cookie" not in response.headers, "a refused request starts no session"
        for read in ("/api/v1/chat/messages", "/api/v1/chat/history"):
            response = await client.get(read, headers=headers)
            assert response.status == 403, (read, headers)
            assert (await response.json())["error"] == "forbidden_origin"
            assert "Set-Cookie" not in response.headers
        response = await client.delete("/api/v1/chat/session", headers=headers)
        assert response.status == 403
    for read in ("/api/v1/chat/messages", "/api/v1/chat/history"):
        assert (await client.get(read, headers={"Sec-Fetch-Site": "same-origin"})).status == 200
        assert (await client.get(read, headers={"Sec-Fetch-Site": "none"})).status == 200, "typed in the bar"
    history = await client.get("/api/v1/chat/history", headers=same)
    lines = (await history.json())["lines"]
    assert lines[0] == {"role": "user", "text": "こんにちは"}, "the session survived"


async def test_pushed_messages_oldest_first(client: Client) -> None:
    assert await pushed(client, "staff-1") == []
    store = client.app[STORE]
    key = ConversationKey("web", "staff-1", "staff-1")
    first = await asyncio.to_thread(store.push, key, Reply("DX推進課からの回答です。"))
    await asyncio.to_thread(store.push, key, Reply("続報です。"))
    messages = await pushed(client, "staff-1")
    assert [m["text"] for m in messages] == ["DX推進課からの回答です。", "続報です。"]
    assert messages[0]["id"] == first
    assert [m["text"] for m in await pushed(client, "staff-1", after=first)] == ["続報です。"]
    assert await pushed(client, "staff-2") == []
    bad = await client.get("/api/v1/chat/messages?after=x", headers={**CHAT_AUTH, "X-Kaizen-User": "staff-1"})
    assert bad.status == 400
    assert (await bad.json())["error"] == "invalid_after"


async def test_unknown_api_routes_answer_json(client: Client) -> None:
    response = await client.get("/api/v1/nothing")
    assert response.status == 404
    assert (await response.json())["error"] == "not_found"
    response = await client.get("/api/v1/chat")
    assert response.status == 405
    response = await client.get("/api/v1/chat/staff-1/messages")
    assert response.status == 404, "no user id in URLs: the old route is gone"


async def test_a_database_failure_is_a_503_not_a_500(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("database is down")

    monkeypatch.setattr(client.app[STORE], "exchange", broken)
    monkeypatch.setattr(client.app[STORE], "ping", broken)
    data = await chat(client, {"text": "こんにちは"}, status=503)
    assert data["error"] == "unavailable"
    assert (await client.get("/healthz")).status == 503


async def test_the_page_is_japanese_and_locked_down(client: Client) -> None:
    response = await client.get("/")
    assert response.status == 200
    html = await response.text()
    assert '<html lang="ja">' in html
    assert "業務改善相談bot" in html
    assert 'name="viewport"' in html
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    script = await client.get("/static/chat.js")
    assert script.status == 200
    assert "innerHTML" not in await script.text()


async def test_the_history_is_the_callers_own_conversation_with_what_was_pushed(client: Client) -> None:
    assert (await (await client.get("/api/v1/chat/history")).json()) == {"lines": [], "last_pushed": 0}
    await say(client, "staff-1", text="RPAとは何ですか？")
    store = client.app[STORE]
    await asyncio.to_thread(
        store.push, ConversationKey("web", "staff-1", "staff-1"), Reply("後からのお知らせです。")
    )
    mine = await client.get("/api/v1/chat/history", headers={**CHAT_AUTH, "X-Kaizen-User": "staff-1"})
    body = await mine.json()
    roles = [(line["role"], line["text"][:12]) for line in body["lines"]]
    assert roles[0] == ("user", "RPAとは何ですか？")
    assert roles[1][0] == "bot"
    assert body["lines"][1]["choices"][0]["label"] == "解決した"
    assert roles[-1] == ("bot", "後からのお知らせです。")
    assert body["last_pushed"] > 0
    other = await client.get("/api/v1/chat/history", headers={**CHAT_AUTH, "X-Kaizen-User": "staff-2"})
    assert (await other.json())["lines"] == []
    nameless = await client.get("/api/v1/chat/history", headers={"X-Kaizen-User": "staff-1"})
    assert nameless.status == 401


@pytest.mark.parametrize("leaving", [{"text": "相談状況"}, {"action": "in:stop"}, {"text": "メニュー"}])
async def test_the_old_send_button_of_a_form_left_unsent_offers_it_again(
    client: Client, leaving: dict[str, str]
) -> None:
    """It answered 「すでに受け付けています」 while 相談状況 had nothing and the summary was gone."""
    await say(client, "staff-1", action="consult")
    await say(client, "staff-1", text="会議録の作成に毎回半日かかっています")
    await say(client, "staff-1", text="総務課 庶務係")
    summary = (await say(client, "staff-1", action="in:by:m"))[-1]
    send = action_of(summary, "この内容で相談する")
    await say(client, "staff-1", text="音声は月に10時間ほどです")
    left = " ".join(reply["text"] for reply in await say(client, "staff-1", **leaving))
    assert "入力中だったご相談の内容は保存してあります" in left

    again = (await say(client, "staff-1", action=send))[-1]
    assert "まだお送りしていません" in again["text"]
    assert "（補足）音声は月に10時間ほどです" in again["text"], "nothing typed is lost"
    assert "すでに受け付けて" not in again["text"]
    status = (await say(client, "staff-1", text="相談状況"))[-1]
    assert "お送りいただいたご相談はありません" in status["text"]

    await say(client, "staff-1", action="in:resume")
    receipt = (await say(client, "staff-1", action=send))[-1]
    assert "受付番号は No.1 です" in receipt["text"]
    twice = (await say(client, "staff-1", action=send))[-1]
    assert "No.1 としてすでに受け付けています" in twice["text"]
    status = (await say(client, "staff-1", text="相談状況"))[-1]
    assert [card["title"] for card in status["cards"]] == ["No.1【受付済み・担当者の確認待ち】"]


async def test_the_status_list_words_each_state_for_the_asker_while_the_dashboard_keeps_its_own(
    client: Client,
) -> None:
    """【未対応】, the DX team's word for its queue, read coldly to the staff member who asked."""
    number = await consult(client, "staff-1")
    (status,) = await say(client, "staff-1", text="相談状況")
    (card,) = status["cards"]
    assert card["title"] == f"No.{number}【受付済み・担当者の確認待ち】"
    service = client.app[CONSULT]
    assert (await asyncio.to_thread(service.get, number)).label == "未対応", "the dashboard's own label"
    await asyncio.to_thread(service.answer, number, "フォームで集計できます。", "tanaka")
    (detail,) = await say(client, "staff-1", action=f"cs:{number}")
    assert detail["text"].startswith(f"■ No.{number}【回答済み・ご確認ください】")


async def test_a_message_sent_again_with_its_idempotency_key_is_taken_once(client: Client) -> None:
    """Its answer lost on the way, the page sends it again under the same key: one turn, one line."""
    once = {"Idempotency-Key": "b3f1c2d4e5a6978812345678abcdef01"}
    first = await client.post("/api/v1/chat", json={"text": "RPAとは何ですか？"}, headers=once)
    assert first.status == 200
    assert (await first.json())["replies"]
    again = await client.post("/api/v1/chat", json={"text": "RPAとは何ですか？"}, headers=once)
    assert again.status == 200
    assert await again.json() == {"replies": [], "repeated": True}
    history = await (await client.get("/api/v1/chat/history")).json()
    asked = [line["text"] for line in history["lines"] if line["role"] == "user"]
    assert asked == ["RPAとは何ですか？"]
    other = {"Idempotency-Key": "b3f1c2d4e5a6978812345678abcdef02"}
    again_new = await chat_with(client, {"text": "RPAとは何ですか？"}, other)
    assert again_new["replies"], "a new key is a new message"


async def test_one_users_idempotency_key_is_nothing_to_another_user(client: Client) -> None:
    key = {"Idempotency-Key": "same-key-on-two-desks"}
    for user in ("staff-1", "staff-2"):
        data = await chat_with(client, {"user": user, "text": "RPAとは何ですか？"}, {**CHAT_AUTH, **key})
        assert data["replies"], user


@pytest.mark.parametrize("key", ["", "a" * 65, "空白 のある鍵", "tab\tkey"])
async def test_a_malformed_idempotency_key_is_a_400(client: Client, key: str) -> None:
    response = await client.post("/api/v1/chat", json={"text": "RPA"}, headers={"Idempotency-Key": key})
    assert response.status == 400
    assert (await response.json())["error"] == "invalid_header"


async def chat_with(client: TestClient[Any, Any], body: object, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post("/api/v1/chat", json=body, headers=headers)
    assert response.status == 200, await response.text()
    data: dict[str, Any] = await response.json()
    return data


async def test_each_consultation_received_is_one_line_of_the_log(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing in the log said a consultation came in: an operator could not count the day's from it."""
    with caplog.at_level(logging.INFO, logger="bot.conversations"):
        numbers = [await consult(client, user) for user in ("yamada-h", "sato-k")]
    said = [r.getMessage() for r in caplog.records if "received" in r.getMessage()]
    lines = [re.fullmatch(r"consultation No\.(\d+) received from (web:[0-9a-f]{12})", line) for line in said]
    assert [int(line.group(1)) for line in lines if line] == numbers
    assert len({line.group(2) for line in lines if line}) == 2, "each conversation named by its own key"
    assert "yamada" not in caplog.text
    assert "sato" not in caplog.text
