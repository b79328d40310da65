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

HANG_GUARD = 120.0
"""Only so that a regression fails instead of hanging the suite; no speed is asserted."""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_worker_logs_its_start_and_its_stop(tmp_path: Path, signum: signal.Signals) -> None:
    """It used to log nothing when it stopped: an operator could not tell a stop from a hang or a crash."""
    database, log = tmp_path / "kaizen.db", tmp_path / "worker.log"
    ConversationStore.open(f"sqlite:///{database}").close()
    env = {**os.environ, "KAIZEN_CACHE_DIR": "", "KAIZEN_LOG_LEVEL": "INFO", "KAIZEN_LOG_FORMAT": "text"}
    command = [sys.executable, "-m", "bot", "--database", f"sqlite:///{database}", "worker"]
    with log.open("wb") as out:
        worker = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + HANG_GUARD
        while "worker running: delivering the outbox" not in log.read_text(encoding="utf-8"):
            assert worker.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        worker.send_signal(signum)
        assert worker.wait(timeout=HANG_GUARD) == 0, log.read_text(encoding="utf-8")
    finally:
        if worker.poll() is None:
            worker.kill()
    lines = log.read_text(encoding="utf-8").splitlines()
    said = [line.split(": ", 1)[1] for line in lines if "bot.admincli" in line]
    assert said == [
        "worker running: delivering the outbox",
        "stopping: finishing the deliveries under way",
        "worker stopped",
    ]
