"""Names as staff lay people out, the forty-third round's shapes: each masked where it was written, and the
look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A JSON export's values under keys for a person: a reading in katakana, a surname the dictionary reads
    # as a word (宮内, the court).
    (
        '{"applicant": {"name": "桐谷 悠", "kana": "キリタニ ユウ"}, "staff": "宮内"}',
        '{"applicant": {"name": "［氏名］", "kana": "［氏名］"}, "staff": "［氏名］"}',
    ),
    ('{"担当": "おおにし", "status": "受付"}', '{"担当": "［氏名］", "status": "受付"}'),
    # A surname read as a word after the English label staff.
    ("staff 宮内 confirmed the booking.", "staff ［氏名］ confirmed the booking."),
    ("受付済\nstaff 宮内", "受付済\nstaff ［氏名］"),
    ("CW: 大石 / SV: 古川", "CW: ［氏名］ / SV: ［氏名］"),
    # A surname with 邉 the dictionary knows as it is, which 辺 would make a place (邉田, 辺田).
    ("本日の当番 邉田・髙橋・濱口", "本日の当番 ［氏名］・［氏名］・［氏名］"),
    ("邉田が来ます", "［氏名］が来ます"),
    # The same surname written with 邉 and with 辺.
    ("渡邉さんの名前を渡辺で登録しちゃった。", "［氏名］さんの名前を［氏名］で登録しちゃった。"),
    # A child's name after a class, beside the loanword rule: Japanese words and names it lacks stay names.
    ("うさぎ組の あおい が 泣いています", "うさぎ組の ［氏名］ が 泣いています"),
    ("うさぎ組の ぱんだ ちゃん が 転びました", "うさぎ組の ［氏名］ ちゃん が 転びました"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


NO_NAMES = [
    # A class's toy or animal, a loanword written in hiragana after the class.
    "うさぎ組の ぱんだ が 人気です（ぬいぐるみ）。",
    "きりん組の らいおん が 壊れたので新しいのを買います。",
    # A quoted old shop before its goods.
    "「虎屋」の最中と「とらや」の羊羹、どちらが良いでしょう",
    # A JSON export's facility, section or common word under the same keys.
    '{"name": "区民ホール", "kana": "クミンホール"}',
    '{"staff": "市民課", "name": "住民票"}',
    '{"status": "受付", "staff": "未定"}',
    # A common noun after a cue ending in a particle.
    "来庁者は東口の駐車場へご案内ください。",
]


@pytest.mark.parametrize("text", NO_NAMES)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert mask(text).text == text


def test_a_quoted_surname_before_a_persons_thing_stays_masked() -> None:
    assert mask("「土屋」の件、確認しました").text == "「［氏名］」の件、確認しました"
