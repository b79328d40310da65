"""Chat throughput while clients guess dashboard passwords, against no guessing, in the same run.

Usage: python benchmarks/login_contention.py [--seconds 20] [--chatters 8] [--guessers 8]
       [--names real|many] [--compare-with /path/to/other/checkout]

Starts ``python -m bot serve`` on 127.0.0.1 over a fresh SQLite database with
one dashboard user, then measures the web chat (``POST /api/v1/chat``, each
chatter a staff member asking questions in turn) twice: alone, and while
``--guessers`` clients post wrong passwords for that user to
``/admin/login`` as fast as the server answers (``--names many``: a new
name each time, as a list of stolen credentials would). Prints requests per second
and latency percentiles of the chat, and what the guessers got (401 checked
and refused, 429 too soon). ``--compare-with`` runs the same two phases
against another checkout (say, the code before this change) in the same run.

The message limit is turned off for the run (KAIZEN_LIMIT_MESSAGES_PER_MINUTE=0):
the chatters send far more than a person could. Every guesser comes from
127.0.0.1, so the per-address throttle soon answers them 429; each refusal
still costs one scrypt hash, as a real one would.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "tanaka", "benchmark-password-1"
QUERIES = (
    "RPAとは何ですか？",
    "電子申請を始めたい",
    "会議録の作成に時間がかかる",
    "ペーパーレスのやり方",
    "こんにちは",
    "AI-OCRで申請書を読みたい",
)


@dataclass
class Phase:
    """What one phase measured."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    guesses: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self, label: str) -> str:
        ms = sorted(x * 1000 for x in self.latencies)
        if not ms:
            return f"{label:<32} no chat request completed"
        rate = len(ms) / self.seconds
        p50, p99 = statistics.median(ms), ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        guessed = ", ".join(f"{status}: {n}" for status, n in sorted(self.guesses.items())) or "-"
        return (
            f"{label:<32} {rate:7.1f} req/s  p50 {p50:7.1f} ms  p99 {p99:8.1f} ms  max {ms[-1]:8.1f} ms"
            f"  errors {self.errors}  guesses {sum(self.guesses.values())} ({guessed})"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def add_user(checkout: Path, database: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "bot", "--database", database, "admin", "add-user", USER, "--password-stdin"],
        input=f"{PASSWORD}\n",
        text=True,
        check=True,
        cwd=checkout,
        capture_output=True,
    )


READY_SECONDS = 300.0


async def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"the server exited with {server.returncode}")
            try:
                async with session.get(f"{base}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit("the server did not become ready")


async def chatter(session: aiohttp.ClientSession, base: str, n: int, until: float, phase: Phase) -> None:
    turn = 0
    while time.monotonic() < until:
        body = {"user": f"bench-{n}", "text": QUERIES[(n + turn) % len(QUERIES)]}
        started = time.monotonic()
        try:
            async with session.post(f"{base}/api/v1/chat", json=body) as response:
                await response.read()
                if response.status == 200:
                    phase.latencies.append(time.monotonic() - started)
                else:
                    phase.errors += 1
        except aiohttp.ClientError:
            phase.errors += 1
        turn += 1


async def guesser(base: str, n: int, until: float, phase: Phase, many: bool) -> None:
    jar = aiohttp.CookieJar(unsafe=True)  # a jar of its own, like a browser; unsafe: it is an IP address
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        attempt = 0
        while time.monotonic() < until:
            async with session.get(f"{base}/admin/login") as page:
                found = re.search(r'name="csrf" value="([^"]+)"', await page.text())
            assert found, "no CSRF token on the login page"
            name = f"user{n}-{attempt}" if many else USER
            form = {"csrf": found.group(1), "name": name, "password": f"guess-{n}-{attempt}"}
            async with session.post(f"{base}/admin/login", data=form, allow_redirects=False) as response:
                await response.read()
                phase.guesses[response.status] += 1
            attempt += 1


async def run_phase(base: str, seconds: float, chatters: int, guessers: int, many: bool = False) -> Phase:
    phase = Phase()
    connector = aiohttp.TCPConnector(limit=chatters)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.monotonic()
        until = started + seconds
        tasks = [chatter(session, base, n, until, phase) for n in range(chatters)]
        tasks += [guesser(base, n, until, phase, many) for n in range(guessers)]
        await asyncio.gather(*tasks)
        phase.seconds = time.monotonic() - started
    return phase


@contextlib.contextmanager
def serving(checkout: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``python -m bot serve`` of ``checkout`` over a fresh database with one user; its base URL."""
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{Path(folder) / 'bench.db'}"
        add_user(checkout, database)
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "KAIZEN_LOG_LEVEL": "WARNING",
            "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(port)], cwd=checkout, env=env
        )
        try:
            yield f"http://127.0.0.1:{port}", server
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)


async def measure(
    base: str, server: subprocess.Popen[bytes], args: argparse.Namespace
) -> tuple[Phase, Phase]:
    await wait_ready(base, server)
    await run_phase(base, 2, args.chatters, 0)  # warm up
    alone = await run_phase(base, args.seconds, args.chatters, 0)
    guessed = await run_phase(base, args.seconds, args.chatters, args.guessers, args.names == "many")
    return alone, guessed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--chatters", type=int, default=8, help="concurrent web chat clients")
    parser.add_argument("--guessers", type=int, default=8, help="concurrent password guessers")
    parser.add_argument(
        "--names",
        choices=("real", "many"),
        default="real",
        help="guess the one user's name, or a new one each time",
    )
    parser.add_argument("--compare-with", type=Path, help="another checkout to measure the same way")
    args = parser.parse_args()
    checkouts = [("this checkout", ROOT)]
    if args.compare_with:
        checkouts.append((str(args.compare_with), args.compare_with.resolve()))
    for label, checkout in checkouts:
        with serving(checkout) as (base, server):
            alone, guessed = asyncio.run(measure(base, server, args))
        print(f"[{label}] {args.chatters} chat clients, {args.seconds:g} s per phase, names: {args.names}")
        print(alone.line("  chat alone"))
        print(guessed.line(f"  chat + {args.guessers} guessers"))


if __name__ == "__main__":
    main()
