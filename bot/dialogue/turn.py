"""What one step of the engine returns, and what it needs from the search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.dialogue.state import State
from bot.knowledge import KnowledgeBase
from bot.search import SearchResult
from bot.values import Reply

__all__ = ["Search", "Turn"]


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
