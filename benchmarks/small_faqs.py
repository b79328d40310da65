"""A ward's first, small FAQ: how the calibrated decision does on 20 and 30 entries without phrasings.

A pilot often starts with a few dozen questions. Their calibration samples
are too few to prove any answer threshold at the targets
(`bot.search.calibration.fit_policy`); the decision then keeps the prior's
thresholds with the fitted weights. This cuts small FAQs from the
generalisation sets (every n-th entry, at four offsets), keeps the queries
whose right entry is among them (and the out-of-scope ones), and prints, per
FAQ and in total, what the decision does, beside what it did before: answer
only above 0.95 when nothing was proven, which is never.

Usage, from the repository root: python -m benchmarks.small_faqs [--sizes 20,30] [--offsets 4]

The ward's, the staff helpdesk's and the city's FAQs are for measuring only:
never choose a setting by their figures. A run builds 24 indexes (a few minutes).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, replace

from benchmarks.calibration_mix import DATA, Replay, scores
from bot.config import Settings
from bot.evaluation import LabelledQuery, Scores, load_queries
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search import Searcher
from bot.search.decide import Policy

SETS = ("ward", "staff", "city")
SUREST = (0.95, 0.3)
"""The answer threshold and near-tie margin the decision kept when no threshold was proven, before."""


@dataclass
class Tally:
    """What `bot.evaluation` counts over several FAQs, and how many of them answered nothing."""

    overall: Scores = field(default_factory=Scores)
    silent: int = 0

    def add(self, replay: Replay, policy: Policy) -> str:
        """Count one FAQ's queries as ``policy`` decides them; its own figures."""
        found = scores(replay, policy, into=(self.overall,))
        self.silent += found.answered == 0
        return _figures(found)

    def __str__(self) -> str:
        return f"{_figures(self.overall)}; FAQs answering nothing: {self.silent}"


def _figures(counted: Scores) -> str:
    f = counted.figures()
    return (
        f"right {f['answered_right']:.3f}  wrong {f['confident_wrong']:.3f} of queries, "
        f"{f['wrong_of_answers']:.3f} of {counted.answered} answers"
    )


def cut(
    kb: KnowledgeBase, queries: list[LabelledQuery], size: int, offset: int
) -> tuple[KnowledgeBase, list[LabelledQuery]]:
    """Every n-th entry of ``kb``'s FAQ, and the queries it can answer or that are out of scope."""
    step = len(kb.faq) / size
    faq = tuple(kb.faq[int(n * step + offset * step / 4)] for n in range(size))
    ids = {entry.id for entry in faq}
    kept: list[LabelledQuery] = []
    for query in queries:
        right = tuple(id_ for id_ in query.expected if id_ in ids)
        if query.out_of_scope or right:
            kept.append(query if query.out_of_scope else query.model_copy(update={"expect": right}))
    return replace(kb, faq=faq, fingerprint=""), kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,30", help="FAQ sizes (20,30)")
    parser.add_argument("--offsets", type=int, default=4, help="FAQs of each size a set (4)")
    args = parser.parse_args()
    settings = Settings.from_env()
    ours, before = Tally(), Tally()
    for name in SETS:
        kb = load_knowledge(DATA / name / "faq.yaml", DATA / name / "knowledge")
        queries = load_queries(DATA / name / "queries.yaml")
        for size in map(int, args.sizes.split(",")):
            for offset in range(args.offsets):
                small, asked = cut(kb, queries, size, offset)
                searcher = Searcher.build(small, semantic=settings.semantic, cache_dir=settings.cache_dir)
                replay: Replay = [(query, searcher.search(query.q)) for query in asked]
                policy = searcher.policy
                surest = policy if policy.proven else replace(policy, answer=SUREST[0], tie=SUREST[1])
                how = "" if policy.proven else " (not proven: the prior's)"
                print(
                    f"{name:<6}{size:>3} entries #{offset} ({len(replay)} queries): "
                    f"answer ≥ {policy.answer:.2f}{how}  {ours.add(replay, policy)}"
                    f" | before {before.add(replay, surest)}",
                    flush=True,
                )
    print(f"\nours:   {ours}\nbefore: {before}")


if __name__ == "__main__":
    main()
