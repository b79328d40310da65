"""The delivery worker against a fake webhook over real HTTP: retries, backoff, timeouts, never twice."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
import pytest_asyncio
import sqlalchemy as sa

from bot.config import DeliverySettings
from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService, utcnow
from bot.db.conversations import ConversationStore
from bot.db.schema import outbox
from bot.delivery import DeliveryWorker, Periodic
from bot.delivery.webhook import WebhookSender
from tests.auxil.consultations import STAFF as STAFF_KEY
from tests.auxil.consultations import new_consultation, open_consultation
from tests.auxil.platforms import FakeWebhook, free_port

pytestmark = pytest.mark.asyncio

FAST = DeliverySettings(backoff_seconds=0.2, backoff_max_seconds=1.0, timeout_seconds=0.5, lease_seconds=5.0)


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as opened:
        yield opened


def worker_for(
    service: ConsultationService, session: aiohttp.ClientSession, url: str, settings: DeliverySettings = FAST
) -> DeliveryWorker:
    sender = WebhookSender(session, url, "slack")
    return DeliveryWorker(service.engine, {NOTIFY_WEBHOOK: sender}, settings, poll_seconds=0.05)


def rows(service: ConsultationService) -> list[sa.Row[tuple[object, ...]]]:
    with service.engine.connect() as connection:
        query = sa.select(outbox).where(outbox.c.channel == NOTIFY_WEBHOOK).order_by(outbox.c.id)
        return list(connection.execute(query).all())


async def deliver_until_done(
    worker: DeliveryWorker, service: ConsultationService, seconds: float = 10
) -> None:
    deadline = time.monotonic() + seconds
    while any(row.status == "pending" for row in rows(service)):
        assert time.monotonic() < deadline, "delivery did not finish"
        await worker.deliver_due()
        await asyncio.sleep(0.05)


async def test_a_failing_platform_is_retried_with_backoff_until_it_accepts(
    service: ConsultationService, webhook: FakeWebhook, session: aiohttp.ClientSession
) -> None:
    webhook.script = [503, 500, 200]
    open_consultation(service)
    worker = worker_for(service, session, webhook.url)
    started = time.monotonic()
    await deliver_until_done(worker, service)
    assert time.monotonic() - started >= 0.2 + 0.4, "waited 0.2 s, then 0.4 s between attempts"
    assert len(webhook.received) == 3
    assert len(webhook.accepted) == 1
    (key,) = {r.idempotency_key for r in webhook.received}
    assert key.startswith("kaizen-outbox-1-"), "every attempt names the one message"
    assert webhook.accepted[0].body["text"].startswith("新しいご相談が届きました（No.1）\n")
    (row,) = rows(service)
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, None)
    for _ in range(3):
        await worker.deliver_due()
    assert len(webhook.received) == 3, "a delivered message is never sent again"


async def test_a_platform_that_asks_for_a_pause_is_not_tried_again_sooner(
    service: ConsultationService, webhook: FakeWebhook, session: aiohttp.ClientSession
) -> None:
    """Read on the worker's own clock, set by the test: the load of the machine changes nothing."""
    webhook.script = [(429, {"Retry-After": "1"}), (503, {"Retry-After": "0"}), 200]
    open_consultation(service)
    now = utcnow() + timedelta(seconds=1)
    sender = WebhookSender(session, webhook.url, "slack")
    worker = DeliveryWorker(
        service.engine, {NOTIFY_WEBHOOK: sender}, FAST, poll_seconds=0.05, clock=lambda: now
    )

    await worker.deliver_due()
    (row,) = rows(service)
    assert "429" in row.last_error
    assert due_in(row, now) == 1.0, "the platform asked for one second, more than the 0.2 s backoff"
    now += timedelta(seconds=0.9)
    await worker.deliver_due()
    assert len(webhook.received) == 1, "tried again before the second the platform asked for"

    now += timedelta(seconds=0.1)
    await worker.deliver_due()
    (row,) = rows(service)
    assert "503" in row.last_error
    assert due_in(row, now) == 0.4, "a shorter Retry-After than the backoff: the backoff (0.4 s) holds"

    now += timedelta(seconds=0.4)
    await worker.deliver_due()
    assert [row.status for row in rows(service)] == ["sent"]
    assert len(webhook.received) == 3
    assert len(webhook.accepted) == 1


def due_in(row: sa.Row[tuple[object, ...]], now: datetime) -> float:
    """Seconds from ``now`` until the outbox row is due again (a database may give its time back naive)."""
    due = row.next_attempt_at
    assert isinstance(due, datetime)
    return round(((due if due.tzinfo else due.replace(tzinfo=UTC)) - now).total_seconds(), 3)


