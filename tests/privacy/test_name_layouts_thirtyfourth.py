"""Names as staff lay people out, the thirty-fourth round's shapes: kana names after a role typed word by
word, a surname of one kanji before a household's 家, a surname read as a place after a section, a Latin full
name after a section, and the words around them that are no one's (視察 団, 白木屋, 番地 の 角, エリカ の 花,
市民 税, 450 円)."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # Hiragana after a role whose 員 is typed apart, or after who someone is at work (臨時).
    ("調査 員 もりた が 明日 伺います", "調査 員 ［氏名］ が 明日 伺います"),
    ("相談 員 かわの さん が 対応 しました", "相談 員 ［氏名］ さん が 対応 しました"),
    ("控室 係 は 総務課 の 久保 と 臨時 の ほんま", "控室 係 は 総務課 の ［氏名］ と 臨時 の ［氏名］"),
    # A katakana name the dictionary reads alone as a filler, after a role.
    ("通訳 の ウー さん が 14時 に 来ます", "通訳 の ［氏名］ さん が 14時 に 来ます"),
    ("通訳 ウー が 同行 します", "通訳 ［氏名］ が 同行 します"),
    # A surname of one kanji before a household's 家 typed apart; 実 家 (a parents' home) stays.
    (
        "訪問 先：谷 家（高齢 世帯）、関 家（母子 世帯）",
        "訪問 先：［氏名］ 家（高齢 世帯）、［氏名］ 家（母子 世帯）",
    ),
    ("原 家 と 林 家 の 境界 の 話", "［氏名］ 家 と ［氏名］ 家 の 境界 の 話"),
    ("実 家 に 帰った 岡 家 の 長男", "実 家 に 帰った ［氏名］ 家 の 長男"),
    ("喪中はがきの名簿整理：岡 家、森田 家", "喪中はがきの名簿整理：［氏名］ 家、［氏名］ 家"),
    # A surname read as a place after a bureau's section.
    ("事務局 の 奈良 から 資料 を 送ります", "事務局 の ［氏名］ から 資料 を 送ります"),
    # A Latin full name after a section; a product after one stays.
    (
        "総務課 Microsoft Teams の 研修 に 区民課 Oliveira Ana が 参加",
        "総務課 Microsoft Teams の 研修 に 区民課 ［氏名］ が 参加",
    ),
    # A driver's title after a surname.
    ("運行会社 の 飯塚 運転手 から 謝罪 の 電話", "運行会社 の ［氏名］ 運転手 から 謝罪 の 電話"),
    # A full name in quotes before an honorific, a kana name as a field's value before a spaced 様.
    ("読めない 方 が います：「大山 トミ」様", "読めない 方 が います：「［氏名］」様"),
    ("掲載 を 断る 連絡：もりや 様", "掲載 を 断る 連絡：［氏名］ 様"),
    # Who took part, listed after 参加 and a space.
    ("12/6 参加 古川 静子、みやけ、Anderson", "12/6 参加 ［氏名］、［氏名］、［氏名］"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # One kanji typed after the word it completes into a common noun.
    "視察 団 が 来庁 します、10時 に 正面 玄関 で 出迎え",
    "市民 税 の 減免 申請 を 受け付けました",
    # An old shop's name the dictionary holds as a surname.
    "白木屋 の 跡地 に 新しい ビル が 建ちます",
    # A spot of a lot, a plant's flower.
    "番地 の 角 の 家 の 前 に 粗大 ごみ が 出て います",
    "エリカ の 花 が 咲いて います",
    # An amount's or a count's unit after its number.
    "戸籍謄本は 450 円、除籍謄本は 750 円、郵送請求は 定額小為替で",
    "返戻郵便 11月 312 通、うち宛所不明 187 通",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text).text == text
