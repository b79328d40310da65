"""SQLite's log is copied back into the database by a background thread, never by a commit."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.db import ConversationStore, checkpoint
from bot.db.checkpoint import RESTART_FRAMES, Checkpointer
from bot.db.engine import writing
from bot.db.sqlite import checkpoints_of

HANG_GUARD = 60.0
"""Only so that a regression fails instead of hanging the suite; no speed is asserted."""
PAGE = 4096
ROWS = RESTART_FRAMES // 2
"""Rows of two pages (more in the log) in a write: one write fills the log past `RESTART_FRAMES`."""
ROUNDS = 12
real_checkpoint = checkpoint._checkpoint
"""`bot.db.checkpoint._checkpoint` itself, which `Interleaving.checkpoint` stands in for."""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / f"{tmp_path.name}.db"


@pytest.fixture
def store(database: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(f"sqlite:///{database}", timeout=5.0)
    with writing(opened.engine, "the filler table") as connection:
        connection.execute(sa.text("CREATE TABLE filler (body TEXT)"))
    yield opened
    opened.close()


def eventually(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, "the background checkpoint never came"
        time.sleep(0.05)


def checkpointer(database: Path) -> Checkpointer:
    found = checkpoints_of(database)
    assert found is not None
    return found


def thread_running(database: Path) -> bool:
    """Whether the checkpoint thread of ``database`` is alive."""
    return any(thread.name == f"kaizen-checkpoint {database.name}" for thread in threading.enumerate())


def write(store: ConversationStore, rows: int, size: int = 2 * PAGE) -> None:
    with writing(store.engine, "filler") as connection:
        connection.execute(sa.text("INSERT INTO filler VALUES (:body)"), [{"body": "x" * size}] * rows)


def rows_in_the_database_file(database: Path, copy: Path) -> int:
    """The rows the database file holds by itself, without its log (read from a copy of the file alone).

    A copy taken while a checkpoint writes into the file can be torn: it counts as none (look again).
    """
    shutil.copyfile(database, copy)
    try:
        with sqlite3.connect(copy) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "filler" not in tables:
                return 0
            rows: int = connection.execute("SELECT count(*) FROM filler").fetchone()[0]
    except sqlite3.DatabaseError:  # "database disk image is malformed", "file is not a database"
        return 0
    return rows


def test_commits_leave_the_checkpoint_to_the_background(
    store: ConversationStore, database: Path, tmp_path: Path
) -> None:
    with writing(store.engine, "setting") as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    write(store, 3)
    eventually(lambda: rows_in_the_database_file(database, tmp_path / "copy.db") == 3)


class Interleaving:
    """Makes each round look at the log while a write is open, and that write commit right after the look.

    A writer that never pauses mostly does that too; here nothing is left to the scheduler. So a
    passive checkpoint never leaves the log fully copied when the next write begins, which would let
    it start over. A write also commits when the round asks for the writer (``hold``), and the next
    one waits until the round has it.
    """

    def __init__(self, checkpoints: Checkpointer, database: Path) -> None:
        self._state = threading.Condition()
        self._open = False  # a write has inserted its rows and not committed them
        self._looks = 0  # checkpoints not under the writer so far
        self._wanted = False  # the round waits for the writer
        self._held = False  # the round holds the writer
        self.stopped = False
        self._thread = f"kaizen-checkpoint {database.name}"
        self._hold = checkpoints._hold
        self._wal = database.with_name(f"{database.name}-wal")
        self._salt = self._salt_of_the_log()
        self._rows_in_the_log = 0
        self.writes = 0
        self.restarts = 0
        self.most_rows_in_the_log = 0

    def checkpoint(self, connection: sqlite3.Connection, mode: str) -> int:
        """`bot.db.checkpoint._checkpoint`, run while a write is open unless the round holds the writer."""
        if self._held or threading.current_thread().name != self._thread:
            return real_checkpoint(connection, mode)
        with self._state:
            self._state.wait_for(lambda: self._open or self.stopped, HANG_GUARD)
        try:
            return real_checkpoint(connection, mode)
        finally:
            with self._state:
                self._looks += 1
                self._state.notify_all()

    def hold(self, timeout: float) -> Callable[[], None] | None:
        """The `Checkpointer`'s ``hold``, which lets the open write commit and holds back the next one."""
        with self._state:
            self._wanted = True
            self._state.notify_all()
        give_back = self._hold(timeout)
        with self._state:
            self._wanted = False
            self._state.notify_all()
        if give_back is None:
            return None
        self._held = True

        def free() -> None:
            self._held = False
            give_back()

        return free

    def write(self, store: ConversationStore, rows: int) -> None:
        """Write ``rows`` rows of two pages, and commit them once a round has looked at the log."""
        with self._state:
            assert self._state.wait_for(lambda: not self._wanted or self.stopped, HANG_GUARD)
        with writing(store.engine, "filler") as connection:
            connection.execute(
                sa.text("INSERT INTO filler VALUES (:body)"), [{"body": "x" * 2 * PAGE}] * rows
            )
            with self._state:
                self._open, looks = True, self._looks
                self._state.notify_all()
                assert self._state.wait_for(
                    lambda: self._looks > looks or self._wanted or self.stopped, HANG_GUARD
                )
                self._open = False
        # Only a write rewrites the log's header (as the log starts over): read by the writer, it is whole.
        salt = self._salt_of_the_log()
        self._rows_in_the_log = rows if salt != self._salt else self._rows_in_the_log + rows
        self.most_rows_in_the_log = max(self.most_rows_in_the_log, self._rows_in_the_log)
        self.restarts += (salt - self._salt) % 2**32
        self._salt = salt
        self.writes += 1

    def stop(self) -> None:
        with self._state:
            self.stopped = True
            self._state.notify_all()

    def _salt_of_the_log(self) -> int:
        """Salt-1 of the log's header, which SQLite adds one to each time the log starts over."""
        with self._wal.open("rb") as wal:
            return int.from_bytes(wal.read(32)[16:20], "big")


