"""A stuck database, on the real server: clear 503s within the timeout, and recovery by itself.

Slow (a server process and seconds of waiting each), so marked ``slow``;
CI runs them. No speed is asserted: a call that never returns fails on the
hang guard instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.db import ConversationStore
from bot.dialogue import ConversationKey
from tests.auxil.postgres import PostgresServer, binaries
from tests.auxil.server import Served, serve

pytestmark = pytest.mark.slow

TIMEOUT = {"KAIZEN_DB_TIMEOUT_SECONDS": "2"}
HANG_GUARD = 60
OTHER = ConversationKey("web", "other", "other")

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
"""


def call(url: str, body: dict[str, str] | None = None) -> tuple[int, dict[str, object]]:
    """GET (or POST ``body`` as JSON); the status and the JSON answer, error statuses included."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=HANG_GUARD) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def ask(served: Served, text: str = "RPAとは何ですか？") -> tuple[int, dict[str, object]]:
    return call(f"{served.url}/api/v1/chat", {"user": "staff-1", "text": text})


def assert_unavailable(served: Served) -> None:
    status, health = call(f"{served.url}/healthz")
    assert (status, health["status"]) == (503, "unavailable")
    status, answer = ask(served)
    assert status == 503
    assert answer["error"] == "unavailable"
    assert "時間をおいて" in str(answer["message"])


def assert_recovers(served: Served) -> None:
    """Healthy again without a restart (polled: the database may take a moment to come back)."""
    deadline = time.monotonic() + HANG_GUARD
    while call(f"{served.url}/healthz")[0] != 200:
        assert time.monotonic() < deadline, "the server did not recover"
        time.sleep(0.5)
    status, answer = ask(served)
    assert status == 200
    assert answer["replies"]


def test_sqlite_locked_by_another_process_reads_answer_and_writes_get_503(tmp_path: Path) -> None:
    with serve(tmp_path, env=TIMEOUT) as served:
        assert ask(served)[0] == 200
        locker = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(tmp_path / "kaizen.db")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert locker.stdin is not None
        assert locker.stdout is not None
        try:
            assert locker.stdout.readline().strip() == "locked"
            status, health = call(f"{served.url}/healthz")
            assert (status, health["status"]) == (200, "ok")
            status, polled = call(f"{served.url}/api/v1/chat/staff-1/messages")
            assert status == 200
            assert "messages" in polled
            status, answer = ask(served, "ペーパーレスの進め方")
            assert status == 503
            assert answer["error"] == "unavailable"
            waiting = [threading.Thread(target=ask, args=(served,)) for _ in range(12)]
            for thread in waiting:  # more writes waiting than the server has threads for them
                thread.start()
            time.sleep(0.5)
            status, health = call(f"{served.url}/healthz")
            assert (status, health["status"]) == (200, "ok")  # the health check has a thread of its own
            for thread in waiting:
                thread.join(HANG_GUARD)
            assert locker.poll() is None  # still holding its write
        finally:
            locker.stdin.write("\n")
            locker.stdin.close()
            locker.wait(timeout=HANG_GUARD)
        assert_recovers(served)
    store = ConversationStore.open(f"sqlite:///{tmp_path / 'kaizen.db'}")
    assert store.load(OTHER).query == "別プロセスの書き込み"  # the other process's write is kept
    store.close()


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[PostgresServer]:
    """A server of these tests' own, since they stop and freeze it."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql); CI runs these")
    server = PostgresServer.start(bin_dir, Path(tempfile.mkdtemp(prefix="kaizen-pg-faults-")))
    yield server
    server.stop()


def test_postgresql_stopped_gives_503_and_the_server_recovers_when_it_is_back(
    own_postgres: PostgresServer, tmp_path: Path
) -> None:
    own_postgres.reset()
    with serve(tmp_path, database=own_postgres.url, env=TIMEOUT) as served:
        assert ask(served)[0] == 200
        own_postgres.halt()
        try:
            assert_unavailable(served)
        finally:
            own_postgres.resume()
        assert_recovers(served)


def test_postgresql_hung_gives_503_and_the_server_recovers_when_it_answers_again(
    own_postgres: PostgresServer, tmp_path: Path
) -> None:
    own_postgres.reset()
    with serve(tmp_path, database=own_postgres.url, env=TIMEOUT) as served:
        assert ask(served)[0] == 200
        with own_postgres.frozen():
            assert_unavailable(served)
            assert_unavailable(served)  # and again, once the pool has given up on its connections
        assert_recovers(served)
