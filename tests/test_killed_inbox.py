"""``python -m bot serve`` SIGKILLed right after acknowledging a burst of LINE webhooks: none is lost.

The real server (on SQLite, and on PostgreSQL) takes a burst of signed
webhooks from LINE's fake, each a first question of a new person, more
than its turn threads can take at once; as soon as the last is
acknowledged (200), the server is killed. Events acknowledged and not yet
taken are in the inbox then, masked. After a restart each of them is
answered exactly once, by push (the reply tokens have expired with the
process), a redelivery of one meanwhile changes nothing, and the inbox
ends empty. An event whose turn was stored but whose answer had not gone
out at the kill is not answered again (the one window left, see
`bot.handlers.dispatch`).
"""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
import sqlalchemy as sa

from bot.db import create_engine
from bot.db.schema import inbox, outbox
from tests.auxil.channels import Webhook
from tests.auxil.line import FakeLine
from tests.auxil.platforms import free_port
from tests.auxil.server import start, stop, wait_ready

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]

BURST = 200
LEASE_SECONDS = 3
PHONE = "03-5555-0199"
MY_NUMBER = "123456789018"


@pytest_asyncio.fixture
async def line() -> AsyncIterator[FakeLine]:
    fake = FakeLine()
    await fake.start()
    yield fake
    await fake.stop()


def user(n: int) -> str:
    return f"U{n:032x}"


async def deliver(session: aiohttp.ClientSession, url: str, webhook: Webhook) -> bool:
    """Post ``webhook``; True when the server acknowledged it (200)."""
    try:
        async with session.post(url + webhook.path, data=webhook.body, headers=webhook.headers) as response:
            return response.status == 200
    except (aiohttp.ClientError, TimeoutError):
        return False


def read(database_url: str, query: sa.Select[tuple[object, ...]]) -> list[sa.Row[tuple[object, ...]]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(query).all())
    finally:
        engine.dispose()


async def test_events_acknowledged_before_a_kill_are_answered_after_the_restart_exactly_once(
    tmp_path: Path, line: FakeLine, database_url: str
) -> None:
    port = free_port()
    env = {
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_INBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
        "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0",
        **line.settings(),
    }
    question = f"RPAとは何ですか？電話は{PHONE}、マイナンバーは{MY_NUMBER}です"
    webhooks = {user(n): line.text(user(n), question, f"ev-{n}") for n in range(BURST)}
    served = start(tmp_path, port, env, database=database_url)
    try:
        await asyncio.to_thread(wait_ready, served)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            acknowledged = await asyncio.gather(*(deliver(session, served.url, w) for w in webhooks.values()))
        served.process.send_signal(signal.SIGKILL)
        await asyncio.to_thread(served.process.wait, 10)
    finally:
        if served.process.poll() is None:
            served.process.kill()
            served.process.wait()
    acked = [u for u, ok in zip(webhooks, acknowledged, strict=True) if ok]
    assert len(acked) == BURST, "every webhook acknowledged before the kill"

    waiting = read(database_url, sa.select(inbox.c.event_id, inbox.c.event))
    assert waiting, "some acknowledged events were not taken yet when the server died"
    stored = json.dumps([row.event for row in waiting], ensure_ascii=False)
    assert PHONE not in stored
    assert MY_NUMBER not in stored
    in_inbox = {user(int(str(row.event_id).removeprefix("ev-"))) for row in waiting}
    answered_before = {u for u in acked if line.all_sent(u)}
    assert not in_inbox & answered_before, "an event in the inbox was not answered yet"

    served = start(tmp_path, port, env, database=database_url)
    try:
        await asyncio.to_thread(wait_ready, served)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            assert await deliver(session, served.url, webhooks[min(in_inbox)]), "LINE redelivers one"
        async with asyncio.timeout(120):
            while not all(line.all_sent(u) for u in in_inbox):
                await line.until(lambda: all(line.all_sent(u) for u in in_inbox))
            await settled(database_url)
    finally:
        stop(served)

    for u in in_inbox:
        sent = line.all_sent(u)
        assert {s.via for s in sent} == {"push"}, f"{u}: the reply token expired with the process"
        assert len(sent) == len({s.text for s in sent}), f"{u} answered once"
    for u in answered_before:
        assert {s.via for s in line.all_sent(u)} == {"reply"}, f"{u} answered once, before the kill"
    for u in set(acked) - in_inbox - answered_before:  # taken, stored, not yet answered: the window left
        assert line.all_sent(u) == [], f"{u}'s stored turn is not taken again"
    log = served.log.read_text()
    assert "replaying line event" in log
    assert PHONE not in log


async def settled(database_url: str) -> None:
    """Wait until the inbox is empty and no message waits in the outbox."""
    while True:
        left = read(database_url, sa.select(inbox.c.id)) + read(
            database_url, sa.select(outbox.c.id).where(outbox.c.status == "pending")
        )
        if not left:
            return
        await asyncio.sleep(0.2)
