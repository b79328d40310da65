"""The durable inbox on SQLite and PostgreSQL: stored masked, dropped redeliveries, leases, replays."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings

from bot.db import ConversationStore, inbox, reach
from bot.db.schema import inbox as inbox_table
from bot.db.schema import outbox
from bot.dialogue import State, Turn
from bot.values import ConversationKey, Incoming, Reply
from tests.auxil.personal import Written, any_written, leaked

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)
KEY = ConversationKey("line", "U1", "U1")


def event(event_id: str | None, text: str = "RPAとは何ですか", user: str = "U1") -> Incoming:
    key = ConversationKey("line", user, user)
    return Incoming(key, text=text, event_id=event_id, address=user, reply_token="token-1", received_at=NOW)


def rows(store: ConversationStore) -> list[sa.Row[tuple[object, ...]]]:
    with store.engine.connect() as connection:
        return list(connection.execute(sa.select(inbox_table).order_by(inbox_table.c.id)).all())


def put(
    store: ConversationStore, *events: Incoming, owner: str = "p1", now: datetime = NOW
) -> list[int | None]:
    (ids,) = inbox.write(store.engine, [("line", events)], (), now, owner, LEASE)
    return ids


def strings(value: object) -> list[str]:
    """Every text in a row's values, JSON columns included, as stored (no escaping)."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in strings(item)]
    return [] if value is None else [str(value)]


def answered(_state: State, _connection: sa.Connection) -> Turn:
    return Turn((Reply("はい"),), State())


def test_an_event_is_stored_masked_its_reply_token_beside_it_and_read_back(store: ConversationStore) -> None:
    (row_id,) = put(store, event("ev-1", "マイナンバーは123456789018、電話は03-1234-5678です"))
    assert row_id is not None
    (row,) = rows(store)
    stored = json.dumps(row.event, ensure_ascii=False)
    assert "123456789018" not in stored
    assert "1234-5678" not in stored
    assert "token-1" not in stored, "the record holds what the person sent, not the platform's handle"
    assert (row.channel, row.event_id, row.owner, row.attempts) == ("line", "ev-1", "p1", 0)
    assert row.reply_token == "token-1"
    assert row.claimed_until.replace(tzinfo=UTC) == NOW + LEASE
    back = Incoming.from_record(row.event)
    assert back == Incoming(
        KEY, text=event("ev-1", "マイナンバーは123456789018、電話は03-1234-5678です").masked().text,
        event_id="ev-1", address="U1", received_at=NOW,
    )  # fmt: skip


def test_a_redelivery_is_dropped_while_its_event_waits_and_after_its_turn(store: ConversationStore) -> None:
    first, again_in_one_request = put(store, event("ev-1"), event("ev-1"))
    assert first is not None
    assert again_in_one_request is None
    assert put(store, event("ev-1")) == [None], "still in the inbox"
    store.exchange(event("ev-1"), answered)
    (row,) = rows(store)
    assert row.replies == [Reply("はい").to_record()], "the turn's replies kept with it, until they are sent"
    assert put(store, event("ev-1")) == [None], "its turn is stored"
    inbox.write(store.engine, [], [row.id], NOW, "p1", LEASE)
    assert put(store, event("ev-1")) == [None], "its turn is stored"
    assert put(store, event("ev-2")) != [None]


def test_a_turn_without_replies_takes_its_row_and_replies_kept_are_pushed_once(
    store: ConversationStore,
) -> None:
    put(store, event("ev-1"), event("ev-2", user="U2"), owner="dead")
    store.exchange(event("ev-1"), lambda _state, _connection: Turn((), State()))
    store.exchange(event("ev-2", user="U2"), answered)
    (left,) = rows(store)
    assert left.event_id == "ev-2"
    (stored,) = inbox.claim(store.engine, ["line"], "p2", set(), NOW + LEASE * 2, LEASE)
    assert stored.replies == (Reply("はい"),)
    inbox.deliver(store.engine, stored.id, stored.incoming.key, stored.replies, NOW)
    assert rows(store) == []
    with store.engine.connect() as connection:
        queued = connection.execute(sa.select(outbox.c.user_id, outbox.c.payload)).all()
    assert [(user_id, payload["text"]) for user_id, payload in queued] == [("U2", "はい")]


def test_a_turn_that_fails_leaves_the_row(store: ConversationStore) -> None:
    put(store, event("ev-1"))

    def failing(_state: State, _connection: sa.Connection) -> Turn:
        raise RuntimeError("engine failure")

    with pytest.raises(RuntimeError):
        store.exchange(event("ev-1"), failing)
    assert len(rows(store)) == 1
    ids = [r.id for r in rows(store)]
    inbox.write(store.engine, [], ids, NOW, "p1", LEASE)
    assert rows(store) == [], "discarded"


