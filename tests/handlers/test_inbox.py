"""The durable inbox through the real application and LINE's fake, on SQLite and PostgreSQL.

A webhook is acknowledged only once its events are stored (503 when the
database cannot store them, and the platform's redelivery is answered
once); a redelivery while the event waits is answered once; events left in
the inbox by a process that died are replayed, and their answers pushed,
once. The kill -9 of a real server is in tests/test_killed_inbox.py.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import DISPATCHER, STORE
from bot.config import Settings
from bot.db import inbox
from bot.search import Searcher
from bot.values import ConversationKey, Incoming
from tests.auxil.channels import Webhook
from tests.auxil.line import FakeLine
from tests.auxil.postgres import PostgresServer
from tests.auxil.sqlitelock import another_process_writing

pytestmark = pytest.mark.asyncio

Client = TestClient[web.Request, web.Application]

USER = "U0123456789abcdef0123456789abcde"


@pytest_asyncio.fixture
async def bot(aiohttp_client: AiohttpClient, line: FakeLine, searcher: Searcher, migrated_url: str) -> Client:
    """The bot with the database's usual patience: on a loaded machine a turn may wait seconds for it."""
    return await aiohttp_client(init_app(_settings(line, migrated_url), searcher=searcher))


@pytest_asyncio.fixture
async def impatient_bot(
    aiohttp_client: AiohttpClient, line: FakeLine, searcher: Searcher, migrated_url: str
) -> Client:
    """The bot giving the database 2 s, for a test that stops it: the webhook is refused sooner."""
    settings = _settings(line, migrated_url, KAIZEN_DB_TIMEOUT_SECONDS="2")
    return await aiohttp_client(init_app(settings, searcher=searcher))


def _settings(line: FakeLine, database_url: str, **more: str) -> Settings:
    return Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **line.settings()},
        DATABASE_URL=database_url,
        KAIZEN_DELIVERY_BACKOFF_SECONDS="1",
        **more,
    )


async def post(bot: Client, webhook: Webhook) -> int:
    response = await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)
    return response.status


async def settled(bot: Client) -> None:
    async with asyncio.timeout(30):
        await bot.app[DISPATCHER].settled()


async def replayed(bot: Client) -> None:
    """Wait until the inbox is empty: the app's own recovery round may have claimed the rows first.

    Its claim runs in a thread, so for a moment the rows are neither claimable by the test's
    `Dispatcher.recover` nor among the dispatcher's tasks for `settled` to wait on.
    """
    async with asyncio.timeout(30):
        while await asyncio.to_thread(pending, bot):
            await bot.app[DISPATCHER].settled()
            await asyncio.sleep(0.05)


def pending(bot: Client) -> int:
    return inbox.pending(bot.app[STORE].engine)


async def test_the_database_down_is_503_not_200_and_the_redelivery_is_answered_once(
    impatient_bot: Client, line: FakeLine, database_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    bot = impatient_bot
    webhook = line.text(USER, "RPAとは何ですか？", "ev-1")
    if database_url.startswith("sqlite"):
        with another_process_writing(tmp_path / "kaizen.db"):
            status = await post(bot, webhook)
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        server.halt()
        try:
            status = await post(bot, webhook)
        finally:
            server.resume()
    assert status == 503, "the platform sends it again"
    assert line.all_sent(USER) == []
    assert await post(bot, webhook) == 200  # LINE's redelivery
    await settled(bot)
    sent = line.all_sent(USER)
    assert sent
    assert {s.via for s in sent} == {"reply"}
    assert len(line.requests("/v2/bot/message/reply")) == 1, "answered once"
    assert await asyncio.to_thread(pending, bot) == 0


async def test_a_redelivery_while_the_event_waits_is_answered_once(
    bot: Client, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    webhook = line.text(USER, "RPAとは何ですか？", "ev-1")
    twice = line.webhook(line.event(USER, "postback", "ev-2", postback={"data": "menu"}))
    with caplog.at_level(logging.INFO, logger="bot.handlers.dispatch"):
        statuses = await asyncio.gather(
            post(bot, webhook), post(bot, webhook), post(bot, twice), post(bot, twice)
        )
        await settled(bot)
    assert list(statuses) == [200] * 4
    for event_id in ("ev-1", "ev-2"):
        assert f"ignored a redelivered line event {event_id}" in caplog.text, "dropped before a turn"
    assert len(line.requests("/v2/bot/message/reply")) == 2, "one answer for each event"
    assert line.requests("/v2/bot/message/push") == []
    assert await asyncio.to_thread(pending, bot) == 0


async def test_events_a_dead_process_left_are_replayed_and_pushed_once(bot: Client, line: FakeLine) -> None:
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    left = [
        Incoming(ConversationKey("line", f"U{n}", f"U{n}"), text="RPAとは何ですか？", event_id=f"ev-{n}",
                 address=f"U{n}", reply_token=f"token-{n}", received_at=long_ago)
        for n in range(3)
    ]  # fmt: skip
    engine = bot.app[STORE].engine
    await asyncio.to_thread(
        inbox.write, engine, [("line", left)], (), long_ago, "dead", timedelta(seconds=60)
    )
    dispatcher = bot.app[DISPATCHER]
    await dispatcher.recover()
    await dispatcher.recover()  # nothing more: the rows are held, then gone
    await replayed(bot)
    assert await asyncio.to_thread(pending, bot) == 0
    await line.until(lambda: all(line.all_sent(f"U{n}") for n in range(3)))
    await asyncio.sleep(0)
    assert await dispatcher.recover() == 0
    for n in range(3):
        sent = line.all_sent(f"U{n}")
        assert {s.via for s in sent} == {"push"}, "the reply token expired long ago"
        assert len(sent) == len({s.text for s in sent}), f"U{n} answered once"
    assert line.requests("/v2/bot/message/reply") == []


async def test_events_of_a_channel_not_on_here_stay_and_are_reported(
    bot: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """A Slack event left in the inbox by a server with Slack on: this LINE-only server says so, keeps it."""
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    slack = Incoming(ConversationKey("slack", "T1", "U1"), text="RPA", event_id="E1", received_at=long_ago)
    engine = bot.app[STORE].engine
    lease = timedelta(seconds=1)
    await asyncio.to_thread(inbox.write, engine, [("slack", [slack])], (), long_ago, "dead", lease)
    caplog.set_level(logging.WARNING, logger="bot.handlers.dispatch")
    recovering = asyncio.create_task(bot.app[DISPATCHER].recovering(every=3600))
    try:
        async with asyncio.timeout(10):
            while True:  # a log record has no event to wait on
                if "wait in the inbox for channel 'slack'" in caplog.text:
                    break
                await asyncio.sleep(0.05)
    finally:
        recovering.cancel()
    assert "1 acknowledged webhook event(s)" in caplog.text
    kept = await asyncio.to_thread(inbox.pending_counts, engine)
    assert kept == {"slack": 1}, "kept for a server with Slack on"
