"""The twentieth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # An account's seven digits after its type in a CSV row, quoted or not, or with the type in hiragana.
    ('"リソナ","ネリマ","普通","4410927"', '"リソナ","ネリマ","普通","［各種番号］"'),
    ("0009,118,普通,3318207,[氏名]", "0009,118,普通,［各種番号］,[氏名]"),
    ("振込先：ミズホ イケブクロ ふつう 2207718", "振込先：ミズホ イケブクロ ふつう ［各種番号］"),
    # A ゆうちょ account after the bank's name in katakana, half-width too.
    ("ﾕｳﾁﾖｷﾞﾝｺｳ 記号 10170 番号 44182207", "ﾕｳﾁﾖｷﾞﾝｺｳ 記号 ［各種番号］ 番号 ［各種番号］"),
    ("ユウチョ 記号 10290 番号 31827704", "ユウチョ 記号 ［各種番号］ 番号 ［各種番号］"),
    # A number corrected after を, then に直して or 訂正.
    ("口座番号 ４４1０２８７ を 4410278 に直しました", "口座番号 ［各種番号］ を ［各種番号］ に直しました"),
    # An address of a town's name and three block numbers with a room after a dash.
    ("不在票に 巣鴨4-11-2-305 とありました", "不在票に ［住所］ とありました"),
    ("<td>[氏名]</td><td>駒込1-30-8-1207</td>", "<td>[氏名]</td><td>［住所］</td>"),
    # Children's vaccination, health-check and checkup numbers.
    ("予診票番号 0004418827 のお子さん", "予診票番号 ［各種番号］ のお子さん"),
    ("乳幼児健診の受診番号：K-2026-1183 を欠席", "乳幼児健診の受診番号：［各種番号］ を欠席"),
    ("接種券の番号（1300 8821 47）を伝えた", "接種券の番号（［各種番号］）を伝えた"),
    ("健康診査受診券 No.2608813 の方", "健康診査受診券 No.［各種番号］ の方"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A ゆうちょ 記号's count of digits.
    "ゆうちょの記号は 5 桁、番号は最大 8 桁です",
    "ゆうちょ銀行の記号は 5桁 です",
    # Lot numbers as examples of how to type them.
    "住所の入力例として「百五番地」や「105 番地」は「105」と半角で入力するよう案内しています",
    "地番は 百五番地 ではなく 105 番地と入力",
    # A document's parts, an extension's; counts of vaccination and checkups.
    "接種券番号は 10 桁、先頭 4 桁は自治体コードです",
    "受診番号の採番は 5 桁から 6 桁に変わります",
    "別表3-2-1-4 を参照",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


def test_a_word_before_an_accounts_handle_stays() -> None:
    """インスタの @sora.diary is a network's handle, not an internationalised address taking インスタの."""
    assert mask("インスタの @sora.diary で発信").text == "インスタの ［各種番号］ で発信"


def test_an_internationalised_address_with_a_space_before_the_at_is_masked_still() -> None:
    assert mask("メール：たろう @ example.org です").text == "メール：［メールアドレス］ です"


@pytest.mark.parametrize(
    "text",
    [
        "普通" + '","' * 3000,
        "ユウチヨ 記号" + " 1" * 3000,
        "口座番号 1234567 を" + " 1" * 3000,
        "浅草" + "1-" * 3000,
        "入力 " + "百五番地" * 800,
        "インスタの" * 1000 + " @",
        "受診番号" + " K-1" * 2000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
