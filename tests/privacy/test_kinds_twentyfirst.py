"""The twenty-first round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A year of birth of an era with 生 after it, no month nor day.
    ("調査票：S12生 女 要支援1", "調査票：［生年月日］ 女 要支援1"),
    ("父 H8生 で、同居です", "父 ［生年月日］ で、同居です"),
    # A basic pension number's six digits on the next line after its dash.
    ("年金番号は 6620-\n118470 です", "年金番号は ［各種番号］ です"),
    # A residence card's number with a line break among its digits.
    ("在留カード：AB1234\n5678CD", "在留カード：［各種番号］"),
    ("XY\n98765432AB の方", "［各種番号］ の方"),
    # A Japan Post Bank 記号 of five digits read aloud in hiragana.
    ("ゆうちょのきごうは いちぜろいちよんぜろ です", "ゆうちょのきごうは ［各種番号］ です"),
    ("ゆうちょ銀行 記号 いちはちぜろはちぜろ", "ゆうちょ銀行 記号 ［各種番号］"),
    # A postal code after postal= or postal_code: as an application's log writes it.
    ("postal=1710044 tel=[電話]", "postal=［郵便番号］ tel=[電話]"),
    ("postal_code: 1710044", "postal_code: ［郵便番号］"),
    # A birth date in a CSV row without a header, a sex's cell in the row.
    ("1201,[氏名],1968/10/04,女", "1201,[氏名],［生年月日］,女"),
    ('"[氏名]","男性","1975-02-11"', '"[氏名]","男性","［生年月日］"'),
    # Block numbers joined by ノ, as a letter writes them in kanji numerals.
    ("差出人：豊島区高松一ノ二十二ノ三", "差出人：［住所］"),
    # A resident's direct line before the ward's main number: only the direct line is masked.
    (
        "本人の直通 03-5944-2218、代表 03-3981-1111 ではつながりません",
        "本人の直通 ［電話番号］、代表 03-3981-1111 ではつながりません",
    ),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # The ward's main line and its fax after は.
    "区の代表番号は 03-3981-1111、FAX は 03-3981-4207 です",
    # Years and grades that are no one's birth.
    "S63年度からの統計と比較",
    "H2年生産分の在庫",
    "大2年生の実習",
    "令和7年生活保護基準の改定",
    "平成元年生まれの方が対象です",
    "S63生まれ以前の方",
    # A ゆうちょ 記号's count of digits; a count read aloud without the bank.
    "ゆうちょの記号は 5 桁です",
    "きごうは いちにさんよんご の順に並べる",
    # CSV rows of statistics and recent dates in a person's row.
    "年度,男,女\n2024,18204,17731",
    "1202,[氏名],2025/11/02,男",
    # A document's parts joined by ノ.
    "第一ノ二ノ三 を参照",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "S" + "1生" * 3000,
        "年金 1234-\n" * 1000,
        "AB1234\n" * 1000,
        "ゆうちょ きごうは" + "いち" * 3000,
        "男," + "1968/10/04," * 800,
        "高松" + "一ノ" * 3000,
        "代表番号は " * 1000 + "03-3981-1111",
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
