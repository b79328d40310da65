"""Which hits are worth offering beside or instead of the best one: what the chat shows as もしかして.

The conversation (`bot.dialogue.answers`) offers these, and ``eval`` counts
a query as found only when its entry is among the first three of them, so
that the figure measures what a member of staff is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.search.service import Hit

__all__ = ["CLOSE_SHARE", "CLOSE_SHARE_EXPLAINED", "close_hits", "offered"]

CLOSE_SHARE = 0.65
CLOSE_SHARE_EXPLAINED = 0.4
"""Shares of the best score a candidate needs to be offered, in general and when it mentions every
content noun of the question (`close_hits`)."""


def close_hits(hits: Sequence[Hit]) -> Sequence[Hit]:
    """The hits worth offering beside or instead of the best one.

    A hit is close when it scores nearly as well as the best one, or when it
    mentions every content noun of the question and still scores fairly. A
    runner-up that merely shares a common word with the question looks like
    noise after 解決しない or among もしかして.
    """
    if not hits:
        return hits
    best = hits[0].score
    return [
        h
        for h in hits
        if h.score >= CLOSE_SHARE * best or (h.explained >= 1.0 and h.score >= CLOSE_SHARE_EXPLAINED * best)
    ]


def offered(hits: Sequence[Hit]) -> list[Hit]:
    """The close hits a candidate list shows, in order: small talk is never offered as an entry."""
    return [h for h in close_hits(hits) if h.entry.kind != "smalltalk"]
