"""The error boundary of one message: engine failures get a polite fallback, database failures propagate."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.consult.notices import Notices
from bot.consult.service import ConsultationService
from bot.conversations import FALLBACK, Conversations
from bot.db import ConversationStore, journal
from bot.dialogue import ConversationKey, Engine, Incoming
from bot.errors import StoreError
from bot.search import Searcher
from tests.auxil.searchers import BrokenSearcher

KEY = ConversationKey("web", "staff-1", "staff-1")


def desks(store: ConversationStore) -> ConsultationService:
    return ConsultationService(store.engine, Notices())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(f"sqlite:///{tmp_path / 'kaizen.db'}")
    yield opened
    opened.close()


def test_replies_and_state_go_through_the_store(store: ConversationStore, searcher: Searcher) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    (answer,) = conversations.handle(Incoming(KEY, text="RPAとは何ですか？"))
    assert answer.ref == "faq:tool-rpa-basics"
    assert store.load(KEY).shown == "faq:tool-rpa-basics"


def test_a_search_answer_keeps_its_decision_and_confidence_in_the_log(
    store: ConversationStore, searcher: Searcher
) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    (answer,) = conversations.handle(Incoming(KEY, text="RPAとは何ですか？"))
    assert answer.decision == "answer"
    assert answer.confidence is not None
    assert answer.confidence > 0.5
    with store.engine.connect() as connection:
        (_, logged) = journal.conversation(connection, KEY, until=None, limit=10)
    assert logged.reply == answer


def test_an_engine_failure_is_logged_with_the_key_and_answered_politely(
    store: ConversationStore, searcher: Searcher, caplog: pytest.LogCaptureFixture
) -> None:
    conversations = Conversations(store, Engine(BrokenSearcher(searcher)), desks(store).desk)
    with caplog.at_level(logging.ERROR, logger="bot.conversations"):
        replies = conversations.handle(Incoming(KEY, text="RPAとは何ですか？"))
    assert replies == (FALLBACK,)
    assert "DX推進課（内線 2345）" in FALLBACK.text
    assert "staff-1" in caplog.text
    assert "search exploded" in caplog.text


def test_a_database_failure_propagates(store: ConversationStore, searcher: Searcher) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE conversations"))
    with pytest.raises(StoreError):
        conversations.handle(Incoming(KEY, text="こんにちは"))
