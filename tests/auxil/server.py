"""``python -m bot serve`` on a free local port, and ``python -m bot worker``: real processes for tests."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.auxil.platforms import free_port

INDEX_CACHE = Path(tempfile.mkdtemp(prefix="kaizen-index-cache-"))
"""The index cache (``KAIZEN_CACHE_DIR``) every server and worker this test process starts shares.

Its files are keyed by the knowledge's content and the search code (`bot.search.service`), so a
server on other knowledge builds its own; the sample knowledge's index is built by the first
server, not again at each of the suite's starts. A test may give its own in ``env``.
"""
atexit.register(shutil.rmtree, INDEX_CACHE, ignore_errors=True)


@dataclass(frozen=True)
class Served:
    """A running server: its base URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def serve(
    folder: Path, *extra: str, database: str | None = None, env: dict[str, str] | None = None
) -> Iterator[Served]:
    """Start the server (on a SQLite file in ``folder`` unless ``database`` is given); wait for /healthz.

    ``env`` adds settings; the server is stopped with SIGINT after.
    """
    served = start(
        folder, free_port(), {"KAIZEN_LOG_LEVEL": "WARNING", **(env or {})}, *extra, database=database
    )
    try:
        wait_ready(served)
        yield served
    finally:
        stop(served)


def start(
    folder: Path, port: int, env: Mapping[str, str], *extra: str, database: str | None = None
) -> Served:
    """Start ``serve`` on ``port`` (on the SQLite file in ``folder`` unless ``database`` is given).

    Its log is appended to ``folder``/serve.log, so restarts keep the earlier lines.
    """
    env = {**os.environ, "KAIZEN_CACHE_DIR": str(INDEX_CACHE), **env}
    url = database or f"sqlite:///{folder / 'kaizen.db'}"
    command = [sys.executable, "-m", "bot", "--database", url, "serve"]
    with (folder / "serve.log").open("ab") as log:
        process = subprocess.Popen([*command, "--port", str(port), *extra], stdout=log, stderr=log, env=env)
    return Served(f"http://127.0.0.1:{port}", process, folder / "serve.log")


def start_worker(
    folder: Path, env: Mapping[str, str], *, database: str | None = None
) -> subprocess.Popen[bytes]:
    """Start ``python -m bot worker`` on the database of `start`; its log goes to ``folder``/worker.log."""
    env = {**os.environ, "KAIZEN_CACHE_DIR": str(INDEX_CACHE), **env}
    url = database or f"sqlite:///{folder / 'kaizen.db'}"
    with (folder / "worker.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "--database", url, "worker"], stdout=log, stderr=log, env=env
        )


def stop(served: Served) -> None:
    """SIGINT, as an operator would stop it; SIGKILL if it has not stopped within 30 s."""
    interrupt(served.process)


def interrupt(process: subprocess.Popen[bytes]) -> None:
    """SIGINT ``process`` (if it still runs) and wait for it; SIGKILL if it has not stopped within 30 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_ready(served: Served, seconds: float = 120) -> None:
    """Block until /healthz answers 200; raise with the log if the process exits or is not ready in time."""
    url, process, log = served.url, served.process, served.log
    deadline = time.monotonic() + seconds
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


def run_bot(
    *args: str,
    stdin: str | None = None,
    cache: Path = INDEX_CACHE,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m bot *args`` (in ``cwd``), its output captured as text, its index cache in ``cache``.

    By default the cache this test process's servers share (`INDEX_CACHE`): the sample knowledge's
    index is built by the first command, not again by each (seconds every time). A test of building
    or caching the index gives a folder of its own.
    """
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KAIZEN_CACHE_DIR": str(cache), **(env or {})},
        timeout=timeout,
        cwd=cwd,
    )


def admin(database: str, *args: str, password: str) -> None:
    """``python -m bot --database DATABASE admin ARGS``, ``password`` on standard input (when it asks)."""
    run_bot("--database", database, "admin", *args, stdin=f"{password}\n").check_returncode()
