"""Japanese-aware search over the knowledge: normalise, index, rank, decide."""

from bot.search.decide import Decision, Policy
from bot.search.index import Entry, Kind
from bot.search.service import Hit, Searcher, SearchResult

__all__ = ["Decision", "Entry", "Hit", "Kind", "Policy", "SearchResult", "Searcher"]
