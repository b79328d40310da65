"""``python -m bot serve`` as a real process on a free local port, for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Served:
    """A running server: its base URL and process."""

    url: str
    process: subprocess.Popen[bytes]


@contextmanager
def serve(
    folder: Path, *extra: str, database: str | None = None, env: dict[str, str] | None = None
) -> Iterator[Served]:
    """Start the server (on a SQLite file in ``folder`` unless ``database`` is given); wait for /healthz.

    ``env`` adds settings; the server is stopped with SIGINT after.
    """
    port = _free_port()
    log = (folder / "serve.log").open("wb")
    env = {
        **os.environ,
        "KAIZEN_CACHE_DIR": str(folder / "cache"),
        "KAIZEN_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    url = database or f"sqlite:///{folder / 'kaizen.db'}"
    command = [sys.executable, "-m", "bot", "--database", url, "serve"]
    process = subprocess.Popen([*command, "--port", str(port), *extra], stdout=log, stderr=log, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, process, folder / "serve.log")
        yield Served(base, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"serve did not become ready:\n{log.read_text()}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
