"""How long a push's part stays shown but unrecorded: the window in which a killed worker shows it twice.

Usage: python benchmarks/push_record_window.py [--pushes N] [--lock SECONDS]

Runs the real application (SQLite in a temporary folder, the sample
knowledge) with Telegram on, against the fake Bot API of the tests
(tests/auxil/telegram.py), and pushes ``N`` long texts of two messages
each. For the first message of each it prints, in milliseconds (median and
max): the fake's 200 to the sender counting the part (the SDK reading the
answer), to the record's database thread starting, and to the record's
commit (`bot.db.outbox.record_parts_shown`). With ``--lock``, another
connection holds SQLite's write lock that long from the moment the fake
answers, as a busy writer would. See docs/channels.md.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

import bot.delivery.worker as worker
from bot.app import init_app
from bot.appkeys import DISPATCHER, STORE
from bot.config import Settings
from bot.db import outbox
from bot.db.schema import conversations
from bot.handlers.channel import Progress
from bot.knowledge import load_knowledge
from bot.search import Searcher
from bot.values import ConversationKey, Reply
from tests.auxil.databases import migrated_sqlite
from tests.auxil.telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
LONG_TEXT = "\n\n".join(
    f"手順{n}：録音を読み込み、下書きを作ってから整えてください。" * 6 for n in range(1, 25)
)
"""About 5,000 characters: two Telegram messages."""


class Clocks:
    """When each step of the current push happened (`time.perf_counter`)."""

    def __init__(self) -> None:
        self.answered: list[float] = []
        self.counted: list[float] = []
        self.started: list[float] = []
        self.recorded: list[float] = []
        self.both_counted = asyncio.Event()
        """Set once the sender has counted both parts of the push."""

    def clear(self) -> None:
        for times in (self.answered, self.counted, self.started, self.recorded):
            times.clear()
        self.both_counted.clear()


def release(held: sqlite3.Connection) -> None:
    """End the other writer's transaction, freeing SQLite's write lock."""
    held.execute("COMMIT")
    held.close()


def instrument(fake: FakeTelegram, clocks: Clocks, database: list[str], hold: float) -> None:
    """Time the fake's answers, the sender's count and the record (before the fake starts)."""
    api = fake._api

    async def answering(request: web.Request) -> web.Response:
        response = await api(request)
        if request.path.endswith("/sendMessage"):
            if hold and database and not clocks.answered:
                held = sqlite3.connect(database[0], isolation_level=None)
                held.execute("BEGIN IMMEDIATE")
                asyncio.get_running_loop().call_later(hold, release, held)
            clocks.answered.append(time.perf_counter())
        return response

    fake._api = answering  # type: ignore[method-assign]
    record = outbox.record_parts_shown

    def recording(*args: object) -> None:
        clocks.started.append(time.perf_counter())
        record(*args)  # type: ignore[arg-type]
        clocks.recorded.append(time.perf_counter())

    worker.record_parts_shown = recording  # type: ignore[attr-defined,assignment]
    accept = Progress.accept

    async def counting(progress: Progress) -> None:
        clocks.counted.append(time.perf_counter())
        await accept(progress)
        if len(clocks.counted) >= 2:
            clocks.both_counted.set()

    Progress.accept = counting  # type: ignore[method-assign,assignment]


async def run(pushes: int, hold: float) -> None:
    searcher = Searcher.build(load_knowledge(ROOT / "faq.yaml", ROOT / "knowledge"))
    fake, clocks, database = FakeTelegram(), Clocks(), list[str]()
    instrument(fake, clocks, database, hold)
    await fake.start()
    folder = Path(tempfile.mkdtemp(prefix="kaizen-window-"))
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **fake.settings()}, DATABASE_URL=migrated_sqlite(folder / "kaizen.db")
    )
    client = TestClient(TestServer(init_app(settings, searcher=searcher)))
    await client.start_server()
    user = "7200000001"
    webhook = fake.text(user, "RPAってなに？", "ev-1")
    await client.post(webhook.path, data=webhook.body, headers=webhook.headers)
    await fake.until(lambda: len(fake.all_sent(user)) >= 1)
    await client.app[DISPATCHER].settled()  # its answer counted, before the pushes are timed
    with client.app[STORE].engine.connect() as connection:
        row = connection.execute(sa.select(conversations)).one()
    key = ConversationKey(row.channel, row.user_id, row.conversation_id)
    database.append(str(folder / "kaizen.db"))
    steps: dict[str, list[float]] = {
        "SDK read": [],
        "thread hop": [],
        "transaction": [],
        "200 → recorded": [],
    }
    try:
        for _ in range(pushes):
            clocks.clear()
            await asyncio.to_thread(client.app[STORE].push, key, Reply(LONG_TEXT))
            async with asyncio.timeout(30):
                await clocks.both_counted.wait()
            answered, counted = clocks.answered[0], clocks.counted[0]
            started, recorded = clocks.started[0], clocks.recorded[0]
            for name, (begin, end) in {
                "SDK read": (answered, counted),
                "thread hop": (counted, started),
                "transaction": (started, recorded),
                "200 → recorded": (answered, recorded),
            }.items():
                steps[name].append((end - begin) * 1000)
    finally:
        await client.close()
        await fake.stop()
    print(f"{pushes} pushes of two parts (Telegram, SQLite" + (f", lock held {hold:g} s)" if hold else ")"))
    for name, times in steps.items():
        print(f"  {name:<16} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pushes", type=int, default=20)
    parser.add_argument("--lock", type=float, default=0.0, help="seconds another writer holds the lock")
    args = parser.parse_args(argv)
    asyncio.run(run(args.pushes, args.lock))


if __name__ == "__main__":
    main()
