"""Shared fixtures: the real sample knowledge and a searcher over it (built once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search import Searcher

FAQ_PATH = PROJECT_ROOT / "faq.yaml"
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(FAQ_PATH, KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def searcher(kb: KnowledgeBase) -> Searcher:
    return Searcher.build(kb)
