"""One inverted index over FAQ entries, manual sections, cases, referrals and small talk.

Each entry has *units* (its question, each phrasing, its keywords: short
texts that a query may match as a whole) and a *whole* text (units plus the
answer or body). A query scores the best unit of each entry and, with less
weight, the entry's whole text.
"""

from __future__ import annotations

import os
import re
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, TypeVar, cast

import numpy as np
import numpy.typing as npt

from bot.knowledge import KnowledgeBase
from bot.search.abbreviation import abbreviations_of, known_shortenings, phrase_abbreviations
from bot.search.analyzer import Analyzer
from bot.search.postings import Postings, TermCounts
from bot.search.semantic import body_view, lead_view
from bot.search.spelling import MIN_SOUND_LENGTH, sounds_of, spellings_of
from bot.search.synonymy import synonym_groups_of

__all__ = [
    "KINDS",
    "Entry",
    "Kind",
    "SearchIndex",
    "Source",
    "Topic",
    "build_index",
    "sources_of",
    "views_of",
]

_R = TypeVar("_R")

Kind = Literal["faq", "manual", "case", "referral", "smalltalk"]
KINDS: tuple[Kind, ...] = ("faq", "manual", "case", "referral", "smalltalk")

NGRAM_VIEWS = ("g", "r")
NGRAM_MIN_DF = 50
NGRAM_MAX_DF_SHARE = 0.005
"""An n-gram held by more than max(`NGRAM_MIN_DF`, `NGRAM_MAX_DF_SHARE` × entries) entries is too common for a
query to search by: it discriminates nothing and would dominate the cost (`SearchIndex.searchable`)."""

PARALLEL_THRESHOLD = 20_000
"""Texts above which analysis runs in worker processes (SudachiPy holds the GIL)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What a search result points at."""

    kind: Kind
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Source:
    """The texts of one entry, as indexed."""

    entry: Entry
    units: tuple[str, ...]
    body: str
    links: tuple[str, ...] = ()
    asked: int = 0
    """How many of the first units are questions as someone would ask them (the question and its
    phrasings); the others are titles and keyword lists."""


def sources_of(kb: KnowledgeBase) -> list[Source]:
    """Every searchable entry of the knowledge, with its units and body."""
    sources: list[Source] = []
    for faq in kb.faq:
        units = (faq.question, *faq.phrasings, *_keywords_unit(faq.keywords))
        links = (*faq.manual, *faq.cases)
        asked = 1 + len(faq.phrasings)
        sources.append(Source(Entry("faq", faq.id, faq.question), units, faq.answer, links, asked))
    for chapter in kb.chapters:
        for section in chapter.sections:
            title = f"{chapter.title}「{section.title}」"
            sources.append(Source(Entry("manual", section.ref, title), (section.title,), section.body))
    for case in kb.cases:
        units = (case.title, *_keywords_unit(case.keywords))
        body = "\n".join((case.section, case.problem, case.actions, " ".join(case.tools), *case.effect))
        sources.append(Source(Entry("case", case.id, case.title), units, body))
    for referral in kb.referrals:
        units = (referral.topic, *referral.phrasings, *_keywords_unit(referral.keywords))
        asked = 1 + len(referral.phrasings)
        sources.append(
            Source(Entry("referral", referral.id, referral.topic), units, referral.answer, (), asked)
        )
    for talk in kb.smalltalk:
        sources.append(Source(Entry("smalltalk", talk.id, talk.phrasings[0]), tuple(talk.phrasings), ""))
    return sources


def views_of(kb: KnowledgeBase) -> list[list[tuple[str, float]]]:
    """The texts (and weights) each entry is embedded as, in the order of `sources_of`.

    Questions, phrasings, titles and topics as they are; an FAQ entry's
    answer as its question followed by the answer's first sentence
    (`bot.search.semantic.lead_view`); any other body by its start, weighted
    below (`bot.search.semantic.body_view`). Keyword
    lists are not sentences and are left to the lexical index.
    """
    views: list[list[tuple[str, float]]] = []
    for faq in kb.faq:
        views.append(
            [*((t, 1.0) for t in (faq.question, *faq.phrasings)), lead_view(faq.question, faq.answer)]
        )
    for chapter in kb.chapters:
        for section in chapter.sections:
            views.append([(f"{chapter.title} {section.title}", 1.0), body_view(section.body)])
    for case in kb.cases:
        views.append([(case.title, 1.0), body_view(case.problem)])
    for referral in kb.referrals:
        texts = (referral.topic, *referral.phrasings)
        views.append([*((t, 1.0) for t in texts), body_view(referral.answer)])
    for talk in kb.smalltalk:
        views.append([(t, 1.0) for t in talk.phrasings])
    return views