@pytest.mark.parametrize("forced", [False, True], ids=["under-the-writer", "past-force-frames"])
def test_the_log_starts_over_while_writes_go_on(
    store: ConversationStore, database: Path, monkeypatch: pytest.MonkeyPatch, forced: bool
) -> None:
    """Each round looks at the log while a write is open, which commits right after (`Interleaving`):
    a passive checkpoint alone would never let the log start over, and it would hold all that is
    written. It starts over every other round instead, and so never holds more than three writes.

    ``forced``: every such log counts as past `FORCE_FRAMES` (other processes' writers kept it from
    starting over), so the restart checkpoint runs, and it too must not be given up for a write of
    this process's that is open."""
    if forced:
        monkeypatch.setattr(checkpoint, "FORCE_FRAMES", RESTART_FRAMES)
    checkpoints = checkpointer(database)
    interleaving = Interleaving(checkpoints, database)
    monkeypatch.setattr(checkpoint, "_checkpoint", interleaving.checkpoint)
    monkeypatch.setattr(checkpoints, "_hold", interleaving.hold)
    failed: list[BaseException] = []

    def writer() -> None:
        try:
            while not interleaving.stopped:
                interleaving.write(store, ROWS)
        except BaseException as exc:
            failed.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        done = checkpoints.rounds
        eventually(lambda: checkpoints.rounds >= done + ROUNDS or bool(failed))
    finally:
        interleaving.stop()
        thread.join(HANG_GUARD)
    assert not failed, failed
    wal = database.with_name(f"{database.name}-wal").stat().st_size
    found = (interleaving.writes, interleaving.restarts, interleaving.most_rows_in_the_log, wal)
    assert interleaving.writes >= ROUNDS, found  # a write committed after each round's look
    assert interleaving.restarts >= ROUNDS // 2 - 1, found  # the last may find no write after it
    assert interleaving.most_rows_in_the_log <= 3 * ROWS, found
    assert wal < 4 * ROWS * 2 * PAGE, found  # three writes take 3.3 writes' rows in the log


def test_the_thread_ends_when_writes_stop(store: ConversationStore, database: Path) -> None:
    write(store, 1)
    assert thread_running(database)
    eventually(lambda: not thread_running(database))
    write(store, 1)  # and a later write starts it again
    assert thread_running(database)


def test_a_removed_database_is_not_created_again(
    store: ConversationStore, database: Path, caplog: pytest.LogCaptureFixture
) -> None:
    checkpoints = checkpointer(database)
    write(store, 1)
    eventually(lambda: not thread_running(database))
    for file in database.parent.glob(f"{database.name}*"):
        file.unlink()
    done = checkpoints.rounds
    checkpoints.wrote()
    eventually(lambda: checkpoints.rounds > done)
    assert not database.exists()
    assert "checkpoint" not in caplog.text


def test_a_failed_checkpoint_is_logged_once_and_tried_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    unreadable = tmp_path / "a-folder.db"
    unreadable.mkdir()  # not a database SQLite can open
    checkpoints = Checkpointer(unreadable, lambda timeout: None, 1.0)
    for _ in range(3):
        done = checkpoints.rounds
        checkpoints.wrote()
        eventually(lambda done=done: checkpoints.rounds > done)  # type: ignore[misc]
    assert caplog.text.count("checkpoint of a-folder.db failed") == 1


def test_a_write_that_changed_nothing_starts_no_thread(store: ConversationStore, database: Path) -> None:
    write(store, 1)
    eventually(lambda: not thread_running(database))
    done = checkpointer(database).rounds
    for _ in range(5):  # as a worker polling an empty queue does
        with writing(store.engine, "nothing") as connection:
            connection.execute(sa.text("DELETE FROM filler WHERE body = 'absent'"))
    assert not thread_running(database)
    assert checkpointer(database).rounds == done


def test_closing_the_last_connection_still_copies_the_log_back_and_removes_it(database: Path) -> None:
    opened = ConversationStore.open(f"sqlite:///{database}", timeout=5.0)
    with writing(opened.engine, "the filler table") as connection:
        connection.execute(sa.text("CREATE TABLE filler (body TEXT)"))
    write(opened, 50)
    opened.close()
    wal = database.with_name(f"{database.name}-wal")
    eventually(lambda: not wal.exists())
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM filler").fetchone()[0] == 50
