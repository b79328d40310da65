"""What one step of the engine returns, and what it needs from the search."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from bot.dialogue.state import State
from bot.values import Reply

if TYPE_CHECKING:  # annotations only: the database imports `Turn` without loading the search
    from bot.knowledge import KnowledgeBase
    from bot.search import SearchResult

__all__ = ["Known", "Search", "Turn"]


class Search(Protocol):
    """What the engine needs from the search: the knowledge, and a decision per query."""

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge searched."""

    def search(self, query: str) -> SearchResult:
        """Rank the knowledge for ``query`` and decide answer / clarify / escalate."""


@dataclass(frozen=True, slots=True)
class Turn:
    """What one step produced: the replies, in order, and the state to store."""

    replies: tuple[Reply, ...]
    state: State


@dataclass(frozen=True, slots=True)
class Known:
    """A search whose results for some queries were found beforehand; any other query is searched."""

    searcher: Search
    results: Mapping[str, SearchResult]

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge searched."""
        return self.searcher.kb

    def search(self, query: str) -> SearchResult:
        """The result found beforehand for ``query``, else a search now."""
        found = self.results.get(query)
        return found if found is not None else self.searcher.search(query)
