"""The twenty-second round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A handbook's number after 番号、 and a spaced 第.
    ("手帳の番号、第 3004418 号 で確認", "手帳の番号、第 ［各種番号］ 号 で確認"),
    ("療育手帳の番号、第 B2-0418 号 の更新", "療育手帳の番号、第 ［各種番号］ 号 の更新"),
    # A My Number card's PIN or security code written down.
    ("カードの暗証番号 5512 を余白に", "カードの暗証番号 ［各種番号］ を余白に"),
    ("暗証番号は 0913 とのこと", "暗証番号は ［各種番号］ とのこと"),
    ("セキュリティコード 8820 と券面の番号", "セキュリティコード ［各種番号］ と券面の番号"),
    # A year of birth as an era's name and the year with 年生 after it.
    ("児童 令和元年生、兄 令和4年生", "児童 ［生年月日］、兄 ［生年月日］"),
    ("お子さん 令和6年生（0歳）", "お子さん ［生年月日］（0歳）"),
    ("平成三十年生 のお子さん", "［生年月日］ のお子さん"),
    # A 資格確認書's 記号 and 番号, as a health insurance card's.
    ("資格確認書：記号 7 番号 22184", "資格確認書：記号 ［各種番号］ 番号 ［各種番号］"),
    # A branch's and an account's numbers after a label naming both.
    ("還付口座は 店番-口座 で 112-0048813 です", "還付口座は 店番-口座 で ［各種番号］ です"),
    # An address in the ward's town 長崎, right after the ward: not 区長.
    ("回収先：豊島区長崎5ー18ー2（玄関前）", "回収先：［住所］（玄関前）"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Rules and counts of PINs and security codes.
    "暗証番号は4桁の数字で、3回間違えるとロックされます",
    "暗証番号の再設定は 1 日 60 件まで",
    "セキュリティコードは券面の4桁です",
    "PIN 2024 年度の更新",
    # Children counted by their year of birth, and a school grade.
    "令和6年生まれは 1,803 人",
    "令和6年生の児童数は 1,803 人",
    "令和7年生活保護基準の改定",
    "小学3年生の学級数",
    # Counts of handbooks and the count of a 資格確認書's digits.
    "手帳の交付数、第 1 種 4,112 冊",
    "資格確認書の記号は 2 桁、番号は 5 桁です",
    # A form's fields, and the ward's head.
    "支店番号-口座番号 形式の入力は 0 件でした",
    "豊島区長が挨拶します",
    "豊島区長崎の視察",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "手帳の番号、" * 1000 + "第 12",
        "暗証番号 " * 1000 + "12",
        "令和" + "1年生" * 3000,
        "資格確認書 記号 " * 1000,
        "店番-口座 " * 1000 + "112-004",
        "豊島区長崎" * 1000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
