"""Topic words typed in hiragana, read as the knowledge's own nouns (`bot.search.hiragana`)."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.schema import FaqEntry
from bot.search import Searcher
from bot.search.ranker import rank
from tests.auxil.searchers import own_faq_searcher

ENTRIES = {
    "allowance": ("児童手当の申請はどこでできますか。", "区役所の子育て支援課で申請できます。"),
    "carcass": ("道路で動物の死体を見つけたときは？", "清掃事務所が回収します。"),
    "bags": ("指定のごみ袋はどこで買えますか。", "区内のスーパーで買えます。"),
    "tips": ("おすすめの窓口はどこですか。", "区民相談室です。"),
    "centre": ("新生の区民センターはいつ開きますか。", "4月に開きます。"),
}


@pytest.fixture(scope="module")
def own(kb: KnowledgeBase) -> Searcher:
    faq = tuple(FaqEntry(id=id_, question=q, answer=a) for id_, (q, a) in ENTRIES.items())
    return own_faq_searcher(kb, faq)


def nouns(searcher: Searcher, query: str) -> tuple[str, ...]:
    return rank(searcher.index, searcher.analyzer, query).analysis.nouns


def test_a_hiragana_compound_is_the_knowledges_noun(own: Searcher) -> None:
    analysis = rank(own.index, own.analyzer, "じどうてあてのしんせい").analysis
    assert {"児童手当", "申請"} <= set(analysis.nouns)
    allowance = analysis.noun_terms[analysis.nouns.index("児童手当")]
    assert {"w:児童手当", "w:児童", "w:手当"} <= set(allowance)
    assert "w:児童手当" in analysis.terms


@pytest.mark.parametrize(
    "query",
    [
        "こと ところ ため もの これ できる",
        "ごみを回収したい",  # したい reads as 死体, which the knowledge has
        "ここに置いていいですか",  # していい's してい reads as 指定
        "もったいないのでやめたいです",
    ],
)
def test_grammar_in_hiragana_is_no_noun(own: Searcher, query: str) -> None:
    analysis = rank(own.index, own.analyzer, query).analysis
    assert not {"死体", "指定", "事", "所", "為"} & set(analysis.nouns)
    assert "w:死体" not in analysis.terms
    assert "w:指定" not in analysis.terms


def test_a_word_the_knowledge_writes_in_kana_is_no_topic_of_it(own: Searcher) -> None:
    # おすすめ gives the term 御勧め, yet the knowledge writes it in kana: a topic of none of its entries.
    assert "w:御勧め" in own.index.vocabulary
    assert "御勧め" not in nouns(own, "おすすめのみせ")


def test_an_unknown_hiragana_word_stays_unknown(own: Searcher) -> None:
    ranking = rank(own.index, own.analyzer, "すいぞくかんのにゅうじょうりょう")
    assert ranking.analysis.nouns == ()
    assert ranking.unknown_nouns == ()


def test_a_hiragana_reading_shared_by_known_nouns_is_one_noun_either_explains(own: Searcher) -> None:
    analysis = rank(own.index, own.analyzer, "しんせいのばしょ").analysis
    (either,) = [terms for terms in analysis.noun_terms if "w:申請" in terms]
    assert "w:新生" in either
    assert len(analysis.nouns) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ぎょうむかいぜんのてびきはどこ？", "method-manual"),
        ("しょうこにもとづくせいさくりつあんってなに", "policy-ebpm"),
        ("ぎょうむりょうちょうさのやりかた", "method-inventory"),
        # An acronym spelled out, asked what it is: found nothing, read whole as アールピーエーッテナニ.
        ("あーるぴーえーってなに", "tool-rpa-basics"),
        ("あーるぴーえーってなんですか", "tool-rpa-basics"),
        ("あーるぴーえーのこと", "tool-rpa-basics"),
        ("えーあいおーしーあーるってなに", "tool-ocr-basics"),
    ],
)
def test_a_query_typed_in_hiragana_is_answered(searcher: Searcher, query: str, expected: str) -> None:
    result = searcher.search(query)
    assert result.decision == "answer", result.ranking.analysis.nouns
    assert result.hits[0].entry.id == expected
