"""Names as staff lay people out, the thirty-fifth round's shapes: a foreign name the dictionary reads as a
common noun between a role with の and さん, kana names listed after who someone is at work with the の
typed apart (which stays), and the words around them that are no one's (マル子・マル親, 担当 の スタッフ
さん)."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A katakana name the dictionary reads as a common noun (ラジャ, as スタッフ), after a role and の.
    ("システム担当 の ラジャ さん に 確認 します", "システム担当 の ［氏名］ さん に 確認 します"),
    ("受付 の ラジャ さん から 電話", "受付 の ［氏名］ さん から 電話"),
    # Kana names listed after who someone is at work, の typed apart: the の is the sentence's.
    ("臨時 の ほんま さん、嘱託 の やまだ さん", "臨時 の ［氏名］ さん、嘱託 の ［氏名］ さん"),
    (
        "控室 係 は 臨時 の ほんま さん、受付 は 嘱託 の やまだ さん",
        "控室 係 は 臨時 の ［氏名］ さん、受付 は 嘱託 の ［氏名］ さん",
    ),
    (
        "受付 は 再任用 の もりや さん、案内 は パート の かわの さん",
        "受付 は 再任用 の ［氏名］ さん、案内 は パート の ［氏名］ さん",
    ),
    # Two surnames listed with ・ stay masked, an honorific or a title after the second too.
    ("井上・木下課長 で 対応", "［氏名］・［氏名］課長 で 対応"),
    ("土屋 さん に 回します", "［氏名］ さん に 回します"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Welfare subsidies' nicknames: マル子 is a given name to the dictionary, マル親 is マル + 親.
    "マル子・マル親 の 申請 は 子育て支援課 です",
    "マル子・マル親の更新手続き",
    # Words for who does a job between a role with の and さん.
    "システム担当 の スタッフ さん に 確認 します",
    "担当 の ヘルパー さん と ケアマネ さん が 同席",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text).text == text
