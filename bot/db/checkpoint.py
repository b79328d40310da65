"""Copy a SQLite database's write-ahead log back into it in the background, off the writers' path.

SQLite checkpoints on its own after a commit that leaves 1,000 pages or more
in the log: the committing connection copies them into the database file and
syncs it, while this process's one writer (`bot.db.sqlite`) is still held,
so every write queued behind it waits too. Four threads writing 400
transactions a second (``python benchmarks/sqlite_checkpoint.py``): p99
15–16 ms and a maximum of 25–36 ms that way, 2.0–5.1 ms and 11 ms with this
module.

So the engines turn SQLite's own checkpoint off (``wal_autocheckpoint=0``)
and a `Checkpointer` per database file does it in a thread of its own, in
two steps:

1. every `INTERVAL` after a write, a *passive* checkpoint copies what the log
   holds without waiting for anyone: writers go on meanwhile;
2. once the log holds `RESTART_FRAMES` pages, the same again while holding
   this process's writer, which now copies only what was written during
   step 1. The next writer then finds the log fully copied and starts it over
   from the beginning, so it stays a few megabytes long. Should writers in
   other processes keep it from starting over, a log past `FORCE_FRAMES` is
   restarted by a *restart* checkpoint, still under this process's writer,
   which waits for them (for `FORCE_WAIT_MS` at most) and makes them wait
   while it runs.

The thread starts with the first write that changed rows and ends after
`IDLE_ROUNDS` rounds without one, so an idle process or a test's short-lived
database keeps no thread; each round opens a connection of its own and closes
it, so the last connection the process closes still copies the log back and
removes it, as SQLite does. A checkpoint that fails (the file was removed, the disk is full) is
logged once and tried again the next round; SQLite also checkpoints when its
last connection closes.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["FORCE_FRAMES", "INTERVAL", "RESTART_FRAMES", "Checkpointer"]

log = logging.getLogger(__name__)

INTERVAL = 0.25
"""Seconds between passive checkpoints while writes come in."""
RESTART_FRAMES = 1000
"""Pages in the log that make the checkpoint finish under the writer, so that the log starts over
(SQLite's own threshold)."""
FORCE_FRAMES = 8 * RESTART_FRAMES
"""Pages in the log past which other processes' writers are made to wait for it to start over."""
FORCE_WAIT_MS = 50
"""How long the restart checkpoint waits for other processes' readers and writers."""
IDLE_ROUNDS = 8
"""Rounds without a write after which the thread ends (2 s)."""


class Checkpointer:
    """The background checkpoints of one database file in this process (see the module docstring).

    ``hold`` takes this process's writer for the file and returns what gives
    it back, or None when it stayed busy for ``timeout`` seconds.
    """

    def __init__(
        self, path: Path, hold: Callable[[float], Callable[[], None] | None], timeout: float
    ) -> None:
        self._path = path
        self._hold = hold
        self._timeout = timeout
        self._guard = threading.Lock()
        self._wrote = False
        self._thread: threading.Thread | None = None
        self.rounds = 0
        """Checkpoint rounds done so far (for tests and benchmarks)."""

    def wrote(self) -> None:
        """Note a committed write: a round follows within `INTERVAL`, in a thread started if need be."""
        with self._guard:
            self._wrote = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=f"kaizen-checkpoint {self._path.name}", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        failed = False
        try:
            while self._wait_for_writes():
                try:
                    self._round()
                except (sqlite3.Error, OSError) as exc:
                    # Logged once a thread: a removed file would fail every round until writes stop.
                    if not failed:
                        log.warning("checkpoint of %s failed: %s", self._path.name, exc)
                    failed = True
                self.rounds += 1
        finally:
            with self._guard:  # ended by an error of another kind too: the next write starts a thread
                if self._thread is threading.current_thread():
                    self._thread = None

    def _wait_for_writes(self) -> bool:
        """Wait for a round with writes before it: True; False (the thread ends) after `IDLE_ROUNDS`."""
        for _ in range(IDLE_ROUNDS):
            time.sleep(INTERVAL)
            with self._guard:
                if self._wrote:
                    self._wrote = False
                    return True
        with self._guard:
            if self._wrote:  # a write came in just now
                self._wrote = False
                return True
            self._thread = None
            return False

    def _round(self) -> None:
        """One round, on a connection of its own that is closed after it.

        One left open when the process ends would keep the last connection to close from copying the
        log back and removing it. A removed database (a test's folder, cleaned up) has nothing left to
        copy into: the round ends there, and ``mode=rw`` would not create it anew anyway.
        """
        if not self._path.exists():
            return
        uri = f"{self._path.resolve().as_uri()}?mode=rw"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout={FORCE_WAIT_MS}")
            self._copy(connection)
        finally:
            connection.close()

    def _copy(self, connection: sqlite3.Connection) -> None:
        frames = _checkpoint(connection, "PASSIVE")
        if frames < RESTART_FRAMES:
            return
        give_back = self._hold(self._timeout)
        if give_back is None:  # the writer stayed busy: next round
            return
        try:
            # This process's writer is held either way: a restart checkpoint waits for every writer,
            # and one of ours in the middle of a write would make it give up.
            _checkpoint(connection, "RESTART" if frames >= FORCE_FRAMES else "PASSIVE")
        finally:
            give_back()


def _checkpoint(connection: sqlite3.Connection, mode: str) -> int:
    """Run a checkpoint; return how many pages the log held (a busy one is tried again next round)."""
    row = connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
    return int(row[1]) if row else 0
