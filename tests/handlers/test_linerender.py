"""Replies as LINE messages within LINE's limits."""

from __future__ import annotations

import json

from bot.handlers.linerender import MAX_LABEL_CHARS, MAX_QUICK_REPLIES, render
from bot.values import Card, Choice, Reply


def test_labels_are_shortened_and_the_pressed_text_keeps_them_whole() -> None:
    long = "業務の棚卸しのやり方について詳しく知りたい"
    (message,) = render([Reply("本文", (Choice(long, "faq:x"),))])
    (item,) = message.quick_reply.items
    assert len(item.action.label) <= MAX_LABEL_CHARS
    assert item.action.label.endswith("…")
    assert item.action.display_text == long
    assert item.action.data == "faq:x"


def test_quick_replies_gather_on_the_last_message_and_stop_at_thirteen() -> None:
    replies = [
        Reply(f"返信{n}", tuple(Choice(f"選択{n}-{m}", f"a:{n}:{m}") for m in range(3))) for n in range(5)
    ]
    messages = render(replies)
    assert all(m.quick_reply is None for m in messages[:-1])
    assert len(messages[-1].quick_reply.items) == MAX_QUICK_REPLIES


def test_cards_become_a_flex_carousel_of_postback_buttons() -> None:
    cards = tuple(Card(f"事例{n}", "効果" * 400, (Choice("詳しく見る", f"case:{n}"),)) for n in range(10))
    text, carousel = render([Reply("事例です", cards=cards)])
    payload = carousel.to_dict()
    assert payload["type"] == "flex"
    assert len(payload["contents"]["contents"]) == 10
    assert len(json.dumps(payload, ensure_ascii=False).encode()) < 50_000
    button = payload["contents"]["contents"][0]["footer"]["contents"][0]["action"]
    assert (button["type"], button["data"]) == ("postback", "case:0")
    assert len(payload["altText"]) <= 400
    assert text.to_dict()["text"] == "事例です"
