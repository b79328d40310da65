"""The twenty-ninth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A birth date split over 元号,年,月,日 columns: CSV, tabs, a fixed-width export, English headers.
    ("元号,年,月,日\n昭和,57,8,21", "元号,年,月,日\n［生年月日］"),
    ("氏名,元号,年,月,日\n（本人）,平成,5,3,14", "氏名,元号,年,月,日\n（本人）,［生年月日］"),
    ("元号\t年\t月\t日\n昭和\t38\t6\t30", "元号\t年\t月\t日\n［生年月日］"),
    ("元号  年  月  日\n平成  2   11  4", "元号  年  月  日\n［生年月日］"),
    ("era,year,month,day\nS,49,1,17", "era,year,month,day\n［生年月日］"),
    # A form's era, year, month and day fields copied with their labels.
    ("生年月日 元号:昭和 年:42 月:9 日:3", "生年月日 元号:［生年月日］"),
    # An address read aloud in hiragana: a town and three block numbers, the last one no name's さん.
    ("とうきょうと さんぷるく みなみまち にのよんのじゅう", "とうきょうと さんぷるく ［住所］"),
    ("とうきょうと さんぷるく ちゅうおう いちのにのさん", "とうきょうと さんぷるく ［住所］"),
    (
        "聞き取り（住所）：いたばしく ときわだい さんのじゅうななのに です",
        "聞き取り（住所）：いたばしく ［住所］ です",
    ),
    # A fixed-width export's columns under a ward's numbers for a resident, and an insured person's.
    ("宛名番号      受付日\n0017728401    2026/12/05", "宛名番号      受付日\n［各種番号］    2026/12/05"),
    ("世帯番号    続柄\n30288147    世帯主", "世帯番号    続柄\n［各種番号］    世帯主"),
    ("被保険者番号  要介護度\n0003371184    要介護1", "被保険者番号  要介護度\n［各種番号］    要介護1"),
    (
        "NO  被保険者番号  保険者番号\n 2  42018873    138016",
        "NO  被保険者番号  保険者番号\n 2  ［各種番号］    138016",
    ),
    # A ward's numbers for a resident under shortened labels.
    ("世帯No 61120947 の世帯員", "世帯No ［各種番号］ の世帯員"),
    ("宛名No. 0004418720 のデータ", "宛名No. ［各種番号］ のデータ"),
    ("あて名番号0022187341で検索", "あて名番号［各種番号］で検索"),
    ("住基コード：44817720193", "住基コード：［各種番号］"),
    # Disability handbooks: a column of 第…号, a shortened name, the kind in brackets, the welfare handbook.
    ("手帳番号\t等級\n第 60418 号\t2級", "手帳番号\t等級\n［各種番号］\t2級"),
    ("身障手帳 第330187号", "身障手帳 第［各種番号］号"),
    ("障害者手帳（知的）の番号：第 4418207 号", "障害者手帳（知的）の番号：第 ［各種番号］ 号"),
    ("精神保健福祉手帳 番号：1300882147", "精神保健福祉手帳 番号：［各種番号］"),
    # A licence's and a passport's numbers under abbreviated labels.
    ("免許NO 305518820417", "免許NO ［各種番号］"),
    ("運免\t第302218847716号", "運免\t第［各種番号］号"),
    ("パスポ番号 TK 7730118", "パスポ番号 ［各種番号］"),
    ("PP番号: TR4417820", "PP番号: ［各種番号］"),
    # An insurance card's number after the ward's one-kanji mark and a blank.
    ("被保険者証記号番号（国保） 練 22-418830", "被保険者証記号番号（国保） 練 ［各種番号］"),
    ("保険証番号 練 0881472 を確認", "保険証番号 練 ［各種番号］ を確認"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A rule's date of the last years under 元号 columns, a tally under 元号 and 年, a form's recent date.
    "元号,年,月,日\n令和,9,4,1\n（改正法の施行日）",
    "元号\t年\t件数\n令和\t7\t1184",
    "元号  年  月  日\n令和  8   12  7",
    "施行日 元号 令和 年 9 月 4 日 1 から適用",
    # Fixed-width exports of the ward office's sections, counts and documents.
    "課名          内線    階\n戸籍住民課    2214    1F",
    "番号     内容          期限\nB-01   通知の発送    2026/12/25",
    "項目        件数    金額\n転入        128     0",
    # The numbers' labels as words, a count counted aloud, extensions, a count of handbooks.
    "宛名番号は 10 桁、世帯番号は 8 桁で入力します",
    "世帯数は 1,184 世帯、No. 12 の表を参照",
    "いちにのさん で始めます",
    "代表 03-3993-1111 内線 2281 税務課",
    "身障手帳の交付 318 件",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "元号" + " " * 8000 + "1",
        "元号:昭和 " * 2000 + "年",
        "元号 昭和 年 1 月 " * 1500 + "日",
        "元号,年,月,日\n" + "昭和," * 4000,
        "元号  年  月  日\n" + "昭和  1  " * 2000,
        "宛名番号  " * 3000 + "\n" + "1  " * 3000,
        "  " * 4000 + "世帯番号",
        "ちゅうおう いちのにの" * 1500,
        "あ " * 4000 + "いちのにの",
        "宛名No " * 3000,
        "保険証番号 練 " * 3000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
