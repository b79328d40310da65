"""Postings are built a run of documents at a time, with the weights of a direct BM25 computation."""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
import numpy.typing as npt
import pytest

from bot.knowledge import KnowledgeBase
from bot.search import index as index_module
from bot.search import postings
from bot.search.analyzer import Analysis, Analyzer
from bot.search.index import Analyses, SearchIndex, build_index, sources_of
from bot.search.postings import K1, B, Postings, TermCounts

Pairs = list[list[tuple[int, float]]]
"""Each term's documents and weights."""


def counted(documents: list[list[int]], n_terms: int, idf: npt.NDArray[np.float32]) -> Postings:
    lengths = np.array([len(d) for d in documents], dtype=np.int64)
    flat = np.array([t for d in documents for t in d], dtype=np.int32)
    offsets = np.concatenate(([0], np.cumsum(lengths)))

    def occurrences(start: int, end: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
        owners = np.repeat(np.arange(start, end), lengths[start:end])
        return flat[offsets[start] : offsets[end]], owners

    counts = TermCounts(lengths, n_terms, occurrences)
    assert counts.document_frequency.tolist() == [len(d) for d in direct(documents, n_terms, idf)]
    return counts.bm25_postings(idf)


def direct(documents: list[list[int]], n_terms: int, idf: npt.NDArray[np.float32]) -> Pairs:
    """Each term's (document, weight) pairs, computed one pair at a time."""
    average = sum(map(len, documents)) / len(documents) if documents else 1.0
    found: Pairs = [[] for _ in range(n_terms)]
    for number, document in enumerate(documents):
        for term, tf in sorted(Counter(document).items()):
            norm = K1 * (1 - B + B * len(document) / average)
            found[term].append((number, float(np.float32(float(idf[term]) * tf * (K1 + 1) / (tf + norm)))))
    return found


def as_lists(built: Postings, n_terms: int) -> Pairs:
    return [list(zip(*(a.tolist() for a in built.of(t)), strict=True)) for t in range(n_terms)]


@pytest.mark.parametrize("run", [1, 7, 100, postings.RUN])
def test_postings_are_those_of_a_direct_computation(monkeypatch: pytest.MonkeyPatch, run: int) -> None:
    monkeypatch.setattr(postings, "RUN", run)
    rng = np.random.default_rng(3)
    n_terms = 40
    documents = [rng.integers(0, n_terms, rng.integers(0, 30)).tolist() for _ in range(60)]
    documents[5] = []
    documents[17] = [3] * 300 + [4]  # a count that needs more than a byte
    idf = rng.random(n_terms, dtype=np.float32) * 5
    built = counted(documents, n_terms, idf)
    assert built.indptr.dtype == np.int64
    assert built.docs.dtype == np.int32
    assert built.weights.dtype == np.float32
    assert as_lists(built, n_terms) == direct(documents, n_terms, idf)


def test_no_documents_give_empty_postings() -> None:
    built = counted([], 3, np.ones(3, dtype=np.float32))
    assert built.indptr.tolist() == [0, 0, 0, 0]
    assert len(built.docs) == len(built.weights) == 0


def test_units_and_whole_texts_are_counted_from_their_analyses(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = sources_of(kb)
    analyzer = Analyzer(kb.synonyms)
    index = build_index(sources, analyzer, kb.synonyms)
    ids = index.vocabulary

    def terms(text: str, ngrams: bool) -> list[int]:
        return [ids[t] for t in analyzer.analyze(text, ngrams=ngrams).terms]

    units = [terms(unit, True) for source in sources for unit in source.units]
    wholes = [
        [t for unit in source.units for t in terms(unit, True)] + terms(source.body, False)
        for source in sources
    ]
    assert as_lists(index.units, len(ids)) == direct(units, len(ids), index.idf)
    assert as_lists(index.whole, len(ids)) == direct(wholes, len(ids), index.idf)
    assert index.df.tolist() == [len(w) for w in direct(wholes, len(ids), index.idf)]

    monkeypatch.setattr(postings, "RUN", 50)
    assert same(build_index(sources, analyzer, kb.synonyms), index)


def same(one: SearchIndex, other: SearchIndex) -> bool:
    def equal(a: object, b: object) -> bool:
        if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
            return a.dtype == b.dtype and np.array_equal(a, b)
        if isinstance(a, Postings) and isinstance(b, Postings):
            return all(equal(getattr(a, f), getattr(b, f)) for f in ("indptr", "docs", "weights"))
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
        return a == b

    return all(equal(getattr(one, f.name), getattr(other, f.name)) for f in dataclasses.fields(one))


def test_a_build_from_an_earlier_builds_analyses_equals_a_fresh_build(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit, a build through the memo analyses only the new texts and gives the same index."""
    sources = sources_of(kb)
    analyzer = Analyzer(kb.synonyms)
    memo = Analyses()
    build_index(sources, analyzer, kb.synonyms, memo)
    edited = list(sources)
    edited[3] = dataclasses.replace(edited[3], body=edited[3].body + " 追記：手順を見直しました。")
    edited[5] = dataclasses.replace(edited[5], units=(*edited[5].units[:-1], "新しい言い回しの質問"))
    del edited[7]

    asked: list[str] = []
    analyze = analyzer.analyze

    def counting(text: str, *, ngrams: bool = True) -> Analysis:
        asked.append(text)
        return analyze(text, ngrams=ngrams)

    monkeypatch.setattr(analyzer, "analyze", counting)
    again = build_index(edited, analyzer, kb.synonyms, memo)
    assert sorted(set(asked)) == sorted({edited[3].body, "新しい言い回しの質問"})
    monkeypatch.undo()
    fresh = build_index(edited, analyzer, kb.synonyms)
    assert same(again, fresh)
    assert list(again.vocabulary) == list(fresh.vocabulary)


def test_analysis_in_worker_processes_gives_the_same_index(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = sources_of(kb)
    analyzer = Analyzer(kb.synonyms)
    alone = build_index(sources, analyzer, kb.synonyms)
    monkeypatch.setattr(index_module, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(index_module, "_CHUNK", 97)
    assert same(build_index(sources, analyzer, kb.synonyms), alone)
