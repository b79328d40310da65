"""The knowledge's notes reach the log on every load, the index cache found or not."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.search import Searcher

FAQ = (
    "- id: '1002'\n  question: 粗大ごみの出し方は？\n  answer: 事前の申込みが必要です。\n"
    "  url: https://example.jp/sodai\n"
    "- id: '1003'\n  question: 粗大ごみの出し方は？\n  answer: 電話でも申し込めます。\n"
)


def test_a_restart_that_finds_the_index_cache_still_logs_the_knowledges_notes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    faq = tmp_path / "faq.yaml"
    faq.write_text(FAQ, encoding="utf-8")
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    cache = tmp_path / "cache"
    said: list[list[str]] = []
    for _ in ("first start, cache written", "restart, cache read"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="bot.search.service"):
            Searcher.load(faq, knowledge, cache, semantic=False)
        said.append([r.getMessage() for r in caplog.records if r.name == "bot.search.service"])
    assert list(cache.glob("index-*.pickle")), "the second load read the cache"
    assert said[0] == said[1]
    assert f"knowledge: {faq}:4: 注意: 1002: 「url」はFAQの項目にないため読み飛ばしました" in said[1]
    assert any("質問が 1002" in line and "と同じです" in line for line in said[1]), said[1]
