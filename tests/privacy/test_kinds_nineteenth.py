"""The nineteenth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A basic pension number dictated with の between its groups, spaces around it.
    ("年金の件、基礎年金番号は 3308 の 204417 です", "年金の件、基礎年金番号は ［各種番号］ です"),
    # A health insurance card's 記号・番号 with a bracket closing the label; 被保険者記号番号 and its 枝番.
    ("保険証（記号・番号）：4418・2203 で照会", "保険証（記号・番号）：［各種番号］・［各種番号］ で照会"),
    ("被保険者記号番号 06130412-0031-02 の方", "被保険者記号番号 ［各種番号］ の方"),
    # A residence card's number with dashes around its digits; a passport's with one letter and a space.
    ("在留カード SK-33018841-EA の更新", "在留カード ［各種番号］ の更新"),
    ("旅券番号：Ｒ ４４０１ ７７２０", "旅券番号：［各種番号］"),
    # An address a mail client broke inside its domain (quote marks after the break too) or its local part.
    ("返信先は nori_k77@softb\nank.ne.jp です", "返信先は ［メールアドレス］ です"),
    ("> 連絡先：ayumi-t@ic\n> loud.com", "> 連絡先：［メールアドレス］"),
    ("差出人 takeshi.moriya=\nma@gmail.com", "差出人 ［メールアドレス］"),
    # A birth date with the other year in brackets, as an era's letter or in square brackets.
    ("生まれは 2012年(H24)3月8日 です", "生まれは ［生年月日］ です"),
    ("生年月日：平成元年［1989年］9月1日", "生年月日：［生年月日］"),
    # A date in an era's last year near an age.
    ("[氏名] 様 81歳 S64.1.5 入所", "[氏名] 様 81歳 ［生年月日］ 入所"),
    # Accounts on a network: YouTube's, one opening with @ after the name, LINEID glued, ID far from LINE.
    ("ユーチューブの @nerima_kids_2019 で公開", "ユーチューブの ［各種番号］ で公開"),
    ("インスタ→ @sora_diary77 に載っていました", "インスタ→ ［各種番号］ に載っていました"),
    ("LINEID：mika.toshima88", "LINEID：［各種番号］"),
    ("連絡はLINEがいいそうです。IDは ken-1204", "連絡はLINEがいいそうです。IDは ［各種番号］"),
    # A plate after 車（ or 車両の番号.
    ("相手の車（練馬 300 さ 41-07）が", "相手の車（［各種番号］）が"),
    ("放置車両の番号は 多摩 500 ね 12-90 です", "放置車両の番号は ［各種番号］ です"),
    # 番号 after the account in the same sentence, digits as typed or read aloud.
    ("口座はゆうちょで、番号は 22418801 です", "口座はゆうちょで、番号は ［各種番号］ です"),
    ("ゆうちょの口座、ばんごう にーいちいちよんごーななはち", "ゆうちょの口座、ばんごう ［各種番号］"),
    # A workplace's main line and fax, in a message that makes it a resident's.
    ("勤務先 代表 03-5391-2200 FAX 03-5391-2201", "勤務先 代表 ［電話番号］ FAX ［電話番号］"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # An organisation's published main line and its fax.
    "区民課 代表 03-3981-1111 FAX 03-3981-1112 にお問い合わせください",
    "保健所（代表 03-3987-4172、FAX 03-3987-4110）",
    # The ward's official accounts.
    "区公式 YouTube（@toshima_city_official）で配信します",
    "区の公式X（@toshima_koho）の投稿は 1 日 3 件まで",
    # An ID glued to a word, a network's product; a form's number after 口座振替; a range.
    "LINEで配信します。ログインID: admin の権限を確認",
    "LINE WORKS の ID: 2 個まで",
    "口座振替依頼書の様式番号 F-1042 を改訂",
    "口座振替の受付、番号は 101〜148 番まで",
    # A count of years with an age; the era's last year without one.
    "S64.1.7 が昭和の最後の日です",
    # A full address at a line's end before a new line of text.
    "問い合わせ先 koho@city.example.jp\nwww.city.example.jp",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text, public=frozenset({"koho@city.example.jp"})).text == text


@pytest.mark.parametrize(
    "text",
    [
        "LINE" + " " * 6000 + "ID:",
        "LINE " + "。ID" * 3000,
        "ゆうちょ" + "、番号" * 3000,
        "a.b" * 2000 + "\n" + "c" * 5000 + "@",
        "a@" + "b." * 3000 + "\n" + "> " * 3000,
        "代表 " + "03-1234-5678 " * 1000 + "FAX 03-1234-5679",
        "88歳 " + "T15.3.3 " * 1000,
        "車（" * 4000,
        "保険証（記号・番号）" * 600,
        "在留カード " + "AB-12345678-" * 800,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
