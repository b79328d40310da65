"""The two-stage scorer against a brute-force reference on the sample index.

The sample knowledge is small, so no term is common there; the thresholds are
lowered here so that stage 2 (common terms by binary search) runs as it does
on a 50k-entry FAQ.
"""

from __future__ import annotations

import math
import threading
from collections import Counter

import numpy as np
import numpy.typing as npt
import pytest

from bot.search import Searcher, postings, ranker, scoring
from bot.search.index import NGRAM_MAX_DF_SHARE, NGRAM_MIN_DF, NGRAM_VIEWS, SearchIndex
from bot.search.ranker import _KIND_WEIGHT_ARRAY, _query_terms
from bot.search.scoring import WHOLE_WEIGHT, EntryScorer, _Scratch

QUERIES = [
    "RPAの導入事例を知りたい",
    "紙の申請書をAI-OCRで読み取って入力を減らしたい",
    "業務改善の相談はどこにすればいいですか",
    "個人情報をクラウドに保存してもいいの？",
]


def _terms(searcher: Searcher, query: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    analysis = searcher.analyzer.analyze(query)
    terms = _query_terms(searcher.index, analysis, None)
    return terms.ids, terms.weights


def _reference(
    index: SearchIndex, term_ids: npt.NDArray[np.int64], weights: npt.NDArray[np.float32], common: set[int]
) -> dict[int, float]:
    """Score every entry term by term: best unit over the selective terms, whole text over all."""
    unit_scores: dict[int, float] = {}
    whole_scores: dict[int, float] = {}
    for term_id, weight in zip(term_ids.tolist(), weights.tolist(), strict=True):
        if term_id not in common:
            docs, values = index.units.of(term_id)
            for doc, value in zip(docs.tolist(), values.tolist(), strict=True):
                unit_scores[doc] = unit_scores.get(doc, 0.0) + weight * value
        docs, values = index.whole.of(term_id)
        for doc, value in zip(docs.tolist(), values.tolist(), strict=True):
            whole_scores[doc] = whole_scores.get(doc, 0.0) + weight * value
    best: dict[int, float] = {}
    for unit, score in unit_scores.items():
        entry = int(index.unit_entry[unit])
        best[entry] = max(best.get(entry, 0.0), score)
    return {
        entry: (best.get(entry, 0.0) + WHOLE_WEIGHT * whole) * float(_KIND_WEIGHT_ARRAY[index.kinds[entry]])
        for entry, whole in whole_scores.items()
    }


def _common_ids(index: SearchIndex, term_ids: npt.NDArray[np.int64]) -> set[int]:
    limit = max(scoring.COMMON_MIN_DF, scoring.COMMON_DF_SHARE * len(index.entries))
    common = [int(t) for t in term_ids if index.df[t] > limit]
    if len(common) == len(term_ids):
        common.remove(min(common, key=lambda t: int(index.df[t])))
    return set(common)


@pytest.fixture(params=[False, True], ids=["one-stage", "two-stage"])
def common_terms(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if request.param:
        monkeypatch.setattr(scoring, "COMMON_MIN_DF", 3)
        monkeypatch.setattr(scoring, "COMMON_DF_SHARE", 0.0)
    return bool(request.param)


@pytest.mark.parametrize("query", QUERIES)
def test_top_entries_score_as_the_reference(searcher: Searcher, common_terms: bool, query: str) -> None:
    index = searcher.index
    term_ids, weights = _terms(searcher, query)
    common = _common_ids(index, term_ids)
    assert bool(common) == common_terms
    expected = _reference(index, term_ids, weights, common)

    with EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY) as scorer:
        numbers, scores = scorer.top(8)
        everything = scorer.exact(sorted(expected))

    assert numbers, query
    assert scores.tolist() == sorted(scores.tolist(), reverse=True)
    for number, score in zip(numbers, scores.tolist(), strict=True):
        assert score == pytest.approx(expected[number], rel=1e-5)
    assert everything == pytest.approx([expected[n] for n in sorted(expected)], rel=1e-5)
    if not common:  # stage 1 is exact: the top is the reference's top
        best = sorted(expected, key=lambda n: -expected[n])[:8]
        assert [expected[n] for n in numbers] == pytest.approx([expected[n] for n in best], rel=1e-5)


@pytest.mark.parametrize("query", QUERIES)
def test_best_of_keeps_the_best_given_entries_once_each(
    searcher: Searcher, common_terms: bool, query: str
) -> None:
    index = searcher.index
    term_ids, weights = _terms(searcher, query)
    expected = _reference(index, term_ids, weights, _common_ids(index, term_ids))
    every, every_third = range(len(index.entries)), range(0, len(index.entries), 3)
    given = np.array([*every, *every_third], dtype=np.int32)  # some entries twice

    with EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY) as scorer:
        numbers, scores = scorer.best_of(given, 5)

    assert numbers == sorted(set(numbers))
    assert len(numbers) == 5
    assert scores == pytest.approx([expected[n] for n in numbers], rel=1e-5)
    assert min(scores) > 0
    if not common_terms:  # stage 1 is exact: the best of the reference are kept
        best = sorted(expected, key=lambda n: -expected[n])[:5]
        kept = sorted(expected[n] for n in numbers)
        assert kept == pytest.approx(sorted(expected[n] for n in best), rel=1e-5)


