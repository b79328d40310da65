"""Names as staff lay people out, the thirty-second round's shapes: children's given names listed before
their age, surnames in romaji inside English sentences, and one-kanji words that end a compound or name a
spot of a place, left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # Children's given names in kana or Latin letters listed before an age or a school year, the
    # dictionary reading some of them as words (あかり, ひなた, Emma), a note after the age allowed.
    ("お迎え：はると（1年）、あかり（1歳 妹 同伴）", "お迎え：［氏名］（1年）、［氏名］（1歳 妹 同伴）"),
    ("一時 保護：ひなた（4歳）と ゆうと（6か月）", "一時 保護：［氏名］（4歳）と ［氏名］（6か月）"),
    ("アレルギー\nEmma（7歳）卵\nこうき（9歳）なし", "アレルギー\n［氏名］（7歳）卵\n［氏名］（9歳）なし"),
    ("利用 記録：りこ（小1）、Noah（小3）", "利用 記録：［氏名］（小1）、［氏名］（小3）"),
    # One alone counts when the dictionary reads it as a name or lacks it.
    ("新生児 訪問 えま（生後 20日）", "新生児 訪問 ［氏名］（生後 20日）"),
    # A surname in romaji inside an English sentence, at its start or after a role.
    (
        "Hi team, Sato from the IT section will come. Please ask Kimura first.",
        "Hi team, ［氏名］ from the IT section will come. Please ask ［氏名］ first.",
    ),
    ("Our staff member Yamaguchi will call you.", "Our staff member ［氏名］ will call you."),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Words alone before an age: a class's or a thing's.
    "クラス（1年）の 担任 は 未定 です",
    "ひよこ（0歳）と りす（1歳）の 部屋",
    "おむつ（1歳）は 各自 で 持参",
    # Romaji that is a place or a word, or a place after a preposition of place.
    "We will meet in Chiba next week.",
    "The cars at Ueno station are Honda models.",
    "Please send the file to Tokyo office.",
    # One-kanji words typed after the word they complete, or a spot of a place.
    "補助 金 の 申請 は 1月 末 まで です",
    "視察 団 の 日程 を 調整",
    "研修室 は 3 階 角 の 部屋 です",
    "集合 は 2丁目 5 角 の ポスト 前",
    "会場 は 森 の 中 の 広場 です",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("係長 林 が 担当 です", "林"),  # a role before a one-kanji surname makes no compound
        ("担当 森 から 連絡 が ありました", "森"),
        ("3階 岡 が 対応 します", "岡"),  # someone on a floor, not a spot of it
        ("金 さん の 書類", "金"),
    ],
)
def test_one_kanji_surnames_after_words_stay_masked(text: str, name: str) -> None:
    assert name not in mask(text).text


def test_long_lists_of_ages_and_english_are_read_in_bounded_time() -> None:
    """No timing here (benchmarks/privacy.py has it): each pattern reads a long line once."""
    ages = "、".join(["ゆうと（3歳）"] * 800)
    english = " ".join(["Sato from the section"] * 400)
    assert "ゆうと" not in mask(ages).text
    assert "Sato" not in mask(english).text
