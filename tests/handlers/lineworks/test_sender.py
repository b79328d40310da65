"""Pushes from the outbox and the DX team's notices, against the fake LINE WORKS: what each refusal means."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from bot.appkeys import CHANNELS, DISPATCHER, STORE
from bot.db.outbox import Delivery
from bot.db.schema import conversations
from bot.delivery.http import PlatformRefused
from bot.delivery.worker import Undeliverable
from bot.handlers.channel import TeamRoom
from bot.handlers.lineworks.channel import LineWorksChannel, LineWorksSender
from bot.values import Card, Choice, ConversationKey, Notice, Reply
from tests.auxil.lineworks import FakeLineWorks
from tests.handlers.lineworks.conftest import Client

pytestmark = pytest.mark.asyncio

USER = "hanako@example.lineworks"
ROOM = "dx-team-room-0001"
KEY = ConversationKey("lineworks", USER, USER)
ANSWER = Reply("【DX推進課からの回答】No.1\n音声認識をお使いください。", (Choice("解決した", "fb:+:1"),))


def channel_of(bot: Client) -> LineWorksChannel:
    channel = bot.app[CHANNELS]["lineworks"]
    assert isinstance(channel, LineWorksChannel)
    return channel


def sender_of(bot: Client) -> LineWorksSender:
    return channel_of(bot).sender(bot.app[STORE])


def delivery(reply: Reply = ANSWER, address: str | None = f"user:{USER}") -> Delivery:
    return Delivery(id=7, key=KEY, payload=reply.to_record(), attempts=1, address=address)


async def known(bot: Client, fake: FakeLineWorks) -> None:
    """``USER`` has talked to the bot once, so their conversation exists."""
    webhook = fake.text(USER, "こんにちは", "ev-0")
    assert (await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)).status == 200
    await fake.sent(USER, 1)
    async with asyncio.timeout(10):
        await bot.app[DISPATCHER].settled()


def blocked_at(bot: Client) -> object:
    with bot.app[STORE].engine.connect() as connection:
        return connection.execute(
            sa.select(conversations.c.blocked_at).where(conversations.c.user_id == USER)
        ).scalar()


async def test_a_push_names_its_outbox_message_in_every_request(bot: Client, fake: FakeLineWorks) -> None:
    cards = (Card("事例", "会議録の自動作成", (Choice("詳しく", "case:1"),)),)
    await sender_of(bot).send(delivery(Reply("事例です。", cards=cards)))
    assert [m.idempotency_key for m in fake.messages] == ["kaizen-outbox-7-1", "kaizen-outbox-7-2"]
    (sent,) = fake.all_sent(USER)
    assert sent.via == "push"
    assert sent.buttons == ("詳しく",)


async def test_a_push_to_a_room_address_goes_to_the_room(bot: Client, fake: FakeLineWorks) -> None:
    await sender_of(bot).send(delivery(address=f"channel:{ROOM}"))
    (posted,) = fake.room_sent(ROOM)
    assert posted.content["text"] == ANSWER.text


@pytest.mark.parametrize(("status", "wait"), [(429, "30"), (503, "5"), (500, None)])
async def test_a_busy_platform_is_retried_after_the_wait_it_asks(
    bot: Client, fake: FakeLineWorks, status: int, wait: str | None
) -> None:
    fake.script = [(status, {"Retry-After": wait} if wait else {})]
    with pytest.raises(PlatformRefused) as refused:
        await sender_of(bot).send(delivery())
    assert refused.value.status == status
    assert refused.value.retry_after == (float(wait) if wait else None)
    assert fake.messages == []


@pytest.mark.parametrize("gone", ["blocked", 404])
async def test_a_person_who_cannot_be_reached_is_recorded_and_the_message_dropped(
    bot: Client, fake: FakeLineWorks, gone: str | int
) -> None:
    await known(bot, fake)
    if gone == "blocked":
        fake.block(USER)  # 403
    else:
        fake.script = [404]
    with pytest.raises(Undeliverable):
        await sender_of(bot).send(delivery())
    assert blocked_at(bot) is not None


async def test_a_message_refused_as_malformed_is_dropped_without_blocking_the_person(
    bot: Client, fake: FakeLineWorks
) -> None:
    await known(bot, fake)
    fake.script = [400]
    with pytest.raises(Undeliverable, match="400"):
        await sender_of(bot).send(delivery())
    assert blocked_at(bot) is None


NOTICE = Notice(
    consultation=12,
    event="new",
    title="新しい相談 No.12",
    text='<m userId="all"> @channel [ここをクリック](https://evil.example) 会議録が大変です',
    url="https://kaizen.example.lg.jp/admin/consultations/12",
)


async def test_a_notice_is_posted_to_the_room_as_plain_text_with_its_link(
    bot: Client, fake: FakeLineWorks
) -> None:
    channel = channel_of(bot)
    assert isinstance(channel, TeamRoom)
    await channel.post_notice(ROOM, NOTICE)
    (posted,) = fake.room_sent(ROOM)
    text = posted.content["text"]
    assert posted.content["type"] == "text"
    assert text.startswith("新しい相談 No.12\n")
    assert "<m" not in text
    assert '＜m userId="all"＞' in text  # shown as typed, never a mention
    assert "@\u2060channel" in text
    assert text.endswith("\nダッシュボードで開く: https://kaizen.example.lg.jp/admin/consultations/12")
    assert fake.all_sent(USER) == []


@pytest.mark.parametrize("status", [403, 404])
async def test_a_notice_to_a_room_the_bot_left_is_undeliverable(
    bot: Client, fake: FakeLineWorks, status: int
) -> None:
    fake.gone[ROOM] = status
    with pytest.raises(Undeliverable, match=ROOM):
        await channel_of(bot).post_notice(ROOM, NOTICE)


async def test_a_notice_refused_for_a_while_is_retried_later(bot: Client, fake: FakeLineWorks) -> None:
    fake.script = [(429, {"Retry-After": "60"})]
    with pytest.raises(PlatformRefused) as refused:
        await channel_of(bot).post_notice(ROOM, NOTICE)
    assert refused.value.retry_after == 60.0
    assert fake.room_sent(ROOM) == []
