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

from bot.db import ConversationStore
from bot.db.checkpoint import Checkpointer
from bot.db.engine import writing
from bot.db.sqlite import checkpoints_of

HANG_GUARD = 60.0
"""Only so that a regression fails instead of hanging the suite; no speed is asserted."""
PAGE = 4096


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
    """The rows the database file holds by itself, without its log (read from a copy of the file alone)."""
    shutil.copyfile(database, copy)
    with sqlite3.connect(copy) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        return connection.execute("SELECT count(*) FROM filler").fetchone()[0] if "filler" in tables else 0


def test_commits_leave_the_checkpoint_to_the_background(
    store: ConversationStore, database: Path, tmp_path: Path
) -> None:
    with writing(store.engine, "setting") as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    write(store, 3)
    eventually(lambda: rows_in_the_database_file(database, tmp_path / "copy.db") == 3)


def test_the_log_starts_over_while_writes_go_on(store: ConversationStore, database: Path) -> None:
    """A writer never pauses for the rounds here: a passive checkpoint alone would never let the log
    start over, and it would grow by all that is written (hundreds of megabytes)."""
    checkpoints, stop = checkpointer(database), threading.Event()

    def writer() -> None:
        while not stop.is_set():
            write(store, 1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        done = checkpoints.rounds
        eventually(lambda: checkpoints.rounds >= done + 16)
    finally:
        stop.set()
        thread.join(HANG_GUARD)
    written = store.engine.connect().exec_driver_sql("SELECT count(*) FROM filler").scalar_one()
    wal = database.with_name(f"{database.name}-wal").stat().st_size
    assert wal < written * 2 * PAGE / 4, (wal, written)


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
