"""Conversation turns under concurrency, on SQLite and on PostgreSQL: turns/s and latency.

Usage (from the repository root, so that this checkout's ``bot`` is the one measured):

    python -m benchmarks.concurrency [--databases sqlite,postgresql] [--turns 400]
        [--paced 200] [--paced-seconds 60] [--pause 2-5]

Each conversation is one staff member of the web chat sending the questions
of the development query set (``tests/data/queries_dev.yaml``) in turn,
pressing the first button of the bot's reply every fifth turn, through the
same path as the server (`bot.conversations.Conversations.handle`: search,
engine, state, conversation log, consultations), one thread per
conversation. Three loads per database, each on a fresh database:

- **1 back-to-back**: one conversation, each turn sent as soon as the last
  is answered (``--turns`` turns);
- **8 back-to-back**: eight conversations at once, the same number of turns
  in all;
- **paced**: ``--paced`` conversations for ``--paced-seconds`` seconds, each
  pausing ``--pause`` seconds (uniformly at random) between turns, as
  people do.

It prints one row per database and load: turns/s (all turns over the wall
time), the CPU time this process spent per turn (all threads; it tells the
cost of a turn apart from a busy machine's queueing), and the latency of a
turn at p50, p99 and max, in milliseconds. A
PostgreSQL server is started for the run (``tests/auxil/postgres.py``) when
its binaries are installed; otherwise only SQLite is measured.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.consult.notices import Notices
from bot.consult.service import ConsultationService
from bot.conversations import Conversations
from bot.db import ConversationStore
from bot.dialogue import ConversationKey, Incoming, Reply
from bot.dialogue.engine import Engine
from bot.evaluation import load_queries
from bot.search import Searcher
from tests.auxil.postgres import PostgresServer, binaries

QUERIES = PROJECT_ROOT / "tests" / "data" / "queries_dev.yaml"
BUTTON_EVERY = 5


@dataclass(frozen=True, slots=True)
class Load:
    """One load: how many conversations, and how each sends its turns."""

    name: str
    conversations: int
    turns_each: int | None  # None: paced, for `seconds`
    seconds: float = 0.0
    pause: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Figures:
    turns: int
    seconds: float
    cpu_seconds: float
    latencies: list[float]

    def row(self, database: str, load: str) -> str:
        if not self.latencies:
            return f"| {database} | {load} | 0 | — | — | — | — | — |"
        ordered = sorted(self.latencies)
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        return (
            f"| {database} | {load} | {self.turns} | {self.turns / self.seconds:,.0f} | "
            f"{self.cpu_seconds / self.turns * 1000:.1f} | "
            f"{statistics.median(ordered) * 1000:.1f} | {p99 * 1000:.1f} | {ordered[-1] * 1000:.1f} |"
        )


def conversation(
    conversations: Conversations,
    number: int,
    texts: list[str],
    load: Load,
    until: float,
    latencies: list[float],
    failures: list[BaseException],
) -> None:
    """One staff member's turns, timed; ``latencies`` and ``failures`` collect across threads."""
    key = ConversationKey("web", f"bench-{number}", f"bench-{number}")
    rng = random.Random(number)
    offset = rng.randrange(len(texts))
    last: tuple[Reply, ...] = ()
    if load.turns_each is None:
        time.sleep(rng.uniform(*load.pause))  # the first turns spread over one pause
    turn = 0
    while (turn < load.turns_each) if load.turns_each is not None else (time.monotonic() < until):
        choices = [c for reply in last for c in reply.choices]
        if turn % BUTTON_EVERY == BUTTON_EVERY - 1 and choices:
            incoming = Incoming(key, action=choices[0].action)
        else:
            incoming = Incoming(key, text=texts[(offset + turn) % len(texts)])
        started = time.perf_counter()
        try:
            last = conversations.handle(incoming)
        except Exception as exc:  # counted and reported: a failed turn is a result too
            failures.append(exc)
        latencies.append(time.perf_counter() - started)
        turn += 1
        if load.turns_each is None:
            time.sleep(rng.uniform(*load.pause))


def run(conversations: Conversations, texts: list[str], load: Load) -> tuple[Figures, list[BaseException]]:
    latencies: list[float] = []
    failures: list[BaseException] = []
    started, cpu = time.monotonic(), time.process_time()
    until = started + load.seconds
    threads = [
        threading.Thread(
            target=conversation, args=(conversations, n, texts, load, until, latencies, failures)
        )
        for n in range(load.conversations)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    if load.turns_each is None:
        elapsed = min(elapsed, load.seconds)  # the rate over the window the turns were sent in
    return Figures(len(latencies), elapsed, cpu, latencies), failures


@contextmanager
def databases(names: list[str]) -> Iterator[list[tuple[str, Callable[[], str]]]]:
    """For each database, a function giving the URL of a fresh, empty one."""
    with tempfile.TemporaryDirectory(prefix="kaizen-bench-") as folder:
        made: list[tuple[str, Callable[[], str]]] = []
        counter = iter(range(1_000_000))
        server: PostgresServer | None = None
        if "sqlite" in names:
            made.append(("SQLite", lambda: f"sqlite:///{folder}/bench-{next(counter)}.db"))
        if "postgresql" in names:
            bin_dir = binaries()
            if bin_dir is None:
                print("PostgreSQL server binaries not installed: measuring SQLite only")
            else:
                server = PostgresServer.start(bin_dir, Path(tempfile.mkdtemp(prefix="kaizen-bench-pg-")))
                pg = server

                def fresh() -> str:
                    pg.reset()
                    return pg.url

                made.append(("PostgreSQL", fresh))
        try:
            yield made
        finally:
            if server is not None:
                server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--turns", type=int, default=400, help="turns of each back-to-back load")
    parser.add_argument("--paced", type=int, default=200, help="conversations of the paced load")
    parser.add_argument("--paced-seconds", type=float, default=60.0)
    parser.add_argument("--pause", default="2-5", help="seconds between a paced conversation's turns")
    args = parser.parse_args()
    low, _, high = args.pause.partition("-")
    loads = (
        Load("1 back-to-back", 1, args.turns),
        Load("8 back-to-back", 8, args.turns // 8),
        Load(
            f"{args.paced} paced {args.pause} s",
            args.paced,
            None,
            args.paced_seconds,
            (float(low), float(high)),
        ),
    )
    texts = [q.q for q in load_queries(QUERIES)]
    searcher = Searcher.load(
        PROJECT_ROOT / "faq.yaml",
        PROJECT_ROOT / "knowledge",
        Path(tempfile.gettempdir()) / "kaizen-bench-cache",
    )
    searcher.search("業務改善の相談をしたい")  # warm, as the server does before it answers
    print("| database | load | turns | turns/s | CPU ms/turn | p50 ms | p99 ms | max ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    with databases(args.databases.split(",")) as made:
        for name, fresh in made:
            for load in loads:
                store = ConversationStore.open(fresh())
                service = ConsultationService(store.engine, Notices())
                figures, failures = run(Conversations(store, Engine(searcher), service.desk), texts, load)
                print(figures.row(name, load.name), flush=True)
                if failures:
                    print(f"  {len(failures)} turns failed, first: {failures[0]!r}")
                store.close()


if __name__ == "__main__":
    main()
