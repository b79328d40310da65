"""Telegram beyond the shared channel tests: the secret, bad bodies, update_id, buttons, groups, refusals."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import CHANNELS, DISPATCHER, STORE
from bot.config import Settings
from bot.conversations import EDITED, GROUP_ONLY, TEXT_ONLY, greeting
from bot.db.outbox import Delivery
from bot.db.schema import conversations, messages, outbox
from bot.delivery.http import MAX_RETRY_AFTER_SECONDS, PlatformRefused
from bot.delivery.worker import Undeliverable
from bot.handlers.telegram.channel import TelegramChannel, TelegramSender
from bot.knowledge import Ward
from bot.search import Searcher
from bot.values import ConversationKey, Notice, Reply
from tests.auxil.channels import Webhook
from tests.auxil.databases import migrated_sqlite
from tests.auxil.platforms import free_port
from tests.auxil.telegram import BOT_ID, BOT_USERNAME, HEADER, SECRET, TOKEN, FakeTelegram, visible
from tests.conftest import DATA_DIR, SAMPLE_SOURCES

pytestmark = pytest.mark.asyncio

Client = TestClient[web.Request, web.Application]

SAMPLE = DATA_DIR / "telegram" / "updates.json"
"""Telegram's own example updates and python-telegram-bot's test updates (sources and fixes inside)."""

USER = "7100000001"
SAMPLE_USER = "1111111"
GROUP = -1001234567890


@pytest_asyncio.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture
async def bot(
    aiohttp_client: AiohttpClient, telegram: FakeTelegram, searcher: Searcher, tmp_path: Path
) -> Client:
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **telegram.settings()},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


async def post(bot: Client, webhook: Webhook) -> int:
    response = await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)
    async with asyncio.timeout(10):
        await bot.app[DISPATCHER].settled()
    return response.status


def raw(body: bytes, secret: str | None = SECRET) -> Webhook:
    headers = {"Content-Type": "application/json"} | ({HEADER: secret} if secret is not None else {})
    return Webhook("/webhooks/telegram", body, headers)


def count(bot: Client, table: sa.Table) -> int:
    with bot.app[STORE].engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)


def channel(bot: Client) -> TelegramChannel:
    found = bot.app[CHANNELS]["telegram"]
    assert isinstance(found, TelegramChannel)
    return found


# -- the secret token and the body -----------------------------------------------------------------


async def test_the_secret_is_checked_before_the_body_is_read(
    bot: Client, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    private = "個人情報を含むかもしれない本文"
    with caplog.at_level(logging.WARNING):
        assert await post(bot, raw(private.encode(), secret=SECRET[:-1] + "X")) == 401
        assert await post(bot, raw(private.encode(), secret=SECRET + SECRET)) == 401
        assert await post(bot, raw(private.encode(), secret="")) == 401
        assert await post(bot, raw(private.encode(), secret=None)) == 401
    assert "wrong X-Telegram-Bot-Api-Secret-Token" in caplog.text
    assert "without X-Telegram-Bot-Api-Secret-Token" in caplog.text
    assert private not in caplog.text
    assert [c.method for c in telegram.calls if c.method != "getMe"] == []


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"message": {"text": "no update_id"}}',
        b'{"update_id": "1"}',
        b'{"update_id": true}',
        b'{"update_id": 1, "message": {"message_id": 1}}',
        b'{"update_id": 1, "message": 5}',
        b'{"update_id": 1, "callback_query": {"id": "x"}}',
        # fields of the wrong type, which the SDK passes on unread: they were a 500 with a traceback
        b'{"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"},'
        b' "from": {"id": 5, "is_bot": false, "first_name": "a"}, "text": {"a": 1}}}',
        b'{"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"},'
        b' "from": {"id": 5, "is_bot": false, "first_name": "a"}, "text": "hi", "entities": [5]}}',
        # a falsy text that is no string, ids that are no integers, a date past any clock: a 500 too
        *(
            b'{"update_id": 1, "message": {"message_id": %s, "date": %s,'
            b' "chat": {"id": %s, "type": "private"},'
            b' "from": {"id": %s, "is_bot": false, "first_name": "a"}, "text": %s}}' % fields
            for fields in [
                (b"1", b"1", b"5", b"5", b"0"),
                (b"1", b"1", b"5", b"5", b"[]"),
                (b"1.5", b"1", b"5", b"5", b'"hi"'),
                (b"1", b"1", b"5.5", b"5", b'"hi"'),
                (b"1", b"1", b"5", b'"5"', b'"hi"'),
                (b"1", b"1e300", b"5", b"5", b'"hi"'),
                (b"1", b"9" * 30, b"5", b"5", b'"hi"'),
            ]
        ),
    ],
)
async def test_a_body_telegram_would_not_send_is_400_and_nothing_is_stored(
    bot: Client, telegram: FakeTelegram, body: bytes
) -> None:
    assert await post(bot, raw(body)) == 400
    assert count(bot, conversations) == 0
    assert telegram.requests("sendMessage") == []


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(12345, id="number"),
        pytest.param(0, id="zero"),
        pytest.param(1.5, id="float"),
        pytest.param(True, id="true"),
        pytest.param(False, id="false"),
        pytest.param({"action": "menu"}, id="object"),
        pytest.param(["menu"], id="array"),
        pytest.param({}, id="empty-object"),
    ],
)
async def test_a_button_whose_data_is_not_a_string_is_400_like_any_wrong_type(
    bot: Client, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture, data: object
) -> None:
    """Telegram's callback data is a string of 1-64 bytes: anything else is refused, not pressed."""
    pressed = telegram.press(USER, "menu", "ev-data")
    update = json.loads(pressed.body)
    update["callback_query"]["data"] = data
    with caplog.at_level(logging.WARNING):
        status = await post(bot, Webhook(pressed.path, json.dumps(update).encode(), pressed.headers))
    assert status == 400
    assert count(bot, conversations) == 0
    assert [c.method for c in telegram.calls if c.method != "getMe"] == []
    assert f"Telegram update {update['update_id']} with a field of the wrong type: refused" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], "no traceback"


