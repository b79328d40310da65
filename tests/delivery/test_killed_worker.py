"""``python -m bot worker`` killed mid-delivery: the message waits out its lease, then goes once.

Real processes, a real SQLite file and a fake webhook over real HTTP: the
first worker is killed (SIGKILL) while the platform holds its request open;
a second worker delivers the message once the lease has run out, and
nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore
from bot.db.schema import outbox
from tests.auxil.consultations import open_consultation
from tests.auxil.platforms import FakeWebhook

pytestmark = pytest.mark.asyncio

LEASE = 3


def start_worker(database: Path, webhook: FakeWebhook, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "KAIZEN_CACHE_DIR": "",
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_NOTIFY_WEBHOOK_URL": webhook.url,
        "KAIZEN_DELIVERY_TIMEOUT_SECONDS": "2",
        "KAIZEN_DELIVERY_LEASE_SECONDS": str(LEASE),
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
    }
    command = [sys.executable, "-m", "bot", "--database", f"sqlite:///{database}", "worker"]
    return subprocess.Popen(command, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def row(store: ConversationStore) -> sa.Row[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return connection.execute(sa.select(outbox).where(outbox.c.channel == NOTIFY_WEBHOOK)).one()


async def test_a_worker_killed_mid_delivery_delays_the_message_but_never_sends_it_twice(
    tmp_path: Path, webhook: FakeWebhook
) -> None:
    database, log = tmp_path / "kaizen.db", tmp_path / "worker.log"
    store = ConversationStore.open(f"sqlite:///{database}")
    open_consultation(ConsultationService(store.engine, Notices((NOTIFY_WEBHOOK,))))
    webhook.script = ["hold", 200]

    first = start_worker(database, webhook, log)
    try:
        await asyncio.wait_for(webhook.arrived.wait(), timeout=60)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    held = row(store)
    assert (held.status, held.attempts) == ("pending", 1), "the platform never accepted it"

    second = start_worker(database, webhook, log)
    try:
        deadline = time.monotonic() + 60
        while row(store).status != "sent":
            assert time.monotonic() < deadline, log.read_text()
            await asyncio.sleep(0.2)
        await asyncio.sleep(2.5)  # a poll or two more: nothing else may be sent
        second.send_signal(signal.SIGINT)
        assert second.wait(timeout=30) == 0, log.read_text()
    finally:
        if second.poll() is None:
            second.kill()
    killed, delivered = webhook.received
    assert not killed.accepted
    assert delivered.accepted
    assert killed.idempotency_key == delivered.idempotency_key
    assert killed.idempotency_key.startswith(f"kaizen-outbox-{held.id}-")
    assert delivered.at - killed.at >= LEASE - 0.5, "no one took the message while the dead worker held it"
    assert row(store).attempts == 2
    store.close()
