"""Topic words typed in hiragana, read as the knowledge's own nouns that sound so.

Staff leave words unconverted (じどうてあて しんせい for 児童手当 申請, こじんじょうほう), and
Sudachi splits hiragana unpredictably (こじんじょうほう → こじる + 情報, ぎょうむ → ぎょう + む), so
the analyzer never takes a hiragana "noun" for a topic (`bot.search.analyzer._is_topic_noun`).
Read against what the knowledge says instead: a run of hiragana is cut into the
readings of the knowledge's words (`SearchIndex.sounds`, three kana or more),
covering as much of the run as it can, and each piece that reads as a noun the
knowledge writes in kanji or katakana counts as that noun typed so: its terms
join the query's, it is a noun an entry must mention, and a known one. A reading
several known nouns share (しんせい: 申請 and 新生) is one noun that any of them
mentions: the knowledge decides which words exist.

Grammar is no noun: こと, ため and もの are shorter than any reading looked up,
stop lemmas (所, 出来る, 方法) are no known words, and a piece Sudachi reads as
inflections (したい as 死体, していい's してい as 指定) is left alone
(`_Grammar.allows`); so is a stretch no known noun reads.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace

from bot.kana import to_katakana
from bot.search.analyzer import Analysis, Analyzer
from bot.search.index import SearchIndex
from bot.search.normalize import gram_text
from bot.search.spelling import MIN_SOUND_LENGTH

__all__ = ["spelled_in_hiragana"]

_HIRAGANA_RUN = re.compile(rf"[\u3041-\u3096]{{{MIN_SOUND_LENGTH},}}")
MAX_READING = 16
"""Longest reading (in kana) a piece of a run is looked up as: longer known compounds are rare."""


def spelled_in_hiragana(index: SearchIndex, analyzer: Analyzer, analysis: Analysis) -> Analysis:
    """``analysis`` with the known nouns its hiragana runs read as (``analysis`` itself when none).

    A piece's nouns' terms join the query's terms, not its words (`Analysis.words`,
    what an entry's coverage is counted over): of a reading several nouns share, an
    entry has one. An entry also mentions the noun by the words Sudachi reads in the
    piece, as it reads them in an entry that writes the word in kana too (おくやみ).
    """
    runs = list(_HIRAGANA_RUN.finditer(analysis.normalized))
    if not runs:
        return analysis
    grammar = _Grammar(analysis)
    said = set(analysis.words)
    nouns: dict[str, tuple[tuple[str, ...], str, str]] = {}  # noun → its terms, sound and synonym
    terms: list[str] = []
    found: dict[str, list[Analysis]] = {}  # the known nouns of each reading looked at, for all the runs
    for run in runs:
        for start, end, known in _pieces(index, analyzer, grammar.allows, run.group(), run.start(), found):
            name = known[0].nouns[0]
            if name in nouns or name in analysis.nouns:
                continue
            own = [term for term in grammar.terms(start, end) if term in said]
            options = (*(t for a in known for noun in a.noun_terms for t in noun), *own)
            synonym = next((s for a in known for s in a.noun_synonyms if s), "")
            nouns[name] = (tuple(dict.fromkeys(options)), gram_text(analysis.normalized[start:end]), synonym)
            terms += [term for a in known for term in a.words]
    if not nouns:
        return analysis
    return replace(
        analysis,
        terms=(*analysis.terms, *terms),
        nouns=(*analysis.nouns, *nouns),
        noun_terms=(*analysis.noun_terms, *(options for options, _, _ in nouns.values())),
        noun_sounds=(*analysis.noun_sounds, *(sound for _, sound, _ in nouns.values())),
        noun_synonyms=(*analysis.noun_synonyms, *(synonym for _, _, synonym in nouns.values())),
    )


class _Grammar:
    """Which of the analysis's morphemes (`Analysis.morphemes`) each character of its text is in."""

    def __init__(self, analysis: Analysis) -> None:
        self.words = analysis.morphemes
        self.ends = analysis.ends

    def begin(self, number: int) -> int:
        """Where the morpheme ``number`` begins in the text."""
        return self.ends[number - 1] if number else 0

    def owner(self, at: int) -> int:
        """The morpheme the character ``at`` is in, by number (the first to end after it)."""
        return bisect_right(self.ends, at)

    def terms(self, start: int, end: int) -> list[str]:
        """The ``w:`` terms of the morphemes wholly within the characters ``start:end``."""
        return [self.words[n].term for n in self.whole(start, end)]

    def whole(self, start: int, end: int) -> range:
        """The morphemes wholly within the characters ``start:end``, by number.

        The morphemes cover the text end to end, so these are a run of them: from the
        first to begin at or after ``start`` (the one after the first to end at or
        after it; the first morpheme when ``start`` is 0) to the last to end by ``end``.
        """
        return range(bisect_left(self.ends, start) + 1 if start else 0, bisect_right(self.ends, end))

    def allows(self, start: int, end: int) -> bool:
        """Whether the characters ``start:end`` of the text could be a noun rather than grammar around one.

        Sudachi misreads hiragana words (ぎょうむ as 行 + む, かいぜん as むか + 依然), yet
        it reads inflections right: a piece counts when a morpheme wholly in it is no
        function word, none is a verb of that kind, and it neither starts nor ends
        inside a function word. So not したい, 話しています' してい, もったいない's いない,
        どうしたら's どうし, でしょうか's しょうか, さんから's さんか.
        """
        words = self.words
        whole = [words[n] for n in self.whole(start, end)]
        first, last = self.owner(start), self.owner(end - 1)
        return (
            any(not w.function for w in whole)
            and not any(w.verb for w in whole)
            and not (words[first].function and self.begin(first) < start)
            and not (words[last].function and self.ends[last] > end)
        )


