"""The twenty-fourth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A patient's card's number lettered before a dash.
    ("診察券番号 Q-11827 の方", "診察券番号 ［各種番号］ の方"),
    ("カルテ番号：P-20418", "カルテ番号：［各種番号］"),
    # A capital and a serial between 第 and 号 after a number's word, and a bicycle's crime-prevention
    # registration (the last round's miss).
    ("入浴券の番号 第 B 2204417 号 を紛失", "入浴券の番号 第 ［各種番号］ 号 を紛失"),
    ("自転車防犯登録 第 A 4417821 号", "自転車防犯登録 第 ［各種番号］ 号"),
    ("防犯登録番号は 22-0418 です", "防犯登録番号は ［各種番号］ です"),
    # A parcel's tracking number, grouped or not, in a message about a parcel.
    ("荷物の問い合わせ番号 4418-2290-7731 で照会", "荷物の問い合わせ番号 ［各種番号］ で照会"),
    ("宅配の追跡番号 229104418836 を伺いました", "宅配の追跡番号 ［各種番号］ を伺いました"),
    # An application's number with two letters, said to be someone's.
    ("申込番号 26HK0192 の方から電話", "申込番号 ［各種番号］ の方から電話"),
    # A car's whole plate with no word for it, and a motorcycle's with a dash after a word for it.
    ("路上の車、品川 300 さ 44-18 の持ち主から", "路上の車、［各種番号］ の持ち主から"),
    ("撤去したバイクは 練馬 あ 12-34 です", "撤去したバイクは ［各種番号］ です"),
    # A ゆうちょ 記号 and 番号 far from the bank's name, in digits or read aloud.
    (
        "振込先はゆうちょ銀行の口座でお願いしたいとのことで、"
        "電話で聞き取った記号は 10140、番号は 22441870 です",
        "振込先はゆうちょ銀行の口座でお願いしたいとのことで、"
        "電話で聞き取った記号は ［各種番号］、番号は ［各種番号］ です",
    ),
    (
        "ゆうちょの口座に振り込んでほしいそうです。記号は いちぜろいちよんぜろ です",
        "ゆうちょの口座に振り込んでほしいそうです。記号は ［各種番号］ です",
    ),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Document and contract numbers with a capital between 第 and 号.
    "文書番号 第 A 12345 号 で通知",
    "契約番号 第 B 204417 号 の更新",
    # Counts after 防犯登録, and the office's own cars by their plates.
    "防犯登録 300 件",
    "公用車 練馬 500 さ 45-67 は車検中",
    "車両 豊島 300 た 40-17 は 車検で 来週まで 使えません",
    # Numbers beside a parcel's words that are no tracking number, and 記号 without the bank.
    "荷物の問い合わせ番号は 12 桁です",
    "問い合わせ番号 2026-0412 の件（文書）",
    "記号 10140 は様式の欄の見本です",
    # An office's room and a range that look like a plate's parts.
    "会議室 301 と 12-15 を予約",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "ゆうちょ 記号 10140" + " 、" * 3000 + "番号",
        "番号" + " " * 10000 + "第" + " " * 10000 + "A 12345",
        "荷物 追跡番号 " + "1234 " * 5000,
        "バイク" + "練馬 " * 5000,
        "品川 300 " * 5000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
