"""The channel-neutral path of a webhook's events: acknowledged at once, handled in tracked tasks.

A channel's route verifies and parses the request, calls `Dispatcher.accept`
and answers the platform straight away, within its deadline. Each batch of
events then runs in a background task held by the dispatcher (so it is not
garbage-collected mid-flight) and awaited by `Dispatcher.drain` when the
server stops. For each event, in order:

1. `bot.conversations.Conversations.event` takes the turn on a turn
   thread, de-duplicated on the event id inside the turn's transaction: it
   is queued before anything is awaited, after the conversation's turn
   before it, so each person's messages are taken in the order they came,
   whatever the platform's answers to the indicators do;
2. meanwhile the channel shows its typing or loading indicator (messages only);
3. the channel answers the event now if the platform still allows it
   (`Channel.respond`); otherwise the replies go to the outbox and the
   channel's sender pushes them.

Every event of a webhook is acknowledged before its turn is taken, and it is
kept in memory only: the platform, having had its 200, never redelivers it.
So an event whose turn has not been stored is lost when the process dies
(kill -9, a crash, out of memory) and when a stopping server's
`drain` runs out of time; its sender gets no answer. A turn stored is
never repeated (`seen_events`). Under a backlog the events wait in order
for the turn threads (`bot.conversations.TURN_THREADS`), a few kilobytes
each, with no bound but the arrival rate times the backlog's length.

One event's failure is logged with its conversation key and never stops
the others. When the database is unavailable the turn is not stored, and
the person is asked to send their message again (if the platform still
lets the channel answer: a push would need the database too).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from functools import partial

from bot.conversations import UNAVAILABLE, Conversations
from bot.errors import StoreError
from bot.handlers.channel import Channel
from bot.values import ConversationKey, Incoming, Reply

__all__ = ["Dispatcher"]

log = logging.getLogger(__name__)

Replies = tuple[Reply, ...]


class Dispatcher:
    """Runs channels' events in the background over one `Conversations`."""

    def __init__(self, conversations: Conversations) -> None:
        self.conversations = conversations
        self._tasks: set[asyncio.Task[None]] = set()
        self._last: dict[ConversationKey, asyncio.Future[Replies]] = {}
        """Each conversation's latest turn not yet done (`_queue`)."""

    @property
    def busy(self) -> int:
        """How many batches are still being handled."""
        return len(self._tasks)

    def accept(self, channel: Channel[object], events: Sequence[Incoming]) -> None:
        """Handle ``events`` of ``channel`` in a background task; return at once."""
        if not events:
            return
        task = asyncio.create_task(self._run(channel, tuple(events)), name=f"{channel.name}-events")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def settled(self) -> None:
        """Return once every batch accepted so far, and any accepted meanwhile, has been handled."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def drain(self, seconds: float) -> None:
        """Wait up to ``seconds`` for the running batches; cancel what is left (lost: it was acknowledged)."""
        if not self._tasks:
            return
        pending = set(self._tasks)
        _done, late = await asyncio.wait(pending, timeout=seconds)
        for task in late:
            task.cancel()
        if late:
            log.warning("stopped %d batch(es) of acknowledged events at shutdown: unanswered", len(late))
            await asyncio.gather(*late, return_exceptions=True)

    async def handle(self, channel: Channel[object], incoming: Incoming) -> None:
        """One event: its turn queued at once (so turns start in the order events came), indicator, answer.

        The answer goes out only after the indicator's call returned, so the indicator never shows after it.
        """
        turn = self._queue(incoming)
        if incoming.kind == "message":
            try:
                await channel.indicate(incoming)
            except asyncio.CancelledError:
                turn.cancel()  # not started yet: it never will; started: it finishes, unanswered
                raise
        try:
            replies = await turn
        except StoreError:
            key = incoming.key
            log.exception(
                "the database failed on %s event %s of %s", channel.name, incoming.event_id, incoming.key
            )
            if not await channel.respond(incoming, (UNAVAILABLE,)):
                log.warning("%s could not be told to send again: the event is lost", key)
            return
        if not replies:
            return
        if await channel.respond(incoming, replies):
            return
        await asyncio.to_thread(self.conversations.push, incoming.key, replies)

    def _queue(self, incoming: Incoming) -> asyncio.Future[Replies]:
        """The event's turn: queued now, or, while the conversation's turn before it runs, right after it.

        With two turn threads, two turns of one conversation queued together
        would race for its lock; chained, each person's messages are taken in
        the order they came.
        """
        before = self._last.get(incoming.key)
        if before is None:
            turn = self.conversations.queue(incoming)
        else:
            turn = asyncio.ensure_future(self._after(before, incoming))
        self._last[incoming.key] = turn
        turn.add_done_callback(partial(self._forget, incoming.key))
        return turn

    async def _after(self, before: asyncio.Future[Replies], incoming: Incoming) -> Replies:
        await asyncio.wait((before,))  # however it ended
        return await self.conversations.queue(incoming)

    def _forget(self, key: ConversationKey, turn: asyncio.Future[Replies]) -> None:
        if self._last.get(key) is turn:
            del self._last[key]

    async def _run(self, channel: Channel[object], events: tuple[Incoming, ...]) -> None:
        for incoming in events:
            try:
                await self.handle(channel, incoming)
            except asyncio.CancelledError:
                raise
            except Exception:  # the boundary of one event: log it, go on with the next
                log.exception("%s event %s of %s failed", channel.name, incoming.event_id, incoming.key)
