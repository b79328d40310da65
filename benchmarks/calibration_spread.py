"""How much of the calibrated decision's figures is the luck of its samples.

A knowledge base's decision is fitted to a few hundred samples drawn from
itself (bot/search/calibration.py), and its answer threshold is the lowest at
which the answered samples are right often enough. Near that point a handful
of samples can move the threshold by a tenth, and the figures on real queries
with it. This refits the shipped policy on random 90 % subsamples of the
same samples (seeded, so that runs compare) and prints, per knowledge base:
the thresholds' range, and on each labelled query set the mean, spread and
worst of answered right and confident wrong answers, beside the full fit's.

Usage, from the repository root: python -m benchmarks.calibration_spread [--runs N]

The searches are run once a query set; only the decision is replayed for
each refitted policy, so a run takes about as long as building the indexes.
The ward's and the staff helpdesk's FAQs are for measuring only: never choose
a setting by their figures.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence

import numpy as np

from benchmarks.calibration_mix import Replay, calibration_cases, replayed, scores
from bot.config import Settings
from bot.search.calibration import Sample, fit_policy
from bot.search.decide import Policy

SHARE = 0.9
"""Share of the samples each refit keeps."""


def subsamples(samples: Sequence[Sample], runs: int, seed: int = 1) -> list[list[Sample]]:
    """``runs`` random subsets of ``samples``, each keeping about `SHARE` of them."""
    rng = np.random.default_rng(seed)
    return [
        [s for s, kept in zip(samples, rng.random(len(samples)) < SHARE, strict=True) if kept]
        for _ in range(runs)
    ]


def right_and_wrong(replay: Replay, policy: Policy) -> tuple[float, float]:
    """Answered right (of in-scope queries) and confident wrong (of all) when ``policy`` decides."""
    found = scores(replay, policy).figures()
    return float(found["answered_right"]), float(found["confident_wrong"])


def spread(values: Sequence[float]) -> str:
    """Mean ± standard deviation."""
    return f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="refits on random subsamples (20)")
    runs = parser.parse_args().runs
    settings = Settings.from_env()
    print(f"{runs} refits a knowledge base, each on {SHARE:.0%} of its calibration samples")
    for name, _, sets, searcher, samples in calibration_cases(settings):
        full = fit_policy(samples)
        refits = [fit_policy(subset) for subset in subsamples(samples, runs)]
        answers, ties = [p.answer for p in refits], [p.tie for p in refits]
        print(
            f"\n{name}: {len(samples)} samples; full fit answer ≥ {full.answer:.2f}, "
            f"near-tie < {full.tie:.2f}; refits answer {min(answers):.2f}–{max(answers):.2f}, "
            f"near-tie {min(ties):.2f}–{max(ties):.2f}"
        )
        for path in sets:
            replay = replayed(searcher, path)
            right, wrong = right_and_wrong(replay, full)
            refitted = [right_and_wrong(replay, policy) for policy in refits]
            rights, wrongs = [r for r, _ in refitted], [w for _, w in refitted]
            print(
                f"  {path.stem:<18}full fit: right {right:.3f}  wrong {wrong:.3f} | "
                f"refits: right {spread(rights)}  wrong {spread(wrongs)}, worst {max(wrongs):.3f}"
            )


if __name__ == "__main__":
    main()
