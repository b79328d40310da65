"""``python -m bot worker`` says in its log that it runs and that it stops, as ``serve`` does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.db import ConversationStore
from tests.auxil.modules import value_after

HANG_GUARD = 120.0
"""Only so that a regression fails instead of hanging the suite; no speed is asserted."""


def _start_worker(tmp_path: Path, log: Path, **settings: str) -> subprocess.Popen[bytes]:
    database = tmp_path / "kaizen.db"
    ConversationStore.open(f"sqlite:///{database}").close()
    env = {
        **os.environ,
        "KAIZEN_CACHE_DIR": "",  # no index cache: the turn worker's start-up builds it, for seconds
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_LOG_FORMAT": "text",
        **settings,
    }
    command = [sys.executable, "-m", "bot", "--database", f"sqlite:///{database}", "worker"]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait_for(worker: subprocess.Popen[bytes], log: Path, line: str) -> None:
    """Wait until the worker logs ``line``; fail if it exits, or starts running, without it."""
    deadline = time.monotonic() + HANG_GUARD
    while line not in (said := log.read_text(encoding="utf-8")):
        assert worker.poll() is None, said
        assert "worker running" not in said or line == "worker running", said
        assert time.monotonic() < deadline, said
        time.sleep(0.05)


def _stopped(worker: subprocess.Popen[bytes], log: Path, signum: signal.Signals) -> list[str]:
    """Send ``signum``, expect exit status 0, and return what the worker itself logged."""
    try:
        worker.send_signal(signum)
        assert worker.wait(timeout=HANG_GUARD) == 0, log.read_text(encoding="utf-8")
    finally:
        if worker.poll() is None:
            worker.kill()
    lines = log.read_text(encoding="utf-8").splitlines()
    return [line.split(": ", 1)[1] for line in lines if "bot.admincli" in line]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_worker_logs_its_start_and_its_stop(tmp_path: Path, signum: signal.Signals) -> None:
    """It used to log nothing when it stopped: an operator could not tell a stop from a hang or a crash."""
    log = tmp_path / "worker.log"
    worker = _start_worker(tmp_path, log)
    _wait_for(worker, log, "worker running")
    assert _stopped(worker, log, signum) == [
        "worker starting",
        "worker running: delivering the outbox",
        "stopping: finishing the deliveries under way",
        "worker stopped",
    ]


STARTING = {
    "importing": "bot.admincli: worker starting",
    "opening the database": "bot.db.migrate: database schema",
    "building the index": "bot.handlers.registry: Telegram",  # the last channel's line, then the index
}
"""A line logged at each stage of the turn worker's start-up, to signal it then rather than after a sleep."""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("stage", list(STARTING))
def test_a_signal_while_the_worker_starts_stops_it_cleanly(
    tmp_path: Path, stage: str, signum: signal.Signals
) -> None:
    """Signalled while importing or opening the database, it used to die; during the index build, to run.

    SIGINT ended it with a KeyboardInterrupt traceback, SIGTERM killed it with
    nothing in the log; a signal during the index build let it start
    delivering and taking turns all the same. Now it abandons the start-up,
    closes what it had opened, never runs, says so and exits 0.
    """
    log = tmp_path / "worker.log"
    worker = _start_worker(tmp_path, log, KAIZEN_WEBHOOK_TURNS="worker")
    _wait_for(worker, log, STARTING[stage])
    said = _stopped(worker, log, signum)
    assert said == [
        "worker starting",
        "stopping: asked to stop while starting, so nothing was delivered",
        "worker stopped before it ran",
    ]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text
    assert "taking the webhook events' turns" not in text


PREPARED_WHEN_RUNNING = """
import asyncio
import logging
from bot.admincli import _start_and_run
from bot.config import Settings
from bot.privacy import lazy

left = []


class Running(logging.Handler):
    def emit(self, record):
        if record.getMessage().startswith("worker running"):
            left.append(lazy.compile_all())  # the rules the first turn would still have to compile
            stop.set()


async def main():
    global stop
    stop = asyncio.Event()
    logger = logging.getLogger("bot.admincli")
    logger.setLevel(logging.INFO)
    logger.addHandler(Running())
    await _start_and_run(Settings.from_env({"DATABASE_URL": URL, "KAIZEN_WEBHOOK_TURNS": "worker"}), stop)


asyncio.run(main())
"""


def test_the_turn_worker_compiles_the_maskers_rules_before_it_runs(tmp_path: Path) -> None:
    """Its first turn used to compile the rules its text reached (0.5 s); ``serve`` does it at start."""
    database = f"sqlite:///{tmp_path / 'kaizen.db'}"
    ConversationStore.open(database).close()
    statement = f"URL = {database!r}\n" + PREPARED_WHEN_RUNNING
    assert value_after(statement, "left") == [0]
