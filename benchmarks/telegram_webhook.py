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

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.webhook_bench import QUESTIONS, main, measure
from tests.auxil.channels import Webhook
from tests.auxil.telegram import FakeTelegram


async def run(messages: int, users: int) -> None:
    fake = FakeTelegram()
    await fake.start()

    def exchange(n: int, i: int) -> tuple[Webhook, Callable[[], Awaitable[object]]]:
        name = str(7_200_000_000 + n)
        webhook = fake.text(name, QUESTIONS[i % len(QUESTIONS)], f"{n}-{i}")
        return webhook, lambda: fake.until(lambda: len(fake.all_sent(name)) >= i + 1, seconds=30)

    try:
        await measure(
            "telegram", fake.settings(), exchange, messages=messages, users=users, answered_at="sendMessage"
        )
    finally:
        await fake.stop()


if __name__ == "__main__":
    main(__doc__ or "", run)
