"""Replies as Teams activities: Adaptive Cards for what the bot knows, suggested actions for what it asks."""

from __future__ import annotations

import json
from typing import Any

from microsoft_agents.activity import Activity

from bot.dialogue import browse, views
from bot.dialogue.library import Library
from bot.handlers.teams.cards import CARD_CONTENT_TYPE, MAX_ACTIVITY_BYTES, action_of, render
from bot.knowledge import KnowledgeBase
from bot.values import Card, Choice, Reply
from tests.auxil.teams import block_texts


def _json(activity: Activity) -> dict[str, Any]:
    dumped: dict[str, Any] = activity.model_dump(mode="json", by_alias=True, exclude_none=True)
    return dumped


def _card(activity: Activity, index: int = 0) -> dict[str, Any]:
    attachment = _json(activity)["attachments"][index]
    assert attachment["contentType"] == CARD_CONTENT_TYPE
    content: dict[str, Any] = attachment["content"]
    return content


ANSWER = Reply(
    "RPAは定型作業を自動化する仕組みです。\n手順が決まった作業に向いています。",
    (Choice("解決した", "fb:+"), Choice("解決しない", "fb:-")),
    source=Choice("よくある質問「RPAとは何ですか？」", "faq:tool-rpa-basics"),
    kind="answer",
)


def test_an_answer_is_one_adaptive_card_with_its_source_and_buttons() -> None:
    (activity,) = render([ANSWER])
    body = _json(activity)
    assert "suggestedActions" not in body, "Teams does not show suggested actions next to a card"
    card = _card(activity)
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.5"
    texts = block_texts(card["body"])
    assert texts == [
        "RPAは定型作業を自動化する仕組みです。",
        "手順が決まった作業に向いています。",
        "出典：よくある質問「RPAとは何ですか？」",
    ]
    assert not [block for block in card["body"] if "selectAction" in block], "the source opens nothing new"
    assert [(a["type"], a["title"], a["data"]) for a in card["actions"]] == [
        ("Action.Submit", "解決した", {"action": "fb:+"}),
        ("Action.Submit", "解決しない", {"action": "fb:-"}),
    ]


def test_cards_follow_as_a_carousel() -> None:
    cases = tuple(
        Card(f"事例{n}", f"{n}課の取り組み", (Choice("詳しく見る", f"case:c{n}"),)) for n in range(1, 4)
    )
    first, carousel = render([Reply("関連する事例です。", cards=cases, kind="list")])
    assert block_texts(_card(first)["body"]) == ["関連する事例です。"]
    body = _json(carousel)
    assert body["attachmentLayout"] == "carousel"
    assert len(body["attachments"]) == 3
    second = _card(carousel, 1)
    assert second["body"][0] == {
        "type": "RichTextBlock",
        "inlines": [{"type": "TextRun", "text": "事例2", "weight": "Bolder", "size": "Medium"}],
    }
    assert second["actions"][0]["data"] == {"action": "case:c2"}


def test_a_question_is_escaped_text_with_suggested_actions() -> None:
    reply = Reply(
        "ご用件を<お選び>ください。\n入力もできます。",
        (Choice("メニュー", "menu"), Choice("相談する", "consult")),
    )
    (activity,) = render([reply])
    body = _json(activity)
    assert body["text"] == "ご用件を&lt;お選び&gt;ください。<br>入力もできます。"
    assert body["textFormat"] == "xml"
    assert body["suggestedActions"]["actions"] == [
        {"type": "Action.Submit", "title": "メニュー", "value": {"action": "menu"}},
        {"type": "Action.Submit", "title": "相談する", "value": {"action": "consult"}},
    ]
    assert "attachments" not in body


def test_the_menu_and_did_you_mean_carry_their_choices_as_card_buttons_not_suggested_actions(
    kb: KnowledgeBase,
) -> None:
    """docs/teams.md: Teams shows no suggested actions beside a card; these choices are the card's buttons."""
    lib = Library.of(kb)
    lead = "もしかして、次のどれかについてのご質問でしょうか？"
    did_you_mean = views.clarify(lib, kb.faq[:3], (Choice("どれでもない", "x:1"), views.MENU), lead)
    for reply in (browse.menu(lib), did_you_mean):
        first, carousel = render([reply])
        assert "suggestedActions" not in _json(first)
        assert "suggestedActions" not in _json(carousel)
        card = _card(first)
        assert block_texts(card["body"])[0] == reply.text
        assert [(a["type"], a["title"]) for a in card["actions"]] == [
            ("Action.Submit", choice.label) for choice in reply.choices
        ]
        assert _json(carousel)["attachmentLayout"] == "carousel"
        assert len(_json(carousel)["attachments"]) == len(reply.cards)
    assert [a["title"] for a in _card(render([did_you_mean])[0])["actions"]] == ["どれでもない", "メニュー"]


