"""SQLite: readers never wait for a writer, one writer per file, bounded waits, private files."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.db import ConversationStore, deadline
from bot.db.engine import reading, writing
from bot.db.schema import conversations
from bot.dialogue import ConversationKey, Incoming, Reply, State, Turn
from bot.errors import StoreError
from tests.auxil.sqlitelock import another_process_writing

KEY = ConversationKey("web", "staff-1", "staff-1")
OTHER = ConversationKey("web", "other", "other")
TIMEOUT = 2.0
HANG_GUARD = 60.0
"""Only so that a regression fails instead of hanging the suite; no speed is asserted."""


def remember(query: str) -> Turn:
    return Turn((Reply("ok"),), State(query=query))


def said(key: ConversationKey = KEY) -> Incoming:
    return Incoming(key, text="こんにちは")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(f"sqlite:///{tmp_path / 'var' / 'kaizen.db'}", timeout=TIMEOUT)
    yield opened
    opened.close()


def finishes(function: Callable[[], object]) -> BaseException | None:
    """Run ``function`` in a thread; return what it raised (None if nothing); fail if it hangs."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            function()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(HANG_GUARD)
    assert outcome, "the call did not return: a wait on the database is unbounded"
    return outcome[0]


def test_reads_answer_while_another_process_writes_and_writes_fail_cleanly(
    store: ConversationStore, tmp_path: Path
) -> None:
    store.exchange(said(), lambda state, connection: remember("mine"))
    database = tmp_path / "var" / "kaizen.db"
    with another_process_writing(database) as locker:
        store.ping()
        assert store.load(KEY).query == "mine"
        assert store.load(OTHER) == State()  # its write is not committed yet
        assert store.pushed("web", "staff-1") == []
        failed = finishes(lambda: store.exchange(said(), lambda state, connection: remember("lost?")))
        assert isinstance(failed, StoreError)
        assert "database is locked" in str(failed)
        assert locker.poll() is None  # the other process still holds its transaction
    assert store.load(OTHER).query == "別プロセスの書き込み"  # its write is kept
    assert store.load(KEY).query == "mine"  # and ours failed whole
    store.exchange(said(), lambda state, connection: remember("again"))
    assert store.load(KEY).query == "again"


def test_a_read_sees_one_snapshot_and_does_not_wait_for_a_write_in_this_process(
    store: ConversationStore,
) -> None:
    store.exchange(said(), lambda state, connection: remember("before"))
    entered, release = threading.Event(), threading.Event()

    def slow_step(state: State, connection: sa.Connection) -> Turn:
        entered.set()
        release.wait(HANG_GUARD)
        return remember("after")

    writer = threading.Thread(target=store.exchange, args=(said(), slow_step))
    writer.start()
    try:
        assert entered.wait(HANG_GUARD)
        assert store.load(KEY).query == "before"  # answered while the write is open
        store.ping()
    finally:
        release.set()
        writer.join(HANG_GUARD)
    assert store.load(KEY).query == "after"


def test_a_write_waiting_for_this_process_writer_gives_up_with_a_store_error(
    store: ConversationStore,
) -> None:
    entered, release = threading.Event(), threading.Event()

    def slow_step(state: State, connection: sa.Connection) -> Turn:
        entered.set()
        release.wait(HANG_GUARD)
        return remember("first")

    writer = threading.Thread(target=store.exchange, args=(said(), slow_step))
    writer.start()
    try:
        assert entered.wait(HANG_GUARD)
        failed = finishes(lambda: store.push(OTHER, Reply("後で")))
        assert isinstance(failed, StoreError)
        assert "busy with another write" in str(failed)
    finally:
        release.set()
        writer.join(HANG_GUARD)
    store.push(OTHER, Reply("後で"))  # the lock was given back
    assert [m.reply.text for m in store.pushed("web", "other")] == ["後で"]
    assert store.load(KEY).query == "first"