def _written(index: SearchIndex, word: str) -> bool:
    """Whether the knowledge writes ``word`` as it is spelled, in a question, title or keyword.

    Its normal form may come from kana (おすすめ gives 御勧め, やりとり 遣り取り):
    a word the knowledge itself writes in kana is no topic of it either.
    Every character bigram of the word is then a term of the index.
    """
    text = gram_text(word)
    return all("g:" + text[i : i + 2] in index.vocabulary for i in range(max(1, len(text) - 1)))


def _pieces(
    index: SearchIndex,
    analyzer: Analyzer,
    grammatical: Callable[[int, int], bool],
    run: str,
    at: int,
    found: dict[str, list[Analysis]],
) -> list[tuple[int, int, list[Analysis]]]:
    """The known readings that cover most of ``run`` (hiragana at ``at`` in the text).

    A piece is taken only where ``grammatical`` (its start and end in the text) allows.
    ``found`` remembers the known nouns of each reading looked at (a text's runs share it).

    Each as where it starts and ends in the text, with the analyses of the
    known nouns that read so. Dynamic programming over the run's positions:
    the most kana covered, then the fewest pieces (one long word rather than
    two short ones).
    """

    def nouns_reading(reading: str) -> list[Analysis]:
        if reading not in found:
            analyses = [analyzer.analyze(word, ngrams=False) for word in index.sounds[reading]]
            found[reading] = [a for a in analyses if a.nouns and _written(index, a.normalized)]
        return found[reading]

    sounds = to_katakana(run)
    # The pieces that read as known nouns, by (end, start): from each start a piece grows only while it
    # begins a known reading (`SearchIndex.sound_prefixes`). Most runs are a few kana of grammar with none,
    # and end here. Most starts begin no known reading at all: their first piece is looked up before a
    # range of ends is made for them (a story's 90-odd hiragana each started one, half the reader's time).
    prefixes, readings = index.sound_prefixes, index.sounds
    pieces: list[tuple[int, int]] = []
    for start in range(len(run) - MIN_SOUND_LENGTH + 1):
        if sounds[start : start + MIN_SOUND_LENGTH] not in prefixes:
            continue
        for end in range(start + MIN_SOUND_LENGTH, min(start + MAX_READING, len(run)) + 1):
            reading = sounds[start:end]
            if reading not in prefixes:
                break
            if reading in readings:
                pieces.append((end, start))
    pieces = [
        (end, start)
        for end, start in pieces
        if grammatical(at + start, at + end) and nouns_reading(sounds[start:end])
    ]
    if not pieces:
        return []
    ending: list[list[int]] = [[] for _ in range(len(run) + 1)]
    for end, start in sorted(pieces):
        ending[end].append(start)
    # best[i]: (kana covered, -pieces) of the run's first i kana, and where the last piece starts (-1: none)
    best: list[tuple[int, int, int]] = [(0, 0, -1)] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        covered, count, _ = best[end - 1]
        best[end] = (covered, count, -1)
        for start in ending[end]:
            before = best[start]
            option = (before[0] + end - start, before[1] - 1, start)
            if option[:2] > best[end][:2]:
                best[end] = option
    chosen: list[tuple[int, int, list[Analysis]]] = []
    end = len(run)
    while end > 0:
        start = best[end][2]
        if start < 0:
            end -= 1
            continue
        chosen.append((at + start, at + end, found[sounds[start:end]]))
        end = start
    return chosen[::-1]
