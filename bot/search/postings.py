"""Compressed postings: for each term, the documents that hold it and their weights."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["SLICED_TERMS", "Gathered", "Occurrences", "Postings", "TermCounts", "gather"]

K1 = 1.2
B = 0.75
RUN = 500_000
"""Term occurrences counted at once when building postings."""


@dataclass(frozen=True, slots=True)
class Postings:
    """Column-compressed term → (document ids, weights), like a CSC matrix."""

    indptr: npt.NDArray[np.int64]
    docs: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]

    def of(self, term: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """The documents holding ``term`` and the term's weight in each."""
        start, end = self.indptr[term], self.indptr[term + 1]
        return self.docs[start:end], self.weights[start:end]


Occurrences = Callable[[int, int], tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]]
"""``occurrences(start, end)``: every term occurrence in documents ``start:end``, as term ids and
the document of each."""


_Run = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.unsignedinteger[Any]]]
"""Counted pairs of a run of documents: how many each term has, then their documents and counts."""


class TermCounts:
    """Every distinct (term, document) pair of a collection and how often the term occurs there.

    Runs of documents holding about `RUN` term occurrences are counted
    separately (their pairs are unique on their own), which keeps the sort's
    scratch memory small on a large FAQ. A run keeps only its pairs'
    documents and counts, in term order, until `bm25_postings` moves them to
    their place among all the pairs.
    """

    def __init__(self, lengths: npt.NDArray[np.int64], n_terms: int, occurrences: Occurrences) -> None:
        """Count the terms of documents ``0:len(lengths)``, which hold ``lengths`` term occurrences each."""
        self.lengths = lengths
        self.document_frequency = np.zeros(n_terms, dtype=np.int64)
        """In how many documents each term occurs."""
        self._runs: deque[_Run] = deque()
        n_docs = len(lengths)
        for start, end in _runs(lengths, RUN):
            terms, docs = occurrences(start, end)
            keys, tf = np.unique(terms.astype(np.int64) * n_docs + docs, return_counts=True)
            per_term = np.bincount(keys // n_docs, minlength=n_terms).astype(np.int32)
            self.document_frequency += per_term
            # Counts are small: most fit a byte.
            tf = tf.astype(np.min_scalar_type(tf.max(initial=0)))
            self._runs.append((per_term, (keys % n_docs).astype(np.int32), tf))

    def bm25_postings(self, idf: npt.NDArray[np.float32]) -> Postings:
        """BM25 weights of every (term, document) pair, precomputed; empties the counts.

        The weight is query-independent, so a query's score is a plain sum of
        postings: no per-query length normalisation. Runs come in document
        order, so each term's documents stay in order.
        """
        indptr = np.zeros(len(self.document_frequency) + 1, dtype=np.int64)
        np.cumsum(self.document_frequency, out=indptr[1:])
        docs = np.empty(int(indptr[-1]), dtype=np.int32)
        weights = np.empty(int(indptr[-1]), dtype=np.float32)
        next_free = indptr[:-1].copy()
        average = float(self.lengths.mean()) if len(self.lengths) else 1.0
        while self._runs:
            per_term, run_docs, tf = self._runs.popleft()
            terms = np.repeat(np.arange(len(per_term)), per_term)
            run_first = np.cumsum(per_term) - per_term
            at = next_free[terms] + np.arange(len(terms)) - run_first[terms]
            next_free += per_term
            norm = K1 * (1 - B + B * self.lengths[run_docs] / max(average, 1e-9))
            docs[at] = run_docs
            weights[at] = idf[terms].astype(np.float64) * tf * (K1 + 1) / (tf + norm)
        return Postings(indptr, docs, weights)


def _runs(lengths: npt.NDArray[np.int64], size: int) -> list[tuple[int, int]]:
    """Consecutive document ranges ``(start, end)`` of about ``size`` term occurrences, or one document."""
    ends = np.cumsum(lengths)
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(lengths):
        before = int(ends[start - 1]) if start else 0
        end = max(int(np.searchsorted(ends, before + size, side="right")), start + 1)
        runs.append((start, end))
        start = end
    return runs


@dataclass(frozen=True, slots=True)
class Gathered:
    """The postings of several terms side by side: ``rows[i]`` says which term ``docs[i]`` came from."""

    docs: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]
    rows: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    """Where each term's postings end: term ``i``'s are ``docs[ends[i - 1]:ends[i]]``, in document order."""


SLICED_TERMS = 8
"""Up to this many terms, their postings are copied slice by slice: a block copy each, where the
vectorised gather reads every posting through an index (some 1 ms for the 84,000 unit postings of
a term 35,000 entries of a 50,000-entry FAQ hold, against a twentieth of it)."""


def gather(postings: Postings, terms: npt.NDArray[np.int64]) -> Gathered:
    """Concatenate the postings of ``terms``, in the order of ``terms``.

    Few terms are copied slice by slice; many (a story's 20-odd rare ones, each
    a few postings long) in one vectorised step, with no Python loop per term.
    """
    starts = postings.indptr[terms]
    lengths = postings.indptr[terms + 1] - starts
    rows = np.repeat(np.arange(len(terms), dtype=np.int64), lengths)
    ends = np.cumsum(lengths)
    if len(terms) <= SLICED_TERMS:
        stops = (starts + lengths).tolist()
        spans = [slice(start, stop) for start, stop in zip(starts.tolist(), stops, strict=True)]
        docs = np.concatenate([postings.docs[span] for span in spans] or [postings.docs[:0]])
        weights = np.concatenate([postings.weights[span] for span in spans] or [postings.weights[:0]])
        return Gathered(docs, weights, rows, ends)
    positions = np.arange(len(rows), dtype=np.int64) - (ends - lengths)[rows] + starts[rows]
    return Gathered(postings.docs[positions], postings.weights[positions], rows, ends)
