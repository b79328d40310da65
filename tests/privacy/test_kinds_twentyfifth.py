"""The twenty-fifth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.privacy import mask

WRITINGS = [
    # A whole date in a pasted row whose other cell is a phone number or a postal code alone, a lead-in
    # before a colon if any.
    ("名簿から：1981/07/14\t080-3321-9904\t要確認", "名簿から：［生年月日］\t［電話番号］\t要確認"),
    ('"1962-02-09","03-3958-4410"', '"［生年月日］","［電話番号］"'),
    # Seven digits after a postal code's column or field named with 欄 or 列.
    ("郵便番号欄に 1710044 と記入", "郵便番号欄に ［郵便番号］ と記入"),
    ("郵便番号の列に 1700013、住所の列は空", "郵便番号の列に ［郵便番号］、住所の列は空"),
    # An address split into a spreadsheet's cells, a bar between the town and its blocks.
    ("住所：東京都|豊島区|千早|3-22-7|102", "住所：東京都|豊島区|［住所］|102"),
    # A date read aloud and noted down, the era in kanji, commas between its parts.
    ("生年月日は平成のじゅうねん、しがつ、じゅうよっか", "生年月日は［生年月日］"),
    # A pause between a birth's year and its month and day.
    ("誕生日は 1977年の…ええと 9月3日 です", "誕生日は ［生年月日］ です"),
    # Day first, as foreign documents print a date.
    ("生年月日 28/02/1993（日/月/年）", "生年月日 ［生年月日］（日/月/年）"),
    ("DOB 03.06.1998", "DOB ［生年月日］"),
    # A residence card's capitals set apart by a blank.
    ("Zairyu card No. KL 22047183 MN", "Zairyu card No. ［各種番号］"),
    ("受付票の控え：GH 4471 0932 TR（本人持参）", "受付票の控え：［各種番号］（本人持参）"),
    # A postal code after the T that OCR reads for 〒, and the address after it.
    ("OCR：T171-0021 西池袋5-3-11", "OCR：T［郵便番号］ ［住所］"),
    # A labelled number corrected far from its label.
    (
        "口座番号 3308127 と伺いましたが、通帳を見たら 3308172 でした",
        "口座番号 ［各種番号］ と伺いましたが、通帳を見たら ［各種番号］ でした",
    ),
    # A dog's registration number.
    ("犬の登録番号 第 218834 号 の鑑札を再交付", "犬の登録番号 第 ［各種番号］ 号 の鑑札を再交付"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Dates in pasted rows with no phone or postal code alone in a cell, or of the last years.
    "CSV出力：2026/12/01,窓口,142,電話,88",
    "2019/04/01\t1,204件\t2020/04/01\t1,318件",
    # Numbers in a postal code's column that are counts.
    "郵便番号欄の記入漏れ 12 件",
    # A plan's sections with a bar before them.
    "計画|3-2-1|施策の体系",
    # Lower-case words around eight digits, and day-first-looking dates with no birth's label.
    "Submitted in 20261201 by mail",
    "締切 28/02/2027 必着",
    # Counts of dogs, a fee, and an era's year read aloud with no month or day.
    "犬の登録頭数 11,204 頭、登録手数料 3,000 円",
    "へいせいじゅうねん に制度が始まりました",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


THIS_YEAR = datetime.now(UTC).year
BESIDE_PERSONAL = [
    # A work date of this year in a person's row.
    (f"受付日：{THIS_YEAR}/11/30\t03-3981-2270", f"受付日：{THIS_YEAR}/11/30\t［電話番号］"),
    # An amount as long as a labelled number, or other digits altogether.
    ("口座番号 3308127 の方の振込額は 3308172 円", "口座番号 ［各種番号］ の方の振込額は 3308172 円"),
    ("口座番号 3308127、受付番号 2026118", "口座番号 ［各種番号］、受付番号 2026118"),
]


@pytest.mark.parametrize(("text", "masked"), BESIDE_PERSONAL)
def test_work_numbers_beside_personal_ones_are_left(text: str, masked: str) -> None:
    assert mask(text).text == masked


@pytest.mark.parametrize(
    "text",
    [
        "1990/01/02," * 5000 + "03-3981-2270",
        ("あ" * 29 + ":") * 2000 + ",1990/01/02,03-3981-2270",
        "令和" + " " * 20000 + "の",
        "誕生日は 1990年の…" + "あ" * 20000,
        "AB 1234 " * 5000,
        "口座番号 4418207 " + "4418270 " * 5000,
        "T170-0011 " * 5000,
        "長崎|" * 5000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
