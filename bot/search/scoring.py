"""BM25 scores of entries for one query, in two stages so that a large index stays fast.

An entry scores its best unit (question, phrasing, keywords) plus, with less
weight, its whole text, times the weight of its kind. Terms common to a large
share of the entries (業務, 相談, 改善 in a 50k-entry FAQ) have postings far
longer than everything else together but move the ranking little, so:

1. every entry is scored with the selective terms (vectorised over postings);
2. the best candidates then get the common terms' contributions to their whole
   text by binary search into those long postings, which touches only the candidates.

On a small index no term is common and stage 1 is already exact.

Sums are scattered into per-thread arrays as long as the index and kept at
zero between queries, so a query costs what it touches, not what the index
holds: zeroing or sorting 50,000 entries would cost more than scoring them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.search.index import SearchIndex
from bot.search.postings import SLICED_TERMS, Gathered, gather

__all__ = ["EntryScorer"]

WHOLE_WEIGHT = 0.5
"""Weight of the entry's whole text (answer, body) against its best unit."""

STAGE_DEPTH = 32
"""Candidates that stage 1 hands to stage 2."""

DENSE_POSTINGS = 4096
"""Postings from which a few terms' sums are added term by term (`_add`, `_raise`), not by ``ufunc.at``."""
CLEAR_ALL_SHARE = 16
"""A scratch array is zeroed whole once more than 1/16 of it was touched: a fill is some 40 times
cheaper a place than zeroing places by index."""

COMMON_MIN_DF = 500
COMMON_DF_SHARE = 0.01
"""A term is common when more than max(COMMON_MIN_DF, COMMON_DF_SHARE × entries) entries hold it."""


