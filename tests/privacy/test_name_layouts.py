"""Names as staff lay people out, the twenty-fifth round's shapes: each masked where it was written, and
the look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import Masked, mask

WRITINGS = [
    # Circled numbers, folded to digits glued to their values, number the people of a list.
    (
        "回覧板の順番：①川口 トメ ②よねだ ③大西 ④ラザフォード ⑤金井",
        "回覧板の順番：①［氏名］ ②［氏名］ ③［氏名］ ④［氏名］ ⑤［氏名］",
    ),
    ("見守り名簿\n①坂巻 ウメ\n②いしかわ とら\n③ヨハンソン", "見守り名簿\n①［氏名］\n②［氏名］\n③［氏名］"),
    ("当番表 ①戸田 ②坂東 ③ひらい。①は午前のみ", "当番表 ①［氏名］ ②［氏名］ ③ひらい。①は午前のみ"),
    # An account made of the surname and an initial beside the full name found.
    (
        "ID kaneko.h 兼子 晴香\nID mori.t 森 拓海",
        "ID ［氏名］ ［氏名］\nID ［氏名］ ［氏名］",
    ),
    ("氏名 湯浅 大地 / ユーザー名 yuasa.d", "氏名 ［氏名］ / ユーザー名 ［氏名］"),
    # A role with a note in parentheses before its colon.
    ("受付者（午前）：まえだ", "受付者（午前）：［氏名］"),
    # A full name in hiragana whose given name the dictionary knows in no spelling.
    ("申請者 学生 やまぐち そうた、納付猶予を案内", "申請者 学生 ［氏名］、納付猶予を案内"),
    # A player's title after a surname.
    ("全国大会出場の 原田 選手・三浦 選手", "全国大会出場の ［氏名］ 選手・［氏名］ 選手"),
    # Who speaks, in square brackets opening a chat export's line, in Latin letters.
    (
        "[高橋 健一] 資料ありがとうございます\n[Smith John] I will check it",
        "[［氏名］] 資料ありがとうございます\n[［氏名］] I will check it",
    ),
    # A surname in romaji mentioned in a chat.
    ("@kato よろしく", "@［氏名］ よろしく"),
    # Whose an e-mail address is, in parentheses after it.
    ("追加 sakura.t@example.lg.jp（寺内 さくら）", "追加 ［メールアドレス］（［氏名］）"),
    # A household after a surname and a space, as a spaced list writes it, is no given name.
    ("本日 来庁 の 岡本 ご夫妻 に 説明", "本日 来庁 の ［氏名］ ご夫妻 に 説明"),
    ("訪問先：大野 一家、", "訪問先：［氏名］ 一家、"),
    # A sentence spaced word by word after a list of names is no label before a name.
    ("中野 理恵、石井 健 を 停止 してください", "［氏名］、［氏名］ を 停止 してください"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    "①あり ②なし",
    "会場 ①東京 ②大阪 ③名古屋",
    "手順 ①申請書 ②本人確認 ③交付",
    "担当（午後）：なし",
    "記録（12/5）：特になし",
    "よろしく おねがい",
    "全日本選手権の会場",
    "日本代表選手の壮行会",
    "[Action Required] 確認してください",
    "@here 本日の会議は中止",
    "@channel 資料を共有しました",
    "代表 dx@city.example.lg.jp（代表）、総務 soumu@city.example.lg.jp (総務課)",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text


def test_a_work_text_without_any_personal_data_is_unchanged() -> None:
    text = "①あり ②なし、会場 ①東京 ②大阪。全日本選手権の会場。[Action Required] 確認してください"
    assert mask(text) == Masked(text, ())
