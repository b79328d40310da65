"""Write latency on SQLite with SQLite's own checkpoints against the bot's background ones, in one run.

Usage (from the repository root, so that this checkout's ``bot`` is the one measured):

    python benchmarks/sqlite_checkpoint.py [--rate 400] [--seconds 20] [--threads 4] [--runs 2]

Each run opens a fresh database file through the bot's SQLite engine
(`bot.db.sqlite`: one writer per file, WAL) and has ``--threads`` threads
write at a fixed total rate (open loop: each transaction is due at its time,
and its latency counts from then): a row of about 4.5 KB and a count over
the last second's rows, as a turn's writes and checks do. *SQLite's own*
turns SQLite's checkpoint in the commit back on (``wal_autocheckpoint=1000``,
its default) and the bot's background ones off; *background* is the bot as it
runs (`bot.db.checkpoint`). The
two alternate, ``--runs`` times each. Printed per run: p50, p99, p99.9 and
max in milliseconds, and the log's size at the end.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from bot.db import sqlite as bot_sqlite

BODY = "あ" * 1500
INSERT = sa.text("INSERT INTO t (body, at) VALUES (:body, :at)")
RECENT = sa.text("SELECT count(*) FROM t WHERE at > :at")


def run(own: bool, rate: float, seconds: float, threads: int) -> dict[str, float]:
    """One run on a fresh file; latencies in milliseconds and the log's size in KiB."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        engine = bot_sqlite.create(sa.make_url(f"sqlite:///{path}"), 5.0)
        if own:
            checkpoints = bot_sqlite.checkpoints_of(path)
            assert checkpoints is not None
            checkpoints.wrote = lambda: None  # type: ignore[method-assign]  # the background ones off

            @event.listens_for(engine, "connect")
            def _sqlite_checkpoints(connection: sqlite3.Connection, _entry: object) -> None:
                connection.execute("PRAGMA wal_autocheckpoint=1000")

        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT, at REAL)")
            connection.exec_driver_sql("CREATE INDEX t_at ON t (at)")
        latencies: list[float] = []
        count = int(rate * seconds / threads)
        period = threads / rate
        start = time.perf_counter() + 0.1

        def writer(offset: float) -> None:
            for i in range(count):
                due = start + offset + i * period
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                with engine.begin() as connection:
                    connection.execute(INSERT, {"body": BODY, "at": time.time()})
                    connection.execute(RECENT, {"at": time.time() - 1})
                latencies.append((time.perf_counter() - due) * 1000)

        workers = [threading.Thread(target=writer, args=(k / rate,)) for k in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        wal = path.with_name(f"{path.name}-wal").stat().st_size / 1024
        engine.dispose()
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p99": latencies[int(len(latencies) * 0.99)],
        "p999": latencies[int(len(latencies) * 0.999)],
        "max": latencies[-1],
        "wal_kib": wal,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=400, help="transactions a second, all threads")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(f"{args.threads} threads, {args.rate:g} transactions/s for {args.seconds:g} s each run")
    print(f"{'checkpoints':<14} {'p50':>7} {'p99':>7} {'p99.9':>7} {'max':>7} {'log KiB':>9}")
    for _ in range(args.runs):
        for own in (True, False):
            figures = run(own, args.rate, args.seconds, args.threads)
            name = "SQLite's own" if own else "background"
            print(
                f"{name:<14} {figures['p50']:7.2f} {figures['p99']:7.2f} {figures['p999']:7.2f} "
                f"{figures['max']:7.2f} {figures['wal_kib']:9.0f}"
            )


if __name__ == "__main__":
    main()
