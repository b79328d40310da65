"""Compressed postings: for each term, the documents that hold it and their weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Gathered", "Postings", "TermCounts", "bm25_postings", "gather"]

K1 = 1.2
B = 0.75


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


@dataclass(frozen=True, slots=True)
class TermCounts:
    """Every distinct (term, document) pair of a collection with its count, sorted by term, then document."""

    terms: npt.NDArray[np.int32]
    docs: npt.NDArray[np.int32]
    tf: npt.NDArray[np.int32]
    lengths: npt.NDArray[np.int64]

    @classmethod
    def of(cls, documents: Sequence[npt.NDArray[np.int32]], chunk_terms: int = 1_000_000) -> TermCounts:
        """Count the terms of each document (an array of term ids).

        Runs of documents holding about ``chunk_terms`` terms are counted
        separately (their pairs are unique on their own), which keeps the sort's
        scratch memory small on a large FAQ.
        """
        lengths = np.fromiter((len(d) for d in documents), dtype=np.int64, count=len(documents))
        ends = np.searchsorted(
            np.cumsum(lengths), np.arange(chunk_terms, lengths.sum() + chunk_terms, chunk_terms)
        )
        terms: list[npt.NDArray[np.int32]] = []
        docs: list[npt.NDArray[np.int32]] = []
        tf: list[npt.NDArray[np.int32]] = []
        start = 0
        for end in [*np.unique(np.minimum(ends + 1, len(documents))).tolist()]:
            if end <= start:
                continue
            keys, counts = np.unique(_pair_keys(documents, lengths, start, end), return_counts=True)
            terms.append((keys // len(documents)).astype(np.int32))
            docs.append((keys % len(documents)).astype(np.int32))
            tf.append(counts.astype(np.int32))
            start = end
        if not terms:
            empty = np.zeros(0, dtype=np.int32)
            return cls(empty, empty, empty, lengths)
        # Merge the chunks into term order, releasing each piece as soon as it is merged.
        all_terms = np.concatenate(terms)
        terms.clear()
        order = np.argsort(all_terms, kind="stable")
        per_term = np.bincount(all_terms)
        del all_terms
        sorted_docs = np.concatenate(docs)[order]
        docs.clear()
        sorted_tf = np.concatenate(tf)[order]
        tf.clear()
        del order
        sorted_terms = np.repeat(np.arange(len(per_term), dtype=np.int32), per_term)
        return cls(sorted_terms, sorted_docs, sorted_tf, lengths)

    def document_frequency(self, n_terms: int) -> npt.NDArray[np.int64]:
        """In how many documents each term occurs."""
        return np.bincount(self.terms, minlength=n_terms)


def _pair_keys(
    documents: Sequence[npt.NDArray[np.int32]], lengths: npt.NDArray[np.int64], start: int, end: int
) -> npt.NDArray[np.int64]:
    """``term × n_documents + document`` for every term occurrence in documents ``start:end``."""
    flat = np.concatenate(documents[start:end]).astype(np.int64)
    owners = np.repeat(np.arange(start, end, dtype=np.int64), lengths[start:end])
    return flat * len(documents) + owners


def bm25_postings(counts: TermCounts, n_terms: int, idf: npt.NDArray[np.float32]) -> Postings:
    """BM25 weights of every (term, document) pair, precomputed.

    The weight is query-independent, so a query's score is a plain sum of
    postings: no per-query length normalisation.
    """
    lengths = counts.lengths
    average = float(lengths.mean()) if len(lengths) else 1.0
    norm = K1 * (1 - B + B * lengths[counts.docs] / max(average, 1e-9))
    weights = idf[counts.terms] * counts.tf * (K1 + 1) / (counts.tf + norm)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(counts.terms, minlength=n_terms), out=indptr[1:])
    return Postings(indptr, counts.docs.astype(np.int32), weights.astype(np.float32))


@dataclass(frozen=True, slots=True)
class Gathered:
    """The postings of several terms side by side: ``rows[i]`` says which term ``docs[i]`` came from."""

    docs: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]
    rows: npt.NDArray[np.int64]


def gather(postings: Postings, terms: npt.NDArray[np.int64]) -> Gathered:
    """Concatenate the postings of ``terms`` in one vectorised step (no Python loop per term)."""
    starts = postings.indptr[terms]
    lengths = postings.indptr[terms + 1] - starts
    total = int(lengths.sum())
    rows = np.repeat(np.arange(len(terms), dtype=np.int64), lengths)
    segment_start = np.cumsum(lengths) - lengths
    positions = np.arange(total, dtype=np.int64) - segment_start[rows] + starts[rows]
    return Gathered(postings.docs[positions], postings.weights[positions], rows)
