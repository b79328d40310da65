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

import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest

from benchmarks.webhook_bench import QUESTIONS, main, measure
from tests.auxil.botframework import TENANT_ID, FakeBotFramework
from tests.auxil.channels import Webhook
from tests.auxil.teams import APP_PASSWORD, offline


async def run(messages: int, users: int) -> None:
    fake = FakeBotFramework()
    await fake.start()
    patch = pytest.MonkeyPatch()
    offline(patch, fake)

    async def answered(conversation: str, activity_id: str) -> None:
        async with fake.changed:
            await fake.changed.wait_for(
                lambda: any(
                    p.conversation_id == conversation and p.reply_to_id == activity_id and p.type == "message"
                    for p in fake.posted
                )
            )

    def exchange(n: int, i: int) -> tuple[Webhook, Callable[[], Awaitable[object]]]:
        conversation, activity_id = f"a:1bench-{n}", f"{n}-{i}"
        activity = fake.activity(
            QUESTIONS[i % len(QUESTIONS)],
            activity_id=activity_id,
            conversation_id=conversation,
            aad_object_id=f"user-{n}",
        )
        headers = {"Authorization": f"Bearer {fake.token()}", "Content-Type": "application/json"}
        webhook = Webhook("/webhooks/teams", json.dumps(activity).encode(), headers)
        return webhook, lambda: answered(conversation, activity_id)

    settings = {"TEAMS_APP_ID": fake.app_id, "TEAMS_APP_PASSWORD": APP_PASSWORD, "TEAMS_TENANT_ID": TENANT_ID}
    try:
        await measure(
            "teams", settings, exchange, messages=messages, users=users, answered_at="the connector"
        )
    finally:
        patch.undo()
        await fake.stop()


if __name__ == "__main__":
    main(__doc__ or "", run)
