"""Score a query against the index, rerank the best with rapidfuzz, gather evidence.

The evidence (coverage, unknown words, fuzzy similarity) is what the decision needs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz

from bot.search.analyzer import Analysis, Analyzer
from bot.search.index import KINDS, Entry, Kind, SearchIndex
from bot.search.normalize import gram_text, normalize

__all__ = ["Candidate", "Ranking", "rank"]

VIEW_WEIGHTS = {"w": 1.0, "s": 0.5, "g": 0.35, "r": 0.35}
"""Weight of each term view in a query; words carry meaning, n-grams are the safety net."""

KIND_WEIGHTS: dict[Kind, float] = {
    "faq": 1.0,
    "referral": 1.0,
    "smalltalk": 0.8,
    "manual": 0.85,
    "case": 0.8,
}
"""The FAQ is the curated answer: when a manual section fits as well, the FAQ ranks first."""

WHOLE_WEIGHT = 0.5
"""Weight of the entry's whole text (answer, body) against its best unit."""

_KIND_WEIGHT_ARRAY = np.array([KIND_WEIGHTS[k] for k in KINDS], dtype=np.float32)

RERANK_DEPTH = 12
CURATED_RATIO = 0.6

FOCUS_MIN_CHARS = 40
FOCUS_BOOST = 1.8
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked entry with the evidence for it."""

    entry: Entry
    number: int
    score: float
    relevance: float
    coverage: float
    fuzzy: float
    explained: float
    """Share of the query's content nouns that the entry mentions (1.0 when it has none).

    For a long message, the better of the whole message and its closing question.
    """


@dataclass(frozen=True, slots=True)
class Ranking:
    """Candidates best first, and what the query itself contains."""

    analysis: Analysis
    candidates: tuple[Candidate, ...]
    query_weight: float
    unknown_share: float
    unknown_nouns: tuple[str, ...]


def _query_terms(
    index: SearchIndex, analysis: Analysis, focus: Analysis | None
) -> list[tuple[int, float, str]]:
    """Known query terms with their weights: ``(term id, weight, view)``.

    Terms of the ``focus`` (the closing question of a long message) weigh more.
    """
    counts = Counter(analysis.terms)
    focused = Counter(focus.terms) if focus is not None else Counter()
    terms = []
    for term, count in counts.items():
        term_id = index.vocabulary.get(term)
        if term_id is None:
            continue
        boost = FOCUS_BOOST if term in focused else 1.0
        terms.append((term_id, VIEW_WEIGHTS[term[0]] * (1.0 + math.log(count)) * boost, term[0]))
    return terms


def _focus(analyzer: Analyzer, analysis: Analysis) -> Analysis | None:
    """The closing sentences of a long message, where staff put their question."""
    if len(analysis.normalized) < FOCUS_MIN_CHARS:
        return None
    sentences = [s for s in _SENTENCE_END.split(analysis.normalized) if s.strip()]
    if len(sentences) < 2:
        return None
    tail = sentences[-1]
    if len(tail) < 12:
        tail = sentences[-2] + "。" + tail
    return analyzer.analyze(tail)


def rank(index: SearchIndex, analyzer: Analyzer, query: str, limit: int = 10) -> Ranking:
    """Rank every entry for ``query``; never raises on odd input."""
    analysis = analyzer.analyze(query)
    focus = _focus(analyzer, analysis)
    terms = _query_terms(index, analysis, focus)
    unknown = _unknown_nouns(index, analysis)
    nouns = set(analysis.nouns)
    unknown_share = len(unknown) / len(nouns) if nouns else 0.0
    n_entries = len(index.entries)
    if not terms or n_entries == 0:
        return Ranking(analysis, (), 0.0, unknown_share, unknown)

    unit_scores = np.zeros(len(index.unit_texts), dtype=np.float32)
    whole_scores = np.zeros(n_entries, dtype=np.float32)
    covered = np.zeros(n_entries, dtype=np.float32)
    query_weight = 0.0
    for term_id, weight, view in terms:
        docs, weights = index.units.of(term_id)
        unit_scores[docs] += weight * weights
        docs, weights = index.whole.of(term_id)
        whole_scores[docs] += weight * weights
        if view in ("w", "s"):
            idf = float(index.idf[term_id])
            covered[docs] += weight * idf
            query_weight += weight * idf
    # Words of the query the index has never seen still count against coverage.
    query_weight += len(unknown) * VIEW_WEIGHTS["w"] * _max_idf(index)

    best_unit = np.maximum.reduceat(unit_scores, index.unit_starts)
    scores = (best_unit + WHOLE_WEIGHT * whole_scores) * _KIND_WEIGHT_ARRAY[index.kinds]
    depth = min(RERANK_DEPTH, n_entries)
    top = np.argpartition(-scores, depth - 1)[:depth]
    top = top[np.argsort(-scores[top], kind="stable")]
    top = top[scores[top] > 0]

    numbers = top.tolist()
    numbers += [f for n in numbers for f in index.curated.get(n, ()) if f not in numbers]
    norm = _self_score(index, terms)
    candidates = []
    for number in numbers:
        fuzzy = max(
            (fuzz.partial_ratio(analysis.fuzzy_text, index.unit_texts[u]) for u in index.entry_units(number)),
            default=0.0,
        )
        relevance = float(scores[number]) / norm if norm else 0.0
        coverage = float(covered[number]) / query_weight if query_weight else 0.0
        final = relevance * (0.75 + 0.5 * fuzzy / 100)
        explained = _explained(index, analysis, number)
        if focus is not None:
            explained = max(explained, _explained(index, focus, number))
            coverage = max(coverage, _coverage(index, focus, number))
        candidates.append(
            Candidate(index.entries[number], number, final, relevance, coverage, fuzzy / 100, explained)
        )
    candidates = _prefer_curated(index, candidates)
    candidates.sort(key=lambda c: -c.score)
    return Ranking(analysis, tuple(candidates[:limit]), query_weight, unknown_share, unknown)


def _prefer_curated(index: SearchIndex, candidates: list[Candidate]) -> list[Candidate]:
    """Let an FAQ entry that cites a better-scoring section or case rank just above it.

    The manual and the cases explain; the FAQ entry that cites them is the
    curated answer to the question, so it comes first when it fits nearly as well.
    """
    by_number = {c.number: c for c in candidates}
    for cited in sorted(candidates, key=lambda c: c.score):
        for number in index.curated.get(cited.number, ()):
            faq = by_number.get(number)
            if faq is not None and CURATED_RATIO * cited.score <= faq.score < cited.score:
                by_number[number] = replace(faq, score=cited.score * 1.001)
    return list(by_number.values())


def _contains(index: SearchIndex, term_id: int, number: int) -> bool:
    docs, _ = index.whole.of(term_id)
    at = int(np.searchsorted(docs, number))
    return at < len(docs) and int(docs[at]) == number


def _coverage(index: SearchIndex, analysis: Analysis, number: int) -> float:
    """Idf-weighted share of the words (and synonyms) of ``analysis`` that the entry contains."""
    total = covered = 0.0
    for term in set(analysis.terms):
        if term[0] not in ("w", "s"):
            continue
        term_id = index.vocabulary.get(term)
        weight = VIEW_WEIGHTS[term[0]] * (
            float(index.idf[term_id]) if term_id is not None else _max_idf(index)
        )
        total += weight
        if term_id is not None and _contains(index, term_id, number):
            covered += weight
    return covered / total if total else 0.0


def _max_idf(index: SearchIndex) -> float:
    return float(index.idf.max(initial=1.0))


def _explained(index: SearchIndex, analysis: Analysis, number: int) -> float:
    """Share of the query's nouns the entry mentions, by word, word part or synonym."""
    if not analysis.noun_terms:
        return 1.0
    explained = 0
    for options in analysis.noun_terms:
        for term in options:
            term_id = index.vocabulary.get(term)
            if term_id is None:
                continue
            if _contains(index, term_id, number):
                explained += 1
                break
    return explained / len(analysis.noun_terms)


def _self_score(index: SearchIndex, terms: list[tuple[int, float, str]]) -> float:
    """What the query would score against a unit equal to itself (tf 1, average length)."""
    return sum(weight * float(index.idf[t]) for t, weight, _ in terms) * (1 + WHOLE_WEIGHT)


def _unknown_nouns(index: SearchIndex, analysis: Analysis) -> tuple[str, ...]:
    """Content nouns of the query that no entry knows, as a word or by its characters."""
    unknown = []
    for noun in dict.fromkeys(analysis.nouns):
        if "w:" + noun in index.vocabulary:
            continue
        text = gram_text(normalize(noun))
        grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
        known = sum(1 for g in grams if "g:" + g in index.vocabulary)
        if known < len(grams):
            unknown.append(noun)
    return tuple(unknown)
