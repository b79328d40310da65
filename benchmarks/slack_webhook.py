"""How fast the Slack webhook acknowledges and answers, end to end on this machine.

Usage: python benchmarks/slack_webhook.py [--messages N] [--users U]

Runs the real application (SQLite in a temporary folder, the sample
knowledge) with Slack on, against the fake Slack Web API of the tests
(tests/auxil/slack.py) on 127.0.0.1: every request is signed as Slack signs
it and verified by slack-sdk's verifier; every answer goes through
slack-sdk's `AsyncWebClient` to the fake. ``U`` users each send ``N / U``
direct messages one after another (every third one a button press, sent
form-encoded as Slack sends interactions), all users at once (the
per-person message limit is off: this measures the channel, not the
limiter). Prints, in milliseconds, the acknowledgement (POST → 200; Slack
allows 3 s and retries after that) and the time until the answer reached
``chat.postMessage``, median and p99, and the throughput.
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
from bot.config import PROJECT_ROOT, Settings  # noqa: E402
from bot.search import Searcher  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402
from tests.auxil.slack import FakeSlack  # noqa: E402

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
    fake = FakeSlack()
    await fake.start()
    folder = Path(tempfile.mkdtemp(prefix="slack-bench-"))
    env = {
        "KAIZEN_CACHE_DIR": "",
        "KAIZEN_LOG_LEVEL": "WARNING",
        "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0",
        **fake.settings(),
    }
    settings = Settings.from_env(env, DATABASE_URL=f"sqlite:///{folder / 'kaizen.db'}")
    searcher = Searcher.load(PROJECT_ROOT / "faq.yaml", PROJECT_ROOT / "knowledge", None)
    runner = web.AppRunner(init_app(settings, searcher=searcher))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}/webhooks/slack"
    acks: list[float] = []
    answers: list[float] = []

    async def user(session: aiohttp.ClientSession, n: int) -> None:
        person = f"U0BENCH{n:04d}"
        for i in range(messages // users):
            if i % 3 == 2:
                webhook = fake.press(person, "menu", f"t-{n}-{i}")
            else:
                webhook = fake.text(person, QUESTIONS[i % len(QUESTIONS)], f"Ev{n}x{i}")
            before = len(fake.all_sent(person))
            start = time.perf_counter()
            async with session.post(url, data=webhook.body, headers=webhook.headers) as response:
                assert response.status == 200, await response.text()
            acks.append((time.perf_counter() - start) * 1000)
            await fake.sent(person, before + 1)
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
    for name, values in (("acknowledged (POST → 200)", acks), ("answer at chat.postMessage", answers)):
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
