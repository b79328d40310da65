"""PostgreSQL's bounds on a live server: statements and row-lock waits give up within the timeout.

(A stopped or hung server is tested end to end in tests/test_app_faults.py.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bot.db import ConversationStore
from bot.db.engine import reading
from bot.db.postgres import bounded
from bot.dialogue import ConversationKey, Incoming, Reply, State, Turn
from bot.errors import StoreError
from tests.auxil.postgres import PostgresServer

pytestmark = pytest.mark.slow

KEY = ConversationKey("web", "staff-1", "staff-1")
TIMEOUT = 2.0


def remember(query: str) -> Turn:
    return Turn((Reply("ok"),), State(query=query))


@pytest.fixture
def store(postgres: PostgresServer) -> Iterator[ConversationStore]:
    postgres.reset()
    opened = ConversationStore.open(postgres.url, timeout=TIMEOUT)
    yield opened
    opened.close()


def test_a_statement_longer_than_the_timeout_is_cancelled(store: ConversationStore) -> None:
    with pytest.raises(StoreError, match="statement timeout"), reading(store.engine, "a row") as connection:
        connection.execute(sa.text("SELECT pg_sleep(:seconds)"), {"seconds": TIMEOUT * 3})
    store.ping()  # the connection pool is still good


def test_a_turn_waiting_for_a_row_a_stuck_client_holds_gives_up(
    store: ConversationStore, postgres: PostgresServer
) -> None:
    store.exchange(Incoming(KEY, text="こんにちは"), lambda state, connection: remember("before"))
    stuck = sa.create_engine(postgres.url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with stuck.begin() as connection:
            connection.execute(sa.text("SELECT * FROM conversations FOR UPDATE"))
            with pytest.raises(StoreError, match="statement timeout"):
                store.exchange(Incoming(KEY, text="こんにちは"), lambda state, connection: remember("lost"))
    finally:
        stuck.dispose()
    assert store.load(KEY).query == "before"
    store.exchange(Incoming(KEY, text="こんにちは"), lambda state, connection: remember("after"))
    assert store.load(KEY).query == "after"


def test_bounded_work_may_take_longer_than_the_timeout(store: ConversationStore) -> None:
    with store.engine.begin() as connection, bounded(connection, TIMEOUT * 5):
        slept = connection.execute(sa.text("SELECT pg_sleep(:seconds), 1"), {"seconds": TIMEOUT + 1.5})
        assert slept.one()[1] == 1
    with pytest.raises(StoreError, match="statement timeout"), reading(store.engine, "a row") as connection:
        connection.execute(sa.text("SELECT pg_sleep(:seconds)"), {"seconds": TIMEOUT * 3})
