"""The one place that builds the bot's parts from the settings: `serve`, `worker`, `chat`, `admin`.

Each command takes what it needs from here, so the database, the team
notices, the consultations, the channels and the senders are made one way
everywhere (a channel on in `serve` is on in the standalone worker too).
Every function is cheap and does no network I/O, except `live_knowledge`, which loads the knowledge,
`delivering`, which runs the outbox worker, and `taking_turns`, which runs
the turn worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from functools import partial

from bot.config import Settings
from bot.consult.notices import NOTIFY_ROOM, Notices
from bot.consult.service import ConsultationService, utcnow
from bot.conversations import Conversations, Observer
from bot.db import ConversationStore
from bot.db.reloads import Reloads
from bot.delivery import DeliveryWorker, build_worker, client_session, notice_channels
from bot.dialogue.engine import Engine
from bot.handlers.dispatch import DRAIN_SECONDS, Dispatcher
from bot.handlers.registry import SPECS, Channels, build_channels, team_titles
from bot.knowledge import KnowledgeBase, knowledge_files
from bot.reloading import LiveKnowledge, read_settled
from bot.search import Searcher
from bot.teamroom.delivery import RoomSender, room_channel
from bot.teamroom.desk import TeamDesk

__all__ = [
    "channels",
    "consultations",
    "conversations",
    "delivering",
    "live_knowledge",
    "taking_turns",
]

log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def live_knowledge(
    settings: Settings, store: ConversationStore, prebuilt: Searcher | None = None
) -> AsyncIterator[LiveKnowledge]:
    """The knowledge in service for as long as the block runs, following reloads asked of other processes.

    Loaded from the configured files (or ``prebuilt``, an index already built: tests); raises
    `bot.knowledge.KnowledgeError` when they have problems.
    """
    files = partial(knowledge_files, settings.faq_path, settings.knowledge_dir)
    searcher = prebuilt
    if searcher is None:  # from settled files, as a reload reads them (a copy may still be writing them)
        load = partial(
            Searcher.load,
            settings.faq_path,
            settings.knowledge_dir,
            settings.cache_dir,
            semantic=settings.semantic,
        )
        searcher = await asyncio.to_thread(read_settled, files, load)

    def rebuild(current: Searcher) -> Searcher:
        return current.reload(settings.faq_path, settings.knowledge_dir, settings.cache_dir)

    knowledge = await asyncio.to_thread(
        LiveKnowledge,
        searcher,
        rebuild,
        utcnow,
        Reloads(store.engine, utcnow),
        files,
    )
    await knowledge.start()
    where = (settings.faq_path, settings.knowledge_dir)
    log.info("knowledge ready (%s, %s): %s", *where, knowledge.current.described())
    if settings.sample_knowledge:
        log.warning(
            "serving the sample knowledge (%s): start in the folder that holds the ward's faq.yaml and "
            "knowledge/, or set KAIZEN_FAQ and KAIZEN_KNOWLEDGE",
            settings.faq_path.parent,
        )
    follow = None
    if settings.reload_poll_seconds:
        follow = asyncio.create_task(knowledge.follow(settings.reload_poll_seconds), name="knowledge-follow")
    try:
        yield knowledge
    finally:
        if follow is not None:
            follow.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await follow


def consultations(
    settings: Settings, store: ConversationStore, knowledge: Callable[[], KnowledgeBase] | None = None
) -> ConsultationService:
    """The consultation service, telling the team through the configured notification channels.

    ``knowledge`` gives the knowledge in service (a server's reloadable knowledge): the ward's names, and
    the contacts it publishes; without it, the sample ward's names and no public contacts.
    """
    notices = Notices(notice_channels(settings.notify, settings.team), settings.public_url, team_titles())
    per_day = settings.limits.consultations_per_day
    return ConsultationService(store.engine, notices, per_day=per_day, knowledge=knowledge)


def conversations(
    settings: Settings,
    store: ConversationStore,
    knowledge: Searcher | Callable[[], Engine],
    service: ConsultationService,
    observe: Observer | None = None,
) -> Conversations:
    """Conversation turns over the store, the search and the consultation desk, within the message limit.

    ``knowledge`` is a searcher, or what gives the engine in service (a server's
    `bot.reloading.LiveKnowledge.engine`). ``observe`` sees every turn's replies (the server's metrics).
    Group events in the DX team's room (``KAIZEN_TEAM_ROOM``) go to the team's desk.
    """
    engine = Engine(knowledge) if isinstance(knowledge, Searcher) else knowledge
    team = TeamDesk(service, settings.team) if settings.team.on else None
    return Conversations(
        store,
        engine,
        service.desk,
        per_minute=settings.limits.messages_per_minute,
        observe=observe,
        team=team,
        turn_wait=settings.db_timeout_seconds,
    )


def channels(settings: Settings, *, routes: bool) -> Channels:
    """The channels that are on (one log line for each channel); ``routes`` where a server runs.

    Raises `bot.config.SettingsError` when the DX team's room is on a
    channel that does not exist, is off, or cannot host it.
    """
    built = build_channels(settings, routes=routes)
    room_channel(settings.team, built, [spec.name for spec in SPECS])
    return built


@contextlib.asynccontextmanager
async def delivering(
    settings: Settings, store: ConversationStore, service: ConsultationService, on: Channels
) -> AsyncIterator[DeliveryWorker]:
    """The outbox worker, running for as long as the block does, with its HTTP session.

    It has a sender for every channel that is on (their clients must be
    started), for every notification channel, and for the team's room. Stopping it mid-delivery
    loses nothing: the message is delivered again once its lease runs out.
    """
    async with client_session(settings) as session:
        senders = on.senders(store)
        room = room_channel(settings.team, on, [spec.name for spec in SPECS])
        if room is not None:
            senders[NOTIFY_ROOM] = RoomSender(room, settings.team.room)
        worker = build_worker(settings, store.engine, service, session, senders)
        task = asyncio.create_task(worker.run(), name="delivery-worker")
        try:
            yield worker
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


@contextlib.asynccontextmanager
async def taking_turns(
    settings: Settings,
    store: ConversationStore,
    knowledge: LiveKnowledge,
    service: ConsultationService,
    on: Channels,
) -> AsyncIterator[Dispatcher]:
    """A turn worker for as long as the block runs: the webhook events servers left in the inbox, answered.

    For ``KAIZEN_WEBHOOK_TURNS=worker``, where the servers only acknowledge
    them. At the end, the events being handled may finish for
    `DRAIN_SECONDS`; what is left stays in the inbox for the next worker.
    """
    turns = conversations(settings, store, knowledge.engine, service)
    dispatcher = Dispatcher(turns, on, lease=settings.inbox_lease_seconds)
    dispatcher.start()
    task = asyncio.create_task(dispatcher.taking(), name="inbox-turns")
    log.info("taking the webhook events' turns from the inbox (KAIZEN_WEBHOOK_TURNS=worker)")
    try:
        yield dispatcher
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await dispatcher.drain(DRAIN_SECONDS)
        await asyncio.to_thread(turns.close)
