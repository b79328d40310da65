from __future__ import annotations

import random
import re

import pytest

from bot.search import normalize as normalizing
from bot.search.normalize import (
    _SETTLED,
    MAX_QUERY_CHARS,
    _normalized,
    bare_topic,
    closing,
    gram_text,
    normalize,
)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("ﾍﾟｰﾊﾟｰﾚｽ", "ペーパーレス"),
        ("ＲＰＡ", "rpa"),
        ("RPA", "rpa"),
        ("ぺーぱーれす", "ペーパーレス"),
        ("コンピュ〜タ", "コンピュータ"),
        ("申請\u200bフォーム", "申請 フォーム"),
        ("  改善\t\n相談  ", "改善 相談"),
    ],
)
def test_variants_meet_one_form(variant: str, canonical: str) -> None:
    assert normalize(variant) == canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Only a loanword's own stretch of a hiragana run turns katakana, not the particles and words around.
        ("係のめんばーの巻込み方", "係のメンバーの巻込み方"),
        ("いーらーにんぐの見方", "イーラーニングの見方"),
        ("ぎょうむふろーずのかきかた", "ギョウムフローズのかきかた"),
        ("ちーむの支援範囲", "チームの支援範囲"),
        ("でんししんせいのふぉーむをつくりたい", "でんししんせいのフォームをつくりたい"),
        ("るーるは？", "ルールは?"),
        # Loanwords that hold those kana stay whole.
        ("のーこーど", "ノーコード"),
        ("でーた", "データ"),
        ("こーでぃねーと", "コーディネート"),
        ("いーらーにんぐ", "イーラーニング"),
        ("ぺーぱーれす", "ペーパーレス"),
        ("すもーるすたーと", "スモールスタート"),
        ("まいなんばーかーど", "マイナンバーカード"),
        ("ぱわーはらの相談", "パワーハラの相談"),
        ("はんばーがー", "ハンバーガー"),
        ("へっだーをつける", "ヘッダーをつける"),
        # って and の asking what the word is, or going on to ask more; not ート's は, nor ッテ within a word.
        ("あーるぴーえーってなに", "アールピーエーってなに"),
        ("えーあいおーしーあーるって？", "エーアイオーシーアールって?"),
        ("あーるぴーえーのこと", "アールピーエーのこと"),
        ("おーしーあーるってつかえる？", "オーシーアールってつかえる?"),
        ("ぺーぱーれすってどうやるの", "ペーパーレスってどうやるの"),
        ("さぽーとは", "サポートは"),
        ("ばってりー", "バッテリー"),
    ],
)
def test_hiragana_loanwords_turn_katakana_without_their_particles(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("stretched", "plain"),
    [
        ("RPAおしえてくださいいいいいい", "rpaおしえてください"),
        ("教えてーーー", "教えて"),
        ("教えて〜〜", "教えて"),
        ("教えて～～", "教えて"),
        ("ですっっっ！！！", "です!!!"),
        ("やっっと", "やっと"),
        ("メンバーーー", "メンバー"),
        # Not stretched: a laugh, a range, a loanword's one mark.
        ("ははは", "ははは"),
        ("14時〜16時", "14時〜16時"),
        ("めんばー", "メンバー"),
    ],
)
def test_a_stretched_ending_reads_as_the_plain_word(stretched: str, plain: str) -> None:
    assert normalize(stretched) == plain


def test_grams_fold_kana_and_drop_long_vowels() -> None:
    assert gram_text(normalize("ろぼっと")) == gram_text(normalize("ロボット"))
    assert gram_text(normalize("ペーパレス")) == gram_text(normalize("ペーパーレス"))
    assert gram_text(normalize("RPA、OCR！")) == "rpa ocr"


def test_control_characters_and_length_are_bounded() -> None:
    assert normalize("\x00\x07abc\x1b") == "abc"
    long = "あい" * (MAX_QUERY_CHARS * 2) + "最後の質問"
    out = normalize(long)
    assert len(out) == MAX_QUERY_CHARS
    assert out.endswith("最後の質問")


SETTLED = [chr(c) for c in range(0x4E00, 0xA000)] + ["々"] + [chr(c) for c in range(0x30A1, 0x30FB)]
"""Every character `normalize` returns at once when a text holds nothing else: kanji and katakana but ー."""


def test_kanji_and_katakana_alone_are_normalised_already() -> None:
    """The short cut (`_SETTLED`) takes only what every step of `_normalized` leaves as it is."""
    assert all(_SETTLED.fullmatch(c) for c in SETTLED)
    assert [c for c in SETTLED if _normalized(c) != c] == []
    kana = [chr(c) for c in range(0x30A1, 0x30FB)] + ["々", "国"]  # nor side by side (no kana composes)
    assert [a + b for a in kana for b in kana if _normalized(a + b) != a + b] == []
    words = ["国民健康保険", "児童手当", "マイナンバーカード", "ヴァイオリン", "佐々木"]
    words += ["ﾏｲﾅ", "\uf900", "RPA"]
    assert [normalize(word) for word in words] == [_normalized(word) for word in words]
    # Not taken, and changed: half-width kana, a compatibility ideograph (NFKC), Latin letters.
    assert [normalize(word) for word in words][-3:] == ["マイナ", "\u8c48", "rpa"]


