"""Engines over the real sample knowledge: one on the real search, one with scripted decisions."""

from __future__ import annotations

import pytest

from bot.dialogue.engine import Engine
from bot.search import Decision, Searcher
from tests.auxil.searchers import ScriptedSearcher

SCRIPT: dict[str, tuple[Decision, list[str]]] = {
    # Close candidates: the search cannot tell which one is meant.
    "申請のことを聞きたい": (
        "clarify",
        ["faq:tool-online-form", "faq:tool-rpa-request", "faq:method-seal", "ref:ref-leave"],
    ),
    # One candidate, not sure enough to answer.
    "RPAの申請のこと": ("clarify", ["faq:tool-rpa-request"]),
    # Nothing fits.
    "庁舎の屋上で養蜂を始めたい": ("escalate", []),
    # A manual section, and a case, as the best answer.
    "棚卸しの進め方の節": ("answer", ["sec:inventory#steps", "faq:method-inventory"]),
    "介護の申請書をOCRで読んだ話": ("answer", ["case:ocr-kaigo-application", "faq:tool-ocr-basics"]),
    # The best match is small talk.
    "今日もいい天気ですねえ": ("answer", ["talk:weather"]),
    # Clarify where small talk is among the candidates: it is never offered as a candidate.
    "RPAかなあ、こんにちは": ("clarify", ["talk:greeting", "faq:tool-rpa-basics", "faq:tool-rpa-request"]),
}


@pytest.fixture(scope="session")
def engine(searcher: Searcher) -> Engine:
    return Engine(searcher)


@pytest.fixture(scope="session")
def scripted(searcher: Searcher) -> Engine:
    return Engine(ScriptedSearcher(searcher, SCRIPT))