def test_held_rows_are_renewed_and_expired_rows_claimed_once_oldest_first(store: ConversationStore) -> None:
    dead = put(store, event("ev-1"), event("ev-2"), owner="dead")
    (held,) = put(store, event("ev-3", user="U2"), owner="p1")
    (mine_failed,) = put(store, event("ev-4", user="U3"), owner="p1")
    assert held is not None
    assert mine_failed is not None
    assert inbox.claim(store.engine, ["line"], "p1", {held}, NOW + LEASE / 4, LEASE) == []
    later = NOW + LEASE * 0.75  # the dead owner's lease is not over; p1's own are half over
    claimed = inbox.claim(store.engine, ["line"], "p1", {held}, later, LEASE)
    assert [c.id for c in claimed] == [mine_failed], (
        "what p1 holds no more is replayed; what it holds renewed"
    )
    expired = NOW + LEASE + timedelta(seconds=1)
    claimed = inbox.claim(store.engine, ["line"], "p2", set(), expired, LEASE)
    assert [c.id for c in claimed] == dead, "the dead owner's rows, oldest first; p1's renewed lease holds"
    assert [c.attempts for c in claimed] == [1, 1]
    assert claimed[0].incoming.event_id == "ev-1"
    assert claimed[0].incoming.reply_token == "token-1", "the dispatcher decides whether a replay may use it"
    assert not any(c.fresh for c in claimed), "replays"
    assert inbox.claim(store.engine, ["line"], "p3", set(), expired, LEASE) == [], "claimed once"
    assert inbox.claim(store.engine, ["teams"], "p3", set(), expired + LEASE * 2, LEASE) == []
    again = inbox.claim(store.engine, ["line"], "p3", set(), expired + LEASE * 2, LEASE)
    assert [c.attempts for c in again if c.id == dead[0]] == [2], "each claim counts"


def test_events_left_for_a_turn_worker_are_due_at_once_and_their_first_take_is_no_replay(
    store: ConversationStore,
) -> None:
    assert not inbox.due(store.engine, ["line"], NOW + timedelta(seconds=1), "worker")
    (untaken,) = put(store, event("ev-1"), owner=inbox.UNTAKEN)
    (held,) = put(store, event("ev-2", user="U2"), owner="server")
    soon = NOW + timedelta(milliseconds=1)
    assert inbox.due(store.engine, ["line"], soon, "worker")
    assert not inbox.due(store.engine, ["teams"], soon, "worker")
    (taken,) = inbox.claim(store.engine, ["line"], "worker", set(), soon, LEASE)
    assert (taken.id, taken.fresh, taken.attempts) == (untaken, True, 0)
    assert taken.incoming.reply_token == "token-1", "so the worker can still reply"
    assert not inbox.due(store.engine, ["line"], soon, "worker"), "it holds it; the server's row is leased"
    (row,) = [r for r in rows(store) if r.id == untaken]
    assert (row.owner, row.attempts) == ("worker", 0)

    expired = NOW + LEASE * 2
    replayed = inbox.claim(store.engine, ["line"], "worker-2", set(), expired, LEASE)
    assert [(r.id, r.fresh, r.attempts) for r in replayed] == [(untaken, False, 1), (held, False, 1)]


def test_two_processes_claiming_at_once_never_take_the_same_row(store: ConversationStore) -> None:
    ids = put(store, *(event(f"ev-{n}", user=f"U{n}") for n in range(40)), owner="dead")
    expired = NOW + LEASE * 2
    taken: dict[str, list[int]] = {}
    start = threading.Barrier(2)

    def claim(owner: str) -> None:
        start.wait()
        taken[owner] = []
        while claimed := inbox.claim(store.engine, ["line"], owner, set(), expired, LEASE, limit=3):
            taken[owner].extend(c.id for c in claimed)

    threads = [threading.Thread(target=partial(claim, owner)) for owner in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken["a"] + taken["b"]) == ids


def test_a_persons_later_message_waits_while_another_process_holds_an_earlier_one(
    store: ConversationStore,
) -> None:
    first, second, other = put(
        store, event("ev-1"), event("ev-2"), event("ev-3", user="U2"), owner=inbox.UNTAKEN
    )
    soon = NOW + timedelta(milliseconds=1)
    assert [c.id for c in inbox.claim(store.engine, ["line"], "a", set(), soon, LEASE, limit=1)] == [first]
    assert [c.id for c in inbox.claim(store.engine, ["line"], "b", set(), soon, LEASE)] == [other], (
        "U1's second message waits for the process that holds the first"
    )
    assert not inbox.due(store.engine, ["line"], soon, "b")
    assert inbox.due(store.engine, ["line"], soon, "a"), "the holder of the first may take the second"
    assert first is not None
    assert [c.id for c in inbox.claim(store.engine, ["line"], "a", {first}, soon, LEASE)] == [second]


