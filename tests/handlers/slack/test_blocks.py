"""Replies and notices as Block Kit: within Slack's limits, checked by slack-sdk's own models, and inert."""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.blocks import Block

from bot.handlers.slack.blocks import (
    MAX_BLOCKS,
    MAX_BUTTON_CHARS,
    MAX_SECTION_CHARS,
    notice_message,
    render,
)
from bot.values import MAX_CARDS, Card, Choice, Notice, Reply

HOSTILE = "<!channel> <https://evil.example|ここをクリック> <@U0BOSS> & @here *太字*"


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every mrkdwn text in the blocks, in order."""
    found: list[str] = []
    for block in blocks:
        if block["type"] == "section" and block["text"]["type"] == "mrkdwn":
            found.append(block["text"]["text"])
        found.extend(e["text"] for e in block.get("elements", []) if e.get("type") == "mrkdwn")
    return found


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_an_answer_is_a_section_its_source_in_context_and_its_buttons_without_one_to_the_source() -> None:
    source = Choice("FAQ：RPAとは", "faq:rpa")
    reply = Reply("RPAはパソコン作業を自動化する仕組みです。", (Choice("解決した", "fb:+"),), source=source)
    (message,) = render([reply])
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["section", "context", "actions"]
    assert message.text == f"{reply.text}\n\n出典：FAQ：RPAとは"
    assert texts(message.blocks) == [reply.text, "出典：FAQ：RPAとは"]
    assert [(b["text"]["text"], b["value"]) for b in buttons(message.blocks)] == [("解決した", "fb:+")]


def test_cases_are_sections_each_with_its_buttons_and_action_ids_are_unique() -> None:
    cards = tuple(
        Card(f"事例{n}", f"説明{n}", (Choice("詳しく", f"case:{n}"), Choice("似た事例", f"like:{n}")))
        for n in range(MAX_CARDS)
    )
    (message,) = render([Reply("事例をご紹介します。", (Choice("メニュー", "menu"),), cards)])
    assert len(message.blocks) == 1 + 2 * MAX_CARDS + 1
    assert message.blocks[1]["text"]["text"] == "*事例0*\n説明0"
    assert [b["value"] for b in message.blocks[2]["elements"]] == ["case:0", "like:0"]
    ids = [b["action_id"] for b in buttons(message.blocks)]
    assert len(ids) == len(set(ids)) == 2 * MAX_CARDS + 1


def test_a_long_text_is_split_into_sections_and_never_exceeds_fifty_blocks() -> None:
    line = "あ" * 99 + "\n"
    (message,) = render([Reply(line * 30)])
    assert [len(t) for t in texts(message.blocks)] == [3000]
    huge = Reply("い" * (MAX_SECTION_CHARS * 60), (Choice("メニュー", "menu"),))
    (message,) = render([huge])
    assert len(message.blocks) == MAX_BLOCKS
    assert message.blocks[-1]["type"] == "actions"  # the buttons survive the cut
    assert all(len(t) <= MAX_SECTION_CHARS for t in texts(message.blocks))
    assert len(message.text) <= 4000


def test_sections_are_cut_at_line_breaks_and_never_inside_an_entity() -> None:
    text = "a" * 2998 + "<b>"  # "&lt;" would straddle 3000
    (message,) = render([Reply(text)])
    first, second = texts(message.blocks)
    assert first == "a" * 2998
    assert second == "&lt;b&gt;"
    (message,) = render([Reply("x" * 10 + "\n" + "y" * 3500)])
    assert texts(message.blocks)[0] == "x" * 10 + "\n"


def test_button_text_is_cut_to_seventy_five_characters() -> None:
    (message,) = render([Reply("選んでください", (Choice("と" * 100, "faq:1"),))])
    (button,) = buttons(message.blocks)
    assert len(button["text"]["text"]) == MAX_BUTTON_CHARS
    assert button["text"]["text"].endswith("…")
    assert button["text"]["type"] == "plain_text"


def test_nothing_a_person_typed_renders_as_a_link_or_a_mention() -> None:
    reply = Reply(
        f"受け付けました：{HOSTILE}", cards=(Card(HOSTILE, HOSTILE),), source=Choice(HOSTILE, "faq:x")
    )
    (message,) = render([reply])
    for text in [message.text, *texts(message.blocks)]:
        assert "<" not in text
        assert ">" not in text
        assert re.search(r"@here\b", text) is None  # a word joiner breaks it
        assert "&amp;" in text


def test_every_message_passes_the_sdks_own_validation() -> None:
    reply = Reply(
        "本文", (Choice("a", "b"),), (Card("t", "x", (Choice("c", "d"),)),), Choice("出典", "faq:1")
    )
    for message in render([reply]):
        for block in message.blocks:
            parsed = Block.parse(block)
            assert parsed is not None
            parsed.validate_json()


def test_a_notice_has_its_title_plain_text_and_the_dashboard_button_as_the_only_link() -> None:
    item = Notice(
        12, "new", "新しい相談 No.12", HOSTILE, "https://kaizen.example.lg.jp/dashboard/consultations/12"
    )
    message = notice_message(item)
    assert texts(message.blocks) == ["*新しい相談 No.12*"], (
        "the bot's own bold title, nothing typed as mrkdwn"
    )
    assert "<" not in message.text
    (typed,) = [
        b["text"] for b in message.blocks if b["type"] == "section" and b["text"]["type"] == "plain_text"
    ]
    assert typed == {"type": "plain_text", "text": HOSTILE.replace("@here", "@\u2060here"), "emoji": False}
    for block in message.blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.validate_json()
    (button,) = buttons(message.blocks)
    assert button["url"] == item.url
    assert button["text"]["text"] == "ダッシュボードで開く"
    assert "value" not in button


def test_a_notice_without_a_public_address_has_no_button() -> None:
    message = notice_message(Notice(3, "waiting", "お待たせしている相談", "本文", None))
    assert buttons(message.blocks) == []
    assert message.text == "お待たせしている相談\n本文"


def test_cases_whose_titles_end_like_a_share_of_a_list_are_each_headed_with_their_own_title() -> None:
    """Two cases 「…（1/2）」「…（2/2）」 were read as one list: one heading, its number cut."""
    cards = tuple(
        Card(f"窓口予約のオンライン化（{n}/2）", "市民課", (Choice("詳しく見る", f"case:c{n}"),))
        for n in (1, 2)
    )
    (message,) = render([Reply("市民課の改善事例です（2件）。", (), cards)])
    headings = [t for t in texts(message.blocks) if t.startswith("*窓口予約")]
    assert headings == ["*窓口予約のオンライン化（1/2）*\n市民課", "*窓口予約のオンライン化（2/2）*\n市民課"]
