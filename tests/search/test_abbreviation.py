"""Shortened words (特養, 母子手帳) read as the compounds a FAQ writes in full, and the other way round."""

from __future__ import annotations

import pytest

from benchmarks.abbreviations import recall
from bot.knowledge import FaqEntry, KnowledgeBase
from bot.search import Searcher
from bot.search.abbreviation import (
    abbreviations_of,
    expansions,
    known_shortenings,
    phrase_abbreviations,
    shortenings,
)
from tests.auxil.searchers import own_faq_searcher


@pytest.mark.parametrize(
    ("parts", "short"),
    [
        (["特別", "養護", "老人", "ホーム"], "特養"),  # first kanji of two parts
        (["国民", "健康", "保険"], "国保"),  # … not next to each other
        (["母子", "健康", "手帳"], "母子手帳"),  # two parts whole, the middle left out
        (["印鑑", "登録", "証明", "書"], "印鑑証明"),
        (["運転", "免許", "証"], "運転免許"),  # the suffix left out
        (["ファミリー", "サポート"], "ファミサポ"),  # two sounds of each katakana part
        (["パーソナル", "コンピューター"], "パソコン"),  # long vowels left out
        (["スクリーン", "ショット"], "スクショ"),  # no piece ends on the doubling ッ
        (["デジタル", "カメラ"], "デジカメ"),
    ],
)
def test_the_regular_shortenings_of_a_compound(parts: list[str], short: str) -> None:
    assert short in shortenings(parts)


@pytest.mark.parametrize(
    ("parts", "not_short"),
    [
        (["運転", "免許", "証"], "運証"),  # a part of one character is a suffix, not shortened from
        (["相談"], "相"),  # one part: nothing to shorten
        (["パソコン", "ID"], "パソID"),
        (["個人", "情報", "保護", "法"], "個人情報保護法"),  # never the word itself
    ],
)
def test_no_shortening_from_suffixes_single_parts_or_mixed_scripts(parts: list[str], not_short: str) -> None:
    assert not_short not in shortenings(parts)


def test_only_first_characters_without_whole_parts() -> None:
    assert shortenings(["母子", "健康", "手帳"], whole_parts=False) == {"母健", "母手"}


def test_shortenings_map_to_the_known_compounds_unless_known_themselves(searcher: Searcher) -> None:
    vocabulary = ["w:特別養護老人ホーム", "w:国民健康保険", "w:母子健康手帳", "w:運転免許証", "w:運転免許"]
    found = abbreviations_of(vocabulary, searcher.analyzer.parts)
    assert found["特養"] == ("特別養護老人ホーム",)
    assert found["国保"] == ("国民健康保険",)
    assert found["母子手帳"] == ("母子健康手帳",)
    assert "運転免許" not in found, "a known word means itself"


def test_katakana_words_joined_by_a_middle_dot_are_shortened_as_one() -> None:
    vocabulary = {"w:ファミリー": 0, "w:サポート": 1, "w:センター": 2, "w:ワンストップ": 3}
    texts = ["【ファミリー・サポート・センター】登録", "ワンストップ・サービス"]
    found = phrase_abbreviations(texts, vocabulary)
    assert found["ファミサポ"] == ("サポート", "ファミリー")
    assert found["ファミセン"] == ("センター", "ファミリー")
    assert "ワンサー" not in found, "サービス is no word of this index"


FAQ = (
    FaqEntry(id="nursing-home", question="特別養護老人ホームに入所するには？", answer="申込書を出します。"),
    FaqEntry(id="handbook", question="母子健康手帳はどこでもらえますか。", answer="保健センターで渡します。"),
    FaqEntry(id="insurance", question="国保の保険料はどのように決まりますか。", answer="所得によります。"),
    FaqEntry(id="daycare", question="保育園の申込みはどこでしますか。", answer="保育課で受け付けます。"),
    FaqEntry(id="bulky", question="粗大ごみの申込みはどこでしますか。", answer="受付センターへどうぞ。"),
    FaqEntry(id="privacy", question="個人情報を扱うときの注意点は？", answer="持ち出さないでください。"),
    FaqEntry(id="family-support", question="ファミリー・サポート・センターとは？", answer="預かりです。"),
    FaqEntry(id="screenshot", question="画面を保存したい（スクリーンショット）", answer="キーを押します。"),
)


@pytest.fixture(scope="module")
def ward(kb: KnowledgeBase) -> Searcher:
    return own_faq_searcher(kb, FAQ)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("特養に入りたい", "nursing-home"),
        ("母子手帳はどこでもらえますか", "handbook"),
        ("国民健康保険の保険料はどうやって決まるの", "insurance"),  # the FAQ writes the short form
        ("ファミサポに登録したい", "family-support"),  # words joined by ・
        ("スクショのとりかた", "screenshot"),
    ],
)
def test_a_shortened_or_full_word_finds_the_entry_written_the_other_way(
    ward: Searcher, query: str, expected: str
) -> None:
    result = ward.search(query)
    assert result.ranking.unknown_nouns == ()
    assert result.hits[0].entry.id == expected


def test_a_katakana_shortening_drops_the_doubling_at_a_cut(ward: Searcher) -> None:
    # スクリーンショット gives スクショ, which staff type; スクショッ is no word anyone writes.
    assert ward.index.abbreviations["スクショ"] == ("スクリーンショット",)
    assert "スクショッ" not in ward.index.abbreviations


