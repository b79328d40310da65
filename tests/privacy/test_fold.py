"""The matching form: one spelling per character, and spans that map back to what was written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.privacy import mask
from bot.privacy.fold import fold


def test_width_dashes_and_kanji_numerals_fold_but_lone_kanji_digits_stay() -> None:
    assert fold("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ").text == "taro@example.jp"
    assert fold("０９０ー１２３４－５６７８").text == "090-1234-5678"
    assert fold("〇九〇‐一二三四−五六七八").text == "090-1234-5678"
    assert fold("一番、二丁目、一部").text == "一番、二丁目、一部"
    assert fold("コーヒー").text == "コーヒー", "a long-vowel mark between letters is not a dash"


@given(st.text(max_size=40))
def test_every_folded_span_maps_back_to_whole_original_characters(text: str) -> None:
    folded = fold(text)
    assert len(folded.origin) == len(folded.text)
    assert list(folded.origin) == sorted(folded.origin)
    for start in range(len(folded.text)):
        begin, end = folded.span(start, len(folded.text))
        assert 0 <= begin < end <= len(text)
        assert end == len(text)


_SHOWN = "09@a.山田"
_HIDDEN = "\u200b\u200d\u2060\ufeff\u00ad\ufe0f\u202e"


@given(st.text(alphabet=st.sampled_from(_SHOWN + _HIDDEN), max_size=30))
def test_invisible_characters_are_left_out_and_spans_cover_them(text: str) -> None:
    folded = fold(text)
    visible = "".join(c for c in text if c in _SHOWN)
    assert folded.text == visible
    if visible:
        begin, end = folded.span(0, len(folded.text))
        assert text[begin] == visible[0]
        assert end == len(text), "those after the last visible character go with it"


def test_invisible_characters_inside_an_item_fold_away_and_its_span_covers_them() -> None:
    written = "電話は090\u200b1234\u200c5678です"
    folded = fold(written)
    assert folded.text == "電話は09012345678です"
    begin, end = folded.span(3, 14)
    assert written[begin:end] == "090\u200b1234\u200c5678"
    assert fold("ﾄ\u200bﾞ").text == "ド", "a voiced mark still joins its kana"
    assert fold("taro\u00ad.yamada\u2060@example\ufeff.com").text == "taro.yamada@example.com"


def test_every_scripts_decimal_digits_and_encoded_at_signs_fold_to_ascii() -> None:
    assert fold("٩٨٧٦ ۵۴۳۲ १०९३ ０１２").text == "9876 5432 1093 012"
    for written in (
        "taro&#64;example.jp",
        "taro&#x40;example.jp",
        "taro&commat;example.jp",
        "taro%40example.jp",
    ):
        folded = fold(written)
        assert folded.text == "taro@example.jp"
        assert folded.span(0, len(folded.text)) == (0, len(written))
    assert fold("&#23665;&#30000;").text == "山田"
    assert fold("100%40件、50%が&amp;").text == "100%40件、50%が&amp;", "a percentage and a named entity stay"


def test_seven_or_more_digits_read_aloud_fold_to_digits_and_words_stay() -> None:
    spoken = fold("電話は ぜろきゅうぜろ いちにーさんよん ごーろくななはち です")
    assert spoken.text == "電話は 090 1234 5678 です"
    begin, end = spoken.span(4, 7)
    assert "電話は ぜろきゅうぜろ いちにーさんよん ごーろくななはち です"[begin:end] == "ぜろきゅうぜろ"
    assert fold("きゅうはちななろく ごーよんさん になった").text == "9876 543 になった", (
        "a particle after a space"
    )
    assert fold("いちにさんし、ごーろくしちはち").text == "いちにさんし、ごーろくしちはち", (
        "six at most in a row"
    )
    assert fold("にさんにちで、さんごの海").text == "にさんにちで、さんごの海"


def test_a_run_read_aloud_from_zero_may_set_its_groups_apart_by_commas() -> None:
    spoken = "でんわ ぜろきゅうぜろ、よんよんいちに、はちはちさんぜろ"
    assert fold(spoken).text == "でんわ 090 4412 8830"
    assert fold("いちにさんし、ごーろくしちはち").text == "いちにさんし、ごーろくしちはち", (
        "counting from one"
    )


def test_a_last_reading_of_one_character_is_a_digit_where_the_text_or_line_ends() -> None:
    assert fold("いちなな ぜろ の ぜろ ぜろ いち に").text == "17 0 の 0 0 1 2"
    assert fold("いちなな ぜろ ぜろ ぜろ いち に\n次").text == "17 0 0 0 1 2\n次"
    assert fold("きゅうはちななろく ごーよんさん になった").text == "9876 543 になった", "a particle"


def test_nine_read_aloud_with_a_long_vowel_mark_folds_as_nine() -> None:
    """きゅー is one reading of 9 (it had raised KeyError, as きゅ, and failed the whole turn)."""
    assert fold("ぜろきゅーぜろ いちにーさんよん ごーろくななはち").text == "090 1234 5678"
    assert fold("ゼロキューゼロのイチニーサンヨンのゴーロクナナハチ").text == "090の1234の5678"
    said = mask("でんわは ぜろきゅーぜろ いちにーさんよん ごーろくななはち です")
    assert said.text == "でんわは ［電話番号］ です"


def test_digits_read_aloud_in_groups_joined_by_no_fold_and_keep_the_no() -> None:
    spoken = "「ぜろよんはち の ななにーいち の さんさんごーろく」"
    assert fold(spoken).text == "「048 の 721 の 3356」"
    assert fold("ぜろさんのよんきゅうはちはちのいちにーななろく").text == "03の4988の1276"
    assert fold("いちにのさん、さんのにのいちのご").text == "いちにのさん、さんのにのいちのご", "too few"
    assert fold("はちはちにーいちろくろくさん の に電話").text == "8821663 の に電話", "の and a particle"


def test_digits_read_aloud_in_katakana_fold_as_in_hiragana() -> None:
    spoken = "電話はゼロハチゼロのサンサンニーイチのロクロクキュウナナ"
    assert fold(spoken).text == "電話は080の3321の6697"
    words = "イチニーサンシ、ゴーヤチャンプルー、サンゴ"
    assert fold(words).text == words


@given(
    st.lists(
        st.sampled_from(["ぜろ", "いち", "にー", "さん", "よん", "ご", "し", "く", "きゅう", " ", "に", "は"])
    )
)
def test_spoken_digit_spans_map_back_to_whole_readings(parts: list[str]) -> None:
    text = "".join(parts)
    folded = fold(text)
    assert list(folded.origin) == sorted(folded.origin)
    for start in range(len(folded.text)):
        begin, end = folded.span(start, start + 1)
        assert 0 <= begin < end <= len(text)


def test_ocr_b_and_z_read_as_digits_in_longer_runs_and_a_short_run_joined_to_one() -> None:
    assert fold("O8O-B812-44Z1").text == "080-8812-4421"
    assert fold("l9B4.O2.Zl").text == "1984.02.21", "Zl is joined by a dot to a number's run"
    assert fold("B5 B2 BOB-3 Z8").text == "B5 B2 BOB-3 Z8", "a paper, a grade, a word, a model"


def test_dot_leaders_between_a_label_and_its_value_are_left_out() -> None:
    assert fold("被保険者番号 ………… 01234887").text == "被保険者番号 01234887"
    assert fold("えーと……").text == "えーと......", "no value after them"


def test_continued_chat_lines_lose_their_prefix_only_when_joined() -> None:
    text = "[10:02] 個人番号 9274 7481\n[10:02] 3700 です"
    assert fold(text).text == text
    joined = fold(text, joined=True)
    assert joined.text == "[10:02] 個人番号 9274 7481\n3700 です"
    assert fold("> 田村: 1\n> 田村: 2\n普通の行", joined=True).text == "> 田村: 1\n2\n普通の行"
    assert fold("件名\n> 1", joined=True).text == "件名\n> 1", "a quote mark continues a quoted line only"


@given(st.text(alphabet=st.sampled_from("> [10:2]田村：1\n.…・aB"), max_size=40))
def test_joined_spans_map_back_in_order(text: str) -> None:
    folded = fold(text, joined=True)
    assert len(folded.origin) == len(folded.text)
    assert list(folded.origin) == sorted(folded.origin)
    for start in range(len(folded.text)):
        begin, end = folded.span(start, start + 1)
        assert 0 <= begin < end <= len(text)
