"""The search as the rest of the bot sees it: load once, then `Searcher.search`."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import logging
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bot.atomic import replacing
from bot.knowledge import KnowledgeBase, Problem, knowledge_files, load_knowledge, missing_knowledge
from bot.knowledge.loader import fingerprint_of
from bot.privacy import without_placeholders
from bot.search.analyzer import Analyzer
from bot.search.calibration import calibrate
from bot.search.decide import DEFAULT_POLICY, Decision, Policy, decide
from bot.search.index import Analyses, Entry, SearchIndex, build_index, sources_of, views_of
from bot.search.normalize import bare_topic, closing, once_each
from bot.search.ranker import Ranking, rank
from bot.search.semantic import MODEL, EmbeddingCache, Encoder, SemanticIndex, TextEncoder, build_semantic

__all__ = ["Hit", "SearchResult", "Searcher"]

log = logging.getLogger(__name__)

SEARCH_CODE = Path(__file__).parent
"""The search package: a change to any of its files (code, out-of-scope questions) makes the cached
indexes and calibration stale, so they are part of the cache's key (`_cache_version`)."""

MAX_RESULTS = 5
MEANING_CHARS = 120
"""Characters of a query whose meaning is compared: the closing sentences of a long message, where its
question is. The encoder's time grows with the text (some 7 ms for 200 characters here), and the
situation told before the question blurs its meaning."""


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
        """The ``ask --json`` contract (the README's command line table)."""
        return {
            "query": self.query,
            "decision": self.decision,
            "results": [
                {"id": h.entry.id, "kind": h.entry.kind, "title": h.entry.title, "score": round(h.score, 4)}
                for h in self.hits
            ],
        }


