"""Reaching people later, on SQLite and PostgreSQL alike: seen events, addresses, blocks, pushes counted."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.db import ConversationStore, reach
from bot.db.outbox import claim, enqueue, mark_sent
from bot.db.schema import conversations, messages, outbox
from bot.dialogue import ConversationKey, Incoming, Reply, State, Turn
from bot.errors import DuplicateEvent

KEY = ConversationKey("line", "U1", "U1")
NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def step(state: State, connection: sa.Connection) -> Turn:
    return Turn((Reply("ok"),), State(query=state.query + "あ"))


def said(event_id: str, address: str | None = "U1") -> Incoming:
    return Incoming(KEY, text="こんにちは", event_id=event_id, address=address)


def rows(store: ConversationStore, table: sa.Table) -> list[sa.Row[tuple[object, ...]]]:
    with store.engine.connect() as connection:
        return list(connection.execute(sa.select(table)).all())


def test_a_redelivered_event_raises_and_changes_nothing(store: ConversationStore) -> None:
    store.exchange(said("ev-1"), step)
    with pytest.raises(DuplicateEvent):
        store.exchange(said("ev-1"), step)
    assert store.load(KEY).query == "あ"
    assert len(rows(store, messages)) == 2  # one turn: the message and its reply
    store.exchange(said("ev-2"), step)
    assert store.load(KEY).query == "ああ"


def test_the_same_id_on_another_channel_is_another_event(store: ConversationStore) -> None:
    store.exchange(said("ev-1"), step)
    other = Incoming(ConversationKey("teams", "U1", "U1"), text="こんにちは", event_id="ev-1")
    store.exchange(other, step)
    assert store.load(other.key).query == "あ"


def test_two_deliveries_racing_make_one_turn(store: ConversationStore) -> None:
    outcomes: list[str] = []

    def deliver() -> None:
        try:
            store.exchange(said("ev-race"), step)
            outcomes.append("turn")
        except DuplicateEvent:
            outcomes.append("duplicate")

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate", "duplicate", "duplicate", "turn"]
    assert store.load(KEY).query == "あ"


def test_a_failed_turn_leaves_the_event_unseen(store: ConversationStore) -> None:
    def broken(state: State, connection: sa.Connection) -> Turn:
        raise RuntimeError("engine exploded")

    with pytest.raises(RuntimeError):
        store.exchange(said("ev-1"), broken)
    store.exchange(said("ev-1"), step)  # the redelivery is taken
    assert store.load(KEY).query == "あ"


def test_the_address_is_kept_and_given_to_the_worker(store: ConversationStore) -> None:
    store.exchange(said("ev-1", address="U1-address"), step)
    store.exchange(said("ev-2", address=None), step)  # an event without one keeps the last
    store.push(KEY, Reply("後から"))
    delivery = claim(store.engine, {"line"}, datetime.now(UTC) + timedelta(seconds=1), LEASE)
    assert delivery is not None
    assert delivery.address == "U1-address"
    assert Reply.from_record(delivery.payload) == Reply("後から")


def test_a_block_drops_what_waits_and_what_comes_until_the_person_returns(store: ConversationStore) -> None:
    store.exchange(said("ev-1"), step)
    store.push(KEY, Reply("待っていた"))
    assert reach.block(store.engine, KEY, NOW) == 1
    store.push(KEY, Reply("ブロックの後"))
    assert [r.status for r in rows(store, outbox)] == ["dropped", "dropped"]
    assert claim(store.engine, {"line"}, datetime.now(UTC) + timedelta(seconds=1), LEASE) is None
    store.exchange(said("ev-2"), step)  # they follow again and write
    assert [r.blocked_at for r in rows(store, conversations)] == [None]
    store.push(KEY, Reply("戻ってから"))
    assert [r.status for r in rows(store, outbox)][-1] == "pending"


def test_pushes_are_counted_per_month_in_japan(store: ConversationStore) -> None:
    december_jst = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)  # 2026-12-01 00:30 in Japan
    november_jst = datetime(2026, 11, 30, 14, 30, tzinfo=UTC)
    for when in (november_jst, december_jst, december_jst):
        with store.engine.begin() as connection:
            enqueue(connection, KEY, Reply("x").to_record(), when)
        delivery = claim(store.engine, {"line"}, when, LEASE)
        assert delivery is not None
        mark_sent(store.engine, delivery, when)
    assert reach.pushes_in_month(store.engine, "line", datetime(2026, 12, 20, tzinfo=UTC)) == 2
    assert reach.pushes_in_month(store.engine, "line", november_jst) == 1
    assert reach.pushes_in_month(store.engine, "teams", december_jst) == 0
