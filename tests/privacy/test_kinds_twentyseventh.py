"""The twenty-seventh round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A form pasted as rows of a label and its value, and a CSV file's column under a number's header.
    ("| 被保険者番号 | 0002287316 | 要支援1 |", "| 被保険者番号 | ［各種番号］ | 要支援1 |"),
    ("| 介護保険番号 | ０００２９１７７４８ |", "| 介護保険番号 | ［各種番号］ |"),
    ("氏名,基礎年金番号\n(略),2231-447819", "氏名,基礎年金番号\n(略),［各種番号］"),
    # A phone's label before No., which makes it no reference.
    ("夫（Phone No. 080 1167 2245）", "夫（Phone No. ［電話番号］）"),
    # My Number in English, whatever its check digit.
    ("（My Number: 4471 2208 9935）", "（My Number: ［マイナンバー］）"),
    # A spreadsheet's cell bar between a number's groups.
    ("携帯:080|2294|6617", "携帯:［電話番号］"),
    ("マイナンバー｜４４1２｜０９3３｜１８２7", "マイナンバー｜［マイナンバー］"),
    # A lone kanji digit beside a figure.
    ("自宅 〇3-五九八二-2216", "自宅 ［電話番号］"),
    # A dot written ドット in brackets.
    ("sato.k［アット］docomo［ドット］ne［ドット］jp", "［メールアドレス］"),
    # Post-office boxes.
    ("郵送先：池袋郵便局 私書箱第61号", "郵送先：［住所］"),
    ("〒170-8691 豊島郵便局 私書箱 第 47 号", "〒［郵便番号］ ［住所］"),
    ("P.O. Box 2208, Toshima Post Office", "［住所］, Toshima Post Office"),
    # A 字 after the 大字 and a space before the lot; 番外地 after a space.
    ("前住所 山梨県北杜市大字白州 字台ケ原 2218", "前住所 山梨県北杜市［住所］"),
    ("本籍：鹿児島県大島郡瀬戸内町字古仁屋 番外地", "本籍：［住所］"),
    # A Latin address after care of someone, and after a room with no word before it.
    ("c/o Green Hostel, 2-19-5 Nishi-Sugamo", "c/o Green Hostel, ［住所］"),
    ("Room 308, 2-4-17 Higashi-Ikebukuro", "［住所］"),
    # 生 as a word of its own before a birth date.
    ("生 H元.10.4", "生 ［生年月日］"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A form's row whose value is a count, and a tally under an address's header.
    "| 被保険者番号 | 2 件 |",
    "区分\t件数\n住所\t3\n窓口\t4",
    # Tables of counts, amounts and extensions with bars and commas.
    "日付|件数|金額\n2026/12/01|14|218,400\n2026/12/02|9|131,700",
    "| 課名 | 内線 | 階 |\n| 保険年金課 | 2214 | 4F |",
    "日付,来庁者数\n2026/11/30,1204\n2026/12/01,1318",
    # A document's No., and No. after a word that is no phone's.
    "Form No. 12-3 (Rev. 2024-04) is available at counter 5",
    "受付番号（No. 2026-0418）の処理が完了しました",
    # Lone kanji digits that are words.
    "一番窓口は 9 時から",
    "第一3号会議室",
    # 私書箱, 大字・字 and 番外地 as words, and rooms of the ward office.
    "私書箱の設置については郵便局の窓口でご相談ください",
    "大字・字の表記は住居表示と異なる場合があります（第 3 章参照）",
    "番外地の扱いについては手引き 42 ページを参照",
    "The meeting is at 3 pm in Room 5 on the 4th floor",
    "本庁舎 5階 502会議室（5F Room 502）で研修",
    # 生 inside a word before a date.
    "学生 2026.4.1 入学",
    "1年生 2026年4月1日 に入学",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "| 被保険者番号 " * 3000,
        "基礎年金番号," * 3000 + "\n" + "1," * 3000,
        "080|" * 4000,
        "〇3" * 4000,
        "a［ドット］" * 3000 + "@",
        "池袋郵便局 " * 2000 + "私書箱",
        "大字白州 字" * 2000 + " 1",
        "瀬戸内町字古仁屋 " * 2000 + "番外地",
        "c/o " + "Green " * 3000 + "-",
        "Room 308, " * 2000 + "-",
        "生 " * 4000 + "H元",
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
