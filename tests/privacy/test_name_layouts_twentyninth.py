"""Names as staff lay people out, the twenty-ninth round's shapes: each masked where it was written, and
the look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask
from bot.privacy.names import latin

WRITINGS = [
    # A surname the dictionary reads as a word even before さん, after whose someone is and an honorific.
    ("警備 の 大関 さん が 鍵 を 開けます", "警備 の ［氏名］ さん が 鍵 を 開けます"),
    ("係長 の 大空 様 に 確認", "係長 の ［氏名］ 様 に 確認"),
    # The same surname with a given name in kana, after who the person is or a name found and と.
    ("受付 は 会計年度 職員 の 仲間 あおい です", "受付 は 会計年度 職員 の ［氏名］ ［氏名］ です"),
    ("係長 の 林 と 大関 ヒカル が 同行", "係長 の ［氏名］ と ［氏名］ ［氏名］ が 同行"),
    # A title of an association, a hall or a trade after a surname.
    ("来賓 は 町会 の 井口 会長 です", "来賓 は 町会 の ［氏名］ 会長 です"),
    ("撮影 は 業者 の 村瀬 カメラマン", "撮影 は 業者 の ［氏名］ カメラマン"),
    # Who someone said they were, after 名乗り and a colon.
    ("電話 の 相手（名乗り：高畑）は 男性", "電話 の 相手（名乗り：［氏名］）は 男性"),
    # A foreign given name before a cue spaced word by word.
    ("研修 は ボランティア の マリア が 休み です", "研修 は ボランティア の ［氏名］ が 休み です"),
    ("明日 は ホセ に お願い します", "明日 は ［氏名］ に お願い します"),
    # A name quoted after a name field and a spaced particle.
    ("口座 の 名義 が 『コワルスキ ユリア』 でした", "口座 の 名義 が 『［氏名］』 でした"),
    # A surname in hiragana the dictionary lacks, after a role in a sentence typed word by word.
    ("電話 担当 ゆかわ で 受けました", "電話 担当 ［氏名］ で 受けました"),
    ("窓口 は 新人 の ふるかわ", "窓口 は 新人 の ［氏名］"),
    # A word of kana before a spaced 様 where others are named the same way.
    ("折り返し 先：岡村 様、ダルマ 様、にしかわ 様", "折り返し 先：［氏名］ 様、［氏名］ 様、［氏名］ 様"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A document's number, the issuing office's code a surname to the dictionary.
    "起案 豊福第 3318 号 で 決裁 済み",
    "担当：豊福第 12 号 の 通知",
    # Words for people that read as surnames before a given name.
    "近所 の 大家 さん に 相談",
    "職員 の 仲間 たち が 集まりました",
    # Hiragana words after a role that are no names.
    "担当 みんな で 片付けます",
    "担当 して から 連絡 します",
    # Kana before a spaced 様 with no one named so.
    "ダルマ 様 を 飾ります",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text


def test_a_word_for_people_before_a_spaced_sama_stays_beside_a_name() -> None:
    assert mask("みな 様 へ、田中 様 より").text == "みな 様 へ、［氏名］ 様 より"


def test_the_readings_kept_for_romaji_accounts_are_bounded() -> None:
    latin._reading_before_san.cache_clear()
    kept = latin._reading_before_san.cache_info().maxsize
    assert kept is not None
    for n in range(kept + 50):
        latin._reading_before_san(f"山田{n}")
    assert latin._reading_before_san.cache_info().currsize == kept