class Searcher:
    """Knowledge, analyzer and indexes together; thread-safe for concurrent searches.

    With a `SemanticIndex` (the default), the query's meaning is compared
    with every entry's too (`bot.search.semantic`); without one the search
    is lexical only.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        index: SearchIndex,
        analyzer: Analyzer,
        policy: Policy = DEFAULT_POLICY,
        semantic: SemanticIndex | None = None,
        encoder: TextEncoder | None = None,
        analyses: Analyses | None = None,
    ):
        self.kb = kb
        self.index = index
        self.analyzer = analyzer
        self.policy = policy
        self.semantic = semantic
        self.encoder = encoder or (Encoder() if semantic is not None else None)
        self.analyses = analyses
        """The analyses ``index`` was built from, when it was built here: a reload analyses only new texts."""

    @classmethod
    def build(
        cls,
        kb: KnowledgeBase,
        *,
        semantic: bool = True,
        cache_dir: Path | None = None,
        calibrated: bool = True,
        encoder: TextEncoder | None = None,
        embeddings: EmbeddingCache | None = None,
        analyses: Analyses | None = None,
    ) -> Searcher:
        """Build the indexes from scratch (embeddings already in ``embeddings`` or ``cache_dir`` are reused).

        The decision is calibrated to ``kb`` (`bot.search.calibration`) unless
        ``calibrated`` is false. A long-lived caller (`bot.reloading`) passes
        its own ``encoder``, ``embeddings`` and ``analyses``, so a rebuild
        after an edit neither loads the model nor reads the cache file again,
        and analyses and embeds only the texts that changed. ``analyses`` is
        taken over by the new searcher.
        """
        analyzer = Analyzer(kb.synonyms)
        sources = sources_of(kb)
        memo = analyses if analyses is not None else Analyses()
        index = build_index(sources, analyzer, kb.synonyms, memo)
        if semantic and encoder is None:
            encoder = Encoder()
        meaning, embed = None, None
        if semantic and encoder is not None:
            cache, model = embeddings if embeddings is not None else embedding_cache(cache_dir), encoder
            meaning = build_semantic(views_of(kb), model, cache)
            embed = lambda texts: cache.vectors(texts, model)  # noqa: E731
        policy = (
            calibrate(sources, index, analyzer, kb.synonyms, meaning, embed, memo)
            if calibrated
            else DEFAULT_POLICY
        )
        encoder = encoder if semantic else None
        searcher = cls(kb, index, analyzer, policy, semantic=meaning, encoder=encoder, analyses=memo)
        _release_free_memory()
        return searcher

    @classmethod
    def load(
        cls,
        faq_path: Path,
        knowledge_dir: Path,
        cache_dir: Path | None = None,
        *,
        semantic: bool = True,
        encoder: TextEncoder | None = None,
        embeddings: EmbeddingCache | None = None,
        analyses: Analyses | None = None,
    ) -> Searcher:
        """Load the knowledge and its indexes, from the cache when the files are unchanged.

        Raises `bot.knowledge.KnowledgeError` when the knowledge has problems.
        """
        cache_file: Path | None = None
        with collection_paused():
            if cache_dir is not None and not missing_knowledge(faq_path, knowledge_dir):
                key = fingerprint_of(knowledge_files(faq_path, knowledge_dir))
                mode = "semantic" if semantic else "words"
                cache_file = cache_dir / f"index-{key[:24]}-{_cache_version()}-{mode}.pickle"
                cached = _read_cache(cache_file)
                if cached is not None and (cached[2] is not None) == semantic:
                    kb, index, meaning, policy, notes = cached
                    _log_notes(notes)
                    analyzer = Analyzer(kb.synonyms)
                    return cls(
                        kb, index, analyzer, policy, semantic=meaning, encoder=encoder, analyses=analyses
                    )
            found: list[Problem] = []
            kb = load_knowledge(faq_path, knowledge_dir, found)
            notes = tuple(found)
            _log_notes(notes)
            searcher = cls.build(
                kb,
                semantic=semantic,
                cache_dir=cache_dir,
                encoder=encoder,
                embeddings=embeddings,
                analyses=analyses,
            )
            if cache_file is not None:
                _write_cache(
                    cache_file, (searcher.kb, searcher.index, searcher.semantic, searcher.policy, notes)
                )
                _remove_stale(cache_file, f"index-{key[:24]}-*-{mode}.pickle")
        return searcher

    def reload(self, faq_path: Path, knowledge_dir: Path, cache_dir: Path | None = None) -> Searcher:
        """The knowledge loaded again, as `load` would, reusing this searcher's encoder and vectors.

        Only texts this searcher has not analysed or embedded are analysed
        and embedded (after editing one FAQ entry, that entry's); the indexes
        are then laid out anew from them. This searcher's analyses pass to
        the new one: keep serving with it, not this one. Raises
        `bot.knowledge.KnowledgeError` when the knowledge has problems.
        """
        embeddings = None
        if self.semantic is not None:
            texts = [text for entry in views_of(self.kb) for text, _ in entry]
            embeddings = EmbeddingCache.seeded(embedding_path(cache_dir), texts, self.semantic.vectors)
        return Searcher.load(
            faq_path,
            knowledge_dir,
            cache_dir,
            semantic=self.semantic is not None,
            encoder=self.encoder,
            embeddings=embeddings,
            analyses=self.analyses,
        )

    def search(self, query: str) -> SearchResult:
        """Rank, decide, and keep the best results.

        Masked data's placeholders (［氏名］) are not searched, and a sentence said again is searched once
        (`once_each`).
        """
        words = bare_topic(once_each(without_placeholders(query)))
        meaning = None
        if self.semantic is not None and self.encoder is not None and words.strip():
            meaning = self.semantic.closeness(self.encoder.encode([closing(words, MEANING_CHARS)])[0])
        ranking = rank(self.index, self.analyzer, words, meaning=meaning)
        decision, sure = decide(ranking, self.policy)
        hits = tuple(Hit(c.entry, c.score, c.explained) for c in ranking.candidates[:MAX_RESULTS])
        return SearchResult(query, decision, sure, hits, ranking)


def embedding_path(cache_dir: Path | None) -> Path | None:
    """Where the embedding cache is kept in ``cache_dir`` (nowhere without one)."""
    return cache_dir / f"embeddings-{MODEL}.npz" if cache_dir is not None else None


def embedding_cache(cache_dir: Path | None) -> EmbeddingCache:
    """The embedding cache kept in ``cache_dir``, read from its file (in memory only without one)."""
    return EmbeddingCache(embedding_path(cache_dir))


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a build runs, and what it built frozen out of its way after.

    A build allocates millions of objects that live on, with millions more alive in the index in
    service: each full collection would walk them all, for nothing (about a second of a reload at
    50,000 entries). Reference counting still frees what the build drops. Afterwards every object
    alive is frozen (`gc.freeze`): the collector never walks them again, so a full collection while
    serving costs milliseconds instead of 0.8–0.9 s at 50,000 entries (the p99 of `python -m bot
    bench --realistic`). Frozen objects are still freed by reference counting when the index is
    replaced; only a reference cycle among them would stay, and the index holds none. The young
    generations are collected first (everything made meanwhile is young, the collector being off), so
    that the garbage of requests served during a reload is not frozen with it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect(1)
        gc.freeze()
        if was_enabled:
            gc.enable()


def _release_free_memory() -> None:
    """Hand the heap memory that building freed back to the OS.

    glibc keeps freed pages for reuse: after a 50,000-entry build, about
    150 MiB that the process would otherwise hold for good. Without glibc's
    ``malloc_trim`` this does nothing.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).malloc_trim(0)


