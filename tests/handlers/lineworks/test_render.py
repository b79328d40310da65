"""Replies as LINE WORKS contents, within the platform's limits."""

from __future__ import annotations

from bot.handlers.lineworks.render import (
    MAX_COLUMN_TEXT_CHARS,
    MAX_COLUMNS,
    MAX_LABEL_CHARS,
    MAX_QUICK_REPLIES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    render,
    split,
)
from bot.values import Card, Choice, Reply

LONG_LABEL = "とても長い選択肢のラベルで二十文字を超えてしまうもの"


def test_a_reply_is_a_text_with_its_choices_as_postback_quick_replies() -> None:
    reply = Reply("ご用件をお選びください。", (Choice(LONG_LABEL, "faq:1"), Choice("相談する", "consult")))
    (content,) = render([reply])
    assert content["type"] == "text"
    assert content["text"] == "ご用件をお選びください。"
    first, second = (item["action"] for item in content["quickReply"]["items"])
    assert first["type"] == "postback"
    assert first["data"] == "faq:1"
    assert len(first["label"]) == MAX_LABEL_CHARS
    assert first["label"].endswith("…")
    assert first["displayText"] == LONG_LABEL
    assert second == {"type": "postback", "label": "相談する", "data": "consult", "displayText": "相談する"}


def test_quick_replies_of_a_batch_go_under_its_last_content_each_once_and_at_most_13() -> None:
    replies = [
        Reply(
            f"{n}番目",
            tuple(Choice(f"選択{n}-{m}", f"a:{n}-{m}") for m in range(3)),
            source=Choice("よくある質問「RPA」", "src"),
        )
        for n in range(6)
    ]
    contents = render(replies)
    assert [c.get("quickReply") is None for c in contents] == [True] * 5 + [False]
    items = contents[-1]["quickReply"]["items"]
    assert len(items) == MAX_QUICK_REPLIES
    data = [item["action"]["data"] for item in items]
    assert data[:4] == ["a:0-0", "a:0-1", "a:0-2", "a:1-0"], "the source is cited, not a button"
    assert len(set(data)) == len(data)
    assert all(c["text"].endswith("\n\n出典：よくある質問「RPA」") for c in contents)


def test_cards_become_a_carousel_of_at_most_ten_columns_within_the_limits() -> None:
    cards = tuple(
        Card("件名" * 30, "本文" * 100, (Choice("回答を見る", f"faq:{n}"), Choice("相談する", "consult")))
        for n in range(10)
    )
    text, carousel = render([Reply("候補です。", cards=cards)])
    assert text == {"type": "text", "text": "候補です。"}
    assert carousel["type"] == "carousel"
    assert len(carousel["columns"]) == MAX_COLUMNS
    for column in carousel["columns"]:
        assert len(column["title"]) <= MAX_TITLE_CHARS
        assert len(column["text"]) <= MAX_COLUMN_TEXT_CHARS
        assert [a["label"] for a in column["actions"]] == ["回答を見る", "相談する"]


def test_columns_of_one_carousel_have_the_same_number_of_actions() -> None:
    cards = (
        Card("一", "a", (Choice("x", "a:1"), Choice("y", "a:2"))),
        Card("二", "b", (Choice("x", "a:3"), Choice("y", "a:4"))),
        Card("三", "c", (Choice("x", "a:5"),)),
        Card("四", "d"),
    )
    contents = render([Reply("一覧です。", cards=cards)])
    assert [c["type"] for c in contents] == ["text", "carousel", "carousel", "text"]
    assert [len(c["actions"]) for c in contents[1]["columns"]] == [2, 2]
    assert [len(c["actions"]) for c in contents[2]["columns"]] == [1]
    assert contents[3]["text"] == "【四】\nd"


def test_a_long_text_is_split_within_the_limit_and_nothing_is_lost() -> None:
    lines = [f"{n:04d} " + "あ" * 95 for n in range(60)]  # 6,000 characters in 100-character lines
    text = "\n".join(lines)
    contents = render([Reply(text)])
    assert len(contents) == 4
    assert all(len(c["text"]) <= MAX_TEXT_CHARS for c in contents)
    assert "\n".join(c["text"] for c in contents) == text  # split between lines, every line kept


def test_a_text_without_line_breaks_is_cut_at_the_limit() -> None:
    text = "い" * (MAX_TEXT_CHARS * 2 + 5)
    parts = split(text)
    assert [len(p) for p in parts] == [MAX_TEXT_CHARS, MAX_TEXT_CHARS, 5]
    assert "".join(parts) == text
