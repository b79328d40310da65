"""What the messenger webhook benchmarks share: the real app against a fake platform, people in parallel.

Each ``benchmarks/<channel>_webhook.py`` starts its fake platform, names its
settings, and says how person ``n`` sends message ``i`` (`Exchange`); this
module runs the real application (SQLite in a temporary folder, the sample
knowledge, the per-person message limit off: these measure the channel, not
the limiter) on 127.0.0.1, has ``users`` people send ``messages / users``
messages each one after another, all people at once, and prints the
acknowledgement (POST → 200) and the time until the answer reached the fake,
median, p99 and max, with the throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import init_app  # noqa: E402
from bot.bench import percentile  # noqa: E402
from bot.config import PROJECT_ROOT, Settings  # noqa: E402
from bot.search import Searcher  # noqa: E402
from tests.auxil.channels import Webhook  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402

__all__ = ["QUESTIONS", "Exchange", "main", "measure"]

QUESTIONS = [
    "RPAとは何ですか？",
    "紙の申請を電子化したい",
    "会議録の作成を楽にしたい",
    "AI-OCRの事例はある？",
    "業務の棚卸しのやり方",
]

ANSWER_SECONDS = 30
"""The longest one answer is waited for before the benchmark fails."""

Exchange = Callable[[int, int], tuple[Webhook, Callable[[], Awaitable[object]]]]
"""Person ``n``'s message ``i``: the webhook to post, and what waits until its answer reached the fake.

Called before the webhook is posted, so the wait can note what was there before.
"""


async def measure(
    channel: str,
    settings: Mapping[str, str],
    exchange: Exchange,
    *,
    messages: int,
    users: int,
    answered_at: str,
) -> None:
    """Run the benchmark for ``channel`` with its ``settings``, and print the figures.

    ``answered_at`` names where the answer is timed (``chat.postMessage``).
    """
    folder = Path(tempfile.mkdtemp(prefix=f"{channel}-bench-"))
    env = {
        "KAIZEN_CACHE_DIR": "",
        "KAIZEN_LOG_LEVEL": "WARNING",
        "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0",
        **settings,
    }
    app_settings = Settings.from_env(env, DATABASE_URL=f"sqlite:///{folder / 'kaizen.db'}")
    searcher = Searcher.load(PROJECT_ROOT / "faq.yaml", PROJECT_ROOT / "knowledge", None)
    runner = web.AppRunner(init_app(app_settings, searcher=searcher))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    acks: list[float] = []
    answers: list[float] = []

    async def person(session: aiohttp.ClientSession, n: int) -> None:
        for i in range(messages // users):
            webhook, answered = exchange(n, i)
            url = f"http://127.0.0.1:{port}{webhook.path}"
            start = time.perf_counter()
            async with session.post(url, data=webhook.body, headers=webhook.headers) as response:
                assert response.status == 200, await response.text()
            acks.append((time.perf_counter() - start) * 1000)
            async with asyncio.timeout(ANSWER_SECONDS):
                await answered()
            answers.append((time.perf_counter() - start) * 1000)

    began = time.perf_counter()
    try:
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(*(person(session, n) for n in range(users)))
    finally:
        await runner.cleanup()
    elapsed = time.perf_counter() - began
    print(
        f"{len(acks)} messages from {users} users in {elapsed:.1f} s ({len(acks) / elapsed:.1f} messages/s)"
    )
    for name, values in (("acknowledged (POST → 200)", acks), (f"answer at {answered_at}", answers)):
        print(
            f"{name:28} median {statistics.median(values):7.1f} ms   "
            f"p99 {percentile(values, 0.99):7.1f} ms   max {max(values):7.1f} ms"
        )


def main(doc: str, run: Callable[[int, int], Coroutine[Any, Any, None]]) -> None:
    """The command line every webhook benchmark has: ``[--messages N] [--users U]``."""
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--users", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(run(args.messages, args.users))
