"""How fast LINE webhooks are acknowledged and answered under load, against the fake LINE platform.

Usage: python benchmarks/line_webhooks.py [--users 20] [--messages 10] [--concurrency 20]

Runs the real application in this process (SQLite in a temporary folder,
the sample knowledge) with LINE pointed at the fake platform of the tests,
then has ``--users`` people send ``--messages`` questions each, at most
``--concurrency`` webhooks in flight. Prints the acknowledgement time of the
webhooks (what LINE waits for) and the time from a webhook to its reply
reaching the platform (what the person waits for), as median, p95 and max.
Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import init_app  # noqa: E402
from bot.appkeys import DISPATCHER  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.auxil.line import FakeLine  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402

QUESTIONS = (
    "RPAとは何ですか？",
    "AI-OCRの事例",
    "電子申請のやり方",
    "ペーパーレス化したい",
    "会議を短くしたい",
)


async def run(users: int, messages: int, concurrency: int) -> None:
    line = FakeLine()
    await line.start()
    folder = Path(tempfile.mkdtemp(prefix="kaizen-line-bench-"))
    settings = Settings.from_env(
        {**line.settings(), "KAIZEN_LOG_LEVEL": "WARNING"}, DATABASE_URL=f"sqlite:///{folder / 'kaizen.db'}"
    )
    runner = web.AppRunner(init_app(settings))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}"
    acks: list[float] = []
    answers: list[float] = []
    gate = asyncio.Semaphore(concurrency)

    async def one(session: aiohttp.ClientSession, user: str, number: int) -> None:
        webhook = line.text(user, QUESTIONS[number % len(QUESTIONS)], f"{user}-{number}")
        async with gate:
            started = time.perf_counter()
            async with session.post(
                url + webhook.path, data=webhook.body, headers=webhook.headers
            ) as response:
                assert response.status == 200, await response.text()
            acks.append(time.perf_counter() - started)
            await line.sent(user, number + 1)
            answers.append(time.perf_counter() - started)

    async def person(session: aiohttp.ClientSession, index: int) -> None:
        user = f"U{index:032d}"
        for number in range(messages):  # one person's messages in order, as a person sends them
            await one(session, user, number)

    try:
        async with aiohttp.ClientSession() as session:
            started = time.perf_counter()
            await asyncio.gather(*(person(session, i) for i in range(users)))
            elapsed = time.perf_counter() - started
        await runner.app[DISPATCHER].settled()
    finally:
        await runner.cleanup()
        await line.stop()
    total = users * messages
    print(f"{total} webhooks from {users} people, at most {concurrency} at once, in {elapsed:.1f} s")
    print(f"acknowledged: {_figures(acks)}")
    print(f"answered:     {_figures(answers)}")
    replies, pushes = (len(line.requests(f"/v2/bot/message/{kind}")) for kind in ("reply", "push"))
    print(f"replies {replies}, pushes {pushes}")


def _figures(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=20)
    arguments = parser.parse_args()
    asyncio.run(run(arguments.users, arguments.messages, arguments.concurrency))
