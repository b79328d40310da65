"""How often the coarse semantic stage keeps the entries closest in meaning, and what it saves.

Usage, from the repository root:
    python -m benchmarks.semantic_shortlist [--sizes 16,32,64,128,256]

A semantic index of `COARSE_MIN_VIEWS` views or more compares a query with
every entry's coarse vector (the weighted mean of its views, projected on
`COARSE_DIMENSIONS` main directions), then with the views of the `SHORTLIST`
closest entries only (`bot.search.semantic.Coarse`). This builds both paths
over the same vectors, for the sample FAQ (with and without its phrasings)
and the ward's FAQ of the generalisation set, and asks each its own labelled
queries. For every shortlist size it prints:

- ``top 1``: the share of queries whose closest entry is the exact path's
  (compared by closeness, so that two entries equally close count alike);
- ``recall@8``: the share of the exact path's 8 closest that the coarse path
  also returns among its 8;
- the median time of the semantic stage a query, exact and coarse (the query
  already encoded).

These knowledge bases are small (a few hundred entries, some 1,000–4,000
views), so a shortlist of 16 or 32 is as selective here as 256 is among
50,000 entries; `python -m bot bench --realistic --semantic` times the
coarse path at that size.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.config import Settings
from bot.evaluation import load_queries, without_phrasings
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search import Searcher, semantic
from bot.search.semantic import Coarse, SemanticIndex

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEPTH = 8


def measure(
    name: str, kb: KnowledgeBase, queries: Sequence[str], sizes: Sequence[int], cache: Path | None
) -> None:
    """Print one knowledge base's figures for every shortlist size."""
    searcher = Searcher.build(kb, cache_dir=cache)
    exact_index = searcher.semantic
    if exact_index is None or searcher.encoder is None:
        raise SystemExit("the semantic index is off (KAIZEN_SEMANTIC=false?)")
    exact_index = replace(exact_index, coarse=None)
    coarse_index = replace(exact_index, coarse=Coarse.of(exact_index))
    vectors = searcher.encoder.encode(list(queries))
    exact_ms, exact_best = _run(exact_index, vectors)
    print(f"{name}: {exact_index.entries} entries, {len(exact_index.vectors)} views, {len(queries)} queries")
    print(f"  {'shortlist':>9} {'top 1':>6} {'recall@8':>8} {'exact ms':>9} {'coarse ms':>9}")
    for size in sizes:
        semantic.SHORTLIST = size
        coarse_ms, coarse_best = _run(coarse_index, vectors)
        pairs = list(zip(coarse_best, exact_best, strict=True))
        top1 = statistics.mean(float(abs(c[0] - e[0]) < 1e-6) for c, e in pairs)
        recall = statistics.mean(_recall(c, e) for c, e in pairs)
        print(f"  {size:>9} {top1:>6.3f} {recall:>8.3f} {exact_ms:>9.3f} {coarse_ms:>9.3f}")


def _run(index: SemanticIndex, vectors: npt.NDArray[np.float32]) -> tuple[float, list[list[float]]]:
    """Median ms a query, and the closeness of each query's closest `DEPTH` entries."""
    times, best = [], []
    for vector in vectors:
        started = time.perf_counter()
        closeness = index.closeness(vector)
        closest = closeness.closest(DEPTH, -1.0)
        times.append((time.perf_counter() - started) * 1000)
        best.append(closeness.of(closest))
    return statistics.median(times), best


def _recall(found: list[float], expected: list[float]) -> float:
    """The share of ``expected`` closeness values found (each value used once)."""
    left = list(found)
    hits = 0
    for value in expected:
        match = next((i for i, v in enumerate(left) if abs(v - value) < 1e-6), None)
        if match is not None:
            hits += 1
            del left[match]
    return hits / len(expected) if expected else 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="16,32,64,128,256")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    settings = Settings.from_env()
    cache = settings.cache_dir
    sample = load_knowledge(settings.faq_path, settings.knowledge_dir)
    dev = [q.q for q in load_queries(DATA / "queries_dev.yaml")]
    measure("sample FAQ", sample, dev, sizes, cache)
    measure("sample FAQ without phrasings", without_phrasings(sample), dev, sizes, cache)
    ward = load_knowledge(DATA / "ward" / "faq.yaml", DATA / "ward" / "knowledge")
    measure("ward FAQ", ward, [q.q for q in load_queries(DATA / "ward" / "queries.yaml")], sizes, cache)


if __name__ == "__main__":
    main()
