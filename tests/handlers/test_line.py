"""LINE beyond the shared channel tests: verification, the SDK's sample payload, the reply window, groups."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import CONSULT, DISPATCHER, STORE
from bot.config import Settings
from bot.consult.store import Filters
from bot.conversations import DELAYED, EDITED, GROUP_ONLY, TEXT_ONLY, greeting
from bot.db import inbox
from bot.db.journal import UNREAD_LINES
from bot.db.retention import MAX_EVENT_AGE
from bot.db.schema import conversations, messages, seen_events
from bot.knowledge import Ward
from bot.search import Searcher
from tests.auxil.channels import Webhook
from tests.auxil.databases import migrated_sqlite
from tests.auxil.line import FakeLine, sign
from tests.auxil.logs import until_logged
from tests.conftest import DATA_DIR, SAMPLE_SOURCES
from tests.handlers.test_dashboard import add_user, login, page, version_of

pytestmark = pytest.mark.asyncio

Client = TestClient[web.Request, web.Application]

SAMPLE = DATA_DIR / "line" / "webhook.json"
"""line/line-bot-sdk-python tests/v3/text/webhook.json (Apache-2.0): one event of every type."""

SAMPLE_USER = "U206d25c2ea6bd87c17655609a1c37cb8"
GROUP = "Ca56f94637cc4347f90a25382909b24b9"
USER = "U0123456789abcdef0123456789abcde"


@pytest_asyncio.fixture
async def bot(aiohttp_client: AiohttpClient, line: FakeLine, searcher: Searcher, tmp_path: Path) -> Client:
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **line.settings()},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


async def post(bot: Client, webhook: Webhook) -> int:
    response = await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)
    await bot.app[DISPATCHER].settled()
    return response.status


def sample() -> dict[str, Any]:
    """The SDK's sample, its events stamped now as LINE would send them (the published stamps are of 2016)."""
    loaded: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for event in loaded["events"]:
        event["timestamp"] = int(time.time() * 1000)
    return loaded


def signed(body: dict[str, Any]) -> Webhook:
    raw = json.dumps(body, ensure_ascii=False).encode()
    return Webhook("/webhooks/line", raw, {"X-Line-Signature": sign(raw)})


# -- verification -------------------------------------------------------------------------------


async def test_the_consoles_verification_call_is_answered_200(bot: Client, line: FakeLine) -> None:
    assert await post(bot, signed({"destination": "Ubot", "events": []})) == 200
    assert line.calls == []


async def test_a_signed_body_that_is_no_webhook_is_400_and_an_unsigned_one_401(
    bot: Client, caplog: pytest.LogCaptureFixture
) -> None:
    secret_text = "個人情報を含むかもしれない本文"
    raw = secret_text.encode()
    with caplog.at_level(logging.WARNING):
        assert await post(bot, Webhook("/webhooks/line", raw, {"X-Line-Signature": sign(raw)})) == 400
        assert await post(bot, signed({"destination": "Ubot"})) == 400
        deep = b'{"destination": "Ubot", "events": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"  # was a 500
        assert await post(bot, Webhook("/webhooks/line", deep, {"X-Line-Signature": sign(deep)})) == 400
        assert await post(bot, Webhook("/webhooks/line", raw, {"X-Line-Signature": sign(raw, "x")})) == 401
        assert await post(bot, Webhook("/webhooks/line", b"\xff\xfe", {"X-Line-Signature": "abc"})) == 401
    assert "wrong signature" in caplog.text
    assert secret_text not in caplog.text


