"""The eighteenth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A person's number after 受験番号, ケース No., 診察券の番号, and a label with 欄 after it.
    ("職員採用試験の受験番号 A-10427 の方から", "職員採用試験の受験番号 ［各種番号］ の方から"),
    ("受験番号は 30418 です、と電話で名乗られました", "受験番号は ［各種番号］ です、と電話で名乗られました"),
    ("ケースNo. 18-0441 の方の家賃代理納付", "ケースNo. ［各種番号］ の方の家賃代理納付"),
    ("診察券の番号 0022-4187 を教えていただきました", "診察券の番号 ［各種番号］ を教えていただきました"),
    ("学籍番号欄に 2231-0418 と書かれていました", "学籍番号欄に ［各種番号］ と書かれていました"),
    # A vehicle's chassis number: a model's code and a serial, or a 17-character VIN.
    ("車台番号 WDD2050422F771804 で名義変更", "車台番号 ［各種番号］ で名義変更"),
    ("車台番号：ＪＴＤＫＮ３ＤＵ５Ａ０４４１８２７（外国製）", "車台番号：［各種番号］（外国製）"),
    ("バイクの車台番号は JC61-1104872 とのこと", "バイクの車台番号は ［各種番号］ とのこと"),
    # ゆうちょ's old transfer account: five digits, a check digit, the number.
    ("ゆうちょの古い通帳で、記号番号 00170-4-220718 と", "ゆうちょの古い通帳で、記号番号 ［各種番号］ と"),
    # A resident's device: its global IP and its MAC address; a person's id in a URL's path.
    ("本人のグローバルIPは 220.108.44.17 だそうです", "本人のグローバルIPは ［各種番号］ だそうです"),
    ("エラーログ：client 61.205.118.4 status=500", "エラーログ：client ［各種番号］ status=500"),
    ("端末の MAC アドレス 3C:22:FB:41:8A:07 を控えました", "端末の MAC アドレス ［各種番号］ を控えました"),
    (
        "URLが https://kosodate.example.jp/users/7730418/profile でした",
        "URLが https://kosodate.example.jp/users/［各種番号］/profile でした",
    ),
    # Birth dates: an era's kanji with a dot, a year and month of birth beside an age, after 👶 or 🎂.
    ("生まれは 平.7.12.24 と書かれていました", "生まれは ［生年月日］ と書かれていました"),
    ("お子さんは令和元年10月生まれの 5 歳です", "お子さんは［生年月日］生まれの 5 歳です"),
    ("相談者は 36 歳（1990年11月生まれ）", "相談者は 36 歳（［生年月日］生まれ）"),
    ("70歳、昭和31年2月生の女性", "70歳、［生年月日］生の女性"),
    ("申込み：\n👶 R3.5.20\n🎂 H8.10.2", "申込み：\n👶 ［生年月日］\n🎂 ［生年月日］"),
    # An address's block in a form's field 番地 or 丁目・番地.
    ("市区町村：豊島区池袋本町\n番地：3-14-9", "市区町村：豊島区池袋本町\n番地：［住所］"),
    ("住所（続き）\n丁目・番地 2-7-31", "住所（続き）\n丁目・番地 ［住所］"),
    # Phones with words said between their groups; a postal code after an emoji.
    ("携帯は 090 の後に 4418、続けて 2207 です", "携帯は ［電話番号］ です"),
    ("電話は070で始まって、7731、そのあと0418です", "電話は［電話番号］です"),
    ("郵便番号📮 1700005", "郵便番号📮 ［郵便番号］"),
    # An e-mail's local part after its label, the domain told next.
    ("メアドは yu.kimura 、ドメインは docomo.ne.jp", "メアドは ［メールアドレス］ 、ドメインは docomo.ne.jp"),
    # After 代表, a phone is masked where the message makes it a resident's workplace's.
    ("勤務先の電話 代表 03-5391-7700（本人は総務部）", "勤務先の電話 代表 ［電話番号］（本人は総務部）"),
    ("保護者の勤め先：代表 042-331-2040 内線 118", "保護者の勤め先：代表 ［電話番号］ 内線 118"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # An organisation's main line after 代表 alone is published, nobody's.
    "代表 03-3981-1111 にお電話のうえ、保育課（内線 2418）を呼び出してください",
    "区民ひろば池袋の電話は 代表 03-3985-4402、土日は休館です",
    "子ども家庭支援センター 代表：03-5980-5275",
    # The ward's own network, private and documentation ranges, versions.
    "ゲートウェイは 192.168.10.1、DNS は 192.168.10.53 に変更しました",
    "区のWebサーバーのIPアドレスは 8.8.4.4 から変更します",
    "IP電話の設定は 10.20.0.0/16 の範囲、ファームウェア 1.2.3.4 に更新",
    "本庁舎のプリンターの MAC アドレス 00:1B:44:11:3A:B7 を登録",
    # A cohort's year and month, with no age beside them; a year of birth alone.
    "令和元年10月の消費税率改定で手数料を改めました",
    "1990年11月の議事録は公文書館で保存、保存期間 30 年です",
    # Numbers after a 番地 that ends a lot's number, a form's field's limits, a chassis number's page.
    "申請フォームの番地欄は 20 文字まで、建物名は 30 文字までです",
    "車台番号の打刻位置の資料は 2 ページ目、No. 14 を参照してください",
    "ページ https://www.example.lg.jp/users/guide.html を更新",
    # Words between numbers that are no phone's.
    "受付は 9 時から、続けて 10 時からも",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "車台番号 " + "ab1-" * 2000,
        "ゆうちょ " + "01234-5-" * 1000,
        "/users/" + "1a" * 3000,
        "IP " + "1.2.3." * 2000,
        "MAC " + "aa:" * 3000,
        "70歳 " + "昭和1年2月" * 1000,
        "番地 " * 2000 + "1",
        "090 の後に " * 1500,
        "メアドは " + "a" * 6000 + " 、ドメイン",
        "代表 " * 3000 + "03-1234-5678",
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)


def test_a_range_after_a_person_s_label_is_left_as_it_is() -> None:
    """A range of examination numbers is the office's announcement, not one applicant's number."""
    text = "看護師の採用試験、受験番号は 101〜148 番、合格発表は 1月9日です"
    assert mask(text).text == text
