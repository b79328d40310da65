"""``POST /webhooks/lineworks`` end to end: the real application, the fake LINE WORKS over HTTP.

What the shared channel tests do not cover: the bot id, bodies that are too
big or not callbacks, the body-hash de-duplication, the events of a
one-to-one chat beyond text and buttons, rooms (the DX team's, or any), and
an answer that fails falling back to the outbox.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
import sqlalchemy as sa

from bot.appkeys import DISPATCHER, STORE
from bot.conversations import GROUP_ONLY, TEXT_ONLY, greeting
from bot.db.schema import messages, outbox, seen_events
from bot.handlers.lineworks.events import event_id_of
from bot.knowledge import Ward
from tests.auxil.channels import Webhook
from tests.auxil.lineworks import BOT_ID, FakeLineWorks, sign
from tests.conftest import SAMPLE_SOURCES
from tests.handlers.lineworks.conftest import MAX_BODY, Client

pytestmark = pytest.mark.asyncio

USER = "hanako@example.lineworks"
ROOM = "dx-team-room-0001"
QUESTION = "RPAとは何ですか？"


async def post(bot: Client, webhook: Webhook) -> int:
    response = await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)
    return response.status


async def settle(bot: Client) -> None:
    async with asyncio.timeout(10):
        await bot.app[DISPATCHER].settled()


async def statuses(bot: Client) -> list[str]:
    """The outbox's statuses once none is pending (up to ten seconds)."""
    async with asyncio.timeout(10):
        while True:
            with bot.app[STORE].engine.connect() as connection:
                found = list(connection.execute(sa.select(outbox.c.status).order_by(outbox.c.id)).scalars())
            if "pending" not in found:
                return found
            await asyncio.sleep(0.05)


def count(bot: Client, table: sa.Table) -> int:
    with bot.app[STORE].engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)


async def test_a_callback_for_another_bot_is_refused(bot: Client, fake: FakeLineWorks) -> None:
    other = fake.webhook(
        fake.callback("message", USER, content={"type": "text", "text": QUESTION}), bot_id="999"
    )
    missing = Webhook(
        other.path, other.body, {k: v for k, v in other.headers.items() if k != "X-WORKS-BotId"}
    )
    assert await post(bot, other) == 401
    assert await post(bot, missing) == 401
    await settle(bot)
    assert fake.messages == []
    assert count(bot, seen_events) == 0


async def test_the_signature_covers_the_exact_body(bot: Client, fake: FakeLineWorks) -> None:
    webhook = fake.text(USER, QUESTION, "ev-1")
    changed = webhook.body.replace(b"RPA", b"OCR")
    assert await post(bot, Webhook(webhook.path, changed, webhook.headers)) == 401
    response = await bot.post(
        webhook.path, data=changed, headers={**webhook.headers, "X-WORKS-Signature": "!!"}
    )
    assert response.status == 401
    assert (await response.json())["error"] == "invalid_signature"


async def test_a_body_over_the_limit_is_413(bot: Client, fake: FakeLineWorks) -> None:
    webhook = fake.text(USER, "あ" * MAX_BODY, "ev-1")
    assert await post(bot, webhook) == 413
    await settle(bot)
    assert fake.messages == []


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'{"source": {"userId": "x"}}'])
async def test_a_signed_body_that_is_not_a_callback_is_400(
    bot: Client, fake: FakeLineWorks, body: bytes
) -> None:
    headers = {
        "Content-Type": "application/json",
        "X-WORKS-Signature": sign(body),
        "X-WORKS-BotId": "6807091",
    }
    assert await post(bot, Webhook("/webhooks/lineworks", body, headers)) == 400
    await settle(bot)
    assert fake.messages == []


