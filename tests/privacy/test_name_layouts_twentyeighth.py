"""Names as staff lay people out, the twenty-eighth round's shapes: each masked where it was written, and
the look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A licensed profession's title after a surname, as the ward's advisers are listed.
    ("相談員 は 山際 税理士 と 国枝 司法書士 です", "相談員 は ［氏名］ 税理士 と ［氏名］ 司法書士 です"),
    ("当日 は 大槻 行政書士 が 来ます", "当日 は ［氏名］ 行政書士 が 来ます"),
    # A household after a surname and a space, ending its line or before a note in parentheses.
    (
        "同点 の 世帯：久野 家 と アンダーソン 家\n就労 日数 で 判断",
        "同点 の 世帯：［氏名］ 家 と ［氏名］ 家\n就労 日数 で 判断",
    ),
    ("2回目 の 遅れ：遠山 家（19:20）", "2回目 の 遅れ：［氏名］ 家（19:20）"),
    # A loanword the dictionary reads as a name before さん, in a numbered slot beside a name.
    ("発熱 者：2番 ベイカー、5番 田島。", "発熱 者：2番 ［氏名］、5番 ［氏名］。"),
    # Someone from a country, spaced word by word and after 出身.
    ("来所 は ネパール 出身 の グルン さん です", "来所 は ネパール 出身 の ［氏名］ さん です"),
    # A surname the dictionary reads as a place, after a position and a spaced の, before a particle.
    ("立会い は 係長 の 船橋 が 行います", "立会い は 係長 の ［氏名］ が 行います"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # An era's first year, which the dictionary splits into a surname and a given name before 度.
    "平成元年度 の 決算 書 を 探して います",
    "基準 は 平成元年度 に 定めた もの です",
    # A one-kanji word that ends a compound typed word by word, before a particle.
    "面談 室 は 3階 です",
    "消防 団 の 出初式 は 1月 です",
    # What a place has after a spaced の.
    "中野 の 出張所 と 吉祥寺 の 出張所 で 違います",
    # Loanwords the dictionary reads as names before さん, in numbered slots with no name beside them.
    "1番 ホール 2番 ロビー",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("備品 は 総務課 の 松本 倉庫\n", "倉庫"),
        ("鍵 は 石井 内科、", "内科"),
        ("訪問 先：遠山 家（2回 目）", "家"),
    ],
)
def test_a_facility_or_a_household_after_a_surname_is_no_given_name(text: str, kept: str) -> None:
    assert kept in mask(text).text


def test_katakana_words_each_a_common_noun_are_no_name_in_a_slot_beside_one() -> None:
    assert mask("出演 順：1 フラ ダンス、2 歌 の 美月").text == "出演 順：1 フラ ダンス、2 歌 の ［氏名］"
