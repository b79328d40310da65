"""``python -m bot bench``: speed and memory at 1k-100k FAQ entries, against a naive baseline.

For each size, synthetic FAQ entries are generated from the sample knowledge's
own words (so term frequencies look like real Japanese FAQ text) and written
as a real faq.yaml beside the sample manual and cases. Every measurement runs
in a fresh child process, so peak memory (max RSS) is that measurement's own:

- ours, cold: load the YAML, validate, analyse, index, write the cache; then queries;
- ours, warm: load again with the index cache (the files are unchanged);
- baseline: rapidfuzz ``process.extract`` with WRatio over every question and
  phrasing string, the naive approach, timed on the same queries in the same run.

Ours is lexical only unless ``semantic`` is set: embedding every phrasing of a
50,000-entry FAQ takes the better part of an hour on two cores.
"""

from __future__ import annotations

import contextlib
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from bot.config import PROJECT_ROOT, Settings
from bot.knowledge import load_knowledge

__all__ = ["run_bench", "synthetic_faq"]

_TEMPLATES = (
    "{a}の{b}はどうすればよいですか？",
    "{a}で{b}を{c}したい",
    "{a}について{b}の担当に聞きたい",
    "{a}と{b}の違いを教えてください",
    "{a}の{b}に{c}は使えますか",
    "{a}を{b}するときの注意点は？",
)
_ANSWERS = (
    "{a}は{b}の手順で進めます。",
    "詳しくは{a}の{b}を確認してください。",
    "{a}の場合は{b}に相談してください。",
    "{a}と{b}を組み合わせると{c}が減ります。",
)


def _word_pool() -> list[str]:
    """Content words of the sample knowledge, with their real frequencies."""
    from bot.search.analyzer import Analyzer

    kb = load_knowledge(Settings.from_env().faq_path, Settings.from_env().knowledge_dir)
    analyzer = Analyzer()
    words: list[str] = []
    texts = (
        [e.question for e in kb.faq] + [e.answer for e in kb.faq] + [p for e in kb.faq for p in e.phrasings]
    )
    for text in texts:
        words += [t[2:] for t in analyzer.analyze(text).terms if t.startswith("w:") and len(t) > 3]
    return words


def synthetic_faq(size: int, pool: list[str], seed: int = 7) -> list[dict[str, Any]]:
    """``size`` FAQ entries of plausible shape: a question, 4 phrasings, keywords, an answer."""
    rng = random.Random(seed)

    def fill(template: str) -> str:
        return template.format(a=rng.choice(pool), b=rng.choice(pool), c=rng.choice(pool))

    return [
        {
            "id": f"synthetic-{number}",
            "category": "ツール",
            "question": fill(rng.choice(_TEMPLATES)),
            "answer": "".join(fill(rng.choice(_ANSWERS)) for _ in range(3)),
            "phrasings": [fill(rng.choice(_TEMPLATES)) for _ in range(4)],
            "keywords": rng.sample(pool, 4),
        }
        for number in range(size)
    ]


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank): both benchmarks' p99."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def peak_mib() -> float:
    """This process's peak memory so far (max RSS; Linux counts it in KiB), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(
    mode: str, faq: Path, knowledge: Path, cache: Path, queries: list[str], semantic: bool = False
) -> dict[str, float]:
    """One measurement in this (fresh) process."""
    if mode == "baseline":
        from rapidfuzz import fuzz, process

        data = yaml.load(
            faq.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        started = time.perf_counter()
        choices = [text for entry in data for text in (entry["question"], *entry["phrasings"])]
        load = time.perf_counter() - started
        latencies = []
        for query in queries:
            started = time.perf_counter()
            process.extract(query, choices, scorer=fuzz.WRatio, limit=5)
            latencies.append(time.perf_counter() - started)
    else:
        from bot.search import Searcher

        started = time.perf_counter()
        searcher = Searcher.load(faq, knowledge, cache, semantic=semantic)
        load = time.perf_counter() - started
        for query in queries[:5]:
            searcher.search(query)
        latencies = []
        for query in queries:
            started = time.perf_counter()
            searcher.search(query)
            latencies.append(time.perf_counter() - started)
    return {
        "load_s": load,
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "peak_mib": peak_mib(),
    }


def _measure(
    mode: str, faq: Path, knowledge: Path, cache: Path, queries: list[str], semantic: bool = False
) -> dict[str, float]:
    payload = {
        "mode": mode,
        "faq": str(faq),
        "knowledge": str(knowledge),
        "cache": str(cache),
        "queries": queries,
        "semantic": semantic,
    }
    figures: dict[str, float] = in_child("bot.bench", payload)
    return figures


@contextlib.contextmanager
def knowledge_copy(settings: Settings) -> Iterator[tuple[Path, Path]]:
    """A temporary folder for the benchmark's FAQ files, and a copy of the knowledge folder inside it."""
    with tempfile.TemporaryDirectory(prefix="kaizen-bench-") as temp:
        root = Path(temp)
        knowledge = root / "knowledge"
        shutil.copytree(settings.knowledge_dir, knowledge)
        yield root, knowledge


