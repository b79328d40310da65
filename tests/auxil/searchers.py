"""A searcher whose decisions a test scripts, over the real knowledge.

The real search is being tuned, so a transcript that needs a particular
decision ("clarify" between these candidates) scripts it here; everything
not scripted goes to the real searcher.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.knowledge import FaqEntry, KnowledgeBase
from bot.search import Decision, Entry, Hit, Kind, Searcher, SearchResult

_KINDS: dict[str, Kind] = {
    "faq": "faq",
    "sec": "manual",
    "case": "case",
    "ref": "referral",
    "talk": "smalltalk",
}


class ScriptedSearcher:
    """Answers scripted queries with a fixed decision and hits (given as refs like ``faq:<id>``)."""

    def __init__(self, real: Searcher, script: Mapping[str, tuple[Decision, Sequence[str]]]) -> None:
        self.real = real
        self.script = dict(script)
        self.queries: list[str] = []

    @property
    def kb(self) -> KnowledgeBase:
        return self.real.kb

    def search(self, query: str) -> SearchResult:
        self.queries.append(query)
        result = self.real.search(query)
        if query not in self.script:
            return result
        decision, refs = self.script[query]
        hits = tuple(Hit(_entry(ref), 1.0 - n / 10) for n, ref in enumerate(refs))
        return replace(result, decision=decision, hits=hits)


def _entry(ref: str) -> Entry:
    prefix, _, key = ref.partition(":")
    return Entry(_KINDS[prefix], key, ref)


class BrokenSearcher:
    """A searcher that fails, to test the error boundary."""

    def __init__(self, real: Searcher) -> None:
        self.real = real

    @property
    def kb(self) -> KnowledgeBase:
        return self.real.kb

    def search(self, query: str) -> SearchResult:
        raise RuntimeError(f"search exploded on {query!r}")


def own_faq_searcher(kb: KnowledgeBase, faq: Sequence[FaqEntry]) -> Searcher:
    """The sample knowledge with ``faq`` as its FAQ, searched by words alone: a test's own small FAQ."""
    return Searcher.build(replace(kb, faq=tuple(faq), fingerprint=""), semantic=False)