async def test_a_message_refused_as_too_large_is_dropped_with_an_error_not_retried_for_ever(
    service: ConsultationService,
    webhook: FakeWebhook,
    session: aiohttp.ClientSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """413 never turns into 2xx by waiting: the message ends, and the next one is not held behind it."""
    webhook.script = [413]
    open_consultation(service)
    worker = worker_for(service, session, webhook.url)
    with caplog.at_level("ERROR", logger="bot.delivery.worker"):
        await worker.deliver_due()
    (row,) = rows(service)
    assert (row.status, row.attempts) == ("dropped", 1)
    assert "413" in row.last_error
    (line,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "too large" in line.getMessage()
    assert "413" in line.getMessage()

    open_consultation(service)
    await deliver_until_done(worker, service)
    assert [row.status for row in rows(service)] == ["dropped", "sent"]
    assert len(webhook.received) == 2, "the refused message was not tried again"


async def test_a_platform_that_hangs_is_cut_off_and_retried(
    service: ConsultationService, webhook: FakeWebhook, session: aiohttp.ClientSession
) -> None:
    webhook.script = ["hold", 200]
    open_consultation(service)
    worker = worker_for(service, session, webhook.url)
    await worker.deliver_due()
    (row,) = rows(service)
    assert row.status == "pending"
    assert row.last_error == "timed out"
    await deliver_until_done(worker, service)
    assert len(webhook.accepted) == 1


async def test_an_unreachable_platform_delays_delivery_but_loses_nothing(
    service: ConsultationService, session: aiohttp.ClientSession
) -> None:
    port = free_port()
    open_consultation(service)
    worker = worker_for(service, session, f"http://127.0.0.1:{port}/webhook")
    await worker.deliver_due()
    await asyncio.sleep(0.25)
    await worker.deliver_due()
    (row,) = rows(service)
    assert (row.status, row.attempts) == ("pending", 2)
    assert "ClientConnectorError" in row.last_error
    late = FakeWebhook(port=port)
    await late.start()
    try:
        await deliver_until_done(worker, service)
    finally:
        await late.stop()
    assert len(late.accepted) == 1


async def test_backoff_doubles_up_to_its_ceiling() -> None:
    settings = DeliverySettings(backoff_seconds=5, backoff_max_seconds=60)
    worker = DeliveryWorker(sa.create_engine("sqlite://"), {}, settings)
    assert [worker.backoff(n) for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]


async def test_two_workers_deliver_every_message_exactly_once(
    service: ConsultationService, webhook: FakeWebhook, session: aiohttp.ClientSession
) -> None:
    for n in range(12):
        open_consultation(service, new=new_consultation(f"相談その{n}"))
    workers = [worker_for(service, session, webhook.url) for _ in range(2)]
    await asyncio.gather(*(w.deliver_due() for w in workers))
    keys = [r.idempotency_key for r in webhook.accepted]
    assert len(keys) == 12
    assert len(set(keys)) == 12
    assert all(row.status == "sent" for row in rows(service))


async def test_the_loop_runs_periodic_jobs_and_survives_their_failures(
    service: ConsultationService, webhook: FakeWebhook, session: aiohttp.ClientSession
) -> None:
    ran: list[str] = []

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("job failed")

    worker = worker_for(service, session, webhook.url)
    worker.periodic = (Periodic("broken", 3600, broken), Periodic("ok", 3600, lambda: ran.append("ok")))
    open_consultation(service)
    task = asyncio.create_task(worker.run())
    async with asyncio.timeout(10):
        while len(ran) < 2 or not webhook.accepted:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
    await asyncio.sleep(0.3)  # a few more of the loop's looks (every 0.05 s)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert ran == ["broken", "ok"], "each job once per period, and a failure does not stop the others"
    assert len(webhook.accepted) == 1


async def test_a_stopped_worker_waits_for_the_periodic_job_it_is_running(
    service: ConsultationService, webhook: FakeWebhook, session: aiohttp.ClientSession
) -> None:
    """A purge's thread cannot be cancelled: stopping waits for it, so nobody closes the database under it."""
    started, finished = threading.Event(), threading.Event()

    def purge() -> None:
        started.set()
        time.sleep(0.5)
        finished.set()

    worker = worker_for(service, session, webhook.url)
    worker.periodic = (Periodic("purge", 3600, purge),)
    task = asyncio.create_task(worker.run())
    assert await asyncio.to_thread(started.wait, 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert finished.is_set(), "the worker ended while its job still ran"


async def test_a_message_written_in_this_process_is_delivered_without_waiting_for_the_next_look(
    store: ConversationStore, webhook: FakeWebhook, session: aiohttp.ClientSession
) -> None:
    service = ConsultationService(store.engine, Notices((NOTIFY_WEBHOOK,), "https://kaizen.example.lg.jp"))
    worker = DeliveryWorker(
        service.engine, {NOTIFY_WEBHOOK: WebhookSender(session, webhook.url, "slack")}, FAST, poll_seconds=600
    )
    running = asyncio.create_task(worker.run())
    try:
        await asyncio.sleep(0.5)  # its first look found nothing; the next would be in ten minutes
        with contextlib.suppress(RuntimeError), service.engine.begin() as connection:
            service.desk(connection, STAFF_KEY, None).open(new_consultation())
            raise RuntimeError("the turn failed after writing: rolled back")
        await asyncio.sleep(0.5)
        assert webhook.received == []

        opened = await asyncio.to_thread(open_consultation, service)

        async with asyncio.timeout(10):
            # The fake records the notice when it answers; the worker marks the row sent once it has read the
            # answer, a moment later.
            while not webhook.accepted or [row.status for row in rows(service)] != ["sent"]:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        assert f"No.{opened.id}" in webhook.accepted[0].body["text"]
        assert len(webhook.accepted) == 1
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running


async def test_a_message_refused_as_malformed_is_dropped_but_a_refusal_that_can_pass_is_retried(
    service: ConsultationService,
    webhook: FakeWebhook,
    session: aiohttp.ClientSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """400 (a body the platform cannot take; a Teams Workflows webhook says so for one too large) ends the
    message; 401 (the token), 404 (a flow being redeployed), 408 and 409 may pass later and are retried."""
    webhook.script = [400]
    open_consultation(service)
    worker = worker_for(service, session, webhook.url)
    with caplog.at_level("ERROR", logger="bot.delivery.worker"):
        await worker.deliver_due()
    (row,) = rows(service)
    assert (row.status, row.attempts) == ("dropped", 1)
    (line,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "refused it as it is" in line.getMessage()
    assert "400" in line.getMessage()

    webhook.script = [401, 404, 408, 409]
    open_consultation(service)
    await deliver_until_done(worker, service)
    assert [(row.status, row.attempts) for row in rows(service)] == [("dropped", 1), ("sent", 5)]
