"""How fast the Telegram webhook acknowledges and answers, end to end on this machine.

Usage: python benchmarks/telegram_webhook.py [--messages N] [--users U]

Runs the real application (SQLite in a temporary folder, the sample
knowledge) with Telegram on, against the fake Bot API of the tests
(tests/auxil/telegram.py) on 127.0.0.1: every update carries the secret
token, is read by the SDK's ``Update.de_json``, and every answer goes
through the SDK's bot (httpx) to the fake. ``U`` users each send ``N / U``
questions one after another, all users at once (the per-person message
limit is off: this measures the channel, not the limiter). Prints, in
milliseconds, the webhook's acknowledgement (POST → 200; Telegram retries
an update it sees no 2xx for) and the time until the answer reached the
fake's ``sendMessage``, median and p99, and the throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import init_app  # noqa: E402
from bot.config import PROJECT_ROOT, Settings  # noqa: E402
from bot.search import Searcher  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402
from tests.auxil.telegram import FakeTelegram  # noqa: E402

QUESTIONS = [
    "RPAとは何ですか？",
    "紙の申請を電子化したい",
    "会議録の作成を楽にしたい",
    "AI-OCRの事例はある？",
    "業務の棚卸しのやり方",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(messages: int, users: int) -> None:
    fake = FakeTelegram()
    await fake.start()
    folder = Path(tempfile.mkdtemp(prefix="telegram-bench-"))
    settings = Settings.from_env(
        {
            "KAIZEN_CACHE_DIR": "",
            "KAIZEN_LOG_LEVEL": "WARNING",
            "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0",
            **fake.settings(),
        },
        DATABASE_URL=f"sqlite:///{folder / 'kaizen.db'}",
    )
    searcher = Searcher.load(PROJECT_ROOT / "faq.yaml", PROJECT_ROOT / "knowledge", None)
    runner = web.AppRunner(init_app(settings, searcher=searcher))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}"
    acks: list[float] = []
    answers: list[float] = []

    def answered(name: str, count: int) -> bool:
        return len(fake.all_sent(name)) >= count

    async def user(session: aiohttp.ClientSession, n: int) -> None:
        name = str(7_200_000_000 + n)
        for i in range(messages // users):
            webhook = fake.text(name, QUESTIONS[i % len(QUESTIONS)], f"{n}-{i}")
            start = time.perf_counter()
            post = session.post(url + webhook.path, data=webhook.body, headers=webhook.headers)
            async with post as response:
                assert response.status == 200, await response.text()
            acks.append((time.perf_counter() - start) * 1000)
            await fake.until(partial(answered, name, i + 1), seconds=30)
            answers.append((time.perf_counter() - start) * 1000)

    began = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(user(session, n) for n in range(users)))
    elapsed = time.perf_counter() - began
    await runner.cleanup()
    await fake.stop()
    print(
        f"{len(acks)} messages from {users} users in {elapsed:.1f} s ({len(acks) / elapsed:.1f} messages/s)"
    )
    for name, values in (("acknowledged (POST → 200)", acks), ("answer at sendMessage", answers)):
        print(
            f"{name:28} median {statistics.median(values):7.1f} ms   "
            f"p99 {percentile(values, 0.99):7.1f} ms   max {max(values):7.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--users", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(run(args.messages, args.users))


if __name__ == "__main__":
    main()
