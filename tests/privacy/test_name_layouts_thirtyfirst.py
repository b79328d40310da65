"""Names as staff lay people out, the thirty-first round's shapes: names that OCR or a PDF's copy spaced a
character at a time, masked where they were written, and the look-alikes holding no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A spaced name after a spaced field's label and a colon, the label left as it was.
    ("申 込 者 氏 名 ： 山 口 健 一", "申 込 者 氏 名 ： ［氏名］"),
    # A spaced name after a label typed as a word.
    ("転入届 の 読取\n氏名 北 川 め ぐ み", "転入届 の 読取\n氏名 ［氏名］"),
    # A spaced surname alone in quotes, and one before a spaced honorific.
    ("宛名 の 読取 結果 は 『高 木』 でした", "宛名 の 読取 結果 は 『［氏名］』 でした"),
    ("来庁 予定：三 浦 さ ん（午後）", "来庁 予定：［氏名］ さ ん（午後）"),
    # Numbered lines of spaced names, kanji, kana and katakana.
    (
        "当選 者\n1 前 田 正 夫\n2 ほ そ か わ\n3 ロ ペ ス ・ カ ル ロ ス",
        "当選 者\n1 ［氏名］\n2 ［氏名］\n3 ［氏名］ ・ ［氏名］",
    ),
    # A surname and a given name spaced wider between them, an ideographic space.
    ("届出人 欄 に 『 森 本 \u3000 和 子 』", "届出人 欄 に 『 ［氏名］ 』"),
    # A speaker in 【】 after a title or a role, a surname read as a place there too.
    (
        "【委員長 安達】 開会 します\n【事務局 長沢】 資料 の 説明",
        "【委員長 ［氏名］】 開会 します\n【事務局 ［氏名］】 資料 の 説明",
    ),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_spaced_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Words a spaced form's text holds that are no one's name.
    "申 請 書 の 様 式 を 差し替えます",
    "住所 欄 の 『東 京 都 練 馬 区』 を 確認",
    "JR 東 日 本 と 西 武 鉄 道 に 依頼",
    "高 田 馬 場 駅 前 の 再開発",
    # A sentence typed word by word: particles between one-kanji words part them.
    "バス は 大宮 駅 と 北 口 を 結びます",
    # A title in 【】 before what it does, not who.
    "【委員長 挨拶】 の 後 に 議事",
    "【部長 会議】 の 資料",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_spaced_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text


@pytest.mark.parametrize(
    "text",
    [
        "当番 月 岸 火 泉 水 原 木 畑",  # a rota's days and one-kanji names
        "家族：母 恵、妹 凛",  # kin before one-kanji given names
        "通訳 の 勤務：火 木 王 麗",  # days before a Chinese name of two characters
    ],
)
def test_one_kanji_names_after_labels_stay_masked_apart(text: str) -> None:
    masked = mask(text).text
    for name in ("岸", "泉", "原", "畑", "恵", "凛", "王", "麗"):
        assert name not in masked


def test_long_spaced_runs_are_read_in_bounded_time() -> None:
    """No timing here (benchmarks/privacy.py has it): a run closed up is read once more, not per character."""
    line = "氏 名 ： " + "田 中 " * 1500
    masked = mask(line).text
    assert "田 中" not in masked
