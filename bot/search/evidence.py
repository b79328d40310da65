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

    def __init__(self, index: SearchIndex, term_rows: dict[str, int], held: npt.NDArray[np.bool_]) -> None:
        """``held[row, column]``: whether candidate ``column`` holds the term of ``term_rows`` at ``row``."""
        self._index = index
        self._rows = term_rows
        self._matrix = held

    def _row(self, term: str) -> npt.NDArray[np.bool_] | None:
        row = self._rows.get(term)
        return None if row is None else self._matrix[row]

    def explained(self, analysis: Analysis) -> npt.NDArray[np.float64]:
        """Per candidate, the share of ``analysis``'s nouns it mentions (1.0 when there are none)."""
        width = self._matrix.shape[1]
        if not analysis.noun_terms:
            return np.ones(width)
        count = np.zeros(width)
        for options in analysis.noun_terms:
            found = np.zeros(width, dtype=bool)
            for term in options:
                row = self._row(term)
                if row is not None:
                    found |= row
            count += found
        return count / len(analysis.noun_terms)

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
        The ``standing`` synonym terms stand for a noun and weigh as words.
        """
        covered = np.zeros(self._matrix.shape[1])
        total = 0.0
        for term in dict.fromkeys(analysis.words):
            term_id = self._index.vocabulary.get(term)
            if term_id is None:
                continue
            weight = view_weights["w" if term in standing else term[0]] * float(self._index.idf[term_id])
            total += weight
            row = self._row(term)
            if row is not None:
                covered += weight * row
        total += len(unknown) * view_weights["w"] * self._index.max_idf
        return covered / total if total else covered


def is_unknown(index: SearchIndex, noun: str) -> bool:
    """Whether no entry knows ``noun``: not as a word, and not by all of its characters."""
    if "w:" + noun in index.vocabulary:
        return False
    text = gram_text(normalize(noun))
    grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
    return any("g:" + g not in index.vocabulary for g in grams)
