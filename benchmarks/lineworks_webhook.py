"""How fast the LINE WORKS webhook acknowledges and answers, and how many tokens it asks for, on this machine.

Usage: python benchmarks/lineworks_webhook.py [--messages N] [--users U]

Runs the real application (SQLite in a temporary folder, the sample
knowledge) with LINE WORKS on, against the fake LINE WORKS of the tests
(tests/auxil/lineworks.py) on 127.0.0.1: every callback is signed and
checked, every answer goes through the bot's own client to the fake's
message API with a token from the fake's auth server (which verifies the
JWT). ``U`` users each send ``N / U`` questions one after another, all
users at once (the per-person message limit is off: this measures the
channel, not the limiter). Prints, in milliseconds, the acknowledgement
(POST → 200) and the time until the answer's first content reached the
API, median and p99, the throughput, and how many token requests were made.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.webhook_bench import QUESTIONS, main, measure
from tests.auxil.channels import Webhook
from tests.auxil.lineworks import FakeLineWorks


async def run(messages: int, users: int) -> None:
    fake = FakeLineWorks()
    await fake.start()

    def exchange(n: int, i: int) -> tuple[Webhook, Callable[[], Awaitable[object]]]:
        name = f"user-{n}@example.lineworks"
        webhook = fake.text(name, QUESTIONS[i % len(QUESTIONS)], "")
        before = len(fake.all_sent(name))
        return webhook, lambda: fake.until(lambda: len(fake.all_sent(name)) > before)

    try:
        await measure(
            "lineworks",
            fake.settings(),
            exchange,
            messages=messages,
            users=users,
            answered_at="the message API",
        )
        print(f"{len(fake.messages)} contents sent with {fake.token_requests} token request(s)")
    finally:
        await fake.stop()


if __name__ == "__main__":
    main(__doc__ or "", run)