@pytest.mark.parametrize("kind", [[], {}, [{}]], ids=["array", "object", "array-of-object"])
async def test_a_signed_message_of_a_content_type_no_one_sends_is_ignored_not_a_500(
    bot: Client, fake: FakeLineWorks, caplog: pytest.LogCaptureFixture, kind: object
) -> None:
    """A content ``type`` that is no string: an array or an object was a TypeError (a 500) once."""
    callback = fake.callback("message", USER, content={"type": kind, "text": QUESTION})
    assert await post(bot, fake.webhook(callback)) == 200
    await settle(bot)
    assert fake.messages == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_the_same_body_twice_is_one_event_and_a_new_one_with_the_same_text_is_another(
    bot: Client, fake: FakeLineWorks
) -> None:
    first = fake.text(USER, QUESTION, "ev-1")
    assert await post(bot, first) == 200
    await fake.sent(USER, 1)
    await settle(bot)
    assert await post(bot, first) == 200
    await settle(bot)
    assert len(fake.all_sent(USER)) == 1
    again = fake.text(USER, QUESTION, "ev-2")  # asked again: the same text, a later issuedTime
    assert await post(bot, again) == 200
    await fake.sent(USER, 2)
    await settle(bot)
    assert len(fake.all_sent(USER)) == 2
    with bot.app[STORE].engine.connect() as connection:
        ids = connection.execute(
            sa.select(seen_events.c.event_id).where(seen_events.c.channel == "lineworks")
        )
        assert sorted(ids.scalars()) == sorted([event_id_of(first.body), event_id_of(again.body)])


async def test_starting_the_chat_greets_with_the_menu(bot: Client, fake: FakeLineWorks) -> None:
    assert await post(bot, fake.webhook(fake.callback("begin", USER, room="1on1-room"))) == 200
    hello, menu = await fake.sent(USER, 2)
    assert hello.text == greeting(Ward(), SAMPLE_SOURCES).text
    assert menu.text.startswith("ご用件をお選びください")
    assert hello.via == "reply"


async def test_the_start_button_greets_too(bot: Client, fake: FakeLineWorks) -> None:
    content = {"type": "text", "text": "利用開始", "postback": "start"}
    assert await post(bot, fake.webhook(fake.callback("message", USER, content=content))) == 200
    hello, _menu = await fake.sent(USER, 2)
    assert hello.text == greeting(Ward(), SAMPLE_SOURCES).text


@pytest.mark.parametrize(
    "content",
    [
        {"type": "image", "resourceUrl": "https://example.invalid/1"},
        {"type": "file", "fileId": "f1"},
        {"type": "location", "address": "東京都", "latitude": 35.6, "longitude": 139.7},
    ],
)
async def test_media_get_the_polite_request_for_text(
    bot: Client, fake: FakeLineWorks, content: dict[str, object]
) -> None:
    assert await post(bot, fake.webhook(fake.callback("message", USER, content=content))) == 200
    (reply,) = await fake.sent(USER, 1)
    assert reply.text == TEXT_ONLY.text


@pytest.mark.parametrize("kind", ["join", "leave", "joined", "left", "somethingNew"])
async def test_room_housekeeping_and_unknown_callbacks_are_acknowledged_and_ignored(
    bot: Client, fake: FakeLineWorks, kind: str
) -> None:
    body = fake.callback(kind, None, ROOM, members=[USER])
    assert await post(bot, fake.webhook(body)) == 200
    await settle(bot)
    assert fake.messages == []
    assert count(bot, messages) == 0


async def test_only_a_mention_in_a_room_is_answered_there(bot: Client, fake: FakeLineWorks) -> None:
    assert await post(bot, fake.in_room(USER, ROOM, "お昼どうしますか")) == 200  # the room's own chatter
    assert await post(bot, fake.in_room(USER, ROOM, "#12 回答 こんにちは")) == 200  # not the team's room
    assert await post(bot, fake.in_room(USER, ROOM, f'<m userId="{BOT_ID}">さん RPAについて')) == 200
    await fake.until(lambda: len(fake.room_sent(ROOM)) == 1)
    await settle(bot)
    (said,) = fake.room_sent(ROOM)
    assert said.content["text"] == GROUP_ONLY.text
    assert fake.all_sent(USER) == []


async def test_an_answer_that_fails_now_is_pushed_from_the_outbox(bot: Client, fake: FakeLineWorks) -> None:
    fake.script = [(503, {"Retry-After": "1"})]
    assert await post(bot, fake.text(USER, QUESTION, "ev-1")) == 200
    (answer,) = await fake.sent(USER, 1)
    assert answer.via == "push"
    assert "RPA" in answer.text
    assert fake.refused == [503]
    assert await statuses(bot) == ["sent"]


async def test_an_answer_waits_out_an_auth_server_outage_in_the_outbox(
    bot: Client, fake: FakeLineWorks
) -> None:
    fake.token_script = [503]
    assert await post(bot, fake.text(USER, QUESTION, "ev-1")) == 200
    (answer,) = await fake.sent(USER, 1)
    assert answer.via == "push"
    assert fake.token_requests == 2
    assert await statuses(bot) == ["sent"]
