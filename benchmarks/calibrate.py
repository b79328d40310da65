"""Fit the decision's prior (`DEFAULT_POLICY`) on the development set; report it on both sets.

Each knowledge base calibrates its own policy when its index is built
(bot/search/calibration.py), pulled towards this prior; the prior is what a
tiny knowledge base, too small to calibrate, keeps.

Usage: python benchmarks/calibrate.py [--dev FILE] [--holdout FILE]

The model is fitted on the development queries against the FAQ as it is and
against the FAQ with its phrasings and keywords removed (as a ward's own FAQ
comes), so that one policy serves both. Prints the fitted weights and the
threshold that keeps confident wrong answers at or under the target on the
development set, then the figures those settings give on the held-out set
(never used for fitting). Paste the printed `Policy` into bot/search/decide.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.config import Settings
from bot.evaluation import OUT_OF_SCOPE, LabelledQuery, load_queries, without_phrasings
from bot.knowledge import load_knowledge
from bot.search import Searcher
from bot.search.decide import FEATURES, features

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TARGET_WRONG = 0.03


class Sample:
    def __init__(
        self, query: LabelledQuery, x: tuple[float, ...], top_ok: bool, rank_of_expected: int
    ) -> None:
        self.query, self.x, self.top_ok, self.rank = query, x, top_ok, rank_of_expected


def samples(searcher: Searcher, queries: list[LabelledQuery]) -> list[Sample]:
    out = []
    for query in queries:
        ranking = searcher.search(query.q).ranking
        if not ranking.candidates:
            out.append(Sample(query, (0.0,) * len(FEATURES), False, 0))
            continue
        top = ranking.candidates[0].entry
        expected = query.expected
        ok = expected != ("none",) and (
            top.id in expected or ("smalltalk" in expected and top.kind == "smalltalk")
        )
        ids = [c.entry.id for c in ranking.candidates[:5]]
        found_at = next((n for n, id_ in enumerate(ids, 1) if id_ in expected), 0)
        out.append(Sample(query, features(ranking), ok, found_at))
    return out


def fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float = 0.01) -> npt.NDArray[np.float64]:
    w = np.zeros(x.shape[1])
    for _ in range(20000):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) / len(y) + l2 * np.r_[0.0, w[1:]]
        w -= 0.5 * gradient
    return w


def figures(
    data: list[Sample], w: npt.NDArray[np.float64], answer: float, clarify: float
) -> dict[str, float]:
    p = 1 / (1 + np.exp(-np.array([s.x for s in data]) @ w))
    inside = [(s, q) for s, q in zip(data, p, strict=True) if s.query.style != OUT_OF_SCOPE]
    outside = [(s, q) for s, q in zip(data, p, strict=True) if s.query.style == OUT_OF_SCOPE]
    right = sum(q >= answer and s.top_ok for s, q in inside)
    found = sum((q >= answer and s.top_ok) or (clarify <= q < answer and 0 < s.rank <= 3) for s, q in inside)
    wrong = sum(q >= answer and not s.top_ok for s, q in zip(data, p, strict=True))
    handled = sum(q < answer or s.top_ok for s, q in outside)
    return {
        "answered_right": right / len(inside),
        "found": found / len(inside),
        "confident_wrong": wrong / len(data),
        "out_of_scope_handled": handled / max(len(outside), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dev", type=Path, default=DATA / "queries_dev.yaml")
    parser.add_argument("--holdout", type=Path, default=DATA / "queries_holdout.yaml")
    args = parser.parse_args()
    settings = Settings.from_env()
    kb = load_knowledge(settings.faq_path, settings.knowledge_dir)
    searchers = {
        "as is": Searcher.build(kb, cache_dir=settings.cache_dir, calibrated=False),
        "without phrasings": Searcher.build(
            without_phrasings(kb), cache_dir=settings.cache_dir, calibrated=False
        ),
    }
    sets = {
        (name, kind): samples(searcher, load_queries(path))
        for name, searcher in searchers.items()
        for kind, path in (("dev", args.dev), ("holdout", args.holdout))
    }
    dev = [s for (_, kind), data in sets.items() if kind == "dev" for s in data]
    w = fit(np.array([s.x for s in dev]), np.array([float(s.top_ok) for s in dev]))
    best = None
    for answer in np.arange(0.40, 0.951, 0.01):
        if figures(dev, w, answer, 0.0)["confident_wrong"] <= TARGET_WRONG:
            best = round(float(answer), 2)
            break
    assert best is not None, "no threshold meets the target"
    clarify = 0.25
    print("weights:", ", ".join(f"{name}={value:.2f}" for name, value in zip(FEATURES, w, strict=True)))
    print(f"Policy(weights=({', '.join(f'{v:.2f}' for v in w)}), answer={best}, clarify={clarify})")
    for (name, kind), data in sets.items():
        print(f"{kind:8} {name:18}", {k: round(v, 3) for k, v in figures(data, w, best, clarify).items()})


if __name__ == "__main__":
    main()