@pytest.mark.parametrize("text", ["RPA\\ud800", "RP\\u0000A"])
async def test_a_signed_message_with_text_no_database_takes_is_400(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    """A lone surrogate or a NUL, escaped in the JSON: the engine failed on it and apologised for a fault."""
    body = line.text(USER, "RPA", "ev-1").body.decode().replace('"text": "RPA"', f'"text": "{text}"')
    with caplog.at_level(logging.ERROR):
        response = await bot.post(
            "/webhooks/line", data=body, headers={"X-Line-Signature": sign(body.encode())}
        )
        await bot.app[DISPATCHER].settled()
    assert (response.status, (await response.json())["error"]) == (400, "invalid_text")
    assert line.calls == []
    assert not caplog.records


@pytest.mark.parametrize(
    "body",
    [
        b'{"destination": "Ubot", "events": [], "x": "\xff\xfe"}',
        b'{"destination": "Ubot", "events": [], "x": NaN}',
        b'{"destination": "Ubot", "events": [], "x": -Infinity}',
        b'{"destination": "Ubot", "events": [], "x": 1e999}',
    ],
)
async def test_a_signed_body_that_is_not_strict_utf8_json_is_400_not_a_wrong_signature(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    with caplog.at_level(logging.WARNING):
        response = await bot.post("/webhooks/line", data=body, headers={"X-Line-Signature": sign(body)})
        await bot.app[DISPATCHER].settled()
    assert (response.status, (await response.json())["error"]) == (400, "invalid_json")
    assert "wrong signature" not in caplog.text
    assert line.calls == []


async def test_a_body_over_the_limit_is_413(bot: Client) -> None:
    assert await post(bot, signed({"events": [], "padding": "x" * 70_000})) == 413


async def test_an_event_stamped_longer_ago_than_event_ids_are_kept_is_not_answered(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    """A body captured once stays validly signed: replayed after its event id was purged, it is refused."""
    message = {"id": "m1", "type": "text", "text": "この内容で相談する", "quoteToken": "q"}
    old = line.event(USER, "message", "ev-old", message=message)
    old["timestamp"] = int(time.time() * 1000) - (MAX_EVENT_AGE.days + 1) * 86_400_000
    with caplog.at_level(logging.WARNING):
        assert await post(bot, line.webhook(old)) == 200
    await line.quiet()
    assert line.all_sent(USER) == []
    assert any("a replayed body?" in r.getMessage() for r in caplog.records)
    assert await post(bot, line.text(USER, "こんにちは", "ev-new")) == 200
    assert len(await line.sent(USER, 1)) == 1, "a fresh event is answered"


# -- the SDK's sample payload --------------------------------------------------------------------


async def test_the_whole_sample_is_handled_without_an_error(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    events = sample()["events"]
    for number, event in enumerate(events):  # as LINE sends them: each event its own id and token
        event["webhookEventId"] = f"sample-{number}"
        if "replyToken" in event:
            event["replyToken"] = f"sample-token-{number}"
    with caplog.at_level(logging.INFO):
        assert await post(bot, line.webhook(*events)) == 200
        await line.until(lambda: EDITED.text in [s.text for s in line.all_sent(SAMPLE_USER)])
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    texts = [s.text for s in line.all_sent(SAMPLE_USER)]
    assert texts.count(TEXT_ONLY.text) == 6  # video, audio, location, sticker, file, image
    assert greeting(Ward(), SAMPLE_SOURCES).text in texts
    assert [s.text for s in line.all_sent(GROUP)] == [GROUP_ONLY.text]  # the join
    (redelivered,) = (s for s in line.all_sent(SAMPLE_USER) if s.via == "push" and s.text != EDITED.text)
    assert "Hello, world" in redelivered.text
    # The edit's answer waits behind that push (a person's answers never overtake one another):
    # pushed after it while it waits, or given with the edit's own reply token once it has gone.
    assert texts.index(EDITED.text) > texts.index(redelivered.text)


@pytest.mark.parametrize(
    ("action", "cited"),
    [
        (
            "sec:inventory#steps",
            "出典：『業務改善の手引き』第2章 業務の棚卸し「棚卸しの進め方」",
        ),  # a manual page read
        ("faq:tool-rpa-basics", "出典：よくある質問「RPAとは何ですか？"),  # an answer
    ],
)
async def test_the_source_is_cited_in_the_text_not_a_button_showing_the_same_page_again(
    bot: Client, line: FakeLine, action: str, cited: str
) -> None:
    """As a quick reply, 「手引き第2章…」 posted back the page's own ref: the same page, again."""
    assert await post(bot, line.press(USER, action, "ev-1")) == 200
    (page,) = await line.sent(USER, 1)
    assert cited in page.text.splitlines()[-1]
    assert action not in page.actions, "no button to what is already shown"


async def test_the_sample_as_published_shares_one_event_id_so_only_its_first_event_and_its_edit_count(
    bot: Client, line: FakeLine
) -> None:
    """An edit is keyed by the message edited (``edit:…``), not by the id the sample's events share."""
    assert await post(bot, line.webhook(*sample()["events"])) == 200
    await line.until(lambda: len(line.all_sent(SAMPLE_USER)) == 2)
    first, edit = line.all_sent(SAMPLE_USER)
    assert first.via == "reply"  # the engine's answer to "Hello, world"
    assert (edit.text, edit.via) == (EDITED.text, "push")  # the sample gives it the first event's reply token
    assert len(line.requests("/v2/bot/message/push")) == 1
    assert line.all_sent(GROUP) == []


# -- the reply window ----------------------------------------------------------------------------


async def test_a_fresh_message_shows_the_loading_animation_and_is_replied_to(
    bot: Client, line: FakeLine
) -> None:
    """Both calls go out, in either order: the answer never waits for the animation (see dispatch)."""
    assert await post(bot, line.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    assert sorted(c.path for c in line.calls) == ["/v2/bot/chat/loading/start", "/v2/bot/message/reply"]
    (answer,) = line.all_sent(USER)
    assert answer.via == "reply"
    (loading,) = [c.body for c in line.calls if c.path == "/v2/bot/chat/loading/start"]
    assert loading["chatId"] == USER
    assert loading["loadingSeconds"] % 5 == 0


async def test_a_loading_animation_refused_is_logged_once_and_the_answer_still_goes_out(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    line.loading_status = 500
    with caplog.at_level(logging.DEBUG):
        assert await post(bot, line.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    (answer,) = line.all_sent(USER)
    assert answer.via == "reply"
    (logged,) = [r for r in caplog.records if r.name.startswith("bot.") and "loading" in r.getMessage()]
    assert logged.getMessage().startswith("LINE loading animation not shown for ")
    assert logged.getMessage().endswith('HTTP 500 {"message": "An error occurred"}')
    assert logged.levelno == logging.INFO


async def test_a_backlog_of_one_persons_messages_is_taken_in_order_each_answered_once(
    bot: Client, line: FakeLine
) -> None:
    """The turns queue as the webhooks come, whatever the answers to the loading animations do."""
    hold = line.hold_indicator()  # the first message's loading animation hangs
    texts = ["RPAとは何ですか？", "Excelのマクロについて", "ペーパーレス化の事例"]
    for n, text in enumerate(texts):
        response = await bot.post("/webhooks/line", **_parts(line.text(USER, text, f"ev-{n}")))
        assert response.status == 200  # acknowledged before any turn was taken
    await line.until(lambda: len(line.requests("/v2/bot/message/reply")) >= 2)
    hold.release.set()
    await bot.app[DISPATCHER].settled()
    with bot.app[STORE].engine.begin() as connection:
        said = connection.execute(
            sa.select(messages.c.text)
            .where(messages.c.user_id == USER, messages.c.role == "user")
            .order_by(messages.c.id)
        )
        assert [row.text for row in said] == texts
    assert len(line.requests("/v2/bot/message/reply")) == 3
    assert not line.requests("/v2/bot/message/push")


async def test_a_slow_reply_is_not_overtaken_by_the_next_answer_of_the_same_person(
    bot: Client, line: FakeLine
) -> None:
    """Answers go out in the order the person asked, though each is a reply of its own."""
    hold = line.hold_reply()  # LINE leaves the first answer's reply unanswered for now
    texts = ["RPAとは何ですか？", "AI-OCRとは何ですか？"]
    try:
        first = await bot.post("/webhooks/line", **_parts(line.text(USER, texts[0], "ev-0")))
        assert first.status == 200
        async with asyncio.timeout(10):
            await hold.arrived.wait()
        second = await bot.post("/webhooks/line", **_parts(line.text(USER, texts[1], "ev-1")))
        assert second.status == 200
        await _until_stored(bot, 2)  # the second turn is done, its answer ready
        await asyncio.sleep(0.2)
        assert line.all_sent(USER) == [], "the second answer waits for the first's reply"
    finally:
        hold.release.set()
    await bot.app[DISPATCHER].settled()
    answers = [sent.text for sent in line.all_sent(USER)]
    assert len(answers) == 2
    assert ("定型的な操作" in answers[0], "文字" in answers[1]) == (True, True), answers


async def _until_stored(bot: Client, answers: int) -> None:
    """Wait (up to 10 s) until the conversation log holds ``answers`` answers to `USER`."""
    query = sa.select(sa.func.count()).where(messages.c.user_id == USER, messages.c.role == "bot")
    for _ in range(200):
        with bot.app[STORE].engine.begin() as connection:
            if connection.execute(query).scalar_one() >= answers:
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{answers} answers were not stored within 10 s")


def _parts(webhook: Webhook) -> dict[str, Any]:
    return {"data": webhook.body, "headers": webhook.headers}


async def test_an_event_id_too_long_to_store_is_kept_as_its_digest_and_still_deduplicated(
    aiohttp_client: AiohttpClient,
    line: FakeLine,
    searcher: Searcher,
    migrated_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Only a body LINE signed can carry one; PostgreSQL's VARCHAR(255) refused it: the webhook was 503."""
    settings = Settings.from_env({"KAIZEN_CACHE_DIR": "", **line.settings()}, DATABASE_URL=migrated_url)
    bot = await aiohttp_client(init_app(settings, searcher=searcher))
    long_id = "01" + "X" * 298
    webhook = line.text(USER, "RPAとは何ですか？", long_id)
    with caplog.at_level(logging.WARNING, logger="bot.handlers.lineevents"):
        assert await post(bot, webhook) == 200
    (answer,) = await line.sent(USER, 1)
    assert "RPA" in answer.text
    assert "event id of 300 characters" in caplog.text
    assert await post(bot, webhook) == 200  # LINE's redelivery of the same event
    await asyncio.sleep(0.5)
    assert len(line.all_sent(USER)) == 1, "the redelivery was answered again"
    with bot.app[STORE].engine.connect() as connection:
        (stored,) = connection.execute(sa.select(seen_events.c.event_id)).scalars()
    assert stored.startswith("sha256:")
    assert len(stored) <= 255


async def test_an_event_whose_user_id_is_too_long_to_store_is_ignored_and_its_body_still_answered(
    aiohttp_client: AiohttpClient,
    line: FakeLine,
    searcher: Searcher,
    migrated_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Stored, it failed PostgreSQL's VARCHAR(255): the body was 503 at every redelivery."""
    settings = Settings.from_env({"KAIZEN_CACHE_DIR": "", **line.settings()}, DATABASE_URL=migrated_url)
    bot = await aiohttp_client(init_app(settings, searcher=searcher))
    body = json.loads(line.text(USER, "RPAとは何ですか？", "ev-ok").body)
    odd = json.loads(json.dumps(body["events"][0]))
    odd["source"]["userId"] = "U" + "f" * 299
    odd["webhookEventId"] = "ev-long-user"
    body["events"].insert(0, odd)
    with caplog.at_level(logging.WARNING, logger="bot.handlers.dispatch"):
        assert await post(bot, signed(body)) == 200
    (answer,) = await line.sent(USER, 1)
    assert "RPA" in answer.text
    assert "an id of more than 255 characters (user 300" in caplog.text
    with bot.app[STORE].engine.connect() as connection:
        users = connection.execute(sa.select(conversations.c.user_id)).scalars().all()
    assert users
    assert all(len(user) <= 255 for user in users)


async def test_a_redelivered_event_is_answered_by_push(bot: Client, line: FakeLine) -> None:
    webhook_body = json.loads(line.text(USER, "RPAとは何ですか？", "ev-1").body)
    webhook_body["events"][0]["deliveryContext"]["isRedelivery"] = True
    assert await post(bot, signed(webhook_body)) == 200
    (answer,) = await line.sent(USER, 1)
    assert answer.via == "push"
    (push,) = line.requests("/v2/bot/message/push")
    assert uuid.UUID(push.headers["X-Line-Retry-Key"])


async def test_a_restored_or_second_database_does_not_reuse_the_retry_keys_of_its_pushes(
    aiohttp_client: AiohttpClient, line: FakeLine, searcher: Searcher, tmp_path: Path
) -> None:
    """LINE refuses a retry key it accepted in the last 24 hours with 409, which the sender takes as sent.

    A database restored from yesterday's backup, or a second database on the same LINE channel (a trial
    server beside the real one), numbers its outbox from the same ids again: a key named after the id
    alone would make LINE refuse the new message, and the DX team's answer would never arrive.
    """
    for number, name in enumerate(["kaizen.db", "restored.db"], start=1):
        settings = Settings.from_env(
            {"KAIZEN_CACHE_DIR": "", **line.settings()}, DATABASE_URL=migrated_sqlite(tmp_path / name)
        )
        bot = await aiohttp_client(init_app(settings, searcher=searcher))
        body = json.loads(line.text(USER, "RPAとは何ですか？", f"ev-{number}").body)
        body["events"][0]["deliveryContext"]["isRedelivery"] = True  # answered by push, outbox message 1
        assert await post(bot, signed(body)) == 200
        await line.sent(USER, number)
        await bot.close()
    assert [call.status for call in line.requests("/v2/bot/message/push")] == [200, 200]
    assert [s.via for s in line.all_sent(USER)] == ["push", "push"]


async def test_an_expired_reply_token_falls_back_to_a_push(bot: Client, line: FakeLine) -> None:
    webhook = line.text(USER, "RPAとは何ですか？", "ev-1")
    line.expired.add(json.loads(webhook.body)["events"][0]["replyToken"])
    assert await post(bot, webhook) == 200
    (answer,) = await line.sent(USER, 1)
    assert answer.via == "push"
    assert [c.status for c in line.requests("/v2/bot/message/reply")] == [400]


async def test_pushes_are_counted_per_month_in_the_log(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    for number in range(2):
        body = json.loads(line.text(USER, "RPAとは何ですか？", f"ev-{number}").body)
        body["events"][0]["deliveryContext"]["isRedelivery"] = True
        with caplog.at_level(logging.INFO, logger="bot.handlers.line"):
            await post(bot, signed(body))
            await line.sent(USER, number + 1)
            await until_logged(caplog, rf"pushes this month: {number + 1}\b")  # logged after LINE's answer
    await add_user(bot)
    await login(bot)
    async with asyncio.timeout(10):
        while "LINE <b>2</b>通" not in (queue := await (await bot.get("/admin/")).text()):  # noqa: ASYNC110
            await asyncio.sleep(0.1)  # counted once the worker has marked the second push sent
    assert "今月のプッシュ送信" in queue


async def test_a_follow_is_greeted_with_the_menu(bot: Client, line: FakeLine) -> None:
    assert await post(bot, line.follow(USER, "ev-1")) == 200
    welcome, menu = await line.sent(USER, 2)
    assert welcome.text == greeting(Ward(), SAMPLE_SOURCES).text
    assert menu.text.startswith("ご用件をお選びください")
    assert "相談状況を見る" in menu.buttons


async def test_an_edited_message_is_answered_once_by_reply_and_never_read(
    bot: Client, line: FakeLine
) -> None:
    question = line.text(USER, "RPAの導入手順を教えてくだしあ", "ev-1")
    assert await post(bot, question) == 200
    await line.sent(USER, 1)
    lines = _count(bot, messages)
    edit = line.edited(question, "RPAの導入手順を教えてください", "ev-2")
    assert await post(bot, edit) == 200
    (answer,) = (await line.sent(USER, 2))[1:]
    assert (answer.text, answer.via) == (EDITED.text, "reply")  # with the edit's own reply token
    redelivered = json.loads(edit.body)
    redelivered["events"][0]["deliveryContext"]["isRedelivery"] = True
    assert await post(bot, signed(redelivered)) == 200  # LINE redelivers when it did not see our 200
    later = line.edited(question, "RPAの導入手順を教えてください。", "ev-3")  # its own event id
    assert await post(bot, later) == 200
    await line.quiet()
    assert [s.text for s in line.all_sent(USER)][1:] == [EDITED.text]
    assert _count(bot, messages) == lines + 2, "the edit is no question: its kind and answer are logged"
    with bot.app[STORE].engine.begin() as connection:
        said = connection.execute(sa.select(messages.c.text).where(messages.c.role == "user")).scalars().all()
    assert said == ["RPAの導入手順を教えてくだしあ", UNREAD_LINES["edited"]], "nothing of the edit is kept"


def _count(bot: Client, table: sa.Table) -> int:
    with bot.app[STORE].engine.begin() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


# -- groups ----------------------------------------------------------------------------------------


def group_text(line: FakeLine, text: str, event_id: str, *, mention: bool) -> Webhook:
    event = line.event(USER, "message", event_id)
    event["source"] = {"type": "group", "groupId": "Cgroup", "userId": USER}
    message: dict[str, Any] = {"id": event_id, "type": "text", "text": text, "quoteToken": "q"}
    if mention:
        message["mention"] = {"mentionees": [{"index": 0, "length": 4, "type": "user", "isSelf": True}]}
    event["message"] = message
    return line.webhook(event)


async def test_in_a_group_the_bot_answers_only_when_mentioned_and_says_it_works_one_to_one(
    bot: Client, line: FakeLine
) -> None:
    assert await post(bot, group_text(line, "RPAとは何ですか？", "ev-1", mention=False)) == 200
    assert line.calls == []
    assert await post(bot, group_text(line, "@bot RPAとは何ですか？", "ev-2", mention=True)) == 200
    (reply,) = line.requests("/v2/bot/message/reply")
    assert reply.body["messages"][0]["text"] == GROUP_ONLY.text


async def test_an_edit_in_a_group_gets_nothing(bot: Client, line: FakeLine) -> None:
    """LINE sends edits only from groups for now: neither chatter nor an edited call is answered."""
    chatter = group_text(line, "お昼どうしますか", "ev-1", mention=False)
    assert await post(bot, line.edited(chatter, "お昼はどうしますか", "ev-2")) == 200
    called = group_text(line, "@bot RPAとは", "ev-3", mention=True)
    assert await post(bot, called) == 200
    assert await post(bot, line.edited(called, "@bot RPAとは何ですか", "ev-4")) == 200
    await line.quiet()
    assert [s.text for s in line.all_sent("Cgroup")] == [GROUP_ONLY.text]  # the call, not its edit


async def test_a_group_the_bot_is_called_in_is_logged_with_the_ids_the_team_room_needs(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    """LINE shows a group's id nowhere in its apps: docs/team-room.md sends the administrator to the log."""
    join = line.event(USER, "join", "ev-1")
    join["source"] = {"type": "group", "groupId": "Cgroup"}
    with caplog.at_level(logging.INFO):
        assert await post(bot, line.webhook(join)) == 200
        assert await post(bot, group_text(line, "@bot 使えますか", "ev-2", mention=True)) == 200
    assert "KAIZEN_TEAM_ROOM=line:Cgroup" in caplog.text
    assert f"line:{USER}" in caplog.text, "the member's id, as KAIZEN_TEAM_MEMBERS names it"
    assert "使えますか" not in caplog.text, "never what was said"


async def consulted(bot: Client, line: FakeLine) -> None:
    """USER sends a consultation on LINE (No.1)."""
    await post(bot, line.press(USER, "consult", "ev-1"))
    await post(bot, line.text(USER, "会議録の作成に毎回半日かかっています", "ev-2"))
    await post(bot, line.text(USER, "総務課 庶務係", "ev-3"))
    await post(bot, line.press(USER, "in:by:m", "ev-4"))
    await post(bot, line.press(USER, "in:send", "ev-5"))


async def test_a_consultation_from_line_names_its_channel(bot: Client, line: FakeLine) -> None:
    await consulted(bot, line)
    (consultation,) = await asyncio.to_thread(bot.app[CONSULT].find, Filters(status="all"))
    assert (consultation.key.channel, consultation.key.user_id) == ("line", USER)


# -- whether the team's answer reached them, on the dashboard -----------------------------------


async def answered(bot: Client, text: str = "音声認識ツールをお試しください。") -> str:
    """Tanaka answers No.1 on the dashboard; the page the answer's form leads back to."""
    await add_user(bot)
    csrf = await login(bot)
    detail = await page(bot, "/admin/consultations/1")
    form = {"csrf": csrf, "version": version_of(detail), "form": "answer", "text": text}
    response = await bot.post("/admin/consultations/1/answer", data=form, allow_redirects=False)
    assert response.status == 303, await response.text()
    return await page(bot, response.headers["Location"])


async def shows(bot: Client, text: str, seconds: float = 10) -> str:
    """The consultation's page, once it says ``text`` (the delivery worker runs beside the test)."""
    for _ in range(int(seconds * 10)):
        html = await page(bot, "/admin/consultations/1")
        if text in html:
            return html
        await asyncio.sleep(0.1)
    raise AssertionError(f"{text!r} not on the page: {html}")


async def test_an_answer_to_someone_who_blocked_the_bot_says_at_once_that_it_never_arrives(
    bot: Client, line: FakeLine
) -> None:
    """The exploratory test's No.108: an unfollow, then the answer; the page said 「相談者に送信」."""
    await consulted(bot, line)
    assert await post(bot, line.unfollow(USER, "ev-blocked")) == 200
    done = await answered(bot)
    alert = re.search(r'<p class="notice error" role="alert"[^>]*>([^<]*)</p>', done)
    assert alert, done
    assert alert.group(1) == (
        "回答を記録しましたが、相談者に届いていません（相談者がbotをブロックしたか、"
        "相談者のアカウントが使えなくなったため）。電話やメールなど、別の方法でお伝えください。"
    )
    assert 'class="notice done"' not in done
    trail = await page(bot, "/admin/consultations/1")
    assert "回答しました（状態：未対応 → 回答済み）" in trail
    assert '<span class="reach undelivered">相談者に届いていません（相談者がbotをブロック' in trail
    assert "相談者に送信" not in trail, "nothing was sent"
    assert "の回答は、相談者に届いていません" in trail, "said at the top of the page until answered again"
    await line.quiet(0.3)
    assert not line.requests("/v2/bot/message/push"), "and nothing was pushed"


async def test_an_answer_line_refuses_for_good_is_shown_undelivered_once_the_worker_tried(
    bot: Client, line: FakeLine
) -> None:
    await consulted(bot, line)
    line.block(USER)  # LINE refuses pushes to them (400) though no unfollow came
    done = await answered(bot)
    assert (
        "回答を記録しました。まもなく相談者のチャットに届きます。" in done or "相談者に届いていません" in done
    )
    html = await shows(
        bot, "相談者に届いていません（送信先のサービスが、この相談者あてのメッセージを受け付けなかったため）"
    )
    assert "電話やメールなど、別の方法でお伝えください" in html


async def test_an_answer_during_an_outage_is_shown_retrying_then_delivered(
    aiohttp_client: AiohttpClient, line: FakeLine, searcher: Searcher, tmp_path: Path
) -> None:
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **line.settings(), "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1"},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
    )
    bot = await aiohttp_client(init_app(settings, searcher=searcher))
    await consulted(bot, line)
    await line.stop()  # LINE cannot be reached
    await answered(bot)
    html = await shows(bot, "相談者への送信に失敗したため、自動で再送しています（これまでに")
    assert "電話やメールなど" not in html, "it is not given up"
    await line.start()
    await shows(bot, '<span class="reach sent">相談者に届けました</span>')
    (pushed,) = [s for s in line.all_sent(USER) if s.via == "push"]
    assert "音声認識ツールをお試しください。" in pushed.text


async def test_when_the_database_fails_on_the_turn_the_person_is_told_the_answer_is_late(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    with bot.app[STORE].engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE conversations"))
    with caplog.at_level(logging.ERROR):
        assert await post(bot, line.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    (reply,) = line.all_sent(USER)
    assert (reply.text, reply.via) == (DELAYED.text, "reply")
    assert "ev-1" in caplog.text, "the failed event is named in the log"
    assert await asyncio.to_thread(inbox.pending, bot.app[STORE].engine) == 1, "kept to be replayed"