def test_a_write_queued_behind_one_waiting_for_another_process_gives_up_within_one_timeout(
    tmp_path: Path,
) -> None:
    """The process's writer and SQLite's lock share one deadline: the README's 503 "within the timeout".

    Without it the second write waited for the first to give up, then as long again for SQLite's lock.
    The bound is asserted with a margin of half the timeout, which is 4 s here so that the margin outlasts
    a stall of the test process on a loaded machine; no speed is asserted.
    """
    timeout = 4.0
    database = tmp_path / "var" / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}", timeout=timeout)
    waits: list[float] = []

    def write(key: ConversationKey) -> None:
        started = time.monotonic()
        try:
            store.exchange(said(key), lambda state, connection: remember("blocked"))
        finally:
            waits.append(time.monotonic() - started)

    try:
        with another_process_writing(database):
            first = threading.Thread(target=lambda: finishes(lambda: write(KEY)))
            first.start()
            time.sleep(0.1)  # the first holds the process's writer, waiting for SQLite's lock
            failed = finishes(lambda: write(OTHER))
            first.join(HANG_GUARD)
    finally:
        store.close()
    assert isinstance(failed, StoreError)
    assert len(waits) == 2
    assert waits[1] < timeout * 1.5, f"the queued write waited {waits[1]:.1f} s with a {timeout:g} s timeout"


def test_a_write_within_a_request_deadline_gives_up_by_that_deadline(tmp_path: Path) -> None:
    """A request that already spent part of its time (a chat message waiting for a turn thread) waits only
    the rest for the process's writer and SQLite's lock together; a write outside waits the whole timeout.

    The store's timeout is long beside the deadline so that a stall of the test process (a shared
    machine, a garbage collection) of a few seconds cannot be taken for a wait of the whole timeout.
    """
    timeout, left = 6.0, 0.5
    database = tmp_path / "var" / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}", timeout=timeout)
    try:
        with another_process_writing(database):
            started = time.monotonic()
            with deadline.within(left), pytest.raises(StoreError):
                store.push(OTHER, Reply("後で"))  # in this thread: a new thread would not share the context
            waited = time.monotonic() - started
            assert waited < left + timeout / 2, f"waited {waited:.1f} s with {left:g} s left"
            started = time.monotonic()
            assert isinstance(finishes(lambda: store.push(OTHER, Reply("後で"))), StoreError)
            assert time.monotonic() - started >= timeout * 0.9, "outside a request, the whole timeout"
        store.push(OTHER, Reply("後で"))
        assert [m.reply.text for m in store.pushed("web", "other")] == ["後で"]
    finally:
        store.close()


def test_the_writer_is_given_back_after_a_failed_write(store: ConversationStore) -> None:
    def fail(state: State, connection: sa.Connection) -> Turn:
        raise RuntimeError("engine bug")

    with pytest.raises(RuntimeError):
        store.exchange(said(), fail)
    with pytest.raises(StoreError), writing(store.engine, "a row") as connection:
        connection.execute(sa.text("INSERT INTO no_such_table VALUES (1)"))
    store.exchange(said(), lambda state, connection: remember("fine"))
    assert store.load(KEY).query == "fine"


def test_stores_on_one_file_share_one_writer_and_lose_no_turn(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kaizen.db'}"
    stores = [ConversationStore.open(url, timeout=TIMEOUT) for _ in range(2)]

    def step(state: State, connection: sa.Connection) -> Turn:
        return Turn((Reply("ok"),), replace(state, counter=state.counter + 1))

    def worker(store: ConversationStore) -> None:
        for _ in range(25):
            store.exchange(said(), step)

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG_GUARD)
    assert stores[0].load(KEY).counter == 200
    for opened in stores:
        opened.close()


def test_a_write_inside_a_read_fails_at_once(store: ConversationStore) -> None:
    with pytest.raises(StoreError, match="readonly"), reading(store.engine, "a row") as connection:
        connection.execute(conversations.delete())


def test_the_database_its_folder_and_its_wal_files_are_private(
    store: ConversationStore, tmp_path: Path
) -> None:
    store.exchange(said(), lambda state, connection: remember("x"))
    folder = tmp_path / "var"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = [folder / name for name in ("kaizen.db", "kaizen.db-wal", "kaizen.db-shm")]
    assert all(file.exists() for file in files)
    assert [stat.S_IMODE(file.stat().st_mode) for file in files] == [0o600] * 3


def test_an_existing_database_open_to_others_is_narrowed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "old.db"
    ConversationStore.open(f"sqlite:///{database}").close()
    database.chmod(0o644)
    ConversationStore.open(f"sqlite:///{database}").close()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert "readable by other users" in caplog.text


def test_a_folder_that_exists_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    ConversationStore.open(f"sqlite:///{folder / 'kaizen.db'}").close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