def in_child(module: str, payload: dict[str, Any]) -> Any:
    """What ``module._child_main`` prints last (JSON) for ``payload``, run in a fresh Python process.

    A fresh process per measurement, so that its peak memory and its caches are its own.
    Raises `RuntimeError` with the end of its error output when it fails.
    """
    done = subprocess.run(
        [sys.executable, "-c", f"import sys, {module} as b; b._child_main(sys.stdin.read())"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the measurement in {module} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child_main(payload: str) -> None:
    args = json.loads(payload)
    figures = _child(
        args["mode"],
        Path(args["faq"]),
        Path(args["knowledge"]),
        Path(args["cache"]),
        args["queries"],
        args["semantic"],
    )
    print(json.dumps(figures))


def bench_queries(settings: Settings) -> list[str]:
    """The development set's queries in a source checkout; in a packaged install, the questions of the FAQ.

    A packaged install (pip, wheel, Docker) has no tests/: there the ward's own FAQ in service gives the
    queries, each question as staff would type it, and a line on standard error says so.
    """
    from bot.evaluation import development_queries, load_queries

    source = development_queries()
    if source is not None:
        return [query.q for query in load_queries(source)]
    kb = load_knowledge(settings.faq_path, settings.knowledge_dir)
    print(
        f"開発用の質問集（tests/data/queries_dev.yaml）がないため、{settings.faq_path} の質問"
        f"{len(kb.faq)}件を検索の質問にします。",
        file=sys.stderr,
    )
    return [entry.question for entry in kb.faq]


def run_bench(
    settings: Settings, sizes: list[int], n_queries: int, n_baseline: int, *, semantic: bool = False
) -> int:
    """Print one row per size and measurement; figures are for this machine, now."""
    pool = _word_pool()
    asked = bench_queries(settings)
    queries = [asked[i % len(asked)] for i in range(n_queries)]
    columns = ("entries", "engine", "load s", "median ms", "p99 ms", "peak MiB", "speed-up")
    header = "{:>8} {:<10} {:>8} {:>10} {:>8} {:>9} {:>9}".format(*columns)
    print(header)
    print("-" * len(header))
    with knowledge_copy(settings) as (root, knowledge):
        for size in sizes:
            faq = root / f"faq-{size}.yaml"
            real = yaml.safe_load(settings.faq_path.read_text(encoding="utf-8"))
            entries = real + synthetic_faq(max(size - len(real), 0), pool)
            faq.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
            cache = root / f"cache-{size}"
            cold = _measure("cold", faq, knowledge, cache, queries, semantic)
            warm = _measure("warm", faq, knowledge, cache, queries, semantic)
            base = _measure("baseline", faq, knowledge, cache, queries[:n_baseline])
            for name, row in (("ours cold", cold), ("ours warm", warm), ("baseline", base)):
                ratio = base["median_ms"] / row["median_ms"] if name != "baseline" else 1.0
                print(
                    f"{size:>8} {name:<10} {row['load_s']:>8.2f} {row['median_ms']:>10.3f} "
                    f"{row['p99_ms']:>8.3f} {row['peak_mib']:>9.0f} {ratio:>8.0f}x",
                    flush=True,
                )
    return 0
