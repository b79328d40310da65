"""The neutral values refuse what some channel could not show."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from bot.values import RECORD_VERSION, Card, Choice, ConversationKey, Incoming, Reply

KEY = ConversationKey("web", "u", "u")


def test_incoming_needs_exactly_one_of_text_and_action() -> None:
    assert Incoming(KEY, text="こんにちは").action is None
    assert Incoming(KEY, action="menu").text is None
    with pytest.raises(ValueError, match="exactly one"):
        Incoming(KEY)
    with pytest.raises(ValueError, match="exactly one"):
        Incoming(KEY, text="a", action="menu")


def test_incoming_times_are_timezone_aware() -> None:
    assert Incoming(KEY, text="a").received_at.tzinfo is not None
    with pytest.raises(ValueError, match="timezone"):
        Incoming(KEY, text="a", received_at=datetime(2026, 1, 1))  # noqa: DTZ001


def test_values_are_frozen() -> None:
    choice = Choice("メニュー", "menu")
    with pytest.raises(AttributeError):
        choice.label = "x"  # type: ignore[misc]


def test_a_payload_over_64_bytes_is_refused() -> None:
    Choice("ok", "case:" + "a" * 59)  # exactly 64 bytes
    with pytest.raises(ValueError, match="1-64 bytes"):
        Choice("too long", "case:" + "a" * 60)
    with pytest.raises(ValueError, match="1-64 bytes"):
        Choice("multibyte", "tool:" + "あ" * 20)  # 65 bytes in UTF-8


def test_replies_keep_to_three_choices_and_ten_cards() -> None:
    four = tuple(Choice(str(n), f"a{n}") for n in range(4))
    with pytest.raises(ValueError, match="3 primary"):
        Reply("text", choices=four)
    with pytest.raises(ValueError, match="10 cards"):
        Reply("text", cards=tuple(Card(str(n), "") for n in range(11)))
    with pytest.raises(ValueError, match="3 choices"):
        Card("title", "text", four)


def test_a_reply_survives_its_record_whole() -> None:
    reply = Reply(
        "本文",
        (Choice("解決した", "t:0"),),
        (Card("事例", "効果", (Choice("詳しく見る", "case:x"),)),),
        Choice("よくある質問「…」", "faq:x"),
        kind="answer",
        ref="faq:x",
        decision="answer",
        confidence=0.91,
    )
    record = reply.to_record()
    assert record["v"] == RECORD_VERSION
    assert Reply.from_record(json.loads(json.dumps(record))) == reply


def test_the_unversioned_web_chat_form_is_still_read() -> None:
    old = {"text": "本文", "choices": [{"label": "解決した", "action": "t:0"}]}
    assert Reply.from_record(old) == Reply("本文", (Choice("解決した", "t:0"),))


@pytest.mark.parametrize(
    "record",
    [
        {"v": 2, "text": "x"},
        {"v": 1, "text": 3},
        {"v": 1, "text": "x", "kind": "novel"},
        {"v": 1, "text": "x", "decision": "maybe"},
        {"v": 1, "text": "x", "confidence": "high"},
        {"v": 1, "text": "x", "choices": {"label": "a"}},
        {"v": 1, "text": "x", "choices": [{"label": "a"}]},
    ],
)
def test_a_record_this_version_cannot_read_is_refused(record: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"version|string|kind|decision|confidence|list|must be"):
        Reply.from_record(record)


def test_an_incoming_message_has_text_or_action_and_other_events_neither() -> None:
    key = ConversationKey("line", "U1", "U1")
    with pytest.raises(ValueError, match="exactly one"):
        Incoming(key)
    with pytest.raises(ValueError, match="neither"):
        Incoming(key, text="x", kind="follow")
    assert Incoming(key, kind="unfollow", event_id="e1").text is None
