"""How fast the Teams webhook acknowledges and answers, end to end on this machine.

Usage: python benchmarks/teams_webhook.py [--messages N] [--users U]

Runs the real application (SQLite in a temporary folder, the sample
knowledge) with Teams on and its token checks on, against the fake Bot
Framework of the tests (tests/auxil/botframework.py) on 127.0.0.1: every
request carries a freshly signed token that the SDK verifies, and every
answer goes through the SDK's connector client to the fake, with the bot's
own token. ``U`` users each send ``N / U`` questions one after another, all
users at once (the per-person message limit is off: this measures the
channel, not the limiter). Prints, in milliseconds, the webhook's acknowledgement
(POST → 200, Teams allows 15 s) and the time until the answer's first
message reached the connector, median and p99, and the throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import init_app  # noqa: E402
from bot.config import PROJECT_ROOT, Settings  # noqa: E402
from bot.search import Searcher  # noqa: E402
from tests.auxil.botframework import TENANT_ID, FakeBotFramework  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402
from tests.auxil.teams import APP_PASSWORD, offline  # noqa: E402

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
    fake = FakeBotFramework()
    await fake.start()
    patch = pytest.MonkeyPatch()
    offline(patch, fake)
    folder = Path(tempfile.mkdtemp(prefix="teams-bench-"))
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", "KAIZEN_LOG_LEVEL": "WARNING", "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0"},
        DATABASE_URL=f"sqlite:///{folder / 'kaizen.db'}",
        TEAMS_APP_ID=fake.app_id,
        TEAMS_APP_PASSWORD=APP_PASSWORD,
        TEAMS_TENANT_ID=TENANT_ID,
    )
    searcher = Searcher.load(PROJECT_ROOT / "faq.yaml", PROJECT_ROOT / "knowledge", None)
    runner = web.AppRunner(init_app(settings, searcher=searcher))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}/webhooks/teams"
    acks: list[float] = []
    answers: list[float] = []

    async def answered(conversation: str, activity_id: str) -> None:
        async with fake.changed:
            await fake.changed.wait_for(
                lambda: any(
                    p.conversation_id == conversation and p.reply_to_id == activity_id and p.type == "message"
                    for p in fake.posted
                )
            )

    async def user(session: aiohttp.ClientSession, n: int) -> None:
        conversation = f"a:1bench-{n}"
        for i in range(messages // users):
            activity_id = f"{n}-{i}"
            activity = fake.activity(
                QUESTIONS[i % len(QUESTIONS)],
                activity_id=activity_id,
                conversation_id=conversation,
                aad_object_id=f"user-{n}",
            )
            headers = {"Authorization": f"Bearer {fake.token()}", "Content-Type": "application/json"}
            start = time.perf_counter()
            async with session.post(url, data=json.dumps(activity), headers=headers) as response:
                assert response.status == 200, await response.text()
            acks.append((time.perf_counter() - start) * 1000)
            async with asyncio.timeout(30):
                await answered(conversation, activity_id)
            answers.append((time.perf_counter() - start) * 1000)

    began = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(user(session, n) for n in range(users)))
    elapsed = time.perf_counter() - began
    await runner.cleanup()
    patch.undo()
    await fake.stop()
    print(
        f"{len(acks)} messages from {users} users in {elapsed:.1f} s ({len(acks) / elapsed:.1f} messages/s)"
    )
    for name, values in (("acknowledged (POST → 200)", acks), ("answer at the connector", answers)):
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