def test_best_of_leaves_out_the_entries_besides(searcher: Searcher, common_terms: bool) -> None:
    index = searcher.index
    term_ids, weights = _terms(searcher, QUERIES[0])
    every = list(range(len(index.entries)))
    given = np.array([*every, 0, 1], dtype=np.int32)  # some entries twice
    with EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY) as scorer:
        best, _ = scorer.best_of(given, 5)
        others, scores = scorer.best_of(given, 5, besides=best)
        exact = scorer.exact(every).tolist()
    assert len(others) == 5
    assert others == sorted(others)
    assert not set(others) & set(best)
    assert scores.tolist() == [exact[n] for n in others]


@pytest.mark.parametrize("query", QUERIES)
def test_held_matches_the_postings(searcher: Searcher, common_terms: bool, query: str) -> None:
    index = searcher.index
    term_ids, weights = _terms(searcher, query)
    chosen = [0, 5, 17, len(index.entries) - 1]
    with EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY) as scorer:
        numbers, _ = scorer.top(8)
        chosen += [n for n in numbers if n not in chosen]
        held = scorer.held(chosen)

    for row, term_id in enumerate(term_ids.tolist()):
        docs = set(index.whole.of(term_id)[0].tolist())
        assert held[row].tolist() == [n in docs for n in chosen]


def test_scratch_is_clean_after_a_query_and_dropped_after_an_error(searcher: Searcher) -> None:
    index = searcher.index
    term_ids, weights = _terms(searcher, QUERIES[0])
    with EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY) as scorer:
        numbers, _ = scorer.top(8)
        scorer.best_of(np.arange(len(index.entries), dtype=np.int32), 5, besides=numbers)
    scratch = _Scratch.of(index)
    assert not scratch.units.any()
    assert not scratch.best.any()
    assert not scratch.whole.any()
    assert not scratch.first.any()
    assert not scratch.flags.any()

    with pytest.raises(RuntimeError), EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY):
        raise RuntimeError("interrupted")
    assert _Scratch.of(index) is not scratch


def test_threads_score_independently(searcher: Searcher) -> None:
    index = searcher.index
    prepared = [_terms(searcher, q) for q in QUERIES]

    def scores_of(term_ids: npt.NDArray[np.int64], weights: npt.NDArray[np.float32]) -> list[float]:
        with EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY) as scorer:
            return [float(score) for score in scorer.top(8)[1]]

    expected = [scores_of(*p) for p in prepared]
    results: dict[tuple[int, int], list[float]] = {}

    def work(worker: int) -> None:
        for _ in range(20):
            for number, p in enumerate(prepared):
                results[worker, number] = scores_of(*p)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 * len(QUERIES)
    assert all(results[w, n] == expected[n] for w, n in results)