def test_a_plain_reply_without_choices_is_just_text() -> None:
    (activity,) = render([Reply("承知しました。")])
    body = _json(activity)
    assert body["text"] == "承知しました。"
    assert "suggestedActions" not in body


def test_several_replies_keep_their_order() -> None:
    activities = render([Reply("一つ目"), ANSWER, Reply("三つ目")])
    assert [_json(a).get("text") for a in activities] == ["一つ目", None, "三つ目"]


def test_action_of_reads_only_our_buttons() -> None:
    assert action_of({"action": "menu"}) == "menu"
    assert action_of({"action": ""}) is None
    assert action_of({"action": 3}) is None
    assert action_of({"other": "x"}) is None
    assert action_of("menu") is None
    assert action_of(None) is None


ATTACK = "[ここをクリック](https://evil.example) <at>全員</at> @channel **太字**"


def test_typed_text_in_a_card_is_literal_never_a_link_or_a_mention() -> None:
    """An answer the DX team typed: Teams renders a TextBlock's Markdown, so the card has none."""
    title = "[事例](https://evil.example)"
    first, carousel = render(
        [Reply(ATTACK, kind="answer", cards=(Card(title, ATTACK, (Choice("見る", "case:c1"),)),))]
    )
    for card in (_card(first), _card(carousel)):
        dumped = str(card)
        assert "'TextBlock'" not in dumped, "a TextBlock would render [x](url) as a link"
        for block in card["body"]:
            assert block["type"] == "RichTextBlock"
            assert {run["type"] for run in block["inlines"]} == {"TextRun"}
        assert "entities" not in dumped
    texts = block_texts(_card(first)["body"])
    assert texts == ["[ここをクリック](https://evil.example) <at>全員</at> @\u2060channel **太字**"]
    assert block_texts(_card(carousel)["body"])[0] == title


def test_typed_text_in_a_message_is_escaped() -> None:
    (activity,) = render([Reply(ATTACK, (Choice("メニュー", "menu"),))])
    text = _json(activity)["text"]
    assert "&lt;at&gt;全員&lt;/at&gt;" in text
    assert "&#91;ここをクリック&#93;(https://evil.example)" in text
    assert "@\u2060channel" in text
    assert _json(activity)["textFormat"] == "xml", "xml: Teams renders no Markdown in it"


def _sent_bytes(activity: Activity) -> int:
    """The activity's size as the SDK posts it (aiohttp's ``json.dumps``: Japanese as ``\\uXXXX``)."""
    return len(json.dumps(activity.model_dump(by_alias=True, exclude_unset=True, mode="json")))


def test_a_text_too_long_for_one_card_is_split_even_inside_a_line_with_buttons_under_the_last() -> None:
    text = "申請書の様式は窓口で配っています。" * 300  # 5,100 characters without a line break
    source = Choice("よくある質問「様式」", "faq:x")
    reply = Reply(text, (Choice("解決した", "fb:+"),), source=source, kind="answer")
    activities = render([reply])
    assert len(activities) >= 2
    assert all(_sent_bytes(activity) <= MAX_ACTIVITY_BYTES - 4096 for activity in activities)
    cards = [_card(activity) for activity in activities]
    texts = [text for card in cards for text in block_texts(card["body"])]
    assert "".join(texts[:-1]) == text, "every character, in order"
    assert texts[-1] == "出典：よくある質問「様式」"
    assert [("actions" in card) for card in cards] == [False] * (len(cards) - 1) + [True]


def test_a_long_question_without_a_card_is_split_into_messages_between_lines() -> None:
    question = "確認したい点：申請書の控えを、窓口と郵送のどちらでお渡ししましたか？"
    lines = [f"{n}. {question}" for n in range(1, 141)]
    reply = Reply("\n".join(lines), (Choice("追記する", "cs:add:1"),), kind="prompt")
    activities = render([reply])
    assert len(activities) == 2
    assert all(_sent_bytes(activity) <= MAX_ACTIVITY_BYTES - 4096 for activity in activities)
    bodies = [_json(activity) for activity in activities]
    shown = [line for body in bodies for line in body["text"].split("<br>")]
    assert shown == lines, "cut between lines, none lost"
    assert "suggestedActions" not in bodies[0]
    assert bodies[1]["suggestedActions"]["actions"][0]["title"] == "追記する"
