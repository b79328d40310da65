"""The neutral values refuse what some channel could not show."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.dialogue import Card, Choice, ConversationKey, Incoming, Reply

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


def test_the_api_form_leaves_out_what_is_empty() -> None:
    assert Reply("こんにちは").as_json() == {"text": "こんにちは"}
    reply = Reply(
        "本文",
        (Choice("解決した", "t:0"),),
        (Card("事例", "効果", (Choice("詳しく見る", "case:x"),)),),
        Choice("よくある質問「…」", "faq:x"),
    )
    assert reply.as_json() == {
        "text": "本文",
        "choices": [{"label": "解決した", "action": "t:0"}],
        "cards": [
            {"title": "事例", "text": "効果", "choices": [{"label": "詳しく見る", "action": "case:x"}]}
        ],
        "source": {"label": "よくある質問「…」", "action": "faq:x"},
    }
