"""Signed LINE webhooks at fixed arrival rates: how fast they are acknowledged, and when the replies arrive.

Usage: python benchmarks/line_webhooks.py [--targets bare,sqlite,postgresql] [--rates 100,200,500,1000,1500]
                                          [--seconds 5] [--events-per-webhook 1] [--drain 60]

Three processes on 127.0.0.1, so that none of them measures itself: the
bot (``python -m bot serve``, LINE on, pointed at the fake platform; on
SQLite, or on a throwaway PostgreSQL server as in `benchmarks/load.py`;
or, as the baseline of what aiohttp itself acknowledges on this machine,
the bare handler of `benchmarks/load.py`, which answers 200 and does nothing),
the fake LINE platform of the tests (``tests/auxil/line.py``: the loading
animation, replies and pushes the bot sends), and this generator.

For each rate, open loop: webhooks are due at a fixed rate, whatever the
bot does, each carrying ``--events-per-webhook`` text events (a question
of the development set from a new person: a first message), signed with
the channel secret as LINE signs them. Latencies run from when a webhook
was due (no coordinated omission):

- **acknowledged**: the bot's 200 to the webhook, what LINE waits for
  (LINE gives up after a few seconds and counts an error). The rate is
  the events acknowledged per second while webhooks were due.
- **replied**: the bot's reply (with the event's reply token) reaching
  the fake platform, what the person waits for. Replies are counted up to
  ``--drain`` seconds after the last webhook was due; the bot replies only
  within its reply window (50 s) and pushes after, so above the turns the
  bot can take a second, the backlog grows and the late answers are
  pushed (counted, not timed).

The bot runs its turns at the rate its CPU allows (some 100-250 a second
on the 2-core development machine), so rates above that measure the
acknowledgement under overload, not the answers. Prints one table row per
rate and the load average, since whatever else runs on the machine
competes with the three processes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import deployment, questions  # noqa: E402
from tests.auxil.line import SECRET, TOKEN, FakeLine  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402

REQUEST_TIMEOUT = 30.0


# --- the fake platform, in a process of its own ------------------------------------------------------


def run_fake_line(port: int, report_port: int) -> None:
    """The fake LINE API on ``port``; ``GET /replies`` on ``report_port`` lists (token, monotonic time)."""

    async def main() -> None:
        line = FakeLine(port=port)
        await line.start()

        async def replies(_request: web.Request) -> web.Response:
            done = [
                (call.body.get("replyToken"), call.at)
                for call in line.requests("/v2/bot/message/reply")
                if call.status == 200
            ]
            pushes = sum(1 for call in line.requests("/v2/bot/message/push") if call.status == 200)
            return web.json_response({"replies": done, "pushes": pushes})

        app = web.Application()
        app.router.add_get("/replies", replies)
        runner = web.AppRunner(app, handle_signals=False)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", report_port).start()
        await asyncio.Event().wait()  # until killed

    asyncio.run(main())


def start_fake_line(folder: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    port, report_port = free_port(), free_port()
    command = [sys.executable, __file__, "--fake-line", str(port), str(report_port)]
    with (folder / "fake-line.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=log)
    return process, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{report_port}"


async def wait_listening(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            try:
                async with session.get(url + "/replies"):
                    return
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"the fake LINE platform at {url} did not start")


# --- the load ----------------------------------------------------------------------------------------


@dataclass
class Step:
    """One rate: when each webhook was due and acknowledged, and which reply token was due when."""

    rate: float
    seconds: float
    events_per_webhook: int
    acks: list[tuple[float, float, bool]] = field(default_factory=list)
    due_of_token: dict[str, float] = field(default_factory=dict)
    replies: list[float] = field(default_factory=list)
    pushes: int = 0

    def acknowledged_rate(self) -> float:
        """Events acknowledged (200) per second over the time webhooks were due."""
        ok = [done for _due, done, good in self.acks if good]
        if not ok:
            return 0.0
        first = min(due for due, _done, _good in self.acks)
        return len(ok) * self.events_per_webhook / max(self.seconds, max(ok) - first)

    def failed(self) -> int:
        return sum(1 for _due, _done, good in self.acks if not good)


async def offer(
    session: aiohttp.ClientSession, url: str, line: FakeLine, step: Step, pool: Sequence[str], tag: str
) -> None:
    """Webhooks due at ``step.rate`` events a second for ``step.seconds``; wait for every acknowledgement."""
    rng = random.Random(11)
    per_second = step.rate / step.events_per_webhook
    count = max(1, int(per_second * step.seconds))
    begin = time.monotonic() + 0.2
    tasks = []

    async def send(due: float, body: bytes, headers: dict[str, str]) -> None:
        try:
            async with session.post(url + "/webhooks/line", data=body, headers=headers) as response:
                await response.read()
                good = response.status == 200
        except (aiohttp.ClientError, TimeoutError):
            good = False
        step.acks.append((due, time.monotonic(), good))

    for n in range(count):
        due = begin + n / per_second
        events = []
        for k in range(step.events_per_webhook):
            event_id = f"{tag}-{n}-{k}"
            message = {"id": event_id, "type": "text", "text": rng.choice(pool), "quoteToken": "q"}
            event = line.event(f"U{tag}x{n}x{k}", "message", event_id, message=message)
            event["replyToken"] = f"token-{event_id}"  # unique across targets, whose fakes count from 1
            step.due_of_token[event["replyToken"]] = due
            events.append(event)
        webhook = line.webhook(*events)
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(due, webhook.body, webhook.headers)))
    await asyncio.gather(*tasks)


async def pushed(session: aiohttp.ClientSession, report_url: str) -> tuple[list[tuple[str, float]], int]:
    """The replies the fake platform took (token, when) and how many pushes, since it started."""
    async with session.get(report_url + "/replies") as response:
        found = await response.json()
    return [(str(token), float(at)) for token, at in found["replies"]], int(found["pushes"])


async def collect(session: aiohttp.ClientSession, report_url: str, step: Step, drain: float) -> None:
    """Wait (up to ``drain`` s after the last webhook was due) for every reply or push; keep their times."""
    wanted = len(step.due_of_token)
    last_due = max(due for due, _done, _good in step.acks)
    _replies, before = await pushed(session, report_url)
    while True:
        replies, pushes = await pushed(session, report_url)
        arrived = {token: at for token, at in replies if token in step.due_of_token}
        step.pushes = pushes - before
        if len(arrived) + step.pushes >= wanted or time.monotonic() > last_due + drain:
            break
        await asyncio.sleep(0.5)
    step.replies = sorted(at - step.due_of_token[token] for token, at in arrived.items())


def quantiles(seconds: Sequence[float]) -> str:
    if not seconds:
        return "— / — / —"
    ordered = sorted(seconds)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return f"{at(0.5):,.1f} / {at(0.99):,.1f} / {ordered[-1] * 1000:,.0f}"


def row(step: Step) -> str:
    events = len(step.due_of_token)
    acks = [done - due for due, done, _good in step.acks]
    return (
        f"| {step.rate:,.0f} | {events:,} | {step.acknowledged_rate():,.0f} | {step.failed()} | "
        f"{quantiles(acks)} | {len(step.replies):,} | {quantiles(step.replies)} | {step.pushes:,} |"
    )


async def measure(url: str, line_url: str, report_url: str, args: argparse.Namespace, target: str) -> None:
    """One table: each rate of ``args.rates`` offered to ``target`` (the bare handler sends no replies)."""
    await wait_listening(report_url)
    pool = questions()
    line = FakeLine()
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=4000)
    print(f"\n{target}:\n")
    print(
        "| events/s due | events | acknowledged/s | failed | ack p50 / p99 / max ms | replies | "
        "reply p50 / p99 / max ms | pushed |"
    )
    print("| ---: | ---: | ---: | ---: | --- | ---: | --- | ---: |")
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        warm = Step(10, 2, 1)
        await offer(session, url, line, warm, pool, f"warm-{target}")
        answered = target != "bare" and not target.endswith("+ack-only")
        if answered:
            await collect(session, report_url, warm, args.drain)
        for n, rate in enumerate(args.rates):
            step = Step(rate, args.seconds, args.events_per_webhook)
            await offer(session, url, line, step, pool, f"{target}{n}")
            if answered:
                await collect(session, report_url, step, args.drain)
            print(row(step), f"· load average {os.getloadavg()[0]:.1f}", flush=True)
            await asyncio.sleep(2.0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--targets",
        default="bare,sqlite",
        help="comma-separated: bare (aiohttp alone), sqlite, postgresql; sqlite+worker and postgresql+worker "
        "(the server only acknowledges, a turn worker answers: KAIZEN_WEBHOOK_TURNS=worker); sqlite+ack-only "
        "and postgresql+ack-only (the same, no worker: nothing is answered)",
    )
    parser.add_argument("--rates", default="100,200,500,1000,1500", help="events per second, comma-separated")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long each rate is offered")
    parser.add_argument("--events-per-webhook", type=int, default=1)
    parser.add_argument("--drain", type=float, default=60.0, help="seconds to wait for the replies")
    parser.add_argument(
        "--fake-line", nargs=2, type=int, metavar=("PORT", "REPORT_PORT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.fake_line:
        run_fake_line(*args.fake_line)
        return 0
    args.rates = [float(r) for r in args.rates.split(",") if r.strip()]
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    known = {
        f"{database}{mode}" for database in ("sqlite", "postgresql") for mode in ("", "+worker", "+ack-only")
    }
    if unknown := set(targets) - known - {"bare"}:
        parser.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    folder = Path(tempfile.mkdtemp(prefix="kaizen-line-load-"))
    fake, line_url, report_url = start_fake_line(folder)
    try:
        os.environ.update(
            {
                "LINE_CHANNEL_SECRET": SECRET,
                "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
                "LINE_API_BASE_URL": line_url,
            }
        )
        print(
            f"LINE webhooks on {', '.join(targets)}, {args.events_per_webhook} event(s) a webhook, "
            f"{args.seconds:g} s a rate; load average at the start {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        for target in targets:
            (folder / target).mkdir()
            with deployment(target, folder / target) as urls:
                asyncio.run(measure(urls[0], line_url, report_url, args, target))
    finally:
        fake.terminate()
        fake.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    print("load average (1, 5, 15 min) at the end: {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