def _keywords_unit(keywords: Sequence[str]) -> tuple[str, ...]:
    return (" ".join(keywords),) if keywords else ()


@dataclass(frozen=True)
class SearchIndex:
    """The built index; immutable and safe to share between threads."""

    entries: tuple[Entry, ...]
    kinds: npt.NDArray[np.int8]
    vocabulary: dict[str, int]
    searchable: dict[str, int]
    """`vocabulary` without the n-grams too common to search by: a query's terms are looked up here
    once, and an n-gram missing is left out, known or not (a story has some 400 n-grams, a dozen rare)."""
    df: npt.NDArray[np.int32]
    idf: npt.NDArray[np.float32]
    units: Postings
    unit_starts: npt.NDArray[np.int64]
    unit_ends: npt.NDArray[np.int64]
    unit_entry: npt.NDArray[np.int32]
    unit_texts: tuple[str, ...]
    whole: Postings
    curated: dict[int, npt.NDArray[np.int32]]
    """Manual sections and cases → the FAQ entries that link to them (the curated answers), ascending."""
    links: dict[int, tuple[int, ...]]
    """FAQ entries → the manual sections and cases they link to (`curated` the other way round)."""
    sounds: dict[str, tuple[str, ...]]
    """Readings (`Analyzer.sound`) of three kana or more → the known words that read so."""
    sound_prefixes: frozenset[str]
    """Every start of three kana or more of a reading of `sounds` (アンケ, アンケー, アンケート …): a piece
    of a hiragana run is looked up in `sounds` only as far as it begins one (`bot.search.hiragana`)."""
    spellings: dict[int, tuple[str, ...]]
    """Lengths → the known words of that length spelled in Latin letters or katakana."""
    abbreviations: dict[str, tuple[str, ...]]
    """Shortenings (特養, 母子手帳) → the known compounds they shorten (`bot.search.abbreviation`)."""
    shortened: dict[str, tuple[str, ...]]
    """Known shortenings → the known compounds they shorten (国保 → 国民健康保険, `known_shortenings`)."""
    synonym_groups: dict[int, tuple[str, ...]]
    """Sudachi's synonym groups → the known words in them (`bot.search.synonymy`)."""
    topics: dict[int, Topic]
    """Entries whose question is a sub-question of a 【topic】 → the terms of that topic."""

    @cached_property
    def max_idf(self) -> float:
        """The idf of a term only one entry has: the weight given to words no entry knows.

        Found once (a query with an unknown noun asks for it, and the idf of 50,000 entries' terms is long).
        """
        return float(self.idf.max(initial=1.0))

    def entry_units(self, entry: int) -> range:
        """Unit numbers of one entry."""
        return range(int(self.unit_starts[entry]), int(self.unit_ends[entry]))


def build_index(
    sources: Sequence[Source],
    analyzer: Analyzer,
    synonyms: Iterable[Sequence[str]],
    memo: Analyses | None = None,
) -> SearchIndex:
    """Analyse every text and build the postings.

    With ``memo`` (the analyses of an earlier build), only texts it does not
    hold are analysed, and it is left holding this build's: a server keeps
    one to rebuild after an edit in seconds (`Searcher.reload`).

    Term ids live in one integer array for all texts (rather than millions
    of term strings, or an array per text). An entry's whole text is its
    units' terms and its body's, counted in place.
    """
    memo = memo if memo is not None else Analyses()
    unit_counts = [len(source.units) for source in sources]
    # Bodies (answers, sections, cases) are long: their words carry the meaning, while character
    # n-grams, there to catch typos against short questions, would triple the index for nothing.
    texts = [(unit, True) for source in sources for unit in source.units] + [(s.body, False) for s in sources]
    n_units = sum(unit_counts)
    term_ids, text_lengths, vocabulary = memo.renew(texts, analyzer, [list(g) for g in synonyms])
    unit_texts = memo.fuzzy_texts(texts[:n_units])
    del texts

    unit_starts = np.zeros(len(sources), dtype=np.int64)
    np.cumsum(unit_counts[:-1], out=unit_starts[1:])
    unit_ends = unit_starts + np.asarray(unit_counts, dtype=np.int64)
    n_terms = len(vocabulary)
    analysed = _Analysed(term_ids, text_lengths, unit_starts)
    whole_counts = TermCounts(analysed.whole_lengths, n_terms, analysed.whole)
    df = whole_counts.document_frequency
    n = max(len(sources), 1)
    idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
    whole = whole_counts.bm25_postings(idf)
    unit_counts_by_term = TermCounts(analysed.unit_lengths, n_terms, analysed.units)
    del analysed, term_ids
    links = _links(sources)
    sounds = sounds_of(vocabulary, memo.remembered(analyzer.sound))
    return SearchIndex(
        entries=tuple(s.entry for s in sources),
        kinds=np.array([KINDS.index(s.entry.kind) for s in sources], dtype=np.int8),
        vocabulary=vocabulary,
        searchable=_searchable(vocabulary, df, len(sources)),
        df=df.astype(np.int32),
        idf=idf,
        units=unit_counts_by_term.bm25_postings(idf),
        unit_starts=unit_starts,
        unit_ends=unit_ends,
        unit_entry=np.repeat(np.arange(len(sources), dtype=np.int32), unit_counts),
        unit_texts=tuple(unit_texts),
        whole=whole,
        curated=_curated(links),
        links=links,
        sounds=sounds,
        sound_prefixes=frozenset(
            reading[:end] for reading in sounds for end in range(MIN_SOUND_LENGTH, len(reading) + 1)
        ),
        spellings=spellings_of(vocabulary),
        abbreviations=phrase_abbreviations((u for s in sources for u in s.units), vocabulary)
        | abbreviations_of(vocabulary, memo.remembered(analyzer.parts)),
        shortened=known_shortenings(
            vocabulary, memo.remembered(analyzer.parts), memo.remembered(analyzer.synonym_groups)
        ),
        synonym_groups=synonym_groups_of(vocabulary, memo.remembered(analyzer.synonym_groups)),
        topics=_topics(sources, analyzer),
    )


