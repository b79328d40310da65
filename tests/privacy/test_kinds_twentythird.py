"""The twenty-third round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A passport's and a residence card's letters read aloud in katakana, typed as heard.
    ("旅券番号はティー・ケー・1234567と電話で言われました", "旅券番号は［各種番号］と電話で言われました"),
    ("旅券の番号はユー・ケー・2204418だそうです", "旅券の番号は［各種番号］だそうです"),
    ("パスポートは エムエー 2207418 です", "パスポートは ［各種番号］ です"),
    ("旅券番号：ジェイ・エイチ・7702194（口頭）", "旅券番号：［各種番号］（口頭）"),
    ("在留カードの番号はエー・ビー・12345678・シー・ディーです", "在留カードの番号は［各種番号］です"),
    # The last round's misses: the letters and digits both read aloud, further after the card's name, and the
    # イチ of the letter H read aloud, which opened a run of digits.
    (
        "旅券の番号を読み上げてもらいました：ティーアール いちにさんよんごろくなな",
        "旅券の番号を読み上げてもらいました：［各種番号］",
    ),
    (
        "在留カードの番号、ユーエイチ いちいちにーにーさんさんよんよん ケーエー と聞き取り",
        "在留カードの番号、［各種番号］ と聞き取り",
    ),
    # A postal code's first three digits read as a number, the last four one at a time.
    ("郵便番号 ひゃくななじゅういち の ぜろぜろよんに", "郵便番号 ［郵便番号］"),
    ("郵便番号は ひゃくななじゅう の ぜろぜろぜろよん です", "郵便番号は ［郵便番号］ です"),
    # An insurance card's 記号 of the insurer's kanji alone, and a 番号 in two groups.
    ("国保の被保険者証 記号 豊 番号 22-1184", "国保の被保険者証 記号 ［各種番号］ 番号 ［各種番号］"),
    # An account with a dash the resident put in it, after its type.
    ("りそな銀行 池袋支店 普通 1120-4478", "りそな銀行 池袋支店 普通 ［各種番号］"),
    ("普通預金 441-8207 へ", "普通預金 ［各種番号］ へ"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Who a programme is for: a range of birth dates ends a cohort, not anyone's birth.
    "対象 平成17年4月2日〜平成18年4月1日生まれ",
    "昭和60年4月2日～平成2年4月1日生まれの方",
    # Passports' rules and counts, with letters in words.
    "パスポートの申請は 1,204 件、ケース 12 件",
    "旅券の手数料 10年用 16,300 円",
    # Numbers read aloud after a postal code's label that are no postal code.
    "郵便番号は ひゃく ぐらいの 人が 書き間違えます",
    "郵便番号の欄 ひゃくにじゅう 件",
    # An insurance card's fields, and counts after 普通.
    "保険証の記号欄 番号 12 は空欄",
    "普通 2025-2026 年度の比較",
    "普通 120-340 件",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "旅券 " + "エー・" * 3000 + "12345",
        "パスポート" + "ティー" * 3000,
        "保険証 記号 豊 " * 1000 + "番号",
        "普通 1234-" * 1000,
        "〜平成1年1月1日" * 1000 + "生まれ",
        "郵便番号 ひゃく" + "の" * 3000,
        "旅券" + "エイチ いち" * 1000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