async def test_a_body_over_the_limit_is_413(bot: Client) -> None:
    body = json.dumps({"update_id": 1, "padding": "x" * 70_000}).encode()
    assert await post(bot, raw(body)) == 413


# -- update_id ---------------------------------------------------------------------------------------


async def test_an_update_is_handled_once_per_update_id(bot: Client, telegram: FakeTelegram) -> None:
    first = telegram.text(USER, "RPAとは何ですか？", "ev-1")
    assert await post(bot, first) == 200
    assert await post(bot, first) == 200  # Telegram redelivers when it did not see our 200
    assert len(telegram.all_sent(USER)) == 1
    lines = count(bot, messages)
    again = json.loads(first.body)
    again["update_id"] += 1  # the same words sent again are a new update
    assert await post(bot, raw(json.dumps(again).encode())) == 200
    assert len(telegram.all_sent(USER)) == 2
    assert count(bot, messages) > lines


# -- what the person sees -----------------------------------------------------------------------------


async def test_a_text_shows_typing_and_the_answer_quotes_the_question(
    bot: Client, telegram: FakeTelegram
) -> None:
    webhook = telegram.text(USER, "RPAとは何ですか？", "ev-1")
    assert await post(bot, webhook) == 200
    calls = sorted((c for c in telegram.calls if c.method != "getMe"), key=lambda c: c.method)
    assert [c.method for c in calls] == ["sendChatAction", "sendMessage"]  # either order: no waiting
    action, answer = (c.params for c in calls)
    assert (action["chat_id"], action["action"]) == (USER, "typing")
    assert answer["parse_mode"] == "HTML"
    assert answer["reply_parameters"]["message_id"] == json.loads(webhook.body)["message"]["message_id"]
    assert answer["link_preview_options"] == {"is_disabled": True}


async def test_a_pressed_button_is_answered_so_it_stops_spinning(bot: Client, telegram: FakeTelegram) -> None:
    assert await post(bot, telegram.press(USER, "menu", "ev-1")) == 200
    (answered,) = telegram.requests("answerCallbackQuery")
    assert answered.params["callback_query_id"] == "cq-ev-1"
    methods = sorted(c.method for c in telegram.calls if c.method != "getMe")
    assert methods == ["answerCallbackQuery", "sendChatAction", "sendMessage"]  # either order: no waiting
    (menu,) = telegram.all_sent(USER)
    assert menu.text.startswith("ご用件をお選びください")
    assert all(len(action.encode()) <= 64 for action in menu.actions)


async def test_start_greets_with_the_menu_and_menu_command_shows_it(
    bot: Client, telegram: FakeTelegram
) -> None:
    assert await post(bot, telegram.follow(USER, "ev-1")) == 200
    hello, menu = telegram.all_sent(USER)
    assert hello.text == greeting(Ward(), SAMPLE_SOURCES).text
    assert "相談状況を見る" in menu.buttons
    assert await post(bot, telegram.text(USER, "/menu", "ev-2")) == 200
    assert telegram.all_sent(USER)[-1].text.startswith("ご用件をお選びください")


