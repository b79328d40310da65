"""Names as staff lay people out, the thirty-third round's shapes: a katakana or Latin name right after a
role's or a section's word or after 名前 は, full names mentioned in a chat, and surnames after an initial."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A katakana word the dictionary reads as a person's name, after a role (with の, は or a blank).
    (
        "午後 の 受付 は 補助 ニーナ と 案内 係 の ハンナ です",
        "午後 の 受付 は 補助 ［氏名］ と 案内 係 の ［氏名］ です",
    ),
    ("司会 は マリア、記録 は 新人", "司会 は ［氏名］、記録 は 新人"),
    ("相談 者 の 名前 は ジェシカ、被害 は なし", "相談 者 の 名前 は ［氏名］、被害 は なし"),
    # One capitalised Latin word after a section, or after 名前 は.
    (
        "経理課 Kobayashi、人事課 Suzuki、企画課 Hernandez に回覧",
        "経理課 ［氏名］、人事課 ［氏名］、企画課 ［氏名］ に回覧",
    ),
    ("相談 者 の 名前 は Priya です", "相談 者 の 名前 は ［氏名］ です"),
    # A full name mentioned in a chat, a surname in romaji in it whatever the dictionary reads it as.
    ("@Rahul Gupta 翻訳をお願いします", "@［氏名］ 翻訳をお願いします"),
    ("@Nobu Ito ありがとう", "@［氏名］ ありがとう"),
    # An initial before a surname.
    ("checked by S. Hara and T. Nakano", "checked by ［氏名］ and ［氏名］"),
    ("確認：K. Fujita", "確認：［氏名］"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Common nouns after a role, which the dictionary reads as names only before さん.
    "担当 エリア は 北部 です",
    "受付 カード を 配ります",
    "お名前 は フルネーム で ご記入 ください",
    # Products and English plurals after a section.
    "総務課 Excel の 研修",
    "企画課 Teams で 連絡",
    "介護保険課 の Forms で 申請",
    # Words mentioned or after an initial that are no one's.
    "@Team Leaders please check",
    "Q. What is the deadline?",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text).text == text