@functools.cache
def _cache_version() -> str:
    """What else the cached indexes depend on: the search code and Sudachi's dictionary."""
    try:
        dictionary = metadata.version("sudachidict_core")
    except metadata.PackageNotFoundError:
        dictionary = "unknown"
    digest = hashlib.sha256(dictionary.encode())
    for path in sorted(p for p in SEARCH_CODE.iterdir() if p.suffix in {".py", ".txt"}):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


Cached = tuple[KnowledgeBase, SearchIndex, SemanticIndex | None, Policy, tuple[Problem, ...]]
"""The knowledge, its indexes, the decision calibrated to it (`bot.search.calibration`) and the notes
its loading made (a ward's own column left out, two entries asking the same question)."""


def _log_notes(notes: tuple[Problem, ...]) -> None:
    """The knowledge's notes in the log, whether it was loaded from its files or from the cache.

    It loads all the same; `python -m bot check` lists them too. Logged from the cache as well, or a
    restart (which finds the cache) would keep quiet about what the first start said.
    """
    for note in notes:
        log.warning("knowledge: %s", note)


def _read_cache(path: Path) -> Cached | None:
    try:
        with path.open("rb") as handle:
            kb, index, meaning, policy, notes = pickle.load(handle)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a folder the cache cannot use (no access, a name too long): why, in one line
        log.warning("ignoring unreadable index cache %s: %s", path, exc.strerror or exc)
        return None
    except Exception:  # a truncated or foreign file: rebuild rather than fail
        log.warning("ignoring unreadable index cache %s", path, exc_info=True)
        return None
    if (
        isinstance(kb, KnowledgeBase)
        and isinstance(index, SearchIndex)
        and isinstance(policy, Policy)
        and (meaning is None or isinstance(meaning, SemanticIndex))
        and isinstance(notes, tuple)
        and all(isinstance(note, Problem) for note in notes)
    ):
        return kb, index, meaning, policy, notes
    return None


def _remove_stale(current: Path, pattern: str) -> None:
    """Remove the caches of the same knowledge by other code versions (``pattern``, not ``current``).

    A folder that cannot be listed is left alone: writing the cache has already said why.
    """
    try:
        stale = [path for path in current.parent.glob(pattern) if path != current]
    except OSError:
        return
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()


def _write_cache(path: Path, value: Cached) -> None:
    """Write atomically (`bot.atomic.replacing`); a failure only costs speed next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError as exc:  # the environment's doing, not a bug: why, in one line
        log.warning("could not write index cache %s: %s", path, exc.strerror or exc)
