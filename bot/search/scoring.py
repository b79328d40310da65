"""BM25 scores of entries for one query, in two stages so that a large index stays fast.

An entry scores its best unit (question, phrasing, keywords) plus, with less
weight, its whole text, times the weight of its kind. Terms common to a large
share of the entries (業務, 相談, 改善 in a 50k-entry FAQ) have postings far
longer than everything else together but move the ranking little, so:

1. every entry is scored with the selective terms (vectorised over postings);
2. the best candidates then get the common terms' contributions to their whole
   text by binary search into those long postings, which touches only the candidates.

On a small index no term is common and stage 1 is already exact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from bot.search.index import SearchIndex
from bot.search.postings import Gathered, Postings, gather

__all__ = ["EntryScorer", "contains"]

WHOLE_WEIGHT = 0.5
"""Weight of the entry's whole text (answer, body) against its best unit."""

STAGE_DEPTH = 32
"""Candidates that stage 1 hands to stage 2."""

DENSE_FACTOR = 16
DENSE_MAX = 65_536
"""Counting into a dense array beats sorting for small collections, or above 1/16 of the documents touched."""

COMMON_MIN_DF = 500
COMMON_DF_SHARE = 0.01
"""A term is common when more than max(COMMON_MIN_DF, COMMON_DF_SHARE × entries) entries hold it."""


class EntryScorer:
    """Scores of the entries a query touches, for its weighted terms."""

    def __init__(
        self,
        index: SearchIndex,
        term_ids: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32],
        kind_weights: npt.NDArray[np.float32],
    ) -> None:
        self._index = index
        self._kind_weights = kind_weights
        common = index.df[term_ids] > max(COMMON_MIN_DF, COMMON_DF_SHARE * len(index.entries))
        if common.all():
            common[np.argmin(index.df[term_ids])] = False  # the rarest term leads stage 1
        self._common = [(int(t), float(w)) for t, w in zip(term_ids[common], weights[common], strict=True)]
        selective, selective_weights = term_ids[~common], weights[~common]

        self._units = _Sparse.of(gather(index.units, selective), selective_weights, len(index.unit_texts))
        self._whole = _Sparse.of(gather(index.whole, selective), selective_weights, len(index.entries))
        # A unit's terms are also in its entry's whole text, so the whole-text entries are all those touched.
        entries = self._whole.ids
        self._best = self._best_units()
        self._first = (self._best.at(entries) + WHOLE_WEIGHT * self._whole.sums) * kind_weights[entries]

    def _best_units(self) -> _Sparse:
        """Each touched entry's best unit score."""
        owners = self._index.unit_entry[self._units.ids].astype(np.int64)
        if not len(owners):
            return _Sparse(owners, np.zeros(0))
        firsts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        return _Sparse(owners[firsts], np.maximum.reduceat(self._units.sums, firsts))

    def top(self, depth: int) -> tuple[list[int], npt.NDArray[np.float64]]:
        """The ``depth`` best entries with a positive score, best first, and their scores."""
        pool = min(STAGE_DEPTH if self._common else depth, len(self._first))
        if pool == 0:
            return [], np.zeros(0)
        picked = np.argpartition(-self._first, pool - 1)[:pool]
        picked = picked[self._first[picked] > 0]
        candidates = self._whole.ids[picked]
        exact = self.exact(candidates.tolist()) if self._common else self._first[picked]
        order = np.argsort(-exact, kind="stable")[:depth]
        return candidates[order].tolist(), exact[order]

    def exact(self, numbers: Sequence[int]) -> npt.NDArray[np.float64]:
        """Full scores of the given entries: common terms add to their whole-text score.

        Common terms discriminate poorly, so they are left out of the best unit;
        that also halves the binary searches of stage 2.
        """
        chosen = np.asarray(numbers, dtype=np.int64)
        whole_total = self._whole.at(chosen)
        for term_id, weight in self._common:
            _add_hits(self._index.whole, term_id, weight, chosen, whole_total)
        return np.asarray((self._best.at(chosen) + WHOLE_WEIGHT * whole_total) * self._kind_weights[chosen])


class _Sparse:
    """Sums per document, for the documents that have one: ``ids`` sorted, ``sums`` alongside."""

    __slots__ = ("ids", "sums")

    def __init__(self, ids: npt.NDArray[np.int64], sums: npt.NDArray[np.float64]) -> None:
        self.ids = ids
        self.sums = sums

    @classmethod
    def of(cls, postings: Gathered, term_weights: npt.NDArray[np.float32], size: int) -> _Sparse:
        """Sum the weighted postings per document (of ``size``).

        Sorting the touched documents is cheap while they are few; past a share
        of the collection, counting into a dense array is cheaper.
        """
        docs, weights = postings.docs, postings.weights * term_weights[postings.rows]
        if size <= DENSE_MAX or len(docs) * DENSE_FACTOR > size:
            dense = np.bincount(docs, weights, minlength=size).astype(np.float64, copy=False)
            ids = np.flatnonzero(dense)
            return cls(ids, dense[ids])
        ids, inverse = np.unique(docs, return_inverse=True)
        sums = np.bincount(inverse, weights, minlength=len(ids)).astype(np.float64, copy=False)
        return cls(ids.astype(np.int64), sums)

    def at(self, docs: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The sums of ``docs`` (0 for documents without one)."""
        if not len(self.ids):
            return np.zeros(len(docs))
        where = np.minimum(np.searchsorted(self.ids, docs), len(self.ids) - 1)
        return np.where(self.ids[where] == docs, self.sums[where], 0.0)


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
