"""``python -m bot serve`` SIGKILLed right after acknowledging a burst of LINE webhooks: none is lost.

The real server (on SQLite, and on PostgreSQL) takes a burst of signed
webhooks from LINE's fake, each a first question of a new person, more
than its turn threads can take at once; as soon as the last is
acknowledged (200), the server is killed. Events acknowledged and not yet
taken are in the inbox then, masked, and so are the replies of turns
stored whose answer had not gone out. After a restart every acknowledged
event is answered: each event not taken yet exactly once, by push (the
reply tokens expired with the process), each stored answer not sent yet by
push, a redelivery of one meanwhile changes nothing, and the inbox ends
empty. The one repeat possible is an answer the platform accepted just
before the kill, while its row was still there (see `bot.handlers.dispatch`).
"""

from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path

import aiohttp
import pytest
import sqlalchemy as sa

from bot.db import create_engine
from bot.db.schema import inbox, outbox
from tests.auxil.channels import Webhook
from tests.auxil.line import FakeLine
from tests.auxil.platforms import free_port
from tests.auxil.server import interrupt, start, start_worker, stop, wait_ready

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]

BURST = 200
LEASE_SECONDS = 3
BACKLOG_SECONDS = 120
"""How long a started worker or server may take to load and answer the whole backlog of `BURST` turns."""
PHONE = "03-5555-0199"
MY_NUMBER = "123456789018"


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
        await line.quiet()
    finally:
        if served.process.poll() is None:
            served.process.kill()
            served.process.wait()
    acked = [u for u, ok in zip(webhooks, acknowledged, strict=True) if ok]
    assert len(acked) == BURST, "every webhook acknowledged before the kill"

    waiting = read(database_url, sa.select(inbox.c.event_id, inbox.c.event, inbox.c.replies))
    assert waiting, "some acknowledged events were not answered yet when the server died"
    stored = json.dumps([[row.event, row.replies] for row in waiting], ensure_ascii=False)
    assert PHONE not in stored
    assert MY_NUMBER not in stored
    not_taken = {user(int(str(row.event_id).removeprefix("ev-"))) for row in waiting if row.replies is None}
    not_sent = {
        user(int(str(row.event_id).removeprefix("ev-"))) for row in waiting if row.replies is not None
    }
    answered_before = {u for u in acked if line.all_sent(u)}
    assert not_taken, "some events were not taken yet"
    assert not not_taken & answered_before, "an event not taken yet was not answered"

    served = start(tmp_path, port, env, database=database_url)
    try:
        await asyncio.to_thread(wait_ready, served)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            assert await deliver(session, served.url, webhooks[min(not_taken)]), "LINE redelivers one"
        # A restarted server answers a whole backlog: the ten seconds `until` allows a request are not enough.
        await line.until(lambda: all(line.all_sent(u) for u in acked), seconds=BACKLOG_SECONDS)
        await settled(database_url)
    finally:
        stop(served)

    for u in acked:
        sent = line.all_sent(u)
        assert sent, f"{u} answered"
        texts = [s.text for s in sent]
        if u in not_sent and u in answered_before:  # replied just before the kill, its row not yet gone
            assert {s.via for s in sent} == {"reply", "push"}, f"{u}: the reply, and the same answer pushed"
            assert len(texts) == 2 * len(set(texts)), f"{u}: one repeat at most"
            continue
        assert len(texts) == len(set(texts)), f"{u} answered once"
        if u in not_taken or u in not_sent:
            assert {s.via for s in sent} == {"push"}, (
                f"{u}: pushed after the restart, its reply token expired"
            )
        else:
            assert {s.via for s in sent} == {"reply"}, f"{u}: answered before the kill, and only then"
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


async def test_a_turn_worker_killed_mid_backlog_loses_nothing_the_server_acknowledged(
    tmp_path: Path, line: FakeLine, database_url: str
) -> None:
    """``KAIZEN_WEBHOOK_TURNS=worker``: ``serve`` only acknowledges; ``python -m bot worker`` answers."""
    env = {
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_WEBHOOK_TURNS": "worker",
        "KAIZEN_INBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
        "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0",
        **line.settings(),
    }
    webhooks = {user(n): line.text(user(n), "RPAとは何ですか？", f"ev-{n}") for n in range(BURST)}
    served = start(tmp_path, free_port(), env, database=database_url)
    workers = []
    try:
        await asyncio.to_thread(wait_ready, served)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            acknowledged = await asyncio.gather(*(deliver(session, served.url, w) for w in webhooks.values()))
        assert all(acknowledged), "the server acknowledges without a worker"
        assert len(read(database_url, sa.select(inbox.c.id))) == BURST, "kept for a worker"
        assert line.calls == [], "the server answers none itself"

        workers.append(start_worker(tmp_path, env, database=database_url))
        await line.until(lambda: any(line.all_sent(u) for u in webhooks), seconds=BACKLOG_SECONDS)
        workers[0].send_signal(signal.SIGKILL)
        await asyncio.to_thread(workers[0].wait, 10)
        await line.quiet()
        answered_before = {u for u in webhooks if line.all_sent(u)}
        assert len(answered_before) < BURST, "killed in the middle of the backlog"
        # The window: turns stored with their replies, whose rows the killed worker had not discarded yet.
        stored = read(database_url, sa.select(inbox.c.event_id).where(inbox.c.replies.is_not(None)))
        in_window = {user(int(row.event_id.removeprefix("ev-"))) for row in stored}

        workers.append(start_worker(tmp_path, env, database=database_url))
        await line.until(lambda: all(line.all_sent(u) for u in webhooks), seconds=BACKLOG_SECONDS)
        await settled(database_url)
    finally:
        for worker in workers:
            await asyncio.to_thread(interrupt, worker)
        stop(served)

    for u in webhooks:
        texts = [s.text for s in line.all_sent(u)]
        if len(texts) != len(set(texts)):  # replied just before the kill, its row not yet gone
            assert u in answered_before & in_window, (
                f"{u}: only an answer accepted right before the kill repeats"
            )
    vias = {s.via for u in webhooks if u not in answered_before for s in line.all_sent(u)}
    assert vias == {"push"}, "what the killed worker held is replayed once its lease ran out, and pushed"
    log = (tmp_path / "worker.log").read_text()
    assert "taking the webhook events' turns from the inbox" in log
    assert "answered by `python -m bot worker`" in served.log.read_text()