def _searchable(vocabulary: dict[str, int], df: npt.NDArray[np.int64], entries: int) -> dict[str, int]:
    """The terms of ``vocabulary`` but n-grams in more entries than `NGRAM_MAX_DF_SHARE` of ``entries``."""
    limit = max(NGRAM_MIN_DF, NGRAM_MAX_DF_SHARE * entries)
    frequencies = df.tolist()
    return {
        term: at for term, at in vocabulary.items() if term[0] not in NGRAM_VIEWS or frequencies[at] <= limit
    }


@dataclass(frozen=True, slots=True)
class Topic:
    """The 【topic】 a sub-question belongs to (【粗大ごみ】手数料はいくらですか → 粗大ごみ), as terms."""

    words: frozenset[str]
    """Its word and synonym terms: one of them in a query mentions the topic."""
    grams: frozenset[str]
    """Its character bigrams: most of them in a query mention it too (そだいごみ, 粗大ゴミ)."""

    def mentioned(self, terms: AbstractSet[str]) -> bool:
        """Whether a query with ``terms`` mentions this topic."""
        if self.words & terms:
            return True
        return bool(self.grams) and len(self.grams & terms) * 2 >= len(self.grams)


TOPIC_PREFIX = re.compile(r"^\s*[【\[［]([^】\]］]+)[】\]］]")


def _topics(sources: Sequence[Source], analyzer: Analyzer) -> dict[int, Topic]:
    topics: dict[int, Topic] = {}
    known: dict[str, Topic] = {}  # a FAQ has many sub-questions of each topic
    for number, source in enumerate(sources):
        found = TOPIC_PREFIX.match(source.entry.title) if source.asked else None
        if found:
            topic = known.get(found.group(1))
            if topic is None:
                terms = analyzer.analyze(found.group(1)).terms
                words = frozenset(t for t in terms if t[0] in "ws")
                grams = frozenset(t for t in terms if t[0] in "gr")
                topic = known[found.group(1)] = Topic(words, grams)
            topics[number] = topic
    return topics


