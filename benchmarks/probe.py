"""What the search probes (`benchmarks.frames`, `benchmarks.gibberish`) share: their options and searcher."""

from __future__ import annotations

import argparse

from bot.config import Settings
from bot.evaluation import without_phrasings
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search import Searcher

__all__ = ["probe_options", "sample_searcher"]


def probe_options(description: str, all_help: str) -> argparse.Namespace:
    """``--strip`` (the sample FAQ without phrasings and keywords) and ``--all`` (print everything found)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--strip", action="store_true", help="the sample FAQ without phrasings and keywords")
    parser.add_argument("--all", action="store_true", help=all_help)
    return parser.parse_args()


def sample_searcher(*, strip: bool) -> tuple[KnowledgeBase, Searcher]:
    """The configured knowledge as it is, and a searcher over it (without phrasings, when ``strip``)."""
    settings = Settings.from_env()
    full = load_knowledge(settings.faq_path, settings.knowledge_dir)
    kb = without_phrasings(full) if strip else full
    return full, Searcher.build(kb, semantic=settings.semantic, cache_dir=settings.cache_dir)