@pytest.mark.parametrize(
    "attachment",
    [
        {"photo": [{"file_id": "p", "file_unique_id": "pu", "width": 90, "height": 90}]},
        {"document": {"file_id": "d", "file_unique_id": "du", "file_name": "申請書.pdf"}},
        {"location": {"latitude": 35.68, "longitude": 139.76}},
    ],
)
async def test_what_is_not_text_gets_the_polite_answer(
    bot: Client, telegram: FakeTelegram, attachment: dict[str, Any]
) -> None:
    assert await post(bot, telegram.message(USER, "ev-1", **attachment)) == 200
    (reply,) = telegram.all_sent(USER)
    assert reply.text == TEXT_ONLY.text


async def test_an_edited_message_is_answered_once_and_never_read(bot: Client, telegram: FakeTelegram) -> None:
    question = telegram.text(USER, "RPAの導入手順を教えてくだしあ", "ev-1")
    assert await post(bot, question) == 200
    lines = count(bot, messages)
    edit = telegram.edited(question, "RPAの導入手順を教えてください", "ev-2")
    assert await post(bot, edit) == 200
    assert await post(bot, edit) == 200  # Telegram redelivers when it did not see our 200
    assert await post(bot, telegram.edited(question, "RPAの導入手順を教えてください。", "ev-3")) == 200
    assert [s.text for s in telegram.all_sent(USER)][1:] == [EDITED.text]
    answer = telegram.requests("sendMessage")[-1]
    assert (
        answer.params["reply_parameters"]["message_id"] == json.loads(question.body)["message"]["message_id"]
    )
    assert count(bot, messages) == lines + 2  # the edit is no question: its kind and its answer are logged


async def test_an_edit_in_a_group_gets_nothing(bot: Client, telegram: FakeTelegram) -> None:
    mention = f"@{BOT_USERNAME}"
    entity = {"type": "mention", "offset": 0, "length": len(mention)}
    called = group_message(telegram, f"{mention} RPAとは", "ev-1", entities=[entity])
    chatter = group_message(telegram, "お昼どうしますか", "ev-2")
    assert await post(bot, chatter) == 200
    assert await post(bot, telegram.edited(chatter, "お昼はどうしますか", "ev-3")) == 200
    assert telegram.requests("sendMessage") == []
    assert await post(bot, called) == 200
    assert await post(bot, telegram.edited(called, f"{mention} RPAとは何ですか", "ev-4")) == 200
    assert [s.text for s in telegram.all_sent(str(GROUP))] == [GROUP_ONLY.text]  # the call, not its edit


async def test_what_a_person_typed_is_shown_as_text_never_as_markup(
    bot: Client, telegram: FakeTelegram
) -> None:
    assert await post(bot, telegram.press(USER, "consult", "ev-1")) == 200
    typed = '<a href="https://evil.example">ここ</a> & <b>至急</b> @everyone_here'
    assert await post(bot, telegram.text(USER, typed, "ev-2")) == 200
    sent = " ".join(s.text for s in telegram.all_sent(USER))
    assert "<a href" not in sent
    assert "<b>至急</b>" not in sent


# -- blocked, refused, flooded -------------------------------------------------------------------------


