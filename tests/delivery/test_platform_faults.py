"""A real ``serve`` whose notice platform refuses connections, fails, asks for a pause, hangs, then accepts.

The consultation's notice waits in the outbox through all of it (and
``/metrics`` says so, with its age), is never tried sooner than the backoff
or the platform's ``Retry-After`` allow, and is accepted exactly once, every
attempt naming it with the same Idempotency-Key.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import aiohttp
import pytest

from tests.auxil.chatapi import CHAT_TOKEN, ChatApi
from tests.auxil.platforms import FakeWebhook, free_port
from tests.auxil.server import start, stop, wait_ready

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]

METRICS_TOKEN = "faults-metrics-token-0123456789-abcdef"
ADMIN_TOKEN = "faults-admin-token-0123456789-abcdefgh"
PENDING = 'kaizen_outbox_pending{channel="notify-webhook"}'
AGE = 'kaizen_outbox_oldest_pending_age_seconds{channel="notify-webhook"}'


async def scrape(session: aiohttp.ClientSession, url: str) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    async with session.get(f"{url}/metrics", headers=headers) as response:
        assert response.status == 200
        text = await response.text()
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    return samples


async def test_every_kind_of_platform_failure_delays_the_notice_and_it_arrives_once(tmp_path: Path) -> None:
    port = free_port()
    platform = FakeWebhook(port=port, script=[500, (429, {"Retry-After": "4"}), "hold", 200])
    env = {
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_METRICS_TOKEN": METRICS_TOKEN,
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_NOTIFY_WEBHOOK_URL": platform.url,
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
        "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS": "2",
        "KAIZEN_DELIVERY_TIMEOUT_SECONDS": "1",
        "KAIZEN_DELIVERY_LEASE_SECONDS": "2",
    }
    served = start(tmp_path, free_port(), env)
    try:
        await asyncio.to_thread(wait_ready, served)
        async with aiohttp.ClientSession() as session:
            await ChatApi(session, served.url).consult("staff-1", "会議録の作成を効率化したい")
            await asyncio.sleep(3)  # the platform is not there: connections are refused
            waiting = await scrape(session, served.url)
            assert waiting[PENDING] == 1
            assert waiting[AGE] >= 2

            await platform.start()
            deadline = time.monotonic() + 60
            while not platform.accepted:
                assert time.monotonic() < deadline, served.log.read_text()
                await asyncio.sleep(0.2)
            await asyncio.sleep(2.5)  # a poll more: nothing is sent again
            delivered = await scrape(session, served.url)
    finally:
        await platform.stop()
        stop(served)

    assert PENDING not in delivered, "nothing waits any more"
    failed, paused, hung, accepted = platform.received
    assert [r.accepted for r in platform.received] == [False, False, False, True]
    assert len({r.idempotency_key for r in platform.received}) == 1
    assert paused.at - failed.at >= 2, "the backoff after the 500 (at its 2 s ceiling by then)"
    assert hung.at - paused.at >= 4, "the platform's Retry-After, longer than the 2 s backoff"
    assert accepted.at - hung.at >= 1 + 2, "the 1 s timeout, then the backoff"
    log = served.log.read_text()
    assert "ClientConnectorError" in log, "the refused connections were attempts too"
    assert "timed out" in log


async def test_a_hook_that_redirects_is_not_followed_and_the_notice_waits_for_the_right_url(
    tmp_path: Path,
) -> None:
    """A followed 302 turns the POST into a bodiless GET, and the page it lands on answers 200.

    Taking that 200 for the hook's would mark the notice delivered when nothing arrived. The redirect is
    a refusal instead: the notice waits, and goes out, once, when the hook accepts it.
    """
    platform = FakeWebhook(script=[(302, {"Location": "/moved"}), 200])
    await platform.start()
    env = {
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_NOTIFY_WEBHOOK_URL": platform.url,
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
        "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS": "1",
    }
    served = start(tmp_path, free_port(), env)
    try:
        await asyncio.to_thread(wait_ready, served)
        async with aiohttp.ClientSession() as session:
            await ChatApi(session, served.url).consult("staff-1", "会議録の作成を効率化したい")
            deadline = time.monotonic() + 30
            while not platform.accepted:
                assert time.monotonic() < deadline, f"the notice never reached the hook; {platform.moved}"
                await asyncio.sleep(0.2)
            await asyncio.sleep(2)  # a poll more: nothing is sent again
    finally:
        await platform.stop()
        stop(served)

    assert platform.moved == [], "the redirect was not followed"
    assert [r.accepted for r in platform.received] == [False, True]
    log = served.log.read_text()
    assert "redirects are not followed" in log
    assert "/moved" not in log, "the Location, which may be a hook's secret path, is not logged"


async def test_a_retry_after_past_the_clocks_last_date_parks_the_notice_a_day_and_the_worker_goes_on(
    tmp_path: Path,
) -> None:
    """``Retry-After: 99999999999999`` put the next attempt past the year 9999 and stopped the worker.

    Its wait is taken as a day; the DX team's answer to the staff member is still handed over.
    """
    platform = FakeWebhook(script=[(429, {"Retry-After": "99999999999999"}), 200])
    await platform.start()
    env = {
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        "KAIZEN_NOTIFY_WEBHOOK_URL": platform.url,
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
        "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS": "1",
    }
    served = start(tmp_path, free_port(), env)
    pending = "SELECT count(*) FROM outbox WHERE channel = 'web' AND status != 'sent'"
    try:
        await asyncio.to_thread(wait_ready, served)
        async with aiohttp.ClientSession() as session:
            chat = ChatApi(session, served.url, admin_token=ADMIN_TOKEN)
            number = await chat.consult("staff-1", "会議録の作成を効率化したい")
            deadline = time.monotonic() + 30
            while not platform.received:
                assert time.monotonic() < deadline, "the notice was never tried"
                await asyncio.sleep(0.2)
            await chat.answer(number, "議事録の作成は音声認識ツールで効率化できます。")
            while _count(tmp_path / "kaizen.db", pending):
                assert time.monotonic() < deadline, served.log.read_text()
                await asyncio.sleep(0.2)
    finally:
        await platform.stop()
        stop(served)

    assert [r.accepted for r in platform.received] == [False]
    assert "next try in 86400 s" in served.log.read_text()


def _count(database: Path, query: str) -> int:
    connection = sqlite3.connect(database)
    try:
        found: int = connection.execute(query).fetchone()[0]
        return found
    finally:
        connection.close()
