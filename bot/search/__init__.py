"""Japanese-aware search over the knowledge: normalise, index, rank, decide.

The searcher and its types below are imported when first named (PEP 562), not with the package: a
module that needs only the text helpers (`bot.search.normalize`, as the dialogue and the FAQ drafts do)
would otherwise load the indexes, the ranking and numpy with them, as every ``python -m bot admin``
command did.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.search.decide import Decision, Policy
    from bot.search.index import Entry, Kind
    from bot.search.service import Hit, Searcher, SearchResult

__all__ = ["Decision", "Entry", "Hit", "Kind", "Policy", "SearchResult", "Searcher"]

_MODULES = {
    "Decision": "bot.search.decide",
    "Policy": "bot.search.decide",
    "Entry": "bot.search.index",
    "Kind": "bot.search.index",
    "Hit": "bot.search.service",
    "Searcher": "bot.search.service",
    "SearchResult": "bot.search.service",
}


def __getattr__(name: str) -> object:
    """``bot.search.Searcher`` and the others of `__all__`, imported from their modules on first use."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULES[name]), name)
