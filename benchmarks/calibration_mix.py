"""How the decision's calibration samples compare with real queries, and what its knobs would change.

Each knowledge base calibrates its decision on samples drawn from itself
(bot/search/calibration.py): held-out texts asked against the rest, the same
texts with their entry taken out of the ranking (absent), and shipped
questions from other domains (out of scope). This prints, per knowledge base:

1. the mix of samples: how many of each kind, their total weight, how many
   rank the right entry first, and how many the fitted policy would answer;
2. the figures on labelled queries (answered right, found, confident wrong of
   all queries, and of answers) under the shipped fit and under variants:
   another precision target, absent or out-of-scope samples weighted half or
   twice as much.

Usage, from the repository root: python -m benchmarks.calibration_mix

The sample FAQ is measured as it is and without its phrasings and keywords,
on the development and held-out sets; the ward's FAQ and the staff helpdesk's
on their own queries. Those two are for measuring only: never choose a setting
by their figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.config import Settings
from bot.evaluation import LabelledQuery, Scores, load_queries, without_phrasings
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search import Searcher, SearchResult
from bot.search.calibration import PRECISION, Sample, SampleKind, calibration_samples, fit_policy
from bot.search.decide import Policy, decide
from bot.search.index import sources_of
from bot.search.service import embedding_cache

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
WARD = DATA / "ward"
STAFF = DATA / "staff"

Fit = Callable[[Sequence[Sample]], Policy]


def reweighted(kind: str, factor: float) -> Fit:
    """The shipped fit with the samples of ``kind`` weighted ``factor`` times as much."""

    def fit(samples: Sequence[Sample]) -> Policy:
        return fit_policy([replace(s, weight=s.weight * factor) if s.kind == kind else s for s in samples])

    return fit


def retargeted(delta: float, kinds: Sequence[SampleKind] = tuple(PRECISION)) -> Fit:
    """The shipped fit with the precision targets of ``kinds`` moved by ``delta``."""
    precision = {kind: target + delta if kind in kinds else target for kind, target in PRECISION.items()}
    return lambda samples: fit_policy(samples, precision=precision)


VARIANTS: dict[str, Fit] = {
    "shipped": fit_policy,
    "targets -0.02": retargeted(-0.02),
    "targets +0.02": retargeted(+0.02),
    "held -0.02": retargeted(-0.02, ("held",)),
    "held -0.04": retargeted(-0.04, ("held",)),
    "absent ×0.5": reweighted("absent", 0.5),
    "absent ×2": reweighted("absent", 2.0),
    "out of scope ×0.5": reweighted("out_of_scope", 0.5),
    "out of scope ×2": reweighted("out_of_scope", 2.0),
}


def samples_of(searcher: Searcher, kb: KnowledgeBase, settings: Settings) -> list[Sample]:
    """The calibration samples of ``kb``, as `Searcher.build` draws them."""
    embed = None
    if searcher.semantic is not None and searcher.encoder is not None:
        cache, encoder = embedding_cache(settings.cache_dir), searcher.encoder
        embed = lambda texts: cache.vectors(texts, encoder)  # noqa: E731
    return calibration_samples(
        sources_of(kb), searcher.index, searcher.analyzer, kb.synonyms, searcher.semantic, embed
    )


def mix(samples: Sequence[Sample], policy: Policy) -> list[str]:
    """One line per kind of sample: count, weight, first right, answered by ``policy``."""
    rows = [f"  {'kind':<14}{'n':>6}{'weight':>9}{'right':>7}{'answered':>10}"]
    weights = np.array(policy.weights)
    for kind in ("held", "topic", "absent", "out_of_scope"):
        group = [s for s in samples if s.kind == kind]
        answered = sum(
            s.topical and 1 / (1 + np.exp(-np.array(s.x) @ weights)) >= policy.answer and s.x[5] >= policy.tie
            for s in group
        )
        weight = sum(s.weight for s in group)
        right = sum(s.right for s in group)
        rows.append(f"  {kind:<14}{len(group):>6}{weight:>9.1f}{right:>7}{answered:>10}")
    return rows


Replay = list[tuple[LabelledQuery, SearchResult]]
"""Labelled queries with their searches, to decide again under other policies without searching again."""


def replayed(searcher: Searcher, queries: Path) -> Replay:
    """The labelled ``queries`` searched once."""
    return [(query, searcher.search(query.q)) for query in load_queries(queries)]


def scores(replay: Replay, policy: Policy, into: Sequence[Scores] = ()) -> Scores:
    """What `bot.evaluation` counts over ``replay`` when ``policy`` decides, counted ``into`` those too.

    The rankings stay as searched.
    """
    counted = Scores()
    for query, result in replay:
        decision, sure = decide(result.ranking, policy)
        for tally in (counted, *into):
            tally.add(query, replace(result, decision=decision, confidence=sure))
    return counted


def figures(replay: Replay, policy: Policy) -> str:
    """Answered right, found, confident wrong of all and of answers, when ``policy`` decides."""
    overall = scores(replay, policy)
    f = overall.figures()
    of_answers = overall.wrong / max(1, overall.right + overall.wrong)
    return (
        f"right {f['answered_right']:.3f}  found {f['found']:.3f}  "
        f"wrong {f['confident_wrong']:.3f} ({of_answers:.0%} of answers)"
    )


def knowledge_cases(settings: Settings) -> list[tuple[str, KnowledgeBase, list[Path]]]:
    """Each knowledge base measured, by name, with its labelled query sets."""
    sample = load_knowledge(settings.faq_path, settings.knowledge_dir)
    sample_sets = [DATA / "queries_dev.yaml", DATA / "queries_holdout.yaml"]
    ward = load_knowledge(WARD / "faq.yaml", WARD / "knowledge")
    staff = load_knowledge(STAFF / "faq.yaml", STAFF / "knowledge")
    return [
        ("sample FAQ", sample, sample_sets),
        ("sample FAQ without phrasings", without_phrasings(sample), sample_sets),
        ("ward FAQ (measure only)", ward, [WARD / "queries.yaml"]),
        ("staff helpdesk FAQ (measure only)", staff, [STAFF / "queries.yaml"]),
    ]


Case = tuple[str, KnowledgeBase, list[Path], Searcher, list[Sample]]
"""A knowledge base's name, itself, its query sets, its uncalibrated searcher and its calibration samples."""


def calibration_cases(settings: Settings) -> Iterator[Case]:
    """Each of `knowledge_cases` with its searcher (not yet calibrated) and its calibration samples."""
    for name, kb, sets in knowledge_cases(settings):
        searcher = Searcher.build(
            kb, semantic=settings.semantic, cache_dir=settings.cache_dir, calibrated=False
        )
        yield name, kb, sets, searcher, samples_of(searcher, kb, settings)


def main() -> None:
    settings = Settings.from_env()
    print(f"precision targets on the samples: {PRECISION}")
    for name, kb, sets, searcher, samples in calibration_cases(settings):
        print(f"\n{name}: {len(kb.faq)} FAQ entries, {len(samples)} calibration samples")
        replays = {queries.stem: replayed(searcher, queries) for queries in sets}
        for variant, fit in VARIANTS.items():
            policy = fit(samples)
            print(f" {variant}: answer ≥ {policy.answer:.2f}, near-tie < {policy.tie:.2f}")
            if variant == "shipped":
                print("\n".join(mix(samples, policy)))
            for stem, replay in replays.items():
                print(f"  {stem:<18}{figures(replay, policy)}")


if __name__ == "__main__":
    main()
