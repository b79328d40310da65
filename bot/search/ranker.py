"""Score a query against the index, rerank the best with rapidfuzz, and gather the
evidence the decision needs.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from bot.search.analyzer import Analysis, Analyzer
from bot.search.normalize import gram_text, normalize
from bot.search.index import KINDS, Entry, Kind, SearchIndex

__all__ = ["Candidate", "Ranking", "rank"]

VIEW_WEIGHTS = {"w": 1.0, "s": 0.8, "g": 0.35, "r": 0.2}
"""Weight of each term view in a query; words carry meaning, n-grams are the safety net."""

KIND_WEIGHTS: dict[Kind, float] = {
    "faq": 1.0,
    "referral": 1.0,
    "smalltalk": 1.0,
    "manual": 0.85,
    "case": 0.8,
}
"""The FAQ is the curated answer: when a manual section fits as well, the FAQ ranks first."""

WHOLE_WEIGHT = 0.35
"""Weight of the entry's whole text (answer, body) against its best unit."""

_KIND_WEIGHT_ARRAY = np.array([KIND_WEIGHTS[k] for k in KINDS], dtype=np.float32)

RERANK_DEPTH = 12


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked entry with the evidence for it."""

    entry: Entry
    number: int
    score: float
    relevance: float
    coverage: float
    fuzzy: float


@dataclass(frozen=True, slots=True)
class Ranking:
    """Candidates best first, and what the query itself contains."""

    analysis: Analysis
    candidates: tuple[Candidate, ...]
    query_weight: float
    unknown_share: float
    unknown_nouns: tuple[str, ...]


def _query_terms(index: SearchIndex, analysis: Analysis) -> list[tuple[int, float, str]]:
    """Known query terms with their weights: ``(term id, weight, view)``."""
    counts = Counter(analysis.terms)
    terms = []
    for term, count in counts.items():
        term_id = index.vocabulary.get(term)
        if term_id is None:
            continue
        terms.append((term_id, VIEW_WEIGHTS[term[0]] * (1.0 + math.log(count)), term[0]))
    return terms


def rank(index: SearchIndex, analyzer: Analyzer, query: str, limit: int = 10) -> Ranking:
    """Rank every entry for ``query``; never raises on odd input."""
    analysis = analyzer.analyze(query)
    terms = _query_terms(index, analysis)
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
    for noun in unknown:
        query_weight += VIEW_WEIGHTS["w"] * float(index.idf.max(initial=1.0))

    best_unit = np.maximum.reduceat(unit_scores, index.unit_starts)
    scores = (best_unit + WHOLE_WEIGHT * whole_scores) * _KIND_WEIGHT_ARRAY[index.kinds]
    depth = min(RERANK_DEPTH, n_entries)
    top = np.argpartition(-scores, depth - 1)[:depth]
    top = top[np.argsort(-scores[top], kind="stable")]
    top = top[scores[top] > 0]

    norm = _self_score(index, terms)
    candidates = []
    for number in top.tolist():
        fuzzy = max(
            (fuzz.partial_ratio(analysis.fuzzy_text, index.unit_texts[u]) for u in index.entry_units(number)),
            default=0.0,
        )
        relevance = float(scores[number]) / norm if norm else 0.0
        coverage = float(covered[number]) / query_weight if query_weight else 0.0
        final = relevance * (0.75 + 0.5 * fuzzy / 100)
        candidates.append(Candidate(index.entries[number], number, final, relevance, coverage, fuzzy / 100))
    candidates.sort(key=lambda c: -c.score)
    return Ranking(analysis, tuple(candidates[:limit]), query_weight, unknown_share, unknown)


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