def test_a_long_text_of_kanji_is_cut_as_any_other() -> None:
    long = "申請" * MAX_QUERY_CHARS + "窓口"
    assert normalize(long) == long[-MAX_QUERY_CHARS:]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        (
            "窓口が混んでいます。係長とも話しました。申請書を自動で読めますか？",
            25,
            "係長とも話しました。申請書を自動で読めますか？",
        ),
        (
            "窓口が混んでいます。係長とも話しました。申請書を自動で読めますか？",
            14,
            "申請書を自動で読めますか？",
        ),
        ("申請書を自動で読めますか", 100, "申請書を自動で読めますか"),
        ("とても長い一文で終わる相談なのですがどうでしょうか", 6, "うでしょうか"),
        ("前置き。\n\n  質問です！\n", 100, "前置き。  質問です！"),
    ],
)
def test_closing_keeps_the_last_sentences_that_fit(text: str, limit: int, expected: str) -> None:
    assert closing(text, limit) == expected


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("研修について知りたい", "研修"),
        ("RPAある？", "RPA"),
        ("研修はありますか", "研修"),
        ("窓口の件", "窓口"),
        ("ルールが知りたいです", "ルール"),
        ("ペーパーレスについて教えてください。", "ペーパーレス"),
        ("管理職向けの研修について", "管理職向けの研修"),
        # How-to and can-I frames: in a FAQ of how-to questions they say nothing about which entry is meant.
        ("RPAのやり方", "RPA"),
        ("RPAってできますか", "RPA"),
        ("申請ってどうすればいい？", "申請"),
        # Softened endings, and a frame inside another.
        ("研修について知りたいのですが", "研修"),
        ("RPAについて教えてほしいんですけど", "RPA"),
        ("研修のことなんですけど", "研修"),
        ("研修の件ですが", "研修"),
        ("RPAってどうやるの？", "RPA"),
        ("RPAのやり方を教えてください", "RPA"),
        # を left out, 教えて typed in kana, the ending stretched.
        ("RPA教えて", "RPA"),
        ("RPAおしえてください", "RPA"),
        ("RPAおしえてくださいいいいいい", "RPA"),
        ("研修について教えてーーー", "研修"),
        # A definition asked, and sentences, stay whole.
        ("RPAとは", "RPAとは"),
        (
            "見当がつきません。最初にやるべきことを教えてください",
            "見当がつきません。最初にやるべきことを教えてください",
        ),
        ("業務改善の進め方と効果の測り方について知りたい", "業務改善の進め方と効果の測り方について知りたい"),
        # Nothing but a frame, or a topic of one character: no topic to take out.
        ("について知りたい", "について知りたい"),
        ("紙ある？", "紙ある？"),
    ],
)
def test_a_short_topic_in_an_everyday_frame_is_searched_bare(text: str, topic: str) -> None:
    assert bare_topic(text) == topic


_WORD = "[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]"
LOOKING_BEHIND_FIRST = {
    "_STRETCHED_VOWEL": rf"(?<={_WORD})([あいうえおぁぃぅぇぉ])\1{{2,}}",
    "_STRETCHED_MARK": rf"(?<=(?P<before>{_WORD}))[ー〜～~]{{2,}}",
    "_STRETCHED_STOP": rf"(?<={_WORD})っ{{2,}}(?P<within>[\u3041-\u3096\u30a1-\u30fa])?",
    "_KANA_DASH": r"(?<=[\u3041-\u3096\u30a1-\u30fa])[〜～\-‐‑–—―−]",
}
"""The stretched-sound and dash patterns as first written, the look-behind opening each."""


@pytest.mark.parametrize("name", sorted(LOOKING_BEHIND_FIRST))
def test_the_patterns_open_with_what_they_change_and_match_as_first_written(name: str) -> None:
    """Opening with a character (not a look-behind) lets `re` skip to it; the matches are the same.

    Every match (where, what, each group) of the pattern as first written and as it
    is now, over texts of the characters they look at and their neighbours.
    """
    pattern, written = getattr(normalizing, name), re.compile(LOOKING_BEHIND_FIRST[name])
    assert not pattern.pattern.startswith("(?")  # a look-behind first is tried at every character
    alphabet = "あいうえおぁぃぅぇぉっかのんアイッカーメ申々ー〜～~-‐―−a1 \n。"
    rng = random.Random(47)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in written.finditer(text)], text


def test_sentences_are_the_text_split_after_each_closing_mark() -> None:
    """`sentences` as it was first written: a split after every closing mark, blanks left out."""
    after_mark = re.compile(r"(?<=[。！？!?\n])")
    rng = random.Random(47)
    for _ in range(20_000):
        text = "".join(rng.choice("申あア a。！？!?\n ") for _ in range(rng.randint(0, 12)))
        assert normalizing.sentences(text) == [s for s in after_mark.split(text) if s.strip()], text