def test_a_persons_messages_are_taken_together_or_after_the_earlier_ones_are_done(
    store: ConversationStore,
) -> None:
    soon = NOW + timedelta(milliseconds=1)
    ids = put(store, event("ev-1"), event("ev-2"), event("ev-3"), owner=inbox.UNTAKEN)
    assert [c.id for c in inbox.claim(store.engine, ["line"], "a", set(), soon, LEASE)] == ids
    (later,) = put(store, event("ev-4"), owner=inbox.UNTAKEN)
    assert inbox.claim(store.engine, ["line"], "b", set(), soon, LEASE) == []
    with store.engine.begin() as connection:
        for n in (1, 2, 3):
            inbox.settle(connection, "line", f"ev-{n}")
    assert [c.id for c in inbox.claim(store.engine, ["line"], "b", set(), soon, LEASE)] == [later]
    dead = NOW + LEASE * 3  # b died holding it: a replays it once the lease is over
    assert [c.id for c in inbox.claim(store.engine, ["line"], "a", set(), dead, LEASE)] == [later]


def test_two_workers_never_hold_one_persons_messages_out_of_order(store: ConversationStore) -> None:
    """One fast worker, one slow: neither ever holds a later message while the other holds an earlier one."""
    people, each = 12, 4
    put(
        store,
        *(event(f"ev-{m}-{p}", user=f"U{p}") for m in range(each) for p in range(people)),
        owner=inbox.UNTAKEN,
    )
    soon = NOW + timedelta(milliseconds=1)
    out_of_order: list[str] = []
    done: list[int] = []
    start = threading.Barrier(2)

    def work(owner: str, pace: float) -> None:
        start.wait()
        for _ in range(200):
            claimed = inbox.claim(store.engine, ["line"], owner, set(), soon, LEASE, limit=5)
            if not claimed and len(done) == people * each:
                return
            time.sleep(pace)  # the turns take their time: the other worker claims meanwhile
            with store.engine.begin() as connection:
                for stored in claimed:
                    earlier = connection.execute(
                        sa.select(inbox_table.c.id).where(
                            inbox_table.c.conversation == inbox.conversation_of(stored.incoming.key),
                            inbox_table.c.id < stored.id,
                            inbox_table.c.owner != owner,
                        )
                    ).all()
                    if earlier:
                        out_of_order.append(f"{owner} holds {stored.id} behind {earlier}")
                    inbox.settle(connection, "line", str(stored.incoming.event_id))
                    done.append(stored.id)

    threads = [
        threading.Thread(target=partial(work, owner, pace)) for owner, pace in (("a", 0.03), ("b", 0.001))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert out_of_order == []
    assert len(done) == people * each == len(set(done))
    assert rows(store) == []


def test_an_event_seen_once_keeps_its_replies_in_its_row_until_sent(store: ConversationStore) -> None:
    """A sticker's or a team room's reply: the event is seen and its reply kept, in one transaction."""
    put(store, event("ev-1"))
    said = (Reply("文字で質問してください"),)
    assert reach.seen_once(store.engine, "line", "ev-1", NOW, said)
    (row,) = rows(store)
    assert [Reply.from_record(r) for r in row.replies] == list(said)
    assert not reach.seen_once(store.engine, "line", "ev-1", NOW, said), "a redelivery"
    (replayed,) = inbox.claim(store.engine, ["line"], "p2", set(), NOW + LEASE * 2, LEASE)
    assert replayed.replies == said, "a process that died before sending them leaves them to be pushed"
    put(store, event("ev-2"))
    assert reach.seen_once(store.engine, "line", "ev-2", NOW)
    assert [r.event_id for r in rows(store)] == ["ev-1"], "without replies the row goes at once"


def test_a_stop_releases_the_leases_and_giving_up_pushes_the_apology(store: ConversationStore) -> None:
    put(store, event("ev-1"), owner="p1")
    assert inbox.release(store.engine, "p1", NOW) == 1
    (stored,) = inbox.claim(store.engine, ["line"], "p2", set(), NOW + timedelta(seconds=1), LEASE)
    inbox.abandon(store.engine, stored, Reply("申し訳ありません"), NOW)
    assert rows(store) == []
    with store.engine.connect() as connection:
        (payload,) = connection.execute(sa.select(outbox.c.payload)).scalars()
    assert payload["text"] == "申し訳ありません"
    assert inbox.pending(store.engine) == 0


def test_a_row_that_cannot_be_read_back_is_deleted(store: ConversationStore) -> None:
    put(store, event("ev-1"))
    with store.engine.begin() as connection:
        connection.execute(inbox_table.update().values(event={"v": 99}))
    assert inbox.claim(store.engine, ["line"], "p2", set(), NOW + LEASE * 2, LEASE) == []
    assert rows(store) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written=any_written())
def test_no_table_ever_holds_what_a_waiting_event_typed_raw(
    store: ConversationStore, written: Written
) -> None:
    """Every table (reflected, so a table added later is checked too) after a webhook's event is stored."""
    event_id = f"ev-{abs(hash(written.text))}"
    put(store, event(event_id, written.text), Incoming(KEY, action=written.text, event_id=f"{event_id}-b"))
    found: list[str] = []
    metadata = sa.MetaData()
    metadata.reflect(store.engine)
    with store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(sa.select(table)).all():
                text = "\x00".join(strings(list(row)))
                found.extend(f"{table.name}: {secret}" for secret in leaked(written.secrets, text))
    assert not found
    inbox.write(store.engine, [], [r.id for r in rows(store)], NOW, "p1", LEASE)
