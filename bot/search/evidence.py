"""Evidence about candidates that the decision weighs, computed for all candidates at once.

- *explained*: share of the query's content nouns an entry mentions (by word, word part or synonym);
- *coverage*: idf-weighted share of the query's words an entry contains;
- *unknown nouns*: nouns of the query that nothing in the knowledge knows (決算 in RPAベンダーの決算).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from bot.search.analyzer import Analysis
from bot.search.index import SearchIndex
from bot.search.normalize import gram_text, normalize

__all__ = ["Presence", "is_unknown"]


class Presence:
    """Which of the candidates contain which of the query's terms."""

    def __init__(
        self,
        index: SearchIndex,
        term_rows: dict[str, int],
        term_ids: npt.NDArray[np.int64],
        held: npt.NDArray[np.bool_],
        scale: npt.NDArray[np.float32],
    ) -> None:
        """``held[row, column]``: whether candidate ``column`` holds the term of ``term_rows`` at ``row``.

        ``term_rows`` holds every word and synonym term of the query that the index knows;
        ``term_ids[row]`` is its id in the index, and ``scale[row]`` scales its idf (terms one noun means
        alike weigh alike, `bot.search.ranker`).
        """
        self._index = index
        self._rows = term_rows
        self._idf = index.idf[term_ids] * scale
        self._matrix = held

    def explained(self, analysis: Analysis) -> npt.NDArray[np.float64]:
        """Per candidate, the share of ``analysis``'s nouns it mentions (1.0 when there are none)."""
        width = self._matrix.shape[1]
        if not analysis.noun_terms:
            return np.ones(width)
        rows: list[int] = []
        starts: list[int] = []  # where each noun with a known term starts among ``rows``
        for options in analysis.noun_terms:
            known = [row for row in map(self._rows.get, options) if row is not None]
            if known:
                starts.append(len(rows))
                rows += known
        if not rows:
            return np.zeros(width)
        mentioned = np.logical_or.reduceat(self._matrix[rows], starts, axis=0)
        return np.asarray(mentioned.sum(axis=0) / len(analysis.noun_terms), dtype=np.float64)

    def coverage(
        self,
        analysis: Analysis,
        unknown: Sequence[str],
        view_weights: dict[str, float],
        standing: Collection[str] = (),
    ) -> npt.NDArray[np.float64]:
        """Per candidate, the idf-weighted share of ``analysis``'s words (and synonyms) it contains.

        Nouns that nothing in the knowledge knows count against every candidate with
        the highest idf: they are what the query is about, and no entry explains them.
        The ``standing`` synonym terms stand for a noun and weigh as words. Sums run
        in the order of the words, as one term at a time would add them.
        """
        known = self._rows  # the query's own known terms: a far smaller dict than the index's vocabulary
        words = [word for word in dict.fromkeys(analysis.words) if word in known]
        rows = [known[word] for word in words]
        weights = [
            view_weights["w" if word in standing else word[0]] * value
            for word, value in zip(words, self._idf[rows].tolist(), strict=True)
        ]
        total = 0.0
        for weight in weights:
            total += weight
        if unknown:
            total += len(unknown) * view_weights["w"] * self._index.max_idf
        if not rows:
            return np.zeros(self._matrix.shape[1])
        by_term = np.array(weights)[:, None] * self._matrix[rows]
        covered: npt.NDArray[np.float64] = np.add.accumulate(by_term, axis=0)[-1]
        return covered / total if total else covered


def is_unknown(index: SearchIndex, noun: str) -> bool:
    """Whether no entry knows ``noun``: not as a word, and not by all of its characters."""
    if "w:" + noun in index.vocabulary:
        return False
    text = gram_text(normalize(noun))
    grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
    return any("g:" + g not in index.vocabulary for g in grams)