def test_query_terms_keep_every_word_and_only_the_rarest_n_grams_of_each_view(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ranker, "MAX_NGRAMS_PER_VIEW", 5)
    index = searcher.index
    analysis = searcher.analyzer.analyze(
        "紙の申請書の入力が大変で、紙の書類を減らしたい。RPAの導入は誰に相談すればいいですか"
    )
    focus = searcher.analyzer.analyze("RPAの導入は誰に相談すればいいですか")
    terms = _query_terms(index, analysis, focus)

    said = Counter(analysis.terms) + Counter(t for t in focus.terms if t not in analysis.terms)
    known = {t for t in said if t in index.vocabulary}
    limit = max(NGRAM_MIN_DF, NGRAM_MAX_DF_SHARE * len(index.entries))
    expected = {t for t in known if t[0] not in NGRAM_VIEWS}
    for view in NGRAM_VIEWS:
        grams = sorted((int(index.df[index.vocabulary[t]]), t) for t in known if t[0] == view)
        expected |= {t for df, t in grams if df <= limit}.intersection(t for _, t in grams[:5])
    assert set(terms.rows) == expected
    assert sum(t[0] == "g" for t in terms.rows) == 5, "more than five bigrams are known: the five rarest"
    for term, row in terms.rows.items():
        assert terms.ids[row] == index.vocabulary[term]
        boost = ranker.FOCUS_BOOST if term in focus.terms else 1.0
        wanted = ranker.VIEW_WEIGHTS[term[0]] * (1 + math.log(said[term])) * boost
        assert terms.weights[row] == pytest.approx(wanted), term


Scored = tuple[list[int], list[float], list[int], list[float], list[list[bool]]]


def _scored(searcher: Searcher, query: str) -> Scored:
    """Everything the ranker reads from a scorer for ``query``: top, best of every entry, terms held."""
    index = searcher.index
    term_ids, weights = _terms(searcher, query)
    with EntryScorer(index, term_ids, weights, _KIND_WEIGHT_ARRAY) as scorer:
        numbers, scores = scorer.top(12)
        given = np.arange(len(index.entries), dtype=np.int32)
        others, other_scores = scorer.best_of(given, 8, besides=numbers)
        held = scorer.held(numbers + others)
    return numbers, scores.tolist(), others, other_scores.tolist(), held.tolist()


@pytest.mark.parametrize("query", [*QUERIES, "業務改善ってなにから初めればいいの", "RPA"])
def test_long_postings_score_term_by_term_exactly_as_all_at_once(
    searcher: Searcher, common_terms: bool, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """Block copies and term-by-term sums of long postings score bit for bit as ever; the scratch ends clean.

    The sample's postings are short, so the thresholds force each way in turn.
    """
    monkeypatch.setattr(scoring, "DENSE_POSTINGS", 10**9)
    monkeypatch.setattr(scoring, "CLEAR_ALL_SHARE", 0)
    monkeypatch.setattr(postings, "SLICED_TERMS", -1)
    all_at_once = _scored(searcher, query)
    monkeypatch.setattr(scoring, "DENSE_POSTINGS", 0)
    monkeypatch.setattr(scoring, "CLEAR_ALL_SHARE", 10**9)
    monkeypatch.setattr(postings, "SLICED_TERMS", 10**9)
    monkeypatch.setattr(scoring, "SLICED_TERMS", 10**9)
    term_by_term = _scored(searcher, query)

    assert term_by_term == all_at_once
    assert term_by_term[0], query
    index = searcher.index
    term_ids, weights = _terms(searcher, query)
    expected = _reference(index, term_ids, weights, _common_ids(index, term_ids))
    for number, score in zip(term_by_term[0], term_by_term[1], strict=True):
        assert score == pytest.approx(expected[number], rel=1e-5)
    scratch = _Scratch.of(index)
    assert not scratch.units.any()
    assert not scratch.best.any()
    assert not scratch.whole.any()
    assert not scratch.first.any()
