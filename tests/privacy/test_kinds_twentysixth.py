"""The twenty-sixth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A phone's group read aloud among groups typed, as voice input writes some groups as figures.
    ("携帯は 080 の さんさんよんよん の 1192 です", "携帯は ［電話番号］ です"),
    ("電話 090 3381 ななよんにーぜろ と入りました", "電話 ［電話番号］ と入りました"),
    # 点 for a dot said aloud in an e-mail address.
    ("メールは hana点sato アットマーク yahoo点co点jp です", "メールは ［メールアドレス］ です"),
    # A block broken after a dash at a line's end.
    ("住所 豊島区目白3-\n14-2\nメゾン目白 502", "住所 ［住所］\nメゾン目白 502"),
    # A block's units spelled in romaji, with or without a word for an address.
    ("住所：Minami-Nagasaki 2 chome 8 ban 14 go", "住所：［住所］"),
    ("He lives in Sugamo 4 chome 11 ban 5 go.", "He lives in ［住所］."),
    # A room and its building's name before a Latin address.
    ("Address: Rm. 805, Ikebukuro Park Residence, 2-40-12 Ikebukuro", "Address: ［住所］"),
    ("Address: Flat 2B, Villa Sugamo, 1-18-4 Nishi-Sugamo", "Address: ［住所］"),
    # An era's letter, the year, the month and the day a space apart after a birth's label.
    ("誕生日 H3 12 5（スペース区切り）", "誕生日 ［生年月日］（スペース区切り）"),
    # A labelled number cut short and said again whole.
    ("口座 普通 3381… いや 3318207 です", "口座 普通 ［各種番号］… いや ［各種番号］ です"),
    ("受給者証番号 4471… いえ 4417 2290 です", "受給者証番号 ［各種番号］… いえ ［各種番号］ です"),
    # Insurance numbers' loose labels: shortened, in hiragana, the card's name alone before its digits.
    ("被保番 0041 2288 で照会", "被保番 ［各種番号］ で照会"),
    ("ひほけんしゃ番号 ０００７７１２４（介護）", "ひほけんしゃ番号 ［各種番号］（介護）"),
    ("介保番号 00-0773-1284 の認定調査", "介保番号 ［各種番号］ の認定調査"),
    ("介護保険被保険者証 0 0 0 4 4 1 8 2 7 7", "介護保険被保険者証 ［各種番号］"),
    # A plate with a middle dot between its kana and its four digits.
    ("ナンバー：練馬３３０あ・４４１８", "ナンバー：［各種番号］"),
    # A bicycle's registration with its prefecture before the number.
    ("自転車の防犯登録 東京 A 77120498", "自転車の防犯登録 東京 ［各種番号］"),
    # A passport's two letters and a dash before its digits.
    ("旅券番号 MP-4471229（フィリピン）", "旅券番号 ［各種番号］（フィリピン）"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A 丁目 alone, no town's name before it and no 番 after it: a district.
    "2丁目の集会所は 1 月 4 日から再開",
    # One typed group before digits read aloud is no phone.
    "090 の いちにーさんよん",
    # Scores and points with 点.
    "テストは 80点 と 95点、平均 87.5点",
    # A chome with no ban after it, in English.
    "The 2 chome area has 3 parks",
    # A plan's parts broken at a dash, with no town before them.
    "施策1-\n2 の進捗",
    # Cards counted, and a card's edition.
    "被保険者証 2 枚 を再発行",
    "被保険者証 2026年度版 の様式",
    # An unlabelled date with spaces, and a count after a bicycle's registration with its prefecture.
    "会議 R8 1 15 に延期",
    "防犯登録 東京 300 件",
    # A count corrected, with no label before it.
    "件数は 148… いや 184 件です",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "090 3381 " + "さん" * 4000,
        "080 の " * 1000 + "さんさんよんよん",
        "a点" * 4000 + "@",
        "豊島区目白3-" + " " * 8000 + "\n",
        "Address: Flat 2B, " + "Villa " * 1000,
        "Sugamo 4 chome " * 1000,
        "口座 普通 3381…" + " " * 8000 + "いや",
        "被保険者証 " + "1 " * 4000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
