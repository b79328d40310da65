"""Compressed postings: for each term, the documents that hold it and their weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Postings", "bm25_postings"]

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

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return int(self.indptr.nbytes + self.docs.nbytes + self.weights.nbytes)


def bm25_postings(documents: Sequence[Sequence[int]], n_terms: int, idf: npt.NDArray[np.float32]) -> Postings:
    """BM25 weights of every (term, document) pair, precomputed.

    The weight is query-independent, so a query's score is a plain sum of
    postings: no per-query length normalisation.
    """
    lengths = np.fromiter((len(d) for d in documents), dtype=np.int64, count=len(documents))
    total = int(lengths.sum())
    term_ids = np.fromiter((t for d in documents for t in d), dtype=np.int64, count=total)
    doc_ids = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
    # Count each (term, doc) pair once: tf.
    keys = term_ids * len(documents) + doc_ids
    unique_keys, tf = np.unique(keys, return_counts=True)
    terms = unique_keys // max(len(documents), 1)
    docs = unique_keys % max(len(documents), 1)
    average = float(lengths.mean()) if len(documents) else 1.0
    norm = K1 * (1 - B + B * lengths[docs] / max(average, 1e-9))
    weights = idf[terms] * tf * (K1 + 1) / (tf + norm)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=indptr[1:])
    return Postings(indptr, docs.astype(np.int32), weights.astype(np.float32))
