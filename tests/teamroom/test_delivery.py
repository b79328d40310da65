"""Notices into a room, channel by channel, against the fake platforms over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio
from linebot.v3 import WebhookParser

from bot.config import LineSettings
from bot.db.outbox import Delivery
from bot.delivery.worker import Undeliverable
from bot.handlers.channel import TeamRoom
from bot.handlers.line import LineChannel
from bot.handlers.lineevents import incoming_of
from bot.teamroom.delivery import RoomSender
from bot.values import ConversationKey, Notice
from tests.auxil.line import SECRET, TOKEN, FakeLine, sign

GROUP = "C0123456789abcdef0123456789abcdef"
NOTICE = Notice(
    12,
    "new",
    "新しいご相談が届きました（No.12）",
    "内容：@channel [ここをクリック](https://evil.example)",
    "https://kaizen.example.lg.jp/admin/consultations/12",
)


@pytest_asyncio.fixture
async def channel(line: FakeLine) -> AsyncIterator[LineChannel]:
    channel = LineChannel(LineSettings(SECRET, TOKEN, line.url))
    await channel.start()
    yield channel
    await channel.close()


def delivery(payload: dict[str, object]) -> Delivery:
    key = ConversationKey("notify-room", "dx-team", "dx-team")
    return Delivery(1, key, dict(payload), 1, None)


@pytest.mark.asyncio
async def test_line_posts_a_notice_into_a_group_as_plain_text_with_the_link_last(
    line: FakeLine, channel: LineChannel
) -> None:
    assert isinstance(channel, TeamRoom)
    await RoomSender(channel, GROUP).send(delivery(NOTICE.to_record()))
    (sent,) = line.all_sent(GROUP)
    assert sent.via == "push"
    lines = sent.text.split("\n")
    assert lines[0] == NOTICE.title
    assert lines[-1] == NOTICE.url
    assert "@\u2060channel" in sent.text, "a mass mention is broken"
    assert "[ここをクリック](https://evil.example)" in sent.text, "LINE shows the text as written"


@pytest.mark.asyncio
async def test_line_refusing_the_group_for_good_drops_the_notice(
    line: FakeLine, channel: LineChannel
) -> None:
    line.block(GROUP)
    with pytest.raises(Undeliverable, match="LINE refused the notice"):
        await channel.post_notice(GROUP, NOTICE)


@pytest.mark.asyncio
async def test_a_payload_that_is_no_notice_is_dropped_not_retried(channel: LineChannel) -> None:
    with pytest.raises(Undeliverable, match="not a notice"):
        await RoomSender(channel, GROUP).send(delivery({"text": "古い形式"}))


def test_a_line_group_mention_carries_the_text_without_the_mention_and_the_room() -> None:
    line = FakeLine()
    text = "@kaizen-bot ＃12 回答 ありがとうございます @田中 さんにも"
    mentionees = [
        {"index": 0, "length": 11, "type": "user", "isSelf": True},
        {"index": 28, "length": 3, "type": "user", "userId": "Utanaka", "isSelf": False},
    ]
    message = {
        "id": "m",
        "type": "text",
        "text": text,
        "quoteToken": "q",
        "mention": {"mentionees": mentionees},
    }
    event = line.event("Umember", "message", "ev-1", message=message)
    event["source"] = {"type": "group", "groupId": GROUP, "userId": "Umember"}
    body = line.webhook(event).body.decode()
    (parsed,) = WebhookParser(SECRET).parse(body, sign(body.encode()))
    incoming = incoming_of(parsed, datetime.now(UTC))
    assert incoming is not None
    assert incoming.kind == "group"
    assert incoming.text == "＃12 回答 ありがとうございます @田中 さんにも"
    assert incoming.room == GROUP
    assert incoming.key == ConversationKey("line", "Umember", GROUP)
