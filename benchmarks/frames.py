"""Topics shared by several entries, asked in everyday frames: which confident answers did the frame choose?

Issue 10 asks that the topic decide, not the frame. For every noun that at
least `MIN_SHARED` entries name in their question, title or keywords (研修,
RPA, 窓口…), this asks the noun alone and in each of `FRAMES` (研修について知りたい,
研修ある？…) and lists the queries answered confidently whose answer

- is not the bare noun's answer: another entry than its first result (the frame moved the
  winner: 流れを教えて is answered with the entry that has その後の流れを教えて among its
  phrasings), or one the bare noun only offers (the frame made it sure), or
- does not name the noun in its question, title or keywords (an incidental mention in
  one phrasing: 研修について知りたい answered with 出張・旅費, through 出張の日当について知りたい).

The bare nouns answered are counted too: a noun several entries share, answered
with one of them, is a guess unless that one is the topic's general entry.

Usage, from the repository root: python -m benchmarks.frames [--strip] [--all]
(``--strip``: the sample FAQ without phrasings and keywords; ``--all``: print every flagged query,
not only the counts and the first of each kind).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from benchmarks.probe import probe_options, sample_searcher
from bot.knowledge import KnowledgeBase
from bot.search import Searcher
from bot.search.analyzer import Analyzer
from bot.search.index import sources_of

FRAMES = (
    "について知りたい",
    "ある？",
    "を教えて",
    "のこと",
    "について相談したい",
    "ってどうすればいい",
    "が知りたいです",
    "について教えてください",
    "はありますか",
    "のことで聞きたい",
    "について",
    "の件",
    "を知りたい",
    "のやり方",
    "ってできますか",
    "について知りたいのですが",
    "のやり方を教えて",
    "の件ですが",
    "ってどうやるの？",
)
"""Everyday frames staff put around a topic, none of which says anything about it."""
MIN_SHARED = 3
"""Entries that must name a noun for it to be a shared topic."""


@dataclass(frozen=True, slots=True)
class Flagged:
    """A confident answer the topic did not decide."""

    query: str
    answer: str
    confidence: float
    bare_decision: str
    bare_first: str
    """The bare noun's first result ("-" when nothing was found)."""
    incidental: bool
    """Whether the answer does not name the noun in its question, title or keywords."""

    @property
    def moved(self) -> bool:
        """Whether the frame chose another entry than the bare noun's first result."""
        return self.answer != self.bare_first


def shared_topics(kb: KnowledgeBase, analyzer: Analyzer) -> dict[str, set[str]]:
    """Each noun named by at least `MIN_SHARED` entries (question, title or keywords) → those entries."""
    naming: dict[str, set[str]] = defaultdict(set)
    for source in sources_of(kb):
        if source.entry.kind == "smalltalk":
            continue
        for text in (source.units[0], *source.units[source.asked :]):
            for noun in analyzer.analyze(text, ngrams=False).nouns:
                naming[noun].add(source.entry.id)
    return {noun: ids for noun, ids in sorted(naming.items()) if len(ids) >= MIN_SHARED}


def probe(searcher: Searcher, topics: dict[str, set[str]]) -> tuple[list[Flagged], list[Flagged], int]:
    """The framed queries flagged, the bare nouns answered, and how many framed queries were asked."""
    flagged: list[Flagged] = []
    bare_answers: list[Flagged] = []
    asked = 0
    for noun, naming in topics.items():
        bare = searcher.search(noun)
        bare_first = bare.hits[0].entry.id if bare.hits else "-"
        if bare.decision == "answer":
            incidental = bare_first not in naming
            bare_answers.append(Flagged(noun, bare_first, bare.confidence, "answer", bare_first, incidental))
        for frame in FRAMES:
            asked += 1
            result = searcher.search(noun + frame)
            if result.decision != "answer":
                continue
            first = result.hits[0].entry.id
            if not (bare.decision == "answer" and bare_first == first) or first not in naming:
                flagged.append(
                    Flagged(
                        noun + frame, first, result.confidence, bare.decision, bare_first, first not in naming
                    )
                )
    return flagged, bare_answers, asked


def main() -> None:
    args = probe_options(__doc__.splitlines()[0], "print every flagged query")
    _, searcher = sample_searcher(strip=args.strip)
    topics = shared_topics(searcher.kb, searcher.analyzer)
    flagged, bare_answers, asked = probe(searcher, topics)
    moved = [f for f in flagged if f.moved]
    incidental = [f for f in flagged if f.incidental]
    print(f"shared topics {len(topics)}, framed queries {asked}")
    print(f"answered, and not as the bare topic is: {len(flagged)}")
    print(f"  with another entry than the bare topic's first result: {len(moved)}")
    print(f"  an entry that does not name the topic: {len(incidental)}")
    print(f"bare shared topics answered: {len(bare_answers)}")
    shown = flagged if args.all else list(dict.fromkeys(moved[:10] + incidental[:10]))
    for f in shown:
        mark = " (incidental)" if f.incidental else ""
        print(f"  {f.query}\t{f.answer} {f.confidence:.2f}{mark}\tbare: {f.bare_decision} {f.bare_first}")


if __name__ == "__main__":
    main()