async def test_blocking_the_bot_is_recorded(bot: Client, telegram: FakeTelegram) -> None:
    assert await post(bot, telegram.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    assert await post(bot, telegram.unfollow(USER, "ev-2")) == 200
    with bot.app[STORE].engine.connect() as connection:
        blocked = connection.execute(sa.select(conversations.c.blocked_at)).scalar()
    assert blocked is not None


def delivery(payload: Reply, address: str, key: ConversationKey | None = None) -> Delivery:
    key = key or ConversationKey("telegram", address, address)
    return Delivery(1, key, payload.to_record(), 0, address)


async def test_a_push_refused_with_403_is_undeliverable_and_the_person_recorded(
    bot: Client, telegram: FakeTelegram
) -> None:
    assert await post(bot, telegram.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    telegram.block(USER)
    sender = TelegramSender(channel(bot), bot.app[STORE])
    with pytest.raises(Undeliverable, match="blocked by the user"):
        await sender.send(delivery(Reply("回答です。"), USER))
    with bot.app[STORE].engine.connect() as connection:
        assert connection.execute(sa.select(conversations.c.blocked_at)).scalar() is not None


async def test_a_group_that_refuses_is_undeliverable_without_blocking_the_person(
    bot: Client, telegram: FakeTelegram
) -> None:
    assert await post(bot, telegram.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    telegram.blocked.add(str(GROUP))  # the bot was removed from the group
    sender = TelegramSender(channel(bot), bot.app[STORE])
    key = ConversationKey("telegram", USER, str(GROUP))
    with pytest.raises(Undeliverable):
        await sender.send(delivery(Reply("確認しました。"), str(GROUP), key))
    with bot.app[STORE].engine.connect() as connection:
        assert connection.execute(sa.select(conversations.c.blocked_at)).scalar() is None


async def test_429_is_platform_refused_with_telegrams_wait(bot: Client, telegram: FakeTelegram) -> None:
    telegram.flood = 7
    sender = TelegramSender(channel(bot), bot.app[STORE])
    with pytest.raises(PlatformRefused) as refused:
        await sender.send(delivery(Reply("回答です。"), USER))
    assert (refused.value.status, refused.value.retry_after) == (429, 7.0)


async def test_a_wait_longer_than_a_day_is_taken_as_a_day(
    bot: Client, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram's ``retry_after`` is followed for a day at most, as a ``Retry-After`` header is.

    A broken wait (thirty thousand years) parked the push past the clock's last date: the turn failed.
    """
    telegram.flood = 10**12
    sender = TelegramSender(channel(bot), bot.app[STORE])
    with pytest.raises(PlatformRefused) as refused:
        await sender.send(delivery(Reply("回答です。"), USER))
    assert refused.value.retry_after == MAX_RETRY_AFTER_SECONDS
    with caplog.at_level(logging.WARNING):
        assert await post(bot, telegram.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    with bot.app[STORE].engine.connect() as connection:
        (due,) = connection.execute(sa.select(outbox.c.next_attempt_at)).scalars()
    assert due is not None
    assert due.replace(tzinfo=UTC) <= datetime.now(UTC) + timedelta(days=1, minutes=1)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_answer_full_of_markup_characters_is_delivered_whole(
    bot: Client, telegram: FakeTelegram
) -> None:
    text = "<&>" * 1700  # each escaped in the HTML (17,000 characters): Telegram counts them once parsed
    await TelegramSender(channel(bot), bot.app[STORE]).send(delivery(Reply(text), USER))
    assert [c.status for c in telegram.requests("sendMessage")] == [200, 200]
    assert [len(visible(s.text)) for s in telegram.all_sent(USER)] == [4096, 1004]
    assert "".join(visible(s.text) for s in telegram.all_sent(USER)) == text


async def test_an_answer_refused_for_a_while_waits_in_the_outbox(bot: Client, telegram: FakeTelegram) -> None:
    telegram.flood = 1
    assert await post(bot, telegram.text(USER, "RPAとは何ですか？", "ev-1")) == 200
    assert telegram.all_sent(USER) == []
    assert count(bot, outbox) == 1
    telegram.flood = 0
    await telegram.until(lambda: bool(telegram.all_sent(USER)), seconds=20)  # the worker's next pass
    (answer,) = telegram.all_sent(USER)
    assert answer.via == "push"
    assert "RPA" in answer.text


# -- groups and the DX team's room ----------------------------------------------------------------------


def group_message(telegram: FakeTelegram, text: str, event_id: str, **fields: Any) -> Webhook:
    chat = {"id": GROUP, "type": "supergroup", "title": "DX推進課"}
    return telegram.message(USER, event_id, chat=chat, text=text, **fields)


async def test_a_group_message_to_the_bot_is_a_group_event_answered_in_the_group(
    bot: Client, telegram: FakeTelegram
) -> None:
    mention = f"@{BOT_USERNAME}"
    text = f"{mention} #12 回答 確認します"
    entity = {"type": "mention", "offset": 0, "length": len(mention)}
    webhook = group_message(telegram, text, "ev-1", entities=[entity])
    assert await post(bot, webhook) == 200
    assert [s.text for s in telegram.all_sent(str(GROUP))] == [GROUP_ONLY.text]
    (answer,) = telegram.requests("sendMessage")
    assert (
        answer.params["reply_parameters"]["message_id"] == json.loads(webhook.body)["message"]["message_id"]
    )
    assert telegram.all_sent(USER) == []
    assert telegram.requests("sendChatAction") == []  # nothing to wait for in a group


async def test_a_group_message_not_said_to_the_bot_is_ignored(bot: Client, telegram: FakeTelegram) -> None:
    assert await post(bot, group_message(telegram, "お昼どうしますか", "ev-1")) == 200
    other = {"type": "mention", "offset": 0, "length": 6}
    assert await post(bot, group_message(telegram, "@tanaka 了解です", "ev-2", entities=[other])) == 200
    assert telegram.requests("sendMessage") == []
    assert count(bot, conversations) == 0


async def test_a_reply_to_the_bot_in_a_group_is_said_to_it(bot: Client, telegram: FakeTelegram) -> None:
    ours = {
        "message_id": 5,
        "date": 1,
        "chat": {"id": GROUP, "type": "supergroup", "title": "DX推進課"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "bot", "username": BOT_USERNAME},
        "text": "新しい相談です",
    }
    webhook = group_message(telegram, "#12 回答 承知しました", "ev-1", reply_to_message=ours)
    assert await post(bot, webhook) == 200
    assert [s.text for s in telegram.all_sent(str(GROUP))] == [GROUP_ONLY.text]


async def test_a_notice_goes_to_the_group_as_plain_text_with_its_one_link(
    bot: Client, telegram: FakeTelegram
) -> None:
    notice = Notice(
        12,
        "new",
        "新しい相談 No.12",
        '[ここをクリック](https://evil.example) <a href="https://evil.example">x</a> @tanaka_k',
        "https://kaizen.example/admin/consultations/12",
    )
    await channel(bot).post_notice(str(GROUP), notice)
    (call,) = telegram.requests("sendMessage")
    assert call.params["chat_id"] == str(GROUP)
    assert call.params["parse_mode"] == "HTML"
    assert call.params["link_preview_options"] == {"is_disabled": True}
    text = call.params["text"]
    assert text.startswith("<b>新しい相談 No.12</b>\n")
    assert text.count("<a ") == 1
    assert '<a href="https://kaizen.example/admin/consultations/12">' in text
    assert "&lt;a href=" in text
    assert "@\u2060tanaka_k" in text


async def test_a_notice_refused_is_undeliverable_or_platform_refused(
    bot: Client, telegram: FakeTelegram
) -> None:
    notice = Notice(1, "new", "新しい相談 No.1", "本文", None)
    telegram.flood = 3
    with pytest.raises(PlatformRefused) as refused:
        await channel(bot).post_notice(str(GROUP), notice)
    assert refused.value.retry_after == 3.0
    telegram.flood = 0
    telegram.blocked.add(str(GROUP))
    with pytest.raises(Undeliverable):
        await channel(bot).post_notice(str(GROUP), notice)


# -- the published sample updates ---------------------------------------------------------------------


async def test_every_sample_update_is_handled_without_an_error(
    bot: Client, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    updates = sample["official"] + sample["ptb"]
    with caplog.at_level(logging.INFO):
        for update in updates:
            assert await post(bot, raw(json.dumps(update, ensure_ascii=False).encode())) == 200
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    texts = [s.text for s in telegram.all_sent(SAMPLE_USER)]
    assert texts.count(greeting(Ward(), SAMPLE_SOURCES).text) == 4  # /start, forwarded twice, and as a reply
    assert texts.count(TEXT_ONLY.text) == 3  # audio, voice, document
    assert texts.count(EDITED.text) == 1  # "Edited text"
    assert len(texts) == 4 * 2 + 3 + 1 + 1  # each greeting with its menu, the answer to "Bold and italics"
    assert telegram.all_sent("1") == []  # python-telegram-bot's updates: none is a private chat's


async def test_the_bot_token_never_reaches_the_log(
    bot: Client, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert await post(bot, telegram.text(USER, "RPAとは何ですか？", "ev-1")) == 200
        await channel(bot).post_notice(str(GROUP), Notice(1, "new", "題", "本文", None))
    assert telegram.requests("sendMessage")
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


async def test_telegram_out_of_reach_at_start_is_tried_again_at_the_next_update(
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    telegram = FakeTelegram(port=free_port())  # not started yet: getMe at start fails
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **telegram.settings()}, DATABASE_URL=migrated_sqlite(tmp_path / "k.db")
    )
    with caplog.at_level(logging.WARNING):
        bot = await aiohttp_client(init_app(settings, searcher=searcher))
    assert "Telegram getMe failed" in caplog.text
    webhook = telegram.text(USER, "RPAとは何ですか？", "ev-1")
    assert await post(bot, webhook) == 503  # Telegram redelivers it
    await telegram.start()
    try:
        assert await post(bot, webhook) == 200
        (answer,) = await telegram.sent(USER, 1)
        assert "RPA" in answer.text
    finally:
        await telegram.stop()
