"""A cache folder the bot cannot use costs time at each start: never the start, never a traceback.

``KAIZEN_CACHE_DIR`` naming a path over the system's limit made every start print four tracebacks
and then stop (listing the folder for stale caches raised); a file where the folder should be, four
tracebacks.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.search import Searcher

FAQ = "- id: sodai\n  question: 粗大ごみの出し方は？\n  answer: 事前の申込みが必要です。\n"


@pytest.mark.parametrize("unusable", ["a name over 255 bytes", "a file in its place"])
def test_an_unusable_cache_folder_is_said_in_a_line_per_cache_and_the_knowledge_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, unusable: str
) -> None:
    faq = tmp_path / "faq.yaml"
    faq.write_text(FAQ, encoding="utf-8")
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    if unusable == "a file in its place":
        cache = tmp_path / "cache"
        cache.write_text("not a folder\n", encoding="utf-8")
    else:
        cache = tmp_path / ("キャッシュ" * 20)
    with caplog.at_level(logging.WARNING, logger="bot.search"):
        searcher = Searcher.load(faq, knowledge, cache, semantic=True)
    assert searcher.search("粗大ごみの出し方").hits[0].entry.id == "sodai"
    said = [r for r in caplog.records if r.name.startswith("bot.search")]
    assert said, "the operator is told that the cache is not used"
    assert all(r.exc_info is None for r in said), "a line each, no traceback"
    messages = [r.getMessage() for r in said]
    assert any("index cache" in m for m in messages), messages
    assert any("embedding cache" in m for m in messages), messages
    why = {m.rsplit(": ", 1)[1] for m in messages}
    assert why <= {"File name too long", "Not a directory", "File exists"}, messages