class _Analysed:
    """The term ids of every text end to end: all entries' units (entry by entry), then their bodies.

    `whole` and `units` give the term occurrences of runs of documents, for `TermCounts`.
    """

    def __init__(
        self, terms: npt.NDArray[np.int32], lengths: npt.NDArray[np.int64], unit_starts: npt.NDArray[np.int64]
    ) -> None:
        self._terms = terms
        self._n_units = len(lengths) - len(unit_starts)
        self._offsets = np.concatenate(([0], np.cumsum(lengths)))
        self._unit_offsets = self._offsets[np.append(unit_starts, self._n_units)]
        """Where each entry's units' terms start, and where the last entry's end."""
        self._body_lengths = lengths[self._n_units :]
        self.unit_lengths = lengths[: self._n_units]
        """Terms per unit."""
        self.whole_lengths: npt.NDArray[np.int64] = np.diff(self._unit_offsets) + self._body_lengths
        """Terms per entry, in its units and its body."""

    def whole(self, start: int, end: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
        """The term occurrences of entries ``start:end`` (units, then bodies) and the entry of each."""
        units = self._terms[self._unit_offsets[start] : self._unit_offsets[end]]
        bodies = self._terms[self._offsets[self._n_units + start] : self._offsets[self._n_units + end]]
        entries = np.arange(start, end)
        in_units = np.repeat(entries, np.diff(self._unit_offsets[start : end + 1]))
        in_bodies = np.repeat(entries, self._body_lengths[start:end])
        return np.concatenate((units, bodies)), np.concatenate((in_units, in_bodies))

    def units(self, start: int, end: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
        """The term occurrences of units ``start:end`` and the unit of each."""
        terms = self._terms[self._offsets[start] : self._offsets[end]]
        return terms, np.repeat(np.arange(start, end), self.unit_lengths[start:end])


def _links(sources: Sequence[Source]) -> dict[int, tuple[int, ...]]:
    numbers = {source.entry.id: n for n, source in enumerate(sources)}
    linked = ((n, tuple(numbers[link] for link in s.links if link in numbers)) for n, s in enumerate(sources))
    return {number: targets for number, targets in linked if targets}


def _curated(links: dict[int, tuple[int, ...]]) -> dict[int, npt.NDArray[np.int32]]:
    """`_links` the other way round: each section or case → the FAQ entries linking to it, ascending."""
    curated: dict[int, list[int]] = {}
    for number, targets in links.items():
        for target in targets:
            curated.setdefault(target, []).append(number)
    return {k: np.array(v, dtype=np.int32) for k, v in curated.items()}


Text = tuple[str, bool]
"""A text to index and whether its character n-grams are wanted."""


class Analyses:
    """The analyses of one index's texts, kept to build the next index of nearly the same sources.

    Every text's term ids, in one array in the order of the build that made
    them, and its fuzzy text. `renew` analyses only the texts it does not
    hold and then holds exactly the new build's (renumbered as its
    vocabulary), so it never grows beyond one index.
    """

    def __init__(self) -> None:
        self._vocabulary: dict[str, int] = {}
        self._terms: list[str] = []
        self._store: npt.NDArray[np.int32] = np.empty(0, dtype=np.int32)
        self._where: dict[Text, tuple[int, int, str]] = {}
        """Text → where its term ids start in the store, how many, and its fuzzy text."""
        self._readings: dict[str, dict[str, object]] = {}
        """Each reading's name → word → what it read (`remembered`)."""

    def copy(self) -> Analyses:
        """An independent memo holding the same analyses (the store is shared: it is never written)."""
        other = Analyses()
        other._vocabulary, other._terms = self._vocabulary, self._terms
        other._store, other._where, other._readings = self._store, dict(self._where), self._readings
        return other

    def renew(
        self, texts: Sequence[Text], analyzer: Analyzer, synonyms: list[list[str]]
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], dict[str, int]]:
        """The term ids of ``texts`` end to end, the number in each, and the vocabulary they index.

        Term ids are numbered in order of first occurrence, as if every text had been analysed now.
        """
        missing = [t for t in dict.fromkeys(texts) if t not in self._where]
        if missing:
            self._add(missing, analyzer, synonyms)
        where = self._where
        spans = [where[t] for t in texts]
        starts = np.fromiter((s[0] for s in spans), dtype=np.int64, count=len(spans))
        lengths = np.fromiter((s[1] for s in spans), dtype=np.int64, count=len(spans))
        stream = _gather(self._store, starts, lengths)
        # Renumber the terms in order of first occurrence: only those in use, as a fresh build would.
        first = np.full(len(self._terms), len(stream), dtype=np.int64)
        first[stream[::-1]] = np.arange(len(stream) - 1, -1, -1, dtype=np.int64)
        used = np.flatnonzero(first < len(stream))
        used = used[np.argsort(first[used], kind="stable")]
        renumber = np.zeros(len(self._terms), dtype=np.int32)
        renumber[used] = np.arange(len(used), dtype=np.int32)
        stream = renumber[stream]
        terms = [self._terms[t] for t in used.tolist()]
        vocabulary = dict(zip(terms, range(len(terms)), strict=True))
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).tolist()
        fresh: dict[Text, tuple[int, int, str]] = {}
        for text, offset, (_, length, fuzzy) in zip(texts, offsets, spans, strict=True):
            fresh.setdefault(text, (offset, length, fuzzy))
        self._vocabulary, self._terms, self._store, self._where = vocabulary, terms, stream, fresh
        return stream, lengths, vocabulary

    def fuzzy_texts(self, texts: Sequence[Text]) -> list[str]:
        """The fuzzy texts (`Analysis.fuzzy_text`) of ``texts``, all held here."""
        return [self._where[t][2] for t in texts]

    def remembered(self, read: Callable[[str], _R]) -> Callable[[str], _R]:
        """One of the analyzer's readings of a word (`Analyzer.sound`, `parts`, `synonym_groups`), remembered.

        Every build reads each known word so; a reload after editing one entry then reads only its new words.
        """
        readings = cast(dict[str, _R], self._readings.setdefault(read.__name__, {}))

        def remembered(word: str) -> _R:
            if word not in readings:
                readings[word] = read(word)
            return readings[word]

        return remembered

    def _add(self, texts: list[Text], analyzer: Analyzer, synonyms: list[list[str]]) -> None:
        """Analyse ``texts`` and append their term ids to the store, new terms to the vocabulary."""
        vocabulary = dict(self._vocabulary)  # the last index's own is shared with it: never write that
        terms = list(self._terms)
        parts = [self._store]
        at = len(self._store)
        where: dict[Text, tuple[int, int, str]] = {}
        for text_chunk, chunk in zip(_chunks(texts), _analyze_all(texts, analyzer, synonyms), strict=True):
            ids, uniques, lengths, fuzzy = chunk
            known = np.empty(len(uniques), dtype=np.int32)
            for number, term in enumerate(uniques):
                found = vocabulary.get(term)
                if found is None:
                    found = vocabulary[term] = len(terms)
                    terms.append(term)
                known[number] = found
            parts.append(known[ids])
            for text, length, fuzzy_text in zip(text_chunk, lengths, fuzzy, strict=True):
                where[text] = (at, length, fuzzy_text)
                at += length
        self._vocabulary, self._terms, self._store = vocabulary, terms, np.concatenate(parts)
        self._where.update(where)


