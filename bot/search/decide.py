"""Decide what to do with a ranking: answer, offer candidates, or escalate.

A score threshold alone answers too many out-of-scope questions that share a
word with a covered topic (RPAベンダーの決算はいつ？). The decision therefore
also weighs how much of the query the best entry explains, words of the query
that nothing in the knowledge knows, and the margin to the runner-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.search.ranker import Candidate, Ranking

__all__ = ["Decision", "Policy", "decide"]

Decision = Literal["answer", "clarify", "escalate"]


@dataclass(frozen=True, slots=True)
class Policy:
    """Calibrated thresholds; measured with ``python -m bot eval``."""

    answer_confidence: float = 0.55
    clarify_confidence: float = 0.30
    answer_margin: float = 0.12
    unknown_penalty: float = 0.6


DEFAULT_POLICY = Policy()


def confidence(top: Candidate, ranking: Ranking, policy: Policy = DEFAULT_POLICY) -> float:
    """How sure we are that ``top`` answers the query, in [0, 1]."""
    strength = min(1.0, top.relevance / 0.6)
    value = (0.5 * top.coverage + 0.3 * strength + 0.2 * top.fuzzy) * (
        1 - policy.unknown_penalty * ranking.unknown_share
    )
    return max(0.0, min(1.0, value))


def margin(ranking: Ranking) -> float:
    """Relative lead of the best candidate over the runner-up."""
    candidates = ranking.candidates
    if len(candidates) < 2 or candidates[0].score <= 0:
        return 1.0
    return (candidates[0].score - candidates[1].score) / candidates[0].score


def decide(ranking: Ranking, policy: Policy = DEFAULT_POLICY) -> tuple[Decision, float]:
    """Return the decision and the confidence in the best candidate."""
    if not ranking.candidates:
        return "escalate", 0.0
    top = ranking.candidates[0]
    sure = confidence(top, ranking, policy)
    if sure >= policy.answer_confidence and margin(ranking) >= policy.answer_margin:
        return "answer", sure
    if sure >= policy.clarify_confidence:
        return "clarify", sure
    return "escalate", sure
