"""The search as the rest of the bot sees it: load once, then `Searcher.search`."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import pickle
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bot.knowledge import KnowledgeBase, knowledge_files, load_knowledge
from bot.knowledge.loader import fingerprint_of
from bot.search.analyzer import Analyzer
from bot.search.decide import DEFAULT_POLICY, Decision, Policy, decide
from bot.search.index import Entry, SearchIndex, build_index, sources_of
from bot.search.ranker import Ranking, rank

__all__ = ["Hit", "SearchResult", "Searcher"]

log = logging.getLogger(__name__)

INDEX_FORMAT = "8"
"""Bump when analysis or index layout changes, so stale caches are ignored."""

MAX_RESULTS = 5


@dataclass(frozen=True, slots=True)
class Hit:
    """One result as shown to callers: what it is and how well it fits."""

    entry: Entry
    score: float
    explained: float = 1.0
    """Share of the query's content nouns the entry mentions (see `Candidate.explained`)."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The decision for one query and its results, best first (at most 5)."""

    query: str
    decision: Decision
    confidence: float
    hits: tuple[Hit, ...]
    ranking: Ranking

    def as_json(self) -> dict[str, object]:
        """The ``ask --json`` contract of DESIGN.md."""
        return {
            "query": self.query,
            "decision": self.decision,
            "results": [
                {"id": h.entry.id, "kind": h.entry.kind, "title": h.entry.title, "score": round(h.score, 4)}
                for h in self.hits
            ],
        }


class Searcher:
    """Knowledge, analyzer and index together; thread-safe for concurrent searches."""

    def __init__(
        self, kb: KnowledgeBase, index: SearchIndex, analyzer: Analyzer, policy: Policy = DEFAULT_POLICY
    ):
        self.kb = kb
        self.index = index
        self.analyzer = analyzer
        self.policy = policy

    @classmethod
    def build(cls, kb: KnowledgeBase) -> Searcher:
        """Build the index from scratch."""
        analyzer = Analyzer(kb.synonyms)
        searcher = cls(kb, build_index(sources_of(kb), analyzer, kb.synonyms), analyzer)
        _release_free_memory()
        return searcher

    @classmethod
    def load(cls, faq_path: Path, knowledge_dir: Path, cache_dir: Path | None = None) -> Searcher:
        """Load the knowledge and its index, from the cache when the files are unchanged.

        Raises `bot.knowledge.KnowledgeError` when the knowledge has problems.
        """
        cache_file: Path | None = None
        if cache_dir is not None and faq_path.exists() and knowledge_dir.is_dir():
            key = fingerprint_of(knowledge_files(faq_path, knowledge_dir))
            cache_file = cache_dir / f"index-{key[:24]}-{_cache_version()}.pickle"
            cached = _read_cache(cache_file)
            if cached is not None:
                kb, index = cached
                return cls(kb, index, Analyzer(kb.synonyms))
        searcher = cls.build(load_knowledge(faq_path, knowledge_dir))
        if cache_file is not None:
            _write_cache(cache_file, (searcher.kb, searcher.index))
        return searcher

    def search(self, query: str) -> SearchResult:
        """Rank, decide, and keep the best results."""
        ranking = rank(self.index, self.analyzer, query)
        decision, sure = decide(ranking, self.policy)
        hits = tuple(Hit(c.entry, c.score, c.explained) for c in ranking.candidates[:MAX_RESULTS])
        return SearchResult(query, decision, sure, hits, ranking)


def _release_free_memory() -> None:
    """Hand the heap memory that building freed back to the OS.

    glibc keeps freed pages for reuse: after a 50,000-entry build, about
    150 MiB that the process would otherwise hold for good. Without glibc's
    ``malloc_trim`` this does nothing.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).malloc_trim(0)


def _cache_version() -> str:
    try:
        dictionary = metadata.version("sudachidict_core")
    except metadata.PackageNotFoundError:
        dictionary = "unknown"
    return f"{INDEX_FORMAT}-{dictionary}"


def _read_cache(path: Path) -> tuple[KnowledgeBase, SearchIndex] | None:
    try:
        with path.open("rb") as handle:
            kb, index = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file: rebuild rather than fail
        log.warning("ignoring unreadable index cache %s", path, exc_info=True)
        return None
    if isinstance(kb, KnowledgeBase) and isinstance(index, SearchIndex):
        return kb, index
    return None


def _write_cache(path: Path, value: tuple[KnowledgeBase, SearchIndex]) -> None:
    """Write atomically (temp file + rename); a failure only costs speed next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        with temp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temp.replace(path)
    except OSError:
        log.warning("could not write index cache %s", path, exc_info=True)
