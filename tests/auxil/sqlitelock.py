"""Another process holding SQLite's write lock: a real second writer, for the database fault tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HANG_GUARD = 60.0
"""Only so that a regression fails instead of hanging the suite; no speed is asserted."""

LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
moment = "2026-01-01 00:00:00"
connection.execute(
    "INSERT INTO conversations (channel, user_id, conversation_id, state, created_at, updated_at) "
    "VALUES ('web', 'other', 'other', ?, ?, ?)",
    ('{"query": "別プロセスの書き込み"}', moment, moment),
)
print("locked", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
print("committed", flush=True)
"""


@contextmanager
def another_process_writing(database: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process in the middle of a long write transaction on ``database``, committed at the end."""
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert locker.stdin is not None
    assert locker.stdout is not None
    try:
        assert locker.stdout.readline().strip() == "locked"
        yield locker
    finally:
        locker.stdin.write("\n")
        locker.stdin.close()
        locker.wait(timeout=HANG_GUARD)
