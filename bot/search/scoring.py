"""BM25 scores of entries for one query, in two stages so that a large index stays fast.

An entry scores its best unit (question, phrasing, keywords) plus, with less
weight, its whole text, times the weight of its kind. Terms common to a large
share of the entries (業務, 相談, 改善 in a 50k-entry FAQ) have postings far
longer than everything else together but move the ranking little, so:

1. every entry is scored with the selective terms (vectorised over postings);
2. the best candidates then get the common terms' contributions by binary search
   into those long postings, which touches only the candidates.

On a small index no term is common and stage 1 is already exact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from bot.search.index import SearchIndex
from bot.search.postings import Postings, gather

__all__ = ["EntryScorer", "contains"]

WHOLE_WEIGHT = 0.5
"""Weight of the entry's whole text (answer, body) against its best unit."""

STAGE_DEPTH = 64
"""Candidates that stage 1 hands to stage 2."""

COMMON_MIN_DF = 1000
COMMON_DF_SHARE = 0.02
"""A term is common when more than max(COMMON_MIN_DF, COMMON_DF_SHARE × entries) entries hold it."""


class EntryScorer:
    """Scores of every entry for one query's weighted terms."""

    def __init__(
        self,
        index: SearchIndex,
        term_ids: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32],
        kind_weights: npt.NDArray[np.float32],
    ) -> None:
        self._index = index
        self._kind_weights = kind_weights
        n_entries = len(index.entries)
        common = index.df[term_ids] > max(COMMON_MIN_DF, COMMON_DF_SHARE * n_entries)
        if common.all():
            common[:] = False  # nothing selective: score everything exactly
        self._common = [(int(t), float(w)) for t, w in zip(term_ids[common], weights[common], strict=True)]
        selective, selective_weights = term_ids[~common], weights[~common]
        units = gather(index.units, selective)
        self._unit_scores = _sums(
            units.docs, units.weights * selective_weights[units.rows], len(index.unit_texts)
        )
        whole = gather(index.whole, selective)
        self._whole_scores = _sums(whole.docs, whole.weights * selective_weights[whole.rows], n_entries)
        best_unit = np.zeros(n_entries)
        np.maximum.at(best_unit, index.unit_entry[units.docs], self._unit_scores[units.docs])
        self._first: npt.NDArray[np.float64] = (best_unit + WHOLE_WEIGHT * self._whole_scores) * kind_weights

    def top(self, depth: int) -> list[int]:
        """The ``depth`` best entries with a positive score, best first."""
        pool = min(STAGE_DEPTH if self._common else depth, len(self._first))
        if pool == 0:
            return []
        candidates = np.argpartition(-self._first, pool - 1)[:pool]
        candidates = candidates[self._first[candidates] > 0]
        exact = self.exact(candidates.tolist())
        order = np.argsort(-exact, kind="stable")[:depth]
        return [int(candidates[i]) for i in order]

    def exact(self, numbers: Sequence[int]) -> npt.NDArray[np.float64]:
        """Full scores of the given entries (common terms included)."""
        chosen = np.asarray(numbers, dtype=np.int64)
        if not self._common or not len(chosen):
            return self._first[chosen]
        starts = self._index.unit_starts[chosen]
        lengths = self._index.unit_ends[chosen] - starts
        offsets = np.cumsum(lengths) - lengths
        units = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(offsets - starts, lengths)
        unit_total = self._unit_scores[units]
        whole_total = self._whole_scores[chosen]
        for term_id, weight in self._common:
            _add_hits(self._index.units, term_id, weight, units, unit_total)
            _add_hits(self._index.whole, term_id, weight, chosen, whole_total)
        best = np.maximum.reduceat(unit_total, offsets)
        return np.asarray((best + WHOLE_WEIGHT * whole_total) * self._kind_weights[chosen])


def _sums(
    docs: npt.NDArray[np.int32], weights: npt.NDArray[np.float32], size: int
) -> npt.NDArray[np.float64]:
    """Per-document sums of weights (float even when there is nothing to sum)."""
    return np.bincount(docs, weights, minlength=size).astype(np.float64, copy=False)


def contains(postings: Postings, term_id: int, docs: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """For each of ``docs``, whether it holds ``term_id`` (binary search in the postings)."""
    held, _ = postings.of(term_id)
    if not len(held):
        return np.zeros(len(docs), dtype=bool)
    at = np.minimum(np.searchsorted(held, docs), len(held) - 1)
    return np.asarray(held[at] == docs)


def _add_hits(
    postings: Postings,
    term_id: int,
    weight: float,
    docs: npt.NDArray[np.int64],
    total: npt.NDArray[np.float64],
) -> None:
    held, weights = postings.of(term_id)
    if not len(held):
        return
    at = np.minimum(np.searchsorted(held, docs), len(held) - 1)
    hit = held[at] == docs
    total[hit] += weight * weights[at[hit]]