def _gather(
    store: npt.NDArray[np.int32], starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> npt.NDArray[np.int32]:
    """``store[start : start + length]`` for each pair, end to end; adjoining spans copied as one."""
    if not len(starts):
        return store[:0].copy()
    ends = starts + lengths
    breaks = np.flatnonzero(starts[1:] != ends[:-1]) + 1
    firsts = starts[np.concatenate(([0], breaks))].tolist()
    lasts = ends[np.concatenate((breaks - 1, [len(starts) - 1]))].tolist()
    return np.concatenate([store[a:b] for a, b in zip(firsts, lasts, strict=True)])


_Chunk = tuple[npt.NDArray[np.int32], list[str], list[int], list[str]]
"""Analyses of a run of texts: their term ids end to end (numbered within the run), the run's terms by
id, the number of terms in each text, and each text's fuzzy text ("" without n-grams). Crossing
between processes, ids in one array and each term once are far lighter than every term string."""

_CHUNK = 1000

_worker_analyzer: Analyzer | None = None


def _init_worker(synonyms: list[list[str]]) -> None:
    global _worker_analyzer
    _worker_analyzer = Analyzer(synonyms)


def _analyze_chunk(texts: list[Text]) -> _Chunk:
    assert _worker_analyzer is not None
    return _analyzed(_worker_analyzer, texts)


def _analyzed(analyzer: Analyzer, texts: list[Text]) -> _Chunk:
    local: dict[str, int] = {}
    ids = array("i")
    lengths: list[int] = []
    fuzzy: list[str] = []
    for text, ngrams in texts:
        analysis = analyzer.analyze(text, ngrams=ngrams)
        ids.extend([local.setdefault(t, len(local)) for t in analysis.terms])
        lengths.append(len(analysis.terms))
        fuzzy.append(analysis.fuzzy_text if ngrams else "")
    return np.frombuffer(ids, dtype=np.int32), list(local), lengths, fuzzy


def _chunks(texts: list[Text]) -> Iterator[list[Text]]:
    return (texts[i : i + _CHUNK] for i in range(0, len(texts), _CHUNK))


def _analyze_all(texts: list[Text], analyzer: Analyzer, synonyms: list[list[str]]) -> Iterator[_Chunk]:
    """Analyse ``texts`` chunk by chunk (`_chunks`), in order, in worker processes when there are many.

    SudachiPy holds the GIL, so threads would not help. At most two chunks
    per worker are in flight, so results never pile up in memory.
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(texts) < PARALLEL_THRESHOLD or workers < 2:
        for chunk in _chunks(texts):
            yield _analyzed(analyzer, chunk)
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(synonyms,)) as pool:
        pending: deque[Future[_Chunk]] = deque()
        for chunk in _chunks(texts):
            pending.append(pool.submit(_analyze_chunk, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
