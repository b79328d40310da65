"""``python -m bot serve`` SIGKILLed mid-burst, ten times: nothing acknowledged is lost or doubled.

Each cycle starts the real server on the same SQLite file, sends a burst of
consultations through the web chat (lanes of fresh staff members, each
through the whole intake) and the DX team's answers to earlier ones through
the admin API, and kills the server while requests are in flight. A
request that got a 2xx is acknowledged. At the end:

- every acknowledged consultation is in the database exactly once, with its
  content, and every message a staff member typed is logged at most once;
- every acknowledged answer is in the audit trail exactly once and reaches
  its staff member exactly once; an unacknowledged one at most once;
- every notice to the DX team is delivered; a repeat is possible only for a
  delivery cut off by a kill (the one window of every outbox), so there are
  at most as many repeats as kills, each under the same Idempotency-Key.
"""

from __future__ import annotations

import asyncio
import random
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
import sqlalchemy as sa

from bot.consult.notices import NOTIFY_WEBHOOK
from bot.db import create_engine
from bot.db.schema import consultation_events, consultations, messages, outbox
from tests.auxil.chatapi import CHAT_TOKEN, ChatApi, Refused
from tests.auxil.platforms import FakeWebhook, free_port
from tests.auxil.server import Served, start, stop, wait_ready

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]

CYCLES = 10
STAFF_LANES = 4
MAX_PER_LANE = 50
ADMIN_TOKEN = "kill-test-admin-token-0123456789-abcdef"


@dataclass
class Ledger:
    """What the clients sent, and which of it the server acknowledged."""

    consultations: dict[str, int] = field(default_factory=dict)
    """content → number, for every acknowledged consultation."""
    sent_contents: list[str] = field(default_factory=list)
    answers: dict[str, tuple[int, str]] = field(default_factory=dict)
    """answer text → (consultation, staff member), acknowledged."""
    tried_answers: list[str] = field(default_factory=list)
    owners: dict[int, str] = field(default_factory=dict)
    answered: set[int] = field(default_factory=set)


async def staff_lane(api: ChatApi, ledger: Ledger, cycle: int, lane: int, killed: asyncio.Event) -> None:
    """Staff members one after another, each through the whole intake, until the server is gone."""
    for n in range(MAX_PER_LANE):
        user, content = f"staff-{cycle}-{lane}-{n}", f"第{cycle}回{lane}の{n}：会議録の作成を効率化したい"
        ledger.sent_contents.append(content)
        try:
            number = await api.consult(user, content)
        except (aiohttp.ClientError, Refused, TimeoutError):
            return
        ledger.consultations[content] = number
        ledger.owners[number] = user
        if killed.is_set():
            return


async def dx_lane(api: ChatApi, ledger: Ledger, cycle: int, killed: asyncio.Event) -> None:
    """The DX team answers every consultation not yet answered, until the server is gone."""
    while not killed.is_set():
        waiting = sorted(set(ledger.owners) - ledger.answered)
        if not waiting:
            await asyncio.sleep(0.05)
            continue
        number = waiting[0]
        text = f"No.{number} への回答です（第{cycle}回）。"
        ledger.tried_answers.append(text)
        ledger.answered.add(number)  # tried once: an unacknowledged answer may or may not be stored
        try:
            await api.answer(number, text)
        except (aiohttp.ClientError, Refused, TimeoutError):
            return
        ledger.answers[text] = (number, ledger.owners[number])


async def burst(api: ChatApi, ledger: Ledger, cycle: int, killed: asyncio.Event) -> None:
    lanes = [staff_lane(api, ledger, cycle, lane, killed) for lane in range(STAFF_LANES)]
    await asyncio.gather(dx_lane(api, ledger, cycle, killed), *lanes)


@pytest_asyncio.fixture
async def webhook() -> AsyncIterator[FakeWebhook]:
    fake = FakeWebhook()
    await fake.start()
    yield fake
    await fake.stop()


async def ready(served: Served) -> None:
    await asyncio.to_thread(wait_ready, served)


