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

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.webhook_bench import QUESTIONS, main, measure
from tests.auxil.channels import Webhook
from tests.auxil.slack import FakeSlack


async def run(messages: int, users: int) -> None:
    fake = FakeSlack()
    await fake.start()

    def exchange(n: int, i: int) -> tuple[Webhook, Callable[[], Awaitable[object]]]:
        person = f"U0BENCH{n:04d}"
        if i % 3 == 2:
            webhook = fake.press(person, "menu", f"t-{n}-{i}")
        else:
            webhook = fake.text(person, QUESTIONS[i % len(QUESTIONS)], f"Ev{n}x{i}")
        before = len(fake.all_sent(person))
        return webhook, lambda: fake.sent(person, before + 1)

    try:
        await measure(
            "slack", fake.settings(), exchange, messages=messages, users=users, answered_at="chat.postMessage"
        )
    finally:
        await fake.stop()


if __name__ == "__main__":
    main(__doc__ or "", run)
