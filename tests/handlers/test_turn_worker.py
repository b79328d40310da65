"""A server that only acknowledges webhooks and a turn worker that answers them, on SQLite and PostgreSQL.

With ``KAIZEN_WEBHOOK_TURNS=worker`` the server stores the events in the
inbox as no one's and answers the platform; the worker (`wiring.taking_turns`,
what ``python -m bot worker`` runs) takes them as they come and answers with
the events' reply tokens, each event once, and a stopped worker leaves what
it had not taken to the next one. Here both run in this process over one
database; tests/test_turn_worker_process.py runs the real commands.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot import wiring
from bot.app import init_app
from bot.appkeys import DISPATCHER, STORE
from bot.config import Settings
from bot.db import inbox
from bot.db.schema import inbox as inbox_table
from bot.handlers import dispatch
from bot.handlers.dispatch import Dispatcher
from bot.search import Searcher
from tests.auxil.line import FakeLine

pytestmark = pytest.mark.asyncio

Client = TestClient[web.Request, web.Application]


def user(n: int) -> str:
    return f"U{n:032x}"


@pytest.fixture
def settings(line: FakeLine, migrated_url: str) -> Settings:
    return Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **line.settings()},
        DATABASE_URL=migrated_url,
        KAIZEN_WEBHOOK_TURNS="worker",
        KAIZEN_LIMIT_MESSAGES_PER_MINUTE="0",
    )


@pytest_asyncio.fixture
async def server(aiohttp_client: AiohttpClient, settings: Settings, searcher: Searcher) -> Client:
    return await aiohttp_client(init_app(settings, searcher=searcher))


@asynccontextmanager
async def turn_worker(settings: Settings, server: Client, searcher: Searcher) -> AsyncIterator[Dispatcher]:
    """What ``python -m bot worker`` runs with ``KAIZEN_WEBHOOK_TURNS=worker``, over the server's database."""
    store = server.app[STORE]
    channels = wiring.channels(settings, routes=False)
    await channels.start()
    try:
        async with wiring.live_knowledge(settings, store, searcher) as knowledge:
            service = wiring.consultations(settings, store, lambda: knowledge.searcher.kb)
            async with wiring.taking_turns(settings, store, knowledge, service, channels) as dispatcher:
                yield dispatcher
    finally:
        await channels.close()


async def acknowledge(server: Client, line: FakeLine, n: int, text: str, event: str) -> None:
    webhook = line.text(user(n), text, event)
    response = await server.post(webhook.path, data=webhook.body, headers=webhook.headers)
    assert response.status == 200


def waiting(server: Client) -> list[tuple[str, str]]:
    """The inbox's rows: (event id, owner)."""
    with server.app[STORE].engine.connect() as connection:
        query = sa.select(inbox_table.c.event_id, inbox_table.c.owner)
        return [(str(event), str(owner)) for event, owner in connection.execute(query).all()]


async def drained(server: Client) -> None:
    """Wait until the inbox is empty (an answered event's row goes after its reply)."""
    async with asyncio.timeout(30):
        while True:
            if not await asyncio.to_thread(waiting, server):
                return
            await asyncio.sleep(0.05)


async def test_the_server_acknowledges_and_the_worker_answers_each_event_once_by_reply(
    server: Client, line: FakeLine, settings: Settings, searcher: Searcher
) -> None:
    await acknowledge(server, line, 0, "RPAとは何ですか？", "ev-0")
    await server.app[DISPATCHER].settled()
    assert await asyncio.to_thread(waiting, server) == [("ev-0", inbox.UNTAKEN)], "stored, left to a worker"
    assert line.calls == [], "the server neither answers nor shows the loading animation"

    async with turn_worker(settings, server, searcher):
        await line.until(lambda: bool(line.all_sent(user(0))))
        for n in range(1, 21):
            await acknowledge(server, line, n, "RPAとは何ですか？", f"ev-{n}")
        await acknowledge(server, line, 0, "RPAとは何ですか？", "ev-0")  # LINE redelivers one
        await line.until(lambda: all(line.all_sent(user(n)) for n in range(21)))
        await drained(server)
        # An answer does not wait for its loading animation, and a stopping worker cancels those still
        # under way (`Dispatcher.drain`): the last may come after its answer, so it is waited for here.
        await line.until(lambda: len(line.requests("/v2/bot/chat/loading/start")) >= 21)

    for n in range(21):
        sent = line.all_sent(user(n))
        assert {s.via for s in sent} == {"reply"}, f"{user(n)} answered with the event's reply token"
        assert any("定型的な操作" in s.text for s in sent)
        assert len(sent) == len({s.text for s in sent}), f"{user(n)} answered once"
    assert line.requests("/v2/bot/message/push") == []
    assert len(line.requests("/v2/bot/chat/loading/start")) == 21, (
        "the loading animation, shown by the worker"
    )


async def test_a_stopped_worker_leaves_what_it_did_not_take_to_the_next(
    server: Client, line: FakeLine, settings: Settings, searcher: Searcher
) -> None:
    async with turn_worker(settings, server, searcher):
        await acknowledge(server, line, 0, "RPAとは何ですか？", "ev-0")
        await line.until(lambda: bool(line.all_sent(user(0))))
    for n in range(1, 6):  # no worker runs: acknowledged and kept
        await acknowledge(server, line, n, "RPAとは何ですか？", f"ev-{n}")
    assert len(await asyncio.to_thread(waiting, server)) == 5
    assert not any(line.all_sent(user(n)) for n in range(1, 6))

    async with turn_worker(settings, server, searcher):
        await line.until(lambda: all(line.all_sent(user(n)) for n in range(6)))
        await drained(server)
    for n in range(6):
        sent = line.all_sent(user(n))
        assert len(sent) == len({s.text for s in sent}), f"{user(n)} answered once"


QUESTIONS = (
    ("RPAとは何ですか？", "定型的な操作"),
    ("AI-OCRとは何ですか？", "文字認識"),
    ("ECRSとは何ですか？", "4つの視点"),
)


async def test_two_workers_answer_each_persons_messages_in_the_order_they_came(
    server: Client, line: FakeLine, settings: Settings, searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three questions from each of eight people wait; two workers take them at once, a few at a time."""
    monkeypatch.setattr(dispatch, "MAX_TAKEN", 4)  # so that neither worker takes the whole backlog at once
    people = range(8)
    for n in people:  # one person's messages side by side: a claim of four splits them between the workers
        for round_, (question, _) in enumerate(QUESTIONS):
            await acknowledge(server, line, n, question, f"ev-{n}-{round_}")
    async with turn_worker(settings, server, searcher), turn_worker(settings, server, searcher):
        await line.until(lambda: all(len(line.all_sent(user(n))) >= len(QUESTIONS) for n in people))
        await drained(server)
    for n in people:
        answers = [s.text for s in line.all_sent(user(n))]
        assert len(answers) == len(QUESTIONS), f"{user(n)} answered once each"
        order = [next(at for at, (_, mark) in enumerate(QUESTIONS) if mark in text) for text in answers]
        assert order == [0, 1, 2], f"{user(n)} answered out of order: {answers}"