def test_a_longer_compound_is_not_read_as_its_first_parts(ward: Searcher) -> None:
    # 個人情報保護法 is no 個人情報: the first parts whole are no shortening read the other way round.
    assert "w:個人情報" in ward.index.vocabulary
    result = ward.search("個人情報保護法ってそもそも何年にできたの？")
    assert result.ranking.unknown_nouns == ("個人情報保護法",)


def test_the_probe_tells_the_shortenings_made_from_the_missed(searcher: Searcher) -> None:
    made = {short: ok for short, _, ok in recall(searcher.analyzer)}
    assert all(made[short] for short in ("特養", "国保", "パワハラ", "パソコン"))
    assert not made["スマホ"], "スマートフォン is one part: another pattern"


def test_a_noun_too_short_for_two_parts_is_not_split(searcher: Searcher) -> None:
    split: list[str] = []

    def parts(word: str) -> tuple[str, ...]:
        split.append(word)
        return searcher.analyzer.parts(word)

    vocabulary = searcher.index.vocabulary
    short = sorted({term[2:] for term in vocabulary if term.startswith("w:") and len(term) < 6})
    assert len(short) > 100
    for noun in short:  # what splitting would have found: nothing, for every noun under four characters
        assert expansions({}, vocabulary, noun, parts) == ()
        assert not shortenings(searcher.analyzer.parts(noun), whole_parts=False)
    assert split == [], "no noun of three characters or fewer is split"
    known = {"w:国保": 0, "w:株会": 1}
    assert expansions({}, known, "国民健康保険", parts) == ("国保",)
    assert expansions({}, known, "㍿", parts) == ("株会",), "NFKC makes 株式会社 of it: split"
    assert split == ["国民健康保険", "㍿"]


def test_a_known_shortening_means_its_compound_only_when_the_dictionary_agrees(searcher: Searcher) -> None:
    words = ["国保", "国民健康保険", "国民年金保険料", "司書", "司法書士", "印鑑登録", "印鑑登録証明書"]
    vocabulary = ["w:" + word for word in words]
    pairs = known_shortenings(vocabulary, searcher.analyzer.parts, searcher.analyzer.synonym_groups)
    assert pairs["国保"] == ("国民健康保険",), "国民年金保険料 gives 国保 too, but is no 国民健康保険"
    assert "国民健康保険" not in pairs, "only a query's shortening brings the compound"
    assert "司書" not in pairs, "a librarian is no 司法書士, though the kanji fit"
    assert "印鑑登録" not in pairs, "a compound's first parts whole are a topic of their own"


MIXED_FAQ = (
    FaqEntry(id="pay", question="国民健康保険の保険料の納め方は？", answer="口座振替か納付書で納めます。"),
    FaqEntry(id="join", question="国民健康保険に加入するには？", answer="届出をしてください。"),
    FaqEntry(id="household", question="世帯に国保の人と社会保険の人がいます。", answer="国保の人の分です。"),
    FaqEntry(id="pension", question="国民年金保険料の納め方を教えてください。", answer="納付書で納めます。"),
    FaqEntry(id="bulky", question="粗大ごみの申込みはどこでしますか。", answer="受付センターへどうぞ。"),
)


@pytest.fixture(scope="module")
def counter(kb: KnowledgeBase) -> Searcher:
    return own_faq_searcher(kb, MIXED_FAQ)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("国保の納め方", "pay"),  # most entries write it in full; one writes 国保 about something else
        ("国保に加入したい", "join"),
    ],
)
def test_a_shortening_the_faq_also_writes_finds_the_entries_written_in_full(
    counter: Searcher, query: str, expected: str
) -> None:
    assert counter.index.shortened["国保"] == ("国民健康保険",)
    result = counter.search(query)
    assert result.ranking.unknown_nouns == ()
    assert result.hits[0].entry.id == expected


DOUBLE_FAQ = (
    FaqEntry(
        id="pay", question="国民健康保険料の納め方を教えてください。", answer="口座振替か納付書で納めます。"
    ),
    FaqEntry(id="join", question="国民健康保険に加入するには？", answer="国民健康保険の届出をしてください。"),
    FaqEntry(
        id="leave", question="国民健康保険をやめるには？", answer="国民健康保険の脱退の届出をしてください。"
    ),
    FaqEntry(
        id="move", question="引っ越したときの国民健康保険の手続きは？", answer="転入の届出をしてください。"
    ),
    FaqEntry(
        id="household",
        question="同じ世帯に国保の人と社会保険の人がいます。",
        answer="国民健康保険の保険料は、国保の人の分だけ世帯主に届きます。",
    ),
    FaqEntry(id="bulky", question="粗大ごみの申込みはどこでしますか。", answer="受付センターへどうぞ。"),
)


@pytest.fixture(scope="module")
def double(kb: KnowledgeBase) -> Searcher:
    return own_faq_searcher(kb, DOUBLE_FAQ)


def test_a_shortening_weighs_no_more_than_its_compound(double: Searcher) -> None:
    """The few entries writing 国保 (and 国民健康保険 besides) do not outrank the one that answers."""
    assert double.index.shortened["国保"] == ("国民健康保険",)
    assert double.search("国保の納め方").hits[0].entry.id == "pay"
