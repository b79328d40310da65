"""One inverted index over FAQ entries, manual sections, cases, referrals and small talk.

Each entry has *units* (its question, each phrasing, its keywords: short
texts that a query may match as a whole) and a *whole* text (units plus the
answer or body). A query scores the best unit of each entry and, with less
weight, the entry's whole text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from bot.knowledge import KnowledgeBase
from bot.search.analyzer import Analysis, Analyzer
from bot.search.postings import Postings, bm25_postings

__all__ = ["KINDS", "Entry", "Kind", "SearchIndex", "Source", "build_index", "sources_of"]

Kind = Literal["faq", "manual", "case", "referral", "smalltalk"]
KINDS: tuple[Kind, ...] = ("faq", "manual", "case", "referral", "smalltalk")

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


def sources_of(kb: KnowledgeBase) -> list[Source]:
    """Every searchable entry of the knowledge, with its units and body."""
    sources: list[Source] = []
    for faq in kb.faq:
        units = (faq.question, *faq.phrasings, *_keywords_unit(faq.keywords))
        links = (*faq.manual, *faq.cases)
        sources.append(Source(Entry("faq", faq.id, faq.question), units, faq.answer, links))
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
        sources.append(Source(Entry("referral", referral.id, referral.topic), units, referral.answer))
    for talk in kb.smalltalk:
        sources.append(Source(Entry("smalltalk", talk.id, talk.phrasings[0]), tuple(talk.phrasings), ""))
    return sources


def _keywords_unit(keywords: Sequence[str]) -> tuple[str, ...]:
    return (" ".join(keywords),) if keywords else ()


@dataclass(frozen=True)
class SearchIndex:
    """The built index; immutable and safe to share between threads."""

    entries: tuple[Entry, ...]
    kinds: npt.NDArray[np.int8]
    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float32]
    units: Postings
    unit_starts: npt.NDArray[np.int64]
    unit_texts: tuple[str, ...]
    whole: Postings
    curated: dict[int, tuple[int, ...]]
    """Manual sections and cases → the FAQ entries that link to them (the curated answers)."""

    @property
    def nbytes(self) -> int:
        """Approximate size of the arrays, for the benchmark."""
        return int(self.units.nbytes + self.whole.nbytes + self.idf.nbytes + self.unit_starts.nbytes)

    def entry_units(self, entry: int) -> range:
        """Unit numbers of one entry."""
        end = self.unit_starts[entry + 1] if entry + 1 < len(self.unit_starts) else len(self.unit_texts)
        return range(int(self.unit_starts[entry]), int(end))


def build_index(
    sources: Sequence[Source], analyzer: Analyzer, synonyms: Iterable[Sequence[str]]
) -> SearchIndex:
    """Analyse every text and build the postings."""
    unit_texts = [unit for source in sources for unit in source.units]
    bodies = [source.body for source in sources]
    analyses = _analyze_all([*unit_texts, *bodies], analyzer, [list(g) for g in synonyms])
    unit_analyses, body_analyses = analyses[: len(unit_texts)], analyses[len(unit_texts) :]

    vocabulary: dict[str, int] = {}

    def ids(terms: Iterable[str]) -> list[int]:
        return [vocabulary.setdefault(t, len(vocabulary)) for t in terms]

    unit_docs = [ids(a.terms) for a in unit_analyses]
    unit_starts = np.zeros(len(sources), dtype=np.int64)
    whole_docs: list[list[int]] = []
    position = 0
    for number, (source, body) in enumerate(zip(sources, body_analyses, strict=True)):
        unit_starts[number] = position
        whole = [t for doc in unit_docs[position : position + len(source.units)] for t in doc]
        whole_docs.append(whole + ids(body.terms))
        position += len(source.units)

    numbers = {source.entry.id: n for n, source in enumerate(sources)}
    curated: dict[int, list[int]] = {}
    for number, source in enumerate(sources):
        for link in source.links:
            if link in numbers:
                curated.setdefault(numbers[link], []).append(number)

    n_terms = len(vocabulary)
    df = np.zeros(n_terms, dtype=np.float64)
    for doc in whole_docs:
        df[np.unique(np.asarray(doc, dtype=np.int64))] += 1
    n = max(len(sources), 1)
    idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
    return SearchIndex(
        entries=tuple(s.entry for s in sources),
        kinds=np.array([KINDS.index(s.entry.kind) for s in sources], dtype=np.int8),
        vocabulary=vocabulary,
        idf=idf,
        units=bm25_postings(unit_docs, n_terms, idf),
        unit_starts=unit_starts,
        unit_texts=tuple(a.fuzzy_text for a in unit_analyses),
        whole=bm25_postings(whole_docs, n_terms, idf),
        curated={k: tuple(v) for k, v in curated.items()},
    )


_worker_analyzer: Analyzer | None = None


def _init_worker(synonyms: list[list[str]]) -> None:
    global _worker_analyzer
    _worker_analyzer = Analyzer(synonyms)


def _analyze_chunk(texts: list[str]) -> list[Analysis]:
    assert _worker_analyzer is not None
    return [_worker_analyzer.analyze(t) for t in texts]


def _analyze_all(texts: list[str], analyzer: Analyzer, synonyms: list[list[str]]) -> list[Analysis]:
    workers = min(os.cpu_count() or 1, 4)
    if len(texts) < PARALLEL_THRESHOLD or workers < 2:
        return [analyzer.analyze(t) for t in texts]
    size = 2000
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(synonyms,)) as pool:
        return [a for chunk in pool.map(_analyze_chunk, chunks) for a in chunk]
