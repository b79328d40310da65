"""The channel-neutral path of a webhook's events: acknowledged at once, handled in tracked tasks.

A channel's route verifies and parses the request, calls `Dispatcher.accept`
and answers the platform straight away, within its deadline. Each batch of
events then runs in a background task held by the dispatcher (so it is not
garbage-collected mid-flight) and awaited by `Dispatcher.drain` when the
server stops. For each event, in order:

1. the channel shows its typing or loading indicator (messages only);
2. `bot.conversations.Conversations.event` takes the turn, de-duplicated
   on the event id inside the turn's transaction;
3. the channel answers the event now if the platform still allows it
   (`Channel.respond`); otherwise the replies go to the outbox and the
   channel's sender pushes them.

One event's failure is logged with its conversation key and never stops
the others. When the database is unavailable the turn is not stored, and
the person is asked to send their message again (if the platform still
lets the channel answer: a push would need the database too).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.conversations import UNAVAILABLE, Conversations
from bot.errors import StoreError
from bot.handlers.channel import Channel
from bot.values import Incoming

__all__ = ["Dispatcher"]

log = logging.getLogger(__name__)


class Dispatcher:
    """Runs channels' events in the background over one `Conversations`."""

    def __init__(self, conversations: Conversations) -> None:
        self.conversations = conversations
        self._tasks: set[asyncio.Task[None]] = set()

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
        """Wait up to ``seconds`` for the running batches; cancel what is left (it is redelivered)."""
        if not self._tasks:
            return
        pending = set(self._tasks)
        _done, late = await asyncio.wait(pending, timeout=seconds)
        for task in late:
            task.cancel()
        if late:
            log.warning("stopped %d batch(es) of events still running at shutdown", len(late))
            await asyncio.gather(*late, return_exceptions=True)

    async def handle(self, channel: Channel[object], incoming: Incoming) -> None:
        """One event: indicator, turn, answer now or push later."""
        if incoming.kind == "message":
            await channel.indicate(incoming)
        try:
            replies = await self.conversations.take(incoming)
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

    async def _run(self, channel: Channel[object], events: tuple[Incoming, ...]) -> None:
        for incoming in events:
            try:
                await self.handle(channel, incoming)
            except asyncio.CancelledError:
                raise
            except Exception:  # the boundary of one event: log it, go on with the next
                log.exception("%s event %s of %s failed", channel.name, incoming.event_id, incoming.key)