class EntryScorer:
    """Scores of the entries a query touches, for its weighted terms.

    Use it as a context manager: its sums live in the thread's scratch arrays,
    which are cleared on exit (or dropped, after an error).
    """

    def __init__(
        self,
        index: SearchIndex,
        term_ids: npt.NDArray[np.int64],
        weights: npt.NDArray[np.float32],
        kind_weights: npt.NDArray[np.float32],
    ) -> None:
        """``kind_weights`` holds one weight per kind (indexed like ``index.kinds``' values)."""
        self._index = index
        self._kind_weights = kind_weights
        common = index.df[term_ids] > max(COMMON_MIN_DF, COMMON_DF_SHARE * len(index.entries))
        if common.all():
            common[np.argmin(index.df[term_ids])] = False  # the rarest term leads stage 1
        whole = index.whole
        self._common_starts = whole.indptr[term_ids[common]]
        self._common_ends = whole.indptr[term_ids[common] + 1]
        self._common_docs = [
            whole.docs[start:end]
            for start, end in zip(self._common_starts.tolist(), self._common_ends.tolist(), strict=True)
        ]
        """Each common term's entries, sliced once: a story's 30-odd are searched two or three times."""
        self._common_weights = weights[common].astype(np.float64)
        self._common_rows = np.flatnonzero(common)
        self._common_found: list[npt.NDArray[np.bool_]] = []  # which common terms (rows) entries hold
        self._common_width = 0  # the columns of `_common_found`, all blocks together
        self._common_columns: dict[int, int] = {}  # entry → its column in `_common_found`, side by side
        self._selective_rows = np.flatnonzero(~common)
        selective, selective_weights = term_ids[~common], weights[~common]

        self._scratch = _Scratch.of(index)
        try:
            self._units = gather(index.units, selective)
            self._owners = index.unit_entry[self._units.docs]
            self._whole = gather(index.whole, selective)
            self._entries = self._scatter(selective_weights)
            self._first = self._stage_one(self._entries)
            self._scratch.first[self._entries] = self._first
        except BaseException:  # the scratch may be half written, and no `with` will clear it
            _Scratch.drop()
            raise

    def _scatter(self, term_weights: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
        """Add the postings into the scratch sums; return the entries touched.

        The added values must have the sums' dtype: a cast on the way makes ``ufunc.at`` 20x slower.
        """
        scratch, units, whole = self._scratch, self._units, self._whole
        weights = term_weights.astype(np.float64)
        _add(scratch.units, units, weights)
        _raise(scratch.best, self._owners, scratch.units[units.docs], units)
        _add(scratch.whole, whole, weights)
        # A unit's terms are also in its entry's whole text, so the whole-text entries are all those touched.
        if len(whole.ends) == 1:  # one term's entries: each once already, ascending
            return whole.docs.astype(np.int64)
        return scratch.distinct(whole.docs)

    def _stage_one(self, numbers: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Scores of ``numbers`` from the selective terms alone (computed once; `_rough` reads them back)."""
        scratch = self._scratch
        total = scratch.best[numbers] + WHOLE_WEIGHT * scratch.whole[numbers]
        return np.asarray(total * self._kind_weights[self._index.kinds[numbers]])

    def top(self, depth: int) -> tuple[list[int], npt.NDArray[np.float64]]:
        """The ``depth`` best entries with a positive score, best first, and their scores."""
        pool = min(STAGE_DEPTH if self._common_docs else depth, len(self._first))
        if pool == 0:
            return [], np.zeros(0)
        picked = np.argpartition(-self._first, pool - 1)[:pool]
        picked = picked[self._first[picked] > 0]
        candidates = self._entries[picked]
        exact = self.exact(candidates) if self._common_docs else self._first[picked]
        order = np.lexsort((candidates, -exact))[:depth]  # best first; ties by entry number
        return candidates[order].tolist(), exact[order]

    def _rough(self, numbers: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """`_stage_one` of any entries: those no selective term touched score 0."""
        return self._scratch.first[numbers]

    def best_of(
        self, numbers: npt.NDArray[np.int32], depth: int, besides: Sequence[int] = ()
    ) -> tuple[list[int], npt.NDArray[np.float64]]:
        """The ``depth`` best of ``numbers`` with a positive score, ascending, and their full scores.

        ``numbers`` may repeat; those among ``besides`` are left out. Many entries
        (thousands in a large FAQ) are first narrowed by their stage-one scores,
        so that only a few need the common terms' binary searches.
        """
        pool = self._scratch.members(numbers, besides)
        if not len(pool):
            return [], np.zeros(0)
        if len(pool) > STAGE_DEPTH:
            rough = self._rough(pool)
            pool = np.sort(pool[np.argpartition(-rough, STAGE_DEPTH - 1)[:STAGE_DEPTH]])
        scores = self.exact(pool)
        kept = np.flatnonzero(scores > 0)
        if len(kept) > depth:
            kept = np.sort(kept[np.argsort(-scores[kept], kind="stable")[:depth]])
        return pool[kept].tolist(), scores[kept]

    def exact(self, numbers: Sequence[int] | npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Full scores of the given entries: common terms add to their whole-text score.

        Common terms discriminate poorly, so they are left out of the best unit;
        that also halves the binary searches of stage 2.
        """
        chosen = np.asarray(numbers, dtype=np.int64)
        scores = self._rough(chosen)
        if not self._common_docs or not len(chosen):
            return scores
        extra = self._common_weights @ self._common_hits(chosen)
        return np.asarray(scores + WHOLE_WEIGHT * extra * self._kind_weights[self._index.kinds[chosen]])

    def _common_hits(self, chosen: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The weight of each common term (rows) in the whole text of each of ``chosen`` (columns).

        One binary search (``searchsorted``, in C) of all of ``chosen`` into each
        common term's long postings; which terms each entry holds is remembered for `held`.
        """
        postings = self._index.whole
        wanted = chosen.astype(postings.docs.dtype)  # the same dtype, or every search copies its postings
        # One block copy of the rows: `np.array` of a list of arrays reads them element by element.
        searched = [docs.searchsorted(wanted) for docs in self._common_docs]
        places = np.concatenate(searched).astype(np.int64, copy=False).reshape(len(searched), len(wanted))
        places += self._common_starts[:, None]
        inside = places < self._common_ends[:, None]
        np.minimum(places, len(postings.docs) - 1, out=places)
        found = inside & (postings.docs[places] == wanted)
        values = np.where(found, postings.weights[places], 0.0)
        first = self._common_width
        self._common_width += len(chosen)
        self._common_columns.update(zip(chosen.tolist(), range(first, self._common_width), strict=True))
        self._common_found.append(found)
        return values

    def held(self, numbers: Sequence[int]) -> npt.NDArray[np.bool_]:
        """Which query terms (rows, in the order of ``term_ids``) each of ``numbers`` (columns) holds.

        The selective terms' postings are already at hand; only the few common
        terms need a binary search.
        """
        chosen = np.asarray(numbers, dtype=np.int64)
        matrix = np.zeros((len(self._selective_rows) + len(self._common_rows), len(chosen)), dtype=bool)
        if not len(chosen):
            return matrix
        columns = self._scratch.marks  # as in `_Scratch.distinct`: only what is written here is read
        columns[chosen] = np.arange(len(chosen))
        docs = self._whole.docs
        at = np.minimum(columns[docs], len(chosen) - 1)
        hit = chosen[at] == docs
        matrix[self._selective_rows[self._whole.rows[hit]], at[hit]] = True
        if self._common_docs:
            missing = [n for n in numbers if n not in self._common_columns]
            if missing:
                self._common_hits(np.asarray(missing, dtype=np.int64))
            found = np.concatenate(self._common_found, axis=1)
            matrix[self._common_rows] = found[:, [self._common_columns[n] for n in numbers]]
        return matrix

    def __enter__(self) -> EntryScorer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is not None:
            _Scratch.drop()
            return
        scratch = self._scratch
        _clear(scratch.units, self._units.docs)
        _clear(scratch.best, self._owners)
        _clear(scratch.whole, self._whole.docs)
        _clear(scratch.first, self._entries)


def _add(sums: npt.NDArray[np.float64], postings: Gathered, weights: npt.NDArray[np.float64]) -> None:
    """Add each posting's weight times its term's into ``sums`` (all zero before), term after term.

    ``np.add.at`` takes the postings in order, so a document's sum grows term
    after term. Long postings of a few terms (the one common term that leads a
    query made only of common words) are added a term at a time instead, with
    the same sums: one term holds a document once, so indexed assignment is
    exact there, and the first term's values are its sums (0.0 + v is v). For
    84,000 postings that is a fifth of ``np.add.at``'s time.
    """
    values = postings.weights * weights[postings.rows]
    if len(values) < DENSE_POSTINGS or len(postings.ends) > SLICED_TERMS:
        np.add.at(sums, postings.docs, values)
        return
    start = 0
    for end in postings.ends.tolist():
        docs = postings.docs[start:end].astype(np.intp)  # a native index is read twice as fast
        if start:
            sums[docs] += values[start:end]
        else:
            sums[docs] = values[start:end]
        start = end


def _raise(
    best: npt.NDArray[np.float64],
    owners: npt.NDArray[np.int32],
    sums: npt.NDArray[np.float64],
    units: Gathered,
) -> None:
    """Raise each entry's ``best`` to the greatest of its units' ``sums`` (``owners`` are the units' entries).

    Long postings of a few terms go term by term: a term's units are in order,
    so are their entries, and each entry's greatest is one ``reduceat`` away.
    """
    if len(sums) < DENSE_POSTINGS or len(units.ends) > SLICED_TERMS:
        np.maximum.at(best, owners, sums)
        return
    start = 0
    for end in units.ends.tolist():
        if end > start:
            heads = np.flatnonzero(owners[start + 1 : end] != owners[start : end - 1]) + 1
            heads = np.concatenate(([0], heads))
            entries = owners[start:end][heads]
            best[entries] = np.maximum(best[entries], np.maximum.reduceat(sums[start:end], heads))
        start = end


def _clear(sums: npt.NDArray[Any], touched: npt.NDArray[Any]) -> None:
    """Zero ``sums`` where ``touched``: all of them at once when that is most of the work anyway."""
    if len(touched) * CLEAR_ALL_SHARE > len(sums):
        sums.fill(0)
    else:
        sums[touched] = 0


class _Scratch:
    """One thread's sum arrays for an index's units and entries, all zero (or false) between queries."""

    __slots__ = ("best", "first", "flags", "marks", "units", "whole")
    _local = threading.local()

    def __init__(self, n_units: int, n_entries: int) -> None:
        self.units = np.zeros(n_units)
        self.best = np.zeros(n_entries)
        self.whole = np.zeros(n_entries)
        self.first = np.zeros(n_entries)
        """Each touched entry's stage-one score (`EntryScorer._rough`)."""
        self.flags = np.zeros(n_entries, dtype=bool)
        self.marks = np.zeros(n_entries, dtype=np.int64)

    @classmethod
    def of(cls, index: SearchIndex) -> _Scratch:
        """The calling thread's scratch, (re)allocated for the index's sizes."""
        sizes = len(index.unit_texts), len(index.entries)
        scratch: _Scratch | None = getattr(cls._local, "scratch", None)
        if scratch is None or (len(scratch.units), len(scratch.whole)) != sizes:
            scratch = cls(*sizes)
            cls._local.scratch = scratch
        return scratch

    @classmethod
    def drop(cls) -> None:
        """Forget the thread's scratch, whose sums an interrupted query may have left dirty."""
        cls._local.scratch = None

    def distinct(self, docs: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
        """``docs`` without repeats, in linear time: each document remembers its last position.

        ``marks`` is never cleared: only the positions written just before are read.
        """
        positions = np.arange(len(docs))
        self.marks[docs] = positions
        return np.asarray(docs[self.marks[docs] == positions], dtype=np.int64)

    def members(self, docs: npt.NDArray[np.int32], besides: Sequence[int]) -> npt.NDArray[np.int64]:
        """The distinct ``docs`` not among ``besides``, ascending: flagged, read in order, unflagged.

        Cheaper than sorting: a flag a document, and one pass over the flags.
        """
        self.flags[docs] = True
        self.flags[np.asarray(besides, dtype=np.int64)] = False  # not a tuple: () would be every flag
        found = np.flatnonzero(self.flags)
        self.flags[found] = False
        return found
