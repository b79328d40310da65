"""What knowing who is talking costs: the web chat's poll and message, by session and by API token.

Usage: python benchmarks/chat_identity.py [--requests N]

Starts ``python -m bot serve`` on a free port of 127.0.0.1 with a fresh SQLite
file and times, one request at a time:

- a poll (``GET /api/v1/chat/messages``) under a browser's session: one
  primary-key read of ``web_sessions`` and the outbox query;
- the same poll by another system with the chat API token: no session read;
- a button press (``POST /api/v1/chat`` ``{"action": "menu"}``) each way;
- the first message of a new browser, which starts a session (one insert).

Prints the median and p99 in milliseconds for each. Bounded: at most N
requests per row (default 300), all on the loopback interface.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.auxil.server import serve

TOKEN = secrets.token_urlsafe(32)


async def timed(n: int, call: Callable[[], Awaitable[int]]) -> list[float]:
    took = []
    for _ in range(n):
        start = time.perf_counter()
        status = await call()
        took.append((time.perf_counter() - start) * 1000)
        assert status == 200, status
    return took


async def measure(url: str, n: int) -> dict[str, list[float]]:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as browser, aiohttp.ClientSession() as system:

        async def get(session: aiohttp.ClientSession, headers: dict[str, str]) -> int:
            async with session.get(f"{url}/api/v1/chat/messages", headers=headers) as response:
                await response.read()
                return response.status

        async def post(session: aiohttp.ClientSession, body: dict[str, str], headers: dict[str, str]) -> int:
            async with session.post(f"{url}/api/v1/chat", json=body, headers=headers) as response:
                await response.read()
                return response.status

        async def first_message() -> int:
            async with aiohttp.ClientSession() as fresh:
                return await post(fresh, {"action": "menu"}, {})

        await post(browser, {"action": "menu"}, {})  # the browser's session
        menu = {"user": "tanaka", "action": "menu"}
        await post(system, menu, auth)
        named = {**auth, "X-Kaizen-User": "tanaka"}
        await timed(50, lambda: get(browser, {}))  # warm up the server and both connections
        await timed(50, lambda: get(system, named))
        return {
            "poll, session": await timed(n, lambda: get(browser, {})),
            "poll, API token": await timed(n, lambda: get(system, named)),
            "button, session": await timed(n, lambda: post(browser, {"action": "menu"}, {})),
            "button, API token": await timed(n, lambda: post(system, menu, auth)),
            "first message (new session)": await timed(n, first_message),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kaizen-bench-"))
    # Every "first message" starts a session from 127.0.0.1: no budget of new sessions per address.
    env = {"KAIZEN_CHAT_API_TOKEN": TOKEN, "KAIZEN_LIMIT_WEB_SESSIONS_PER_DAY": "0"}
    with serve(folder, env=env) as served:
        results = asyncio.run(measure(served.url, args.requests))
    print(f"{'request':<30} {'median ms':>10} {'p99 ms':>8}")
    for name, took in results.items():
        p99 = statistics.quantiles(took, n=100)[98]
        print(f"{name:<30} {statistics.median(took):>10.2f} {p99:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
