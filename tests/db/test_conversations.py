"""The conversation store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.db import ConversationStore, normalize_url
from bot.db.schema import metadata
from bot.dialogue import ConversationKey, Incoming, Reply, State, Turn
from bot.errors import StoreError

KEY = ConversationKey("web", "staff-1", "staff-1")
OTHER = ConversationKey("web", "staff-2", "staff-2")


def remember(query: str) -> Turn:
    return Turn((Reply("ok"),), State(query=query))


def said(key: ConversationKey = KEY, text: str = "こんにちは") -> Incoming:
    return Incoming(key, text=text)


def test_a_new_conversation_starts_from_a_fresh_state(store: ConversationStore) -> None:
    assert store.load(KEY) == State()


def test_exchange_stores_the_state_the_step_returns(store: ConversationStore) -> None:
    seen: list[State] = []

    def step(state: State, connection: sa.Connection) -> Turn:
        seen.append(state)
        return Turn((Reply("返事"),), replace(state, query=state.query + "あ"))

    assert store.exchange(said(), step).replies == (Reply("返事"),)
    store.exchange(said(), step)
    assert [s.query for s in seen] == ["", "あ"]
    assert store.load(KEY).query == "ああ"
    assert store.load(OTHER) == State()


def test_a_failing_step_stores_nothing(store: ConversationStore) -> None:
    store.exchange(said(), lambda state, connection: remember("before"))

    def fail(state: State, connection: sa.Connection) -> Turn:
        raise RuntimeError("engine bug")

    with pytest.raises(RuntimeError, match="engine bug"):
        store.exchange(said(), fail)
    assert store.load(KEY).query == "before"


def test_concurrent_turns_of_one_conversation_never_lose_an_update(database_url: str) -> None:
    """Two instances (two stores, two pools) serving one conversation at once."""
    stores = [ConversationStore.open(database_url) for _ in range(2)]
    errors: list[BaseException] = []

    def step(state: State, connection: sa.Connection) -> Turn:
        return Turn((Reply("ok"),), replace(state, counter=state.counter + 1))

    def worker(store: ConversationStore) -> None:
        try:
            for _ in range(15):
                store.exchange(said(), step)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert stores[0].load(KEY).counter == 60
    for opened in stores:
        opened.close()


def test_pushed_messages_come_back_oldest_first_and_after_an_id(store: ConversationStore) -> None:
    assert store.pushed("web", "staff-1") == []
    first = store.push(KEY, Reply("一通目"))
    second = store.push(KEY, Reply("二通目"))
    store.push(OTHER, Reply("別の人へ"))
    messages = store.pushed("web", "staff-1")
    assert [m.id for m in messages] == [first, second]
    assert [m.reply.text for m in messages] == ["一通目", "二通目"]
    assert all(m.created_at.tzinfo is not None for m in messages)
    assert [m.reply.text for m in store.pushed("web", "staff-1", after=first)] == ["二通目"]
    assert store.pushed("line", "staff-1") == []


def test_opening_again_finds_the_schema_in_place(database_url: str) -> None:
    for _ in range(2):
        opened = ConversationStore.open(database_url)
        opened.exchange(said(), lambda state, connection: remember("kept"))
        opened.close()
    reopened = ConversationStore.open(database_url)
    assert reopened.load(KEY).query == "kept"
    reopened.close()


def test_the_migrations_build_exactly_the_tables_the_code_queries(store: ConversationStore) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_sqlite_runs_in_wal_mode(tmp_path: object) -> None:
    opened = ConversationStore.open(f"sqlite:///{tmp_path}/wal/kaizen.db")
    with opened.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    opened.close()


def test_an_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="could not prepare the database"):
        ConversationStore.open("postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")


def test_a_store_whose_database_went_away_raises_store_errors(tmp_path: object) -> None:
    opened = ConversationStore.open(f"sqlite:///{tmp_path}/gone.db")
    with opened.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE conversations"))
        connection.execute(sa.text("DROP TABLE outbox"))
    with pytest.raises(StoreError):
        opened.load(KEY)
    with pytest.raises(StoreError):
        opened.exchange(said(), lambda state, connection: remember("x"))
    with pytest.raises(StoreError):
        opened.push(KEY, Reply("x"))
    with pytest.raises(StoreError):
        opened.pushed("web", "x")
    opened.close()


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("sqlite:///var/kaizen.db", "sqlite"),
        ("postgresql://u:p@db.example/kaizen", "postgresql+psycopg"),
        ("postgres://u:p@db.example/kaizen", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/d", "postgresql+psycopg"),
    ],
)
def test_plain_urls_get_a_driver(url: str, driver: str) -> None:
    assert normalize_url(url).drivername == driver
