"""Open-loop load on the web chat: capacity, and latency at 50% and 80% of it, per deployment.

Usage: python benchmarks/load.py [--targets bare,sqlite,sqlite-x2,postgresql,postgresql-x2]
                                 [--step-seconds 5] [--step-factor 1.25] [--measure-seconds 12]
                                 [--start-rate 30]

Starts each deployment itself on 127.0.0.1 (the bot on SQLite or on a
throwaway PostgreSQL server, in one or two processes; and a bare aiohttp
handler that answers the same request with a fixed reply, to show what the
machine and this generator can do at all), then:

1. Capacity: steps the arrival rate up by a quarter each step (``--step-factor``,
   ``--step-seconds`` each) until the server falls behind (completions under
   90% of the offered rate, or errors, or p99 over 2 s) twice in a row at the
   same rate, so that one stall of the machine does not end the search; then
   offers that rate once more for ``--measure-seconds``. The capacity is the
   completion rate of that saturated run: a short step at the edge of
   saturation can complete more turns a second than the server sustains (it
   is still working through the step before), and 80% of such a peak was
   past what the server kept up with. The best step is printed beside it.
2. Latency at 50% and 80% of capacity, ``--measure-seconds`` each (the first
   two seconds not counted): p50, p99, max, and the errors.

Open loop: turns are scheduled at a fixed rate, whatever the server does,
and a turn's latency runs from its scheduled time, so a slow server is
charged for the turns it kept waiting (no coordinated omission). The turns
are conversations of four: a question from the development query set, the
first button of the reply (or the menu), another question, the menu; each
conversation is a new staff member. Two processes get the turns in turn
(round robin, as a load balancer would). Prints a table at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import sqlalchemy as sa
import yaml
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.auxil.chatapi import CHAT_TOKEN, ChatApi  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402
from tests.auxil.postgres import PostgresServer, binaries  # noqa: E402
from tests.auxil.server import Served, interrupt, wait_ready  # noqa: E402

TARGETS = ("bare", "sqlite", "sqlite-x2", "postgresql", "postgresql-x2")
TURNS_PER_CONVERSATION = 4
GAP_SECONDS = 0.5
"""Between the scheduled turns of one conversation: a quick typist."""
RAMP_SECONDS = (TURNS_PER_CONVERSATION - 1) * GAP_SECONDS
WARMUP_SECONDS = 2.0
REQUEST_TIMEOUT = 30.0
BEHIND = 0.9
P99_LIMIT = 2.0


@dataclass
class Outcome:
    """One turn: when it was due, when it finished, and whether it got a 2xx."""

    due: float
    done: float
    ok: bool

    @property
    def latency(self) -> float:
        return self.done - self.due


@dataclass
class Run:
    """The outcomes of one rate, and the figures drawn from them."""

    rate: float
    seconds: float
    outcomes: list[Outcome] = field(default_factory=list)

    def counted(self, skip: float = 0.0) -> list[Outcome]:
        start = min((o.due for o in self.outcomes), default=0.0) + skip
        return [o for o in self.outcomes if o.due >= start]

    def window(self) -> tuple[float, float]:
        """The steady part of the run: once every turn of a conversation is arriving, until the last start."""
        start = min(o.due for o in self.outcomes)
        return start + RAMP_SECONDS, start + self.seconds

    def throughput(self) -> float:
        """Turns answered per second in the steady window."""
        if not self.outcomes:
            return 0.0
        low, high = self.window()
        return sum(1 for o in self.outcomes if o.ok and low <= o.done < high) / (high - low)

    def offered(self) -> float:
        """Turns due per second in the steady window (the rate asked for, as it came out)."""
        if not self.outcomes:
            return 0.0
        low, high = self.window()
        return sum(1 for o in self.outcomes if low <= o.due < high) / (high - low)

    def errors(self, skip: float = 0.0) -> int:
        return sum(1 for o in self.counted(skip) if not o.ok)

    def quantiles(self, skip: float = 0.0) -> tuple[float, float, float]:
        """p50, p99 and max latency in seconds (of every turn, failed ones included)."""
        latencies = sorted(o.latency for o in self.counted(skip))
        if not latencies:
            return (0.0, 0.0, 0.0)

        def at(q: float) -> float:
            return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

        return at(0.50), at(0.99), latencies[-1]


@dataclass
class Result:
    target: str
    capacity: float
    steps: list[Run]
    saturated: Run
    half: Run
    most: Run


def questions() -> list[str]:
    data = yaml.safe_load((ROOT / "tests" / "data" / "queries_dev.yaml").read_text(encoding="utf-8"))
    return [str(item["q"]) for item in data]


# --- the deployments --------------------------------------------------------------------------------


BARE_REPLY = {
    "replies": [
        {"text": "ご質問ありがとうございます。" * 20, "choices": [{"label": "メニュー", "action": "menu"}]}
    ]
}


def run_bare(port: int) -> None:
    """A bare aiohttp handler: reads the JSON, answers a fixed reply of the bot's size (a webhook: 200).

    Runs until killed.
    """

    async def chat(request: web.Request) -> web.Response:
        await request.json()
        return web.json_response(BARE_REPLY)

    async def webhook(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="OK")

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/api/v1/chat", chat)
    app.router.add_post("/webhooks/line", webhook)  # benchmarks/line_webhooks.py: a 200, nothing more
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


@contextlib.contextmanager
def processes(commands: Sequence[list[str]], folder: Path, env: dict[str, str]) -> Iterator[list[str]]:
    """Start each command (its last argument is its port) once the one before answers /healthz.

    One after the other, so that only the first creates the database's tables.
    """
    started: list[subprocess.Popen[bytes]] = []
    urls = []
    try:
        for n, command in enumerate(commands):
            log_path = folder / f"server-{n}.log"
            with log_path.open("wb") as log:
                started.append(subprocess.Popen(command, stdout=log, stderr=log, env=env))
            urls.append(f"http://127.0.0.1:{command[-1]}")
            wait_ready(Served(urls[-1], started[-1], log_path), seconds=180)
        yield urls
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def deployment(target: str, folder: Path) -> Iterator[list[str]]:
    """The base URLs of ``target``, running until the block ends.

    ``…-x2``: two servers on one database; ``…+worker``: the servers only
    acknowledge webhooks (``KAIZEN_WEBHOOK_TURNS=worker``) and a turn worker
    (``python -m bot worker``) answers them; ``…+ack-only``: the same with no
    worker running (what acknowledging alone costs; nothing is answered).
    """
    env = {
        **os.environ,
        "KAIZEN_LOG_LEVEL": "WARNING",
        "KAIZEN_CACHE_DIR": str(folder / "cache"),
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
    }
    copies = 2 if "-x2" in target else 1
    worker = target.endswith("+worker")
    if worker or target.endswith("+ack-only"):
        env["KAIZEN_WEBHOOK_TURNS"] = "worker"
    if target == "bare":
        port = free_port()
        with processes([[sys.executable, __file__, "--bare-server", str(port)]], folder, env) as urls:
            yield urls
        return
    if target.startswith("sqlite"):
        url = f"sqlite:///{folder / 'kaizen.db'}"
        with processes(bot_commands(url, copies), folder, env) as urls, turn_worker(url, folder, env, worker):
            yield urls
        return
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's server binaries are not installed (apt-get install postgresql)")
    server = PostgresServer.start(bin_dir, Path(tempfile.mkdtemp(prefix="kaizen-load-pg-")))
    try:
        durable_but_asynchronous(server.url)
        with (
            processes(bot_commands(server.url, copies), folder, env) as urls,
            turn_worker(server.url, folder, env, worker),
        ):
            yield urls
    finally:
        server.stop()


@contextlib.contextmanager
def turn_worker(database_url: str, folder: Path, env: dict[str, str], wanted: bool) -> Iterator[None]:
    """``python -m bot worker`` on ``database_url`` for the block, if ``wanted`` (started when it yields)."""
    if not wanted:
        yield
        return
    log_path = folder / "worker.log"
    with log_path.open("wb") as log:
        command = [sys.executable, "-m", "bot", "--database", database_url, "worker"]
        process = subprocess.Popen(command, stdout=log, stderr=log, env={**env, "KAIZEN_LOG_LEVEL": "INFO"})
    try:
        deadline = time.monotonic() + 180
        while "taking the webhook events' turns" not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the turn worker did not start:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield
    finally:
        interrupt(process)


def durable_but_asynchronous(url: str) -> None:
    """Turn fsync back on (the tests' server runs without it) with synchronous_commit off.

    That is what SQLite in WAL mode with synchronous=NORMAL gives the bot: a
    crash of the machine may lose the last commits, never the database.
    """
    engine = sa.create_engine(
        url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as connection:
        connection.execute(sa.text("ALTER SYSTEM SET fsync = on"))
        connection.execute(sa.text("ALTER SYSTEM SET synchronous_commit = off"))
        connection.execute(sa.text("SELECT pg_reload_conf()"))
    engine.dispose()


def bot_commands(database_url: str, copies: int) -> list[list[str]]:
    base = [sys.executable, "-m", "bot", "--database", database_url, "serve", "--port"]
    return [[*base, str(free_port())] for _ in range(copies)]


# --- the load ---------------------------------------------------------------------------------------


async def conversation(api: ChatApi, user: str, texts: tuple[str, str], start: float, run: Run) -> None:
    """Four turns, each due GAP_SECONDS after the previous one was due (or later, if that one was late)."""
    replies: list[dict[str, Any]] = []
    for turn in range(TURNS_PER_CONVERSATION):
        due = start + turn * GAP_SECONDS
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        ok = True
        try:
            if turn == 0:
                replies = await api.say(user, text=texts[0])
            elif turn == 1:
                choices = replies[-1].get("choices", []) if replies else []
                replies = await api.say(user, action=choices[0]["action"] if choices else "menu")
            elif turn == 2:
                replies = await api.say(user, text=texts[1])
            else:
                replies = await api.say(user, action="menu")
        except Exception:  # any failure is a failed turn; the conversation goes on
            ok = False
            replies = []
        run.outcomes.append(Outcome(due, time.perf_counter(), ok))


async def offer(apis: Sequence[ChatApi], pool: Sequence[str], rate: float, seconds: float, tag: str) -> Run:
    """Turns at ``rate`` a second for ``seconds`` (conversations at rate / 4), then wait for the last."""
    run = Run(rate, seconds)
    rng = random.Random(7)
    conversations = rate / TURNS_PER_CONVERSATION
    count = max(1, int(conversations * seconds))
    begin = time.perf_counter() + 0.2
    tasks = []
    for n in range(count):
        start = begin + n / conversations
        delay = start - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        texts = (rng.choice(pool), rng.choice(pool))
        api = apis[n % len(apis)]
        tasks.append(asyncio.create_task(conversation(api, f"load-{tag}-{n}", texts, start, run)))
    await asyncio.gather(*tasks)
    return run


@contextlib.asynccontextmanager
async def clients(urls: Sequence[str]) -> AsyncIterator[list[ChatApi]]:
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=2000)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        yield [ChatApi(session, url) for url in urls]


async def measure(target: str, urls: Sequence[str], args: argparse.Namespace) -> Result:
    pool = questions()
    async with clients(urls) as apis:
        await offer(apis, pool, 8, 2, f"{target}-warm")
        steps: list[Run] = []
        rate = args.start_rate
        retried = False
        while True:
            run = await offer(apis, pool, rate, args.step_seconds, f"{target}-step{len(steps)}")
            steps.append(run)
            p50, p99, top = run.quantiles()
            print(
                f"  {target}: offered {run.offered():7.1f}/s  answered {run.throughput():7.1f}/s  "
                f"p50 {p50 * 1000:6.0f} ms  p99 {p99 * 1000:6.0f} ms  max {top * 1000:6.0f} ms  "
                f"errors {run.errors()}",
                flush=True,
            )
            behind = run.throughput() < BEHIND * run.offered() or run.errors() > 0 or p99 > P99_LIMIT
            if behind and not retried:  # once more at the same rate: one stall must not end the search
                retried = True
                await asyncio.sleep(3.0)
                continue
            if behind or rate > args.max_rate:
                break
            retried = False
            rate *= args.step_factor
            await asyncio.sleep(1.0)
        await asyncio.sleep(3.0)
        saturated = await offer(apis, pool, rate, args.measure_seconds, f"{target}-saturated")
        capacity = saturated.throughput()
        print(
            f"  {target}: saturated at {saturated.offered():.1f}/s for {args.measure_seconds:g} s: "
            f"answered {capacity:.1f}/s (best step {max(r.throughput() for r in steps):.1f}/s)",
            flush=True,
        )
        await asyncio.sleep(3.0)  # let the backlog of the saturated run drain
        half = await offer(apis, pool, capacity * 0.5, args.measure_seconds, f"{target}-half")
        await asyncio.sleep(1.0)
        most = await offer(apis, pool, capacity * 0.8, args.measure_seconds, f"{target}-most")
    return Result(target, capacity, steps, saturated, half, most)


def row(run: Run) -> str:
    p50, p99, top = run.quantiles(WARMUP_SECONDS)
    errors = run.errors(WARMUP_SECONDS)
    return f"{run.rate:7.0f} | {p50 * 1000:6.1f} | {p99 * 1000:7.1f} | {top * 1000:7.0f} | {errors}"


def report(results: Sequence[Result]) -> None:
    print()
    print("| deployment | capacity turns/s | load | rate/s | p50 ms | p99 ms | max ms | errors |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for result in results:
        for label, run in (("50%", result.half), ("80%", result.most)):
            cells = row(run).split("|")
            capacity = f"{result.capacity:.0f}" if label == "50%" else ""
            print(f"| {result.target} | {capacity} | {label} | {' | '.join(c.strip() for c in cells)} |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--start-rate", type=float, default=30.0, help="turns per second of the first step")
    parser.add_argument("--max-rate", type=float, default=4000.0, help="stop stepping past this rate")
    parser.add_argument("--step-seconds", type=float, default=5.0)
    parser.add_argument("--step-factor", type=float, default=1.25, help="rate of a step over the one before")
    parser.add_argument("--measure-seconds", type=float, default=12.0)
    parser.add_argument("--bare-server", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_server:
        run_bare(args.bare_server)
        return 0
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))} (known: {', '.join(TARGETS)})")
    results = []
    began = time.monotonic()
    for target in targets:
        folder = Path(tempfile.mkdtemp(prefix=f"kaizen-load-{target}-"))
        try:
            print(f"{target}: starting", flush=True)
            with deployment(target, folder) as urls:
                results.append(asyncio.run(measure(target, urls, args)))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    report(results)
    print(f"\n{len(targets)} deployments in {time.monotonic() - began:.0f} s")
    # Whatever else runs on the machine competes with the servers and this generator: say how much.
    print("load average (1, 5, 15 min) at the end: {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