async def test_killing_the_server_mid_burst_loses_and_doubles_nothing_acknowledged(
    tmp_path: Path, webhook: FakeWebhook
) -> None:
    port = free_port()
    env = {
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_NOTIFY_WEBHOOK_URL": webhook.url,
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
        "KAIZEN_DELIVERY_TIMEOUT_SECONDS": "1",
        "KAIZEN_DELIVERY_LEASE_SECONDS": "2",
    }
    ledger = Ledger()
    rng = random.Random(9)
    kills = 0
    timeout = aiohttp.ClientTimeout(total=20)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        api = ChatApi(session, f"http://127.0.0.1:{port}", ADMIN_TOKEN)
        for cycle in range(1, CYCLES + 1):
            served = start(tmp_path, port, env)
            try:
                await ready(served)
                killed = asyncio.Event()
                work = asyncio.create_task(burst(api, ledger, cycle, killed))
                await asyncio.sleep(rng.uniform(0.5, 1.5))
                served.process.send_signal(signal.SIGKILL)
                killed.set()
                await asyncio.to_thread(served.process.wait, 10)
                kills += 1
                await work
            finally:
                if served.process.poll() is None:
                    served.process.kill()
                    served.process.wait()

        served = start(tmp_path, port, env)
        try:
            await ready(served)
            await check_answers_reach_staff_exactly_once(api, ledger)
            notices = await notices_delivered(tmp_path, webhook)
        finally:
            stop(served)

    assert kills == CYCLES
    assert ledger.consultations, "some consultations were acknowledged"
    assert ledger.answers, "some answers were acknowledged"
    assert len(ledger.consultations) <= len(ledger.sent_contents) - CYCLES, "each kill cut intakes short"
    check_database(tmp_path, ledger)
    keys = Counter(r.idempotency_key for r in webhook.accepted)
    assert sorted(int(key.split("-")[2]) for key in keys) == sorted(notices), (
        "every notice delivered, once named"
    )
    repeats = sum(count - 1 for count in keys.values())
    assert repeats <= kills, "a repeat only for a delivery a kill cut off"
    log = served.log.read_text()
    assert "staff-" not in log, "no user id in the log"
    assert "会議録" not in log, "no message text in the log"


async def check_answers_reach_staff_exactly_once(api: ChatApi, ledger: Ledger) -> None:
    received = Counter[str]()
    for user in set(ledger.owners.values()):
        for message in await api.messages(user):
            for text in ledger.tried_answers:
                if text in message["text"]:
                    received[text] += 1
    for text in ledger.answers:
        assert received[text] == 1, text
    for text in ledger.tried_answers:
        assert received[text] <= 1, text


async def notices_delivered(folder: Path, webhook: FakeWebhook, seconds: float = 30) -> list[int]:
    """Wait until the outbox has no notice pending; the ids of all notices."""
    engine = create_engine(f"sqlite:///{folder / 'kaizen.db'}")
    query = sa.select(outbox.c.id, outbox.c.status).where(outbox.c.channel == NOTIFY_WEBHOOK)
    deadline = time.monotonic() + seconds
    try:
        while True:
            with engine.connect() as connection:
                rows = connection.execute(query).all()
            if all(row.status == "sent" for row in rows):
                return [row.id for row in rows]
            assert time.monotonic() < deadline, f"notices still pending: {rows}"
            await asyncio.sleep(0.2)
    finally:
        engine.dispose()


def check_database(folder: Path, ledger: Ledger) -> None:
    engine = create_engine(f"sqlite:///{folder / 'kaizen.db'}")
    try:
        with engine.connect() as connection:
            stored = Counter(connection.execute(sa.select(consultations.c.content)).scalars())
            numbers = dict(connection.execute(sa.select(consultations.c.content, consultations.c.id)).all())
            typed = Counter(
                connection.execute(sa.select(messages.c.text).where(messages.c.role == "user")).scalars()
            )
            answer_events = Counter(
                connection.execute(
                    sa.select(consultation_events.c.text).where(consultation_events.c.kind == "answer")
                ).scalars()
            )
    finally:
        engine.dispose()
    for content, number in ledger.consultations.items():
        assert stored[content] == 1, content
        assert numbers[content] == number
        assert typed[content] == 1, content
    for content in ledger.sent_contents:
        assert stored[content] <= 1, content
        assert typed[content] <= 1, content
    for text in ledger.answers:
        assert answer_events[text] == 1, text
    for text in ledger.tried_answers:
        assert answer_events[text] <= 1, text
