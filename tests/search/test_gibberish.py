"""Keyboard mashes and half-typed input get no confident answer; the knowledge's own acronyms keep theirs."""

from __future__ import annotations

import pytest

from benchmarks.gibberish import controls, gibberish, ime, known_words
from bot.knowledge import KnowledgeBase
from bot.search import Searcher
from bot.search.analyzer import Analyzer
from bot.search.normalize import normalize


@pytest.mark.parametrize(
    "query",
    [
        "あsd",
        "あｓｄ",
        "あsdふぁsdf",
        "かsd",
        "ｓｄｆｇｈ",
        "あああ",
        "jkl;",
        "っっｄ",
        "ｑｗｅｒｔｙ",
        "えrt",
        "へいりへけ",
        "あせめゅぴ",
    ],
)
def test_a_mash_is_not_answered(searcher: Searcher, query: str) -> None:
    assert searcher.search(query).decision != "answer"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("USB", "rule-usb"),
        ("ｕｓｂ", "rule-usb"),
        ("SD カード", "rule-usb"),
        ("sdカード", "rule-usb"),
        ("LGWAN", "rule-network"),
        ("lgwan系のパソコンでもrpa動かせる？", "rule-network"),
        ("まもりのＤＸ せめのＤＸ", "policy-defensive"),
        ("rpaってなに", "tool-rpa-basics"),
    ],
)
def test_the_knowledges_acronyms_beside_kana_keep_their_answer(
    searcher: Searcher, query: str, expected: str
) -> None:
    result = searcher.search(query)
    assert result.decision == "answer"
    assert result.hits[0].entry.id == expected


def test_letters_glued_to_ime_debris_are_fragments_not_words() -> None:
    analyzer = Analyzer()
    assert analyzer.analyze("あsd").fragments == ("sd",)
    assert analyzer.analyze("あsd").words == ()
    assert analyzer.analyze("あsdふぁsdf").fragments == ("sd", "sdf")
    for text in ("このpdf", "SDカード", "rpaってなに", "lgwan系のパソコンでもrpa動かせる"):
        assert analyzer.analyze(text).fragments == ()


def test_random_kana_gives_no_words_but_kana_staff_type_does() -> None:
    analyzer = Analyzer()
    for mash in ("へいりへけ", "あせめゅぴ", "さみえくわこ"):
        assert analyzer.analyze(mash).words == ()
    assert analyzer.analyze("ゆうきゅうのしんせいってどこからするの").words
    assert analyzer.analyze("すごい、わかりやすい！").words


def test_the_probe_types_as_an_ime_does() -> None:
    assert ime("asdf") == "あｓｄｆ"
    assert ime("ddd") == "っっｄ"
    assert ime("qwerty") == "ｑうぇｒｔｙ"
    assert ime("sdfa") == "ｓｄふぁ"


def test_the_probe_asks_hundreds_of_mashes_none_a_control(kb: KnowledgeBase) -> None:
    asked = controls(kb)
    assert {"RPA", "ＰＤＦ", "SDカード", "lgwan"} <= set(asked)
    inputs = gibberish(known_words(kb) | {normalize(q) for q in asked})
    assert inputs == gibberish(known_words(kb) | {normalize(q) for q in asked})
    mashes = [q for kind in inputs.values() for q in kind]
    assert len(mashes) >= 300
    assert not {normalize(q) for q in mashes} & {normalize(q) for q in asked}
