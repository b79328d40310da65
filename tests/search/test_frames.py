"""The probe of ``python -m benchmarks.frames``: the topics several entries share, which it asks in frames."""

from __future__ import annotations

from benchmarks.frames import FRAMES, MIN_SHARED, shared_topics
from bot.knowledge import KnowledgeBase
from bot.search import Searcher


def test_the_probe_finds_the_shared_topics(kb: KnowledgeBase, searcher: Searcher) -> None:
    topics = shared_topics(kb, searcher.analyzer)
    assert {"training-manager", "training-dx-talent", "training-study"} <= topics["研修"]
    assert all(len(entries) >= MIN_SHARED for entries in topics.values())
    assert "について知りたい" in FRAMES
