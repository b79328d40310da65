"""The channel-neutral path of a webhook's events: stored in the inbox, acknowledged, handled in tasks.

A channel's route verifies and parses the request and awaits
`Dispatcher.accept`, which stores the events in the durable inbox
(`bot.db.inbox`, their masked records, one short group commit shared with
the webhooks arriving meanwhile: `bot.handlers.inbox`) and returns; the
route then answers the platform, within its deadline. When the database
cannot store them, `accept` raises `bot.errors.StoreError` and the route
answers 503 (the error boundary), so the platform sends them again: an
event is acknowledged only once it is stored. A redelivery of an event
still in the inbox, or already handled, is dropped there.

Each batch of events then runs in a background task held by the
dispatcher (so it is not garbage-collected mid-flight) and awaited by
`Dispatcher.drain` when the server stops. For each event, in order:

1. `bot.conversations.Conversations.event` takes the turn on a turn
   thread, de-duplicated on the event id inside the turn's transaction,
   which also deletes the event's inbox row (`bot.db.reach.first_sighting`):
   it is queued before anything is awaited, after the conversation's turn
   before it, so each person's messages are taken in the order they came,
   whatever the platform's answers to the indicators do;
2. meanwhile the channel shows its typing or loading indicator (messages
   only), in a task of its own: the answer never waits for it;
3. as soon as the turn is done, the channel answers the event if the
   platform still allows it (`Channel.respond`), whether or not the
   indicator's call has returned; otherwise the replies go to the outbox
   and the channel's sender pushes them (no sooner than the platform's
   ``Retry-After`` when it refused the answer so). A conversation's
   answers go out in its events' order too: each waits until the one
   before has been answered (`_answering`), so a slow reply is not
   overtaken by the next; and while a message to the person waits in the
   outbox (an answer whose reply failed), the next answers are queued
   behind it instead of replied (`bot.db.outbox.claim` sends a person's
   messages in order);
4. the inbox row goes: a turn with replies kept them in it (in the turn's
   transaction, `bot.db.inbox.answered`; so do a sticker's, a group's and
   the team room's replies, in the transaction that marks their event
   seen, `bot.db.reach.seen_once`), and the row is discarded once they are
   answered, or deleted with their push queued in the outbox
   (`bot.db.inbox.deliver`); so is the row of a turn that stored nothing
   (a redelivery, an engine failure answered with the apology, a message
   over the limit).

Nothing acknowledged is lost when the process dies (kill -9, a crash, out
of memory) or when a stopping server's `drain` runs out of time: the
events not yet taken stay in the inbox. `Dispatcher.recover` replays them,
at start and every `RECOVER_SECONDS` (`Dispatcher.recovering`): the rows
whose lease ran out (their process died; at a clean stop the leases are
ended, `bot.db.inbox.release`), and this process's own rows whose turn
failed on the database. Their reply tokens have expired by then, so their
answers are pushed (`Channel.respond` says it cannot answer); a row whose
turn was stored but whose replies had not gone out has them pushed, with
no second turn. A process holds the rows it is handling and renews their
leases while it does, so two processes never take the same row; an event
whose replays fail `bot.db.inbox.MAX_ATTEMPTS` times is given up, and its
sender is pushed the apology (`bot.conversations.fallback`). One window is
left, as in every outbox: an answer the platform accepted (a reply) just
before the process died, before its row was discarded, is pushed again.

Under a backlog the events wait in order for the turn threads
(`bot.conversations.TURN_THREADS`), a few kilobytes each in memory and a
row each in the inbox, with no bound but the arrival rate times the
backlog's length.

One event's failure is logged with its conversation key and never stops
the others. When the database fails during a turn, nothing of the turn is
stored and the event stays in the inbox: the person is told the answer
will be late (if the platform still lets the channel answer), and the
event is replayed once the database answers again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial

from bot.conversations import DELAYED, Conversations, fallback
from bot.db import inbox, outbox
from bot.db.schema import EVENT_ID_CHARS, KEY_ID_CHARS
from bot.delivery.http import PlatformRefused
from bot.errors import StoreError
from bot.handlers.channel import Channel, PartlyAnswered
from bot.handlers.inbox import InboxWriter
from bot.health import DatabaseOutage
from bot.values import ConversationKey, Incoming, Reply

__all__ = ["DRAIN_SECONDS", "LEASE_SECONDS", "MAX_TAKEN", "RECOVER_SECONDS", "TAKE_SECONDS", "Dispatcher"]

log = logging.getLogger(__name__)

Replies = tuple[Reply, ...]

LEASE_SECONDS = 60.0
"""How long an inbox row stays with the process that took it (``KAIZEN_INBOX_LEASE_SECONDS``): after a
kill, its events are replayed by the next process once this has passed."""

RECOVER_SECONDS = 10.0
"""How often a server renews its leases and replays what is due (at most a third of the lease)."""

DRAIN_SECONDS = 20.0
"""How long a stopping server (or turn worker) waits for webhook events still being handled."""

TAKE_SECONDS = 0.05
"""How often a turn worker looks for events a server left in the inbox (a read; it claims when there are)."""

PAUSE_SECONDS = 1.0
"""How long a turn worker waits after a failed round (the database unavailable) before it looks again."""

MAX_TAKEN = 200
"""Events a turn worker holds at most: under a backlog the rest wait in the inbox, not in its memory."""


def _storable(channel: str, incoming: Incoming) -> bool:
    """Whether ``incoming``'s ids fit the database's columns; a warning for an event that is dropped.

    No platform sends ids this long (LINE's are 33 characters, Teams' about 100); only a signed body
    can carry one. Stored, it would fail on PostgreSQL's ``VARCHAR(255)`` and the webhook would be
    refused at every redelivery, with the other events of its body.
    """
    key = incoming.key
    if max(len(key.user_id), len(key.conversation_id)) <= KEY_ID_CHARS and (
        incoming.event_id is None or len(incoming.event_id) <= EVENT_ID_CHARS
    ):
        return True
    log.warning(
        "%s event with an id of more than %d characters (user %d, conversation %d, event %d): ignored",
        channel,
        KEY_ID_CHARS,
        len(key.user_id),
        len(key.conversation_id),
        len(incoming.event_id or ""),
    )
    return False


def _now() -> datetime:
    return datetime.now(UTC)


class Dispatcher:
    """Runs channels' events in the background over one `Conversations`, through the durable inbox.

    ``channels`` are the channels this process can answer on, by name: only their
    events are replayed here. ``acknowledge_only``: a server whose turns a turn
    worker takes (``KAIZEN_WEBHOOK_TURNS=worker``) only stores the events, as
    no one's (`bot.db.inbox.UNTAKEN`); the worker's dispatcher takes them (`taking`).
    """

    def __init__(
        self,
        conversations: Conversations,
        channels: Mapping[str, Channel[object]] | None = None,
        *,
        lease: float = LEASE_SECONDS,
        clock: Callable[[], datetime] = _now,
        acknowledge_only: bool = False,
    ) -> None:
        self.conversations = conversations
        self.channels: Mapping[str, Channel[object]] = channels if channels is not None else {}
        self.owner = f"{uuid.uuid4().hex}"
        """This process's name on the inbox rows it holds."""
        self.lease = timedelta(seconds=lease)
        self.clock = clock
        self.acknowledge_only = acknowledge_only
        writes_as = inbox.UNTAKEN if acknowledge_only else self.owner
        self.inbox = InboxWriter(conversations.store.engine, writes_as, self.lease, clock)
        self._tasks: set[asyncio.Task[None]] = set()
        self._indicators: set[asyncio.Task[None]] = set()
        """The indicators' calls still running (`handle` answers without waiting for them)."""
        self._last: dict[ConversationKey, asyncio.Future[Replies]] = {}
        """Each conversation's latest turn not yet done (`_queue`)."""
        self._answering: dict[ConversationKey, asyncio.Future[None]] = {}
        """Each conversation's latest event not yet answered (`handle`): the next answers after it."""
        self._held: set[int] = set()
        """The inbox rows this process is handling (their leases are renewed, never replayed)."""

    @property
    def busy(self) -> int:
        """How many batches are still being handled."""
        return len(self._tasks)

    def start(self) -> None:
        """Start the inbox's commits (inside the running loop, before the first webhook)."""
        self.inbox.start()

    async def accept(self, channel: Channel[object], events: Sequence[Incoming]) -> None:
        """Store ``events`` of ``channel`` in the inbox, then handle them in a background task.

        Returns once they are stored (the route may answer 200); raises
        `StoreError` when they could not be, and then nothing is handled.
        Redeliveries of events still in the inbox or handled already are dropped.
        With ``acknowledge_only``, a turn worker handles them instead.
        """
        events = [incoming for incoming in events if _storable(channel.name, incoming)]
        if not events:
            return
        rows = await self.inbox.put(channel.name, events)
        kept = [(incoming, row) for incoming, row in zip(events, rows, strict=True) if row is not None]
        for incoming, row in zip(events, rows, strict=True):
            if row is None:
                log.info(
                    "ignored a redelivered %s event %s of %s", channel.name, incoming.event_id, incoming.key
                )
        if kept and not self.acknowledge_only:
            self._start(channel, kept, replayed=False)

    def _start(
        self, channel: Channel[object], events: Sequence[tuple[Incoming, int]], *, replayed: bool
    ) -> None:
        self._held.update(row for _, row in events)
        task = asyncio.create_task(self._run(channel, tuple(events), replayed), name=f"{channel.name}-events")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def settled(self) -> None:
        """Return once every batch accepted so far, and any accepted meanwhile, has been handled.

        Their indicators' calls too, so that nothing of theirs is still under way.
        """
        while self._tasks or self._indicators:
            await asyncio.gather(*self._tasks, *self._indicators, return_exceptions=True)

    async def drain(self, seconds: float) -> None:
        """Wait up to ``seconds`` for the running batches; cancel what is left (it stays in the inbox).

        Then the inbox's last commits, and this process's leases are ended so the next one replays at once.
        """
        if self._tasks:
            pending = set(self._tasks)
            _done, late = await asyncio.wait(pending, timeout=seconds)
            for task in late:
                task.cancel()
            if late:
                log.warning(
                    "stopped %d batch(es) of events at shutdown: kept in the inbox for the next start",
                    len(late),
                )
                await asyncio.gather(*late, return_exceptions=True)
        indicators = set(self._indicators)  # best effort: not worth waiting for at a stop
        for task in indicators:
            task.cancel()
        await asyncio.gather(*indicators, return_exceptions=True)
        await self.inbox.stop()
        try:
            left = await asyncio.to_thread(
                inbox.release, self.conversations.store.engine, self.owner, self.clock()
            )
        except StoreError:
            log.warning(
                "could not end the inbox's leases at shutdown; they run out by themselves", exc_info=True
            )
            return
        if left:
            log.info("%d event(s) left in the inbox for the next start", left)

    async def recover(self, limit: int = 100) -> int:
        """Renew the leases of what this process holds; take up to ``limit`` due events; return how many.

        Due are the events whose process died or failed on the database
        (replayed: their answers are pushed) and, for a turn worker, the
        events a server left to it (taken as they came: with their reply tokens).
        Raises `StoreError` when the database is unavailable (nothing is taken then).
        """
        engine = self.conversations.store.engine
        claimed = await asyncio.to_thread(
            inbox.claim,
            engine,
            list(self.channels),
            self.owner,
            frozenset(self._held),
            self.clock(),
            self.lease,
            limit,
        )
        for stored in claimed:
            channel = self.channels[stored.incoming.key.channel]
            if stored.replies is not None:  # its turn was stored; its answer never went out
                log.info(
                    "pushing the stored answer to %s event %s of %s",
                    channel.name,
                    stored.incoming.event_id,
                    stored.incoming.key,
                )
                self._held.add(stored.id)
                task = asyncio.create_task(self._push_stored(stored), name=f"{channel.name}-answers")
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
                continue
            if stored.fresh:
                self._start(channel, ((stored.incoming, stored.id),), replayed=False)
                continue
            if stored.attempts > inbox.MAX_ATTEMPTS:
                await self._abandon(stored)
                continue
            log.info(
                "replaying %s event %s of %s (attempt %d)",
                channel.name,
                stored.incoming.event_id,
                stored.incoming.key,
                stored.attempts,
            )
            # A replay answers by push: its reply token may have gone on the apology for the delay.
            replay = replace(stored.incoming, reply_token=None)
            self._start(channel, ((replay, stored.id),), replayed=True)
        return len(claimed)

    async def recovering(self, every: float = RECOVER_SECONDS) -> None:
        """`recover` now and every ``every`` seconds, until cancelled; a database outage only pauses it.

        First it says which channels have events waiting that no channel here can take (their adapter is
        off in this process): they stay in the inbox until a server with that channel on starts.
        """
        await self._warn_unserved()
        outage = DatabaseOutage("inbox recovery", log)
        while True:
            try:
                await self.recover()
                outage.answered()
            except StoreError as exc:
                outage.failed(exc)
            except Exception:  # one failed round must not stop the next
                log.exception("inbox recovery failed")
            await asyncio.sleep(every)

    async def taking(self, every: float = TAKE_SECONDS, renew: float = RECOVER_SECONDS) -> None:
        """A turn worker's loop, until cancelled: take the events servers left in the inbox as they come.

        Looks every ``every`` seconds (a read) and claims what is due, up to
        `MAX_TAKEN` held at once; renews its leases and replays what is due at
        least every ``renew`` seconds. A database outage only pauses it.
        """
        await self._warn_unserved()
        engine = self.conversations.store.engine
        loop = asyncio.get_running_loop()
        last = -math.inf
        outage = DatabaseOutage("taking turns", log)
        while True:
            try:
                room = MAX_TAKEN - len(self._held)
                if loop.time() - last >= renew or (
                    room > 0
                    and await asyncio.to_thread(
                        inbox.due, engine, list(self.channels), self.clock(), self.owner
                    )
                ):
                    last = loop.time()
                    await self.recover(max(room, 0))
                outage.answered()
            except StoreError as exc:
                outage.failed(exc)
                await asyncio.sleep(PAUSE_SECONDS)
            except Exception:  # one failed round must not stop the next
                log.exception("taking turns from the inbox failed")
                await asyncio.sleep(PAUSE_SECONDS)
            await asyncio.sleep(every)

    async def _warn_unserved(self) -> None:
        """Say which channels have events waiting that no channel here can take (their adapter is off)."""
        with contextlib.suppress(StoreError):  # the caller's loop says so
            waiting = await asyncio.to_thread(inbox.pending_counts, self.conversations.store.engine)
            for name, count in waiting.items():
                if name not in self.channels:
                    log.warning(
                        "%d acknowledged webhook event(s) wait in the inbox for channel %r, not on here",
                        count,
                        name,
                    )

    async def _push_stored(self, stored: inbox.Stored) -> None:
        """Queue the stored replies of ``stored`` for a push, deleting its row in the same transaction."""
        replies = stored.replies or ()
        try:
            await asyncio.to_thread(
                inbox.deliver,
                self.conversations.store.engine,
                stored.id,
                stored.incoming.key,
                replies,
                self.clock(),
            )
        except StoreError:  # the row stays, to be claimed again
            log.warning("could not queue the stored answer of inbox row %d", stored.id, exc_info=True)
        finally:
            self._held.discard(stored.id)

    async def _abandon(self, stored: inbox.Stored) -> None:
        incoming = stored.incoming
        log.error(
            "gave up %s event %s of %s after %d attempts; its sender is told to send it again",
            incoming.key.channel,
            incoming.event_id,
            incoming.key,
            stored.attempts - 1,
        )
        apology = fallback(self.conversations.engine.lib.ward) if incoming.kind == "message" else None
        await asyncio.to_thread(inbox.abandon, self.conversations.store.engine, stored, apology, self.clock())

    async def handle(
        self, channel: Channel[object], incoming: Incoming, *, row: int | None = None, replayed: bool = False
    ) -> bool:
        """One event: its turn queued at once (so turns start in the order events came), indicator, answer.

        The indicator runs beside the turn and the answer goes out as soon
        as the turn is done and the conversation's event before it has been
        answered: a platform slow to answer the indicator's call (its own
        timeout is the channel's) delays nothing. The price: the
        indicator may show a moment after an answer it did not keep waiting.
        ``row`` is the event's inbox row: a push is queued with its
        deletion. Returns False when the database failed on the turn (the
        event stays in the inbox, to be replayed).
        """
        turn = self._queue(incoming)
        before, answered = self._answering.get(incoming.key), asyncio.get_running_loop().create_future()
        self._answering[incoming.key] = answered
        try:
            return await self._answer(channel, incoming, turn, before, row=row, replayed=replayed)
        finally:
            answered.set_result(None)
            if self._answering.get(incoming.key) is answered:
                del self._answering[incoming.key]

    async def _answer(
        self,
        channel: Channel[object],
        incoming: Incoming,
        turn: asyncio.Future[Replies],
        before: asyncio.Future[None] | None,
        *,
        row: int | None,
        replayed: bool,
    ) -> bool:
        """`handle` once the turn is queued: the indicator, the turn, then the answer after ``before``'s."""
        indicator = None
        if incoming.kind == "message" and not replayed:
            indicator = asyncio.create_task(
                self._indicate(channel, incoming), name=f"{channel.name}-indicator"
            )
            self._indicators.add(indicator)
            indicator.add_done_callback(self._indicators.discard)
        try:
            replies = await turn  # cancelled: a turn not started never will; one started finishes, unanswered
            if before is not None:
                await asyncio.wait((before,))  # however it ended
        except asyncio.CancelledError:
            if indicator is not None:
                indicator.cancel()
            raise
        except StoreError:
            log.exception(
                "the database failed on %s event %s of %s; kept in the inbox",
                channel.name,
                incoming.event_id,
                incoming.key,
            )
            if not replayed and not await channel.respond(incoming, (DELAYED,)):
                log.info("%s could not be told its answer is late", incoming.key)
            return False
        if not replies:
            return True
        due, parts_shown = None, 0
        if not await self._behind_a_push(incoming.key):
            try:
                if await channel.respond(incoming, replies):
                    return True
            except PlatformRefused as refused:  # it asked for a pause: the push waits as long
                due = self.clock() + timedelta(seconds=refused.retry_after or 0)
            except PartlyAnswered as partly:  # what was shown is not pushed again, nor the parts of a reply
                replies, parts_shown = replies[partly.shown :], partly.parts
                if not replies:  # the platform failed after the last one was shown
                    return True
                if partly.retry_after is not None:
                    due = self.clock() + timedelta(seconds=partly.retry_after)
        if row is None:
            await asyncio.to_thread(self.conversations.push, incoming.key, replies, due, parts_shown)
        else:  # queued with the inbox row's deletion, so a kill cannot push them twice
            engine, now = self.conversations.store.engine, self.clock()
            await asyncio.to_thread(inbox.deliver, engine, row, incoming.key, replies, now, due, parts_shown)
        return True

    async def _behind_a_push(self, key: ConversationKey) -> bool:
        """Whether a message to ``key`` waits in the outbox (an answer whose reply failed, say).

        An answer sent now would overtake it, so it is queued behind it
        instead (`bot.db.outbox.claim` sends a person's messages in order).
        When the outbox cannot be read, the answer goes out now.
        """
        try:
            return await asyncio.to_thread(outbox.waiting, self.conversations.store.engine, key)
        except StoreError:
            log.warning("could not read the outbox of %s; answering without waiting", key, exc_info=True)
            return False

    @staticmethod
    async def _indicate(channel: Channel[object], incoming: Incoming) -> None:
        """``channel``'s indicator for ``incoming``; a failure it let through is logged here, once."""
        try:
            await channel.indicate(incoming)
        except Exception:  # best effort: nothing awaits this task to see it fail
            log.warning("%s indicator failed for %s", channel.name, incoming.key, exc_info=True)

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

    async def _run(
        self, channel: Channel[object], events: tuple[tuple[Incoming, int], ...], replayed: bool
    ) -> None:
        rows = [row for _, row in events]
        try:
            for incoming, row in events:
                done = False
                try:
                    done = await self.handle(channel, incoming, row=row, replayed=replayed)
                except asyncio.CancelledError:
                    raise
                except Exception:  # the boundary of one event: log it, go on with the next
                    log.exception("%s event %s of %s failed", channel.name, incoming.event_id, incoming.key)
                    done = True  # answered as well as it can be: replaying would fail the same way
                if done:
                    await self._discard(row)
                self._held.discard(row)
        finally:
            self._held.difference_update(rows)  # cancelled: what is left stays in the inbox

    async def _discard(self, row: int) -> None:
        """Delete ``row`` if its turn left it (it stored nothing); a failure leaves it to be replayed."""
        with contextlib.suppress(StoreError):
            await self.inbox.discard(row)
