"""Everyday words read as the official ones a FAQ writes, through Sudachi's synonym groups."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.knowledge import FaqEntry, KnowledgeBase
from bot.search import Searcher
from bot.search.synonymy import synonym_groups_of, synonyms_meant
from tests.auxil.searchers import own_faq_searcher


@pytest.mark.parametrize(
    ("everyday", "official"),
    [
        ("子ども手当", "児童手当"),
        ("葬式", "葬儀"),
        ("残業", "時間外勤務"),
        ("有休", "年次休暇"),
        ("判子", "印鑑"),
    ],
)
def test_an_everyday_word_shares_a_group_with_the_official_one(
    searcher: Searcher, everyday: str, official: str
) -> None:
    known = synonym_groups_of(["w:" + official, "g:手当", "w:会議"], searcher.analyzer.synonym_groups)
    assert synonyms_meant(known, searcher.analyzer.synonym_groups(everyday)) == (official,)


def test_words_outside_a_group_or_not_one_dictionary_word_mean_nothing(searcher: Searcher) -> None:
    groups = searcher.analyzer.synonym_groups
    known = synonym_groups_of(["w:児童手当", "w:葬儀"], groups)
    assert synonyms_meant(known, groups("鑑札")) == ()  # in no group
    assert groups("子ども手当の申請") == (), "a phrase is no one word"


FAQ = (
    FaqEntry(id="allowance", question="児童手当の申請はどこでしますか。", answer="子育て支援課です。"),
    FaqEntry(id="funeral", question="区民葬儀の制度はありますか。", answer="指定の葬儀社で使えます。"),
    FaqEntry(id="after-school", question="児童クラブの利用申請はいつからですか。", answer="秋からです。"),
    FaqEntry(id="daycare", question="保育園の申込みはどこでしますか。", answer="保育課で受け付けます。"),
)


@pytest.fixture(scope="module")
def ward(kb: KnowledgeBase) -> Searcher:
    return own_faq_searcher(kb, FAQ)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("子ども手当の申請", "allowance"), ("安い葬式の制度", "funeral"), ("学童の申請", "after-school")],
)
def test_an_everyday_word_finds_the_entry_that_writes_the_official_one(
    ward: Searcher, query: str, expected: str
) -> None:
    result = ward.search(query)
    assert result.hits[0].entry.id == expected
    assert result.hits[0].explained == 1.0, "the entry mentions the everyday word, by its official one"
    assert len(result.ranking.unknown_nouns) == 1, "yet the word stays unknown to the decision"


def test_a_loose_group_never_makes_an_answer_sure(searcher: Searcher) -> None:
    # 配当 (a dividend) shares a group with 割り当て (an allocation); read as known it made
    # 「RPAベンダーの配当はいつ？」 an answer (the study sessions' entry at 0.63).
    result = searcher.search("RPAベンダーの配当はいつ？")
    assert result.ranking.unknown_nouns == ("配当",)
    assert result.decision != "answer"


def test_a_wards_own_group_of_several_words_counts_as_the_word_it_stands_for(kb: KnowledgeBase) -> None:
    """大型ごみ beside the FAQ's 粗大ごみ in synonyms.yaml: 大型 was an unknown noun and the group a synonym's
    weight, so 「大型ごみ 料金」 put 一時保育の料金 first and 「集会所 予約」 was never answered."""
    faq = (
        FaqEntry(
            id="bulky-fee", question="【粗大ごみ】粗大ごみの手数料はいくらですか。", answer="400円からです。"
        ),
        FaqEntry(
            id="bulky-day",
            question="【粗大ごみ】粗大ごみは何曜日に出せますか。",
            answer="申込み時にお伝えします。",
        ),
        FaqEntry(id="care-fee", question="【一時保育】一時保育の料金は？", answer="1時間300円です。"),
        FaqEntry(id="hall", question="区民会館の予約方法は？", answer="窓口かインターネットで予約できます。"),
    )
    groups = (("粗大ごみ", "大型ごみ"), ("区民会館", "集会所"))
    own = Searcher.build(replace(kb, faq=faq, synonyms=groups, fingerprint=""), semantic=False)
    for everyday, official, expected in (
        ("大型ごみ 料金", "粗大ごみ 料金", "bulky-fee"),
        ("集会所 予約", "区民会館 予約", "hall"),
    ):
        said, written = own.search(everyday), own.search(official)
        assert said.hits[0].entry.id == written.hits[0].entry.id == expected
        assert said.ranking.unknown_nouns == ()
        assert said.decision == written.decision
