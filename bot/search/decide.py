"""Decide what to do with a ranking: answer, offer candidates, or escalate.

A score threshold alone answers too many out-of-scope questions that share a
word with a covered topic (RPAベンダーの決算はいつ？). The confidence is a
logistic model over evidence that generalises beyond any one query:

- how much of the query the best entry explains (its nouns, and its words by idf);
- words of the query that nothing in the knowledge knows (決算);
- the margin to the runner-up, the best entry's relevance and fuzzy similarity;
- how close the best entry is in meaning (`bot.search.semantic`).

It answers only when the confidence reaches the policy's threshold, the best
entry leads the runner-up by the policy's margin (near-ties are offered as
candidates: they are usually sibling sub-questions), and a sub-question's
【topic】 is mentioned in the query (`Candidate.topical`).

Each knowledge base gets its own policy, fitted when its index is built
(`bot.search.calibration`). `DEFAULT_POLICY` is the prior it is pulled
towards, fitted on the development query set by ``python benchmarks/calibrate.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from bot.search.ranker import Ranking

__all__ = ["DECISION_NAMES", "DEFAULT_POLICY", "Decision", "Policy", "decide", "features", "margin"]

Decision = Literal["answer", "clarify", "escalate"]
DECISION_NAMES: dict[str, str] = {"answer": "回答", "clarify": "候補を提示", "escalate": "相談を案内"}
"""Each decision as the command line's reports name it (escalate: the bot offers a consultation)."""

FEATURES = ("bias", "explained", "coverage", "relevance", "fuzzy", "margin", "unknown", "semantic")


@dataclass(frozen=True, slots=True)
class Policy:
    """Calibrated weights (one per name in `FEATURES`) and thresholds on the confidence."""

    weights: tuple[float, ...] = (-1.94, 1.63, 1.51, 0.62, 0.64, 0.91, -1.16, 0.91)
    answer: float = 0.74
    clarify: float = 0.25
    tie: float = 0.0
    """Below this lead over the runner-up (`margin`), the top candidates are near-ties: offer them."""
    samples: int = 0
    """Calibration samples the policy was fitted to (0: the default, fitted to the sample knowledge)."""
    proven: bool = True
    """Whether the samples proved the thresholds; if not (too few), they are the default's."""


DEFAULT_POLICY = Policy()


def margin(ranking: Ranking) -> float:
    """Relative lead of the best candidate over its first rival, in [0, 1].

    A runner-up that gives the same answer (the manual section an FAQ entry
    links to, `bot.search.ranker.Candidate.related`) is no rival: the two
    close together are agreement, not a near-tie.
    """
    if not ranking.candidates:
        return 1.0
    top = ranking.candidates[0]
    rivals = [c for c in ranking.candidates[1:] if c.number not in top.related]
    if not rivals or top.score <= 0:
        return 1.0
    return max(0.0, (top.score - rivals[0].score) / top.score)


def features(ranking: Ranking) -> tuple[float, ...]:
    """The evidence about the best candidate, in the order of `FEATURES`."""
    top = ranking.candidates[0]
    return (
        1.0,
        top.explained,
        min(top.coverage, 1.0),
        min(top.relevance, 1.5),
        top.fuzzy,
        margin(ranking),
        ranking.unknown_share,
        top.semantic,
    )


def confidence(ranking: Ranking, policy: Policy = DEFAULT_POLICY) -> float:
    """Estimated probability that the best candidate is the right answer."""
    if not ranking.candidates:
        return 0.0
    z = sum(w * x for w, x in zip(policy.weights, features(ranking), strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def decide(ranking: Ranking, policy: Policy = DEFAULT_POLICY) -> tuple[Decision, float]:
    """Return the decision and the confidence in the best candidate."""
    sure = confidence(ranking, policy)
    top = ranking.candidates[0] if ranking.candidates else None
    if sure >= policy.answer and margin(ranking) >= policy.tie and top is not None and top.topical:
        return "answer", sure
    if sure >= policy.clarify:
        return "clarify", sure
    return "escalate", sure
