"""The one path every channel's message takes: search, then load the state, step the engine, store it.

Personal information is masked here, as the message enters the turn
(`Incoming.masked`), before anything else: the search, the engine, its
state (the last question, the buttons' tokens, the consultation being
written up), the consultations and the conversation log only ever see the
masked text.

The search runs first, outside the transaction (`Engine.ahead`), so that
the conversation's lock (and on SQLite the one writer) is held only for
the short step and the writes. The engine's consultation desk is bound to
the same transaction as the state, so a consultation created in a turn is
stored exactly when the turn is, and the turn goes into the conversation
log with it.

`Conversations.handle` is the error boundary of one message: a failure of
the engine is logged with the conversation key and answered with a polite
fallback, so the user is never left without a reply; a failure of the
database (`StoreError`) propagates, since the caller must then answer
"try again later" in its own way (503 for HTTP). A redelivered event (its
id seen before) gets no reply at all.

Every channel passes here, so this is where the limit on messages per
person and minute is kept: counted in the database (the conversation log)
under the person's lock, so that every process agrees. Every event the bot
answers counts, read or not: a sticker, an image, an edit, a call in a group
or a text too long to read is logged by its kind alone (`Conversations._unread`),
and over the limit gets the same refusal as a message. A message over the
limit is neither answered, stored nor logged: it does not count, and waiting
always helps. The first of a window is told when to send it again; the
next ones in the same window get no reply (`Conversations._refusal`). (Its
text has been searched by then, like every message's, since the count needs
the transaction.)

A web chat turn (`Conversations.reply`) waits for a free turn thread at
most ``turn_wait`` seconds (the server gives it the database timeout), and
that wait and the turn's waits for the database share one deadline: when
turns pile up, behind a stuck database or more messages than the threads
can answer, a person is told when that time runs out that the bot is busy
(`bot.errors.Busy`, 503 with ``Retry-After``) instead of waiting in a queue
with no end. Nothing of a refused turn was stored. A channel's events
(`Conversations.queue`) are never refused: they are in the inbox already,
and wait their turn.

`Conversations.event` takes any channel event (`bot.values.IncomingKind`):
a message goes to the engine; a follow is greeted with the menu; a block is
recorded so pushes stop; what the bot cannot read, an edit of a message
already sent (`EDITED`, once per edited message), and a call in a group,
get a short polite explanation, except in the DX team's own room, where the
team's desk takes the commands (`bot.teamroom.desk`); what cannot be read while
the consultation form waits for an answer also gets the form's question again
(`Engine.unreadable`), the form unchanged. These texts are the same on every channel.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Protocol

import sqlalchemy as sa

from bot.db import ConversationStore, deadline, inbox, journal, quota, reach
from bot.db.engine import reading, writing
from bot.db.locks import serialize
from bot.dialogue import Choice, ConversationKey, Desk, Incoming, Limit, Reply, State, Turn
from bot.dialogue.engine import Engine
from bot.dialogue.limits import messages_full
from bot.dialogue.tickets import STATUS, received
from bot.dialogue.views import TEXT_ONLY
from bot.errors import Busy, DuplicateEvent, StoreError
from bot.knowledge import Ward
from bot.values import START_ACTION, UNREAD_TEXT

__all__ = [
    "DELAYED",
    "EDITED",
    "GROUP_ONLY",
    "TEXT_ONLY",
    "Conversations",
    "DeskFactory",
    "Observer",
    "TeamRoomDesk",
    "fallback",
    "greeting",
    "not_delivered",
]

log = logging.getLogger(__name__)


def fallback(ward: Ward) -> Reply:
    """When the engine failed on a message: sorry, and whom to call."""
    return Reply(
        "申し訳ありません。システムの不具合のため、お答えできませんでした。"
        f"時間をおいてもう一度お試しいただくか、{ward.contact}までご連絡ください。",
        (Choice("メニュー", "menu"),),
        kind="escalate",
    )


DELAYED = Reply(
    "申し訳ありません。ただいまシステムが混み合っているため、お答えが遅れています。"
    "このままお待ちいただければ、後ほどお答えをお送りします。",
    kind="prompt",
)
"""When the database cannot take a channel's turn: the event waits in the inbox, and is answered later."""


def greeting(ward: Ward, sources: str) -> Reply:
    """The welcome when someone adds the bot (before the menu).

    ``sources`` names what the bot answers from, the kinds of knowledge the ward has
    (`bot.dialogue.library.Library.sources`).
    """
    return Reply(
        f"追加していただきありがとうございます。{ward.bot_name}です。\n"
        f"{ward.topics}、{ward.subject}について気軽にご質問ください。"
        f"{sources}からお答えし、分からないことは{ward.team}におつなぎします。",
        kind="prompt",
    )


def not_delivered(ward: Ward, count: int) -> Reply:
    """Told to someone who adds the bot again: ``count`` messages were dropped while they had blocked it.

    The DX team's answers among them are still in the consultation's details (「相談状況を見る」).
    """
    return Reply(
        f"botをブロック（または削除）されていた間に、{ward.team}からのメッセージが{count}件ありましたが、"
        "お届けできませんでした。"
        "ご相談への回答は「相談状況を見る」からご覧いただけます。",
        (STATUS,),
        kind="prompt",
    )


GROUP_ONLY = Reply(
    "お呼びいただきありがとうございます。このbotは1対1のチャットでご質問をお受けしています。"
    "お手数ですが、botとの個別のチャットからご質問ください。",
    kind="prompt",
)


EDITED = Reply(
    "申し訳ありません。送信したメッセージの編集には対応していないため、編集した内容は読み取れません。"
    "お手数ですが、直した内容を新しいメッセージとしてお送りください。",
    kind="prompt",
)
"""The answer to an edit of a message sent one-to-one: the bot keeps what it first received, so the
correction must come as a new message. Said once per edited message (the edit's event id names the
message, not the edit)."""


DeskFactory = Callable[[sa.Connection, ConversationKey, str | None], Desk]
"""The consultation desk of a staff member, inside a turn's transaction, given the event's address."""

Observer = Callable[[tuple[Reply, ...]], None]
"""Told of the replies of every turn (the metrics count them)."""

TURN_THREADS = 2
"""How many turns the server runs at once (`Conversations.reply`, `Conversations.queue`).

A turn is mostly Python under the GIL, so more threads add no turns a
second: they only take the GIL from the event loop more often, and
webhooks are then acknowledged late (``benchmarks/line_webhooks.py``, 100
events/s on the busy 2-core machine: acknowledgement p99 656 ms with the
default six threads, 93 ms with two). Two let one turn wait on the
database while the other computes; the rest queue, in order.
"""


class TeamRoomDesk(Protocol):
    """The DX team's commands in their room (`bot.teamroom.desk.TeamDesk`)."""

    def is_room(self, incoming: Incoming) -> bool:
        """Whether ``incoming`` was said in the team's room."""

    def handle(self, incoming: Incoming) -> tuple[Reply, ...]:
        """The room's reply (blocking); () for a redelivered event."""


class _OverLimit(Exception):
    """Unwinds a turn over the message limit: nothing of it is stored.

    ``line`` is the id of the conversation's newest logged line (`bot.db.journal.last_id`), which the
    log gives beside the key's digest: it finds the conversation in the database, and names nobody.
    """

    def __init__(self, limit: Limit, line: int | None) -> None:
        super().__init__(limit)
        self.limit = limit
        self.line = line


class Conversations:
    """Conversation turns over one store, one engine and one desk; safe to call from several threads.

    ``engine`` is an engine, or what gives the one in service (`bot.reloading.LiveKnowledge.engine`):
    each turn takes it once and uses it throughout.
    """

    def __init__(
        self,
        store: ConversationStore,
        engine: Engine | Callable[[], Engine],
        desk: DeskFactory,
        *,
        per_minute: int = 0,
        observe: Observer | None = None,
        team: TeamRoomDesk | None = None,
        turn_wait: float | None = None,
    ) -> None:
        """``turn_wait``: the longest a web chat turn waits for a turn thread (None: no limit)."""
        self.store = store
        self.turn_wait = turn_wait
        self.team = team
        self._engine = engine if callable(engine) else lambda: engine
        self.desk = desk
        self.per_minute = per_minute
        self.observe = observe
        self._turns = ThreadPoolExecutor(TURN_THREADS, thread_name_prefix="turn")

    @property
    def engine(self) -> Engine:
        """The engine in service now (the knowledge may be reloaded between two turns)."""
        return self._engine()

    def handle(self, incoming: Incoming, lead: tuple[Reply, ...] = ()) -> tuple[Reply, ...]:
        """The replies to one message, with the conversation's state updated atomically (blocking).

        Over ``per_minute`` messages (0: no limit), the reply says when to go on instead, once a
        window; later messages in the window get none (`_refusal`). A message of someone already over
        the limit is refused before it is read (`_refuse_early`), and a text too long to read gets a
        request to send it in parts (`bot.values.MAX_MESSAGE_CHARS`), counted but not stored (`_unread`).
        ``lead`` goes before the engine's replies, stored with them (a follow's greeting).
        """
        engine = self.engine  # this turn's engine, whatever a reload does meanwhile
        ward = engine.lib.ward
        try:
            self._refuse_early(incoming.key)
            incoming = incoming.masked()
            if incoming.text == UNREAD_TEXT:  # too long to read: only its kind is logged
                replies = self._unread(incoming, lambda: engine.too_long(self.store.load(incoming.key)))
            else:
                ready = engine.ahead(incoming)
                replies = self.store.exchange(incoming, partial(self._step, ready, incoming, lead)).replies
        except DuplicateEvent:
            log.info("ignored a redelivered event %s of %s", incoming.event_id, incoming.key)
            return ()
        except StoreError:
            raise
        except _OverLimit as over:
            replies = self._refusal(incoming.key, over, ward)
        except Exception:
            log.exception("the engine failed on a message of %s", incoming.key)
            replies = (*lead, fallback(ward))
        for number in filter(None, map(received, replies)):  # stored: the turn's transaction committed
            log.info("consultation No.%d received from %s", number, incoming.key)
        if self.observe is not None:
            self.observe(replies)
        return replies

    def _refuse_early(self, key: ConversationKey) -> None:
        """Raise `_OverLimit` if ``key``'s person is over the per-minute limit before the message is read.

        Masking and searching a message cost CPU time in proportion to its length, and they come before
        the turn's transaction; without this a person over the limit could still have every message read
        (tens of milliseconds to seconds each), however many they sent. The turn checks again under the
        person's lock (`_step`): this read only spares the work for those already over.
        """
        if not self.per_minute:
            return
        with reading(self.store.engine, "the message limit") as connection:
            self._within_limit(connection, key)

    def _within_limit(self, connection: sa.Connection, key: ConversationKey) -> None:
        """Raise `_OverLimit` when ``key``'s person has sent ``per_minute`` messages in the last minute."""
        limit = quota.message_limit(connection, key, self.per_minute, datetime.now(UTC))
        if limit is not None:
            raise _OverLimit(limit, journal.last_id(connection, key))

    def _refusal(self, key: ConversationKey, over: _OverLimit, ward: Ward) -> tuple[Reply, ...]:
        """The answer to a message over the per-minute limit: when to go on, said once a window.

        A window is one person's refusals until ``over.limit.until``; the first is answered and
        logged, the rest get no reply at all, on every channel and from every process
        (`bot.db.quota.first_refusal`): repeated, the same refusal flooded a messenger's chat. The
        web chat's client still gets each message back to send later (`bot.handlers.webchat.render`).
        When the refusal cannot be recorded it is said anyway: twice is better than never.
        """
        now = datetime.now(UTC)
        try:
            first = quota.first_refusal(self.store.engine, key, over.limit, now)
        except StoreError:
            log.warning("could not record a refusal by the per-minute limit; said again", exc_info=True)
            first = True
        if not first:
            return ()
        _log_refusal(key, over)
        return (messages_full(over.limit, now, ward),)

    def _counted(self, incoming: Incoming, answer: Callable[[], tuple[Reply, ...]]) -> tuple[Reply, ...]:
        """`_unread`, refused like a message when its person is over the per-minute limit."""
        ward = self.engine.lib.ward
        try:
            self._refuse_early(incoming.key)
            return self._unread(incoming, answer)
        except _OverLimit as over:
            return self._refusal(incoming.key, over, ward)

    def _unread(self, incoming: Incoming, answer: Callable[[], tuple[Reply, ...]]) -> tuple[Reply, ...]:
        """``answer``'s replies to an event the bot does not read, counted as a message; () for a redelivery.

        A sticker, an image, an edit, a call in a group or a text too long to read costs a reply (on most
        platforms an API call) like a message, so it counts against the per-minute limit, under the
        person's lock (raising `_OverLimit`). It is logged by its kind alone (`bot.db.journal.UNREAD_LINES`),
        with the replies, which its inbox row keeps until they are sent (`bot.db.inbox.answered`), in the
        transaction that marks the event seen. The conversation's state is not changed.
        """
        key, event_id = incoming.key, incoming.event_id
        replies = answer()
        with writing(self.store.engine, "the conversation log") as connection:
            now = datetime.now(UTC)
            if event_id is not None and not reach.first_sighting(
                connection, key.channel, event_id, now, settle_inbox=False
            ):
                return ()
            if self.per_minute:  # over the limit, the raise rolls back the sighting too, as a turn's
                serialize(connection, quota.person_lock(key))
                self._within_limit(connection, key)
            if event_id is not None:
                inbox.answered(connection, key.channel, event_id, replies)
            journal.record(connection, incoming, replies, now)
        return replies

    def event(self, incoming: Incoming) -> tuple[Reply, ...]:
        """The replies to any channel event (blocking); () for a redelivery and for a block."""
        now = datetime.now(UTC)
        match incoming.kind:
            case "message":
                return self.handle(incoming)
            case "follow":  # greeted in the turn: kept with the menu in the event's inbox row until sent
                # The opening, not a press of 「メニュー」: no line of the person shows (`bot.db.journal`).
                lib = self.engine.lib
                ward = lib.ward
                missed = reach.missed_while_blocked(self.store.engine, incoming.key)  # read before the turn
                lead = (greeting(ward, lib.sources),) + ((not_delivered(ward, missed),) if missed else ())
                return self.handle(replace(incoming, kind="message", action=START_ACTION), lead)
            case "unfollow":
                if reach.seen_once(self.store.engine, incoming.key.channel, incoming.event_id, now):
                    dropped = reach.block(self.store.engine, incoming.key, now)
                    log.info("%s blocked the bot; %d waiting message(s) dropped", incoming.key, dropped)
                return ()
            case "edited":  # never read: the state stays as it is
                return self._counted(incoming, lambda: (EDITED,))
            case "group" if self.team is not None and self.team.is_room(incoming):
                return self.team.handle(incoming)
            case "group":
                replies = self._counted(incoming, lambda: (GROUP_ONLY,))
                if replies == (GROUP_ONLY,):
                    _log_room(incoming)
                return replies
            case "unsupported":
                # Unread, a sticker changes nothing: in the form, its question is asked again as it stands.
                engine = self.engine
                return self._counted(incoming, lambda: engine.unreadable(self.store.load(incoming.key)))

    def push(
        self,
        key: ConversationKey,
        replies: Sequence[Reply],
        due: datetime | None = None,
        parts_shown: int = 0,
    ) -> None:
        """Queue ``replies`` for the person of ``key`` (blocking; not sent before ``due``).

        The channel's sender delivers them; the first without the ``parts_shown`` parts the platform
        showed already (`bot.db.outbox.PARTS_SHOWN`).
        """
        for index, reply in enumerate(replies):
            self.store.push(key, reply, due, 0 if index else parts_shown)

    def _step(
        self,
        engine: Engine,
        incoming: Incoming,
        lead: tuple[Reply, ...],
        state: State,
        connection: sa.Connection,
    ) -> Turn:
        """One turn in the store's transaction: the message limit, then ``lead`` and the engine's replies."""
        if self.per_minute:
            serialize(connection, quota.person_lock(incoming.key))
            self._within_limit(connection, incoming.key)
        turn = engine.step(incoming, state, self.desk(connection, incoming.key, incoming.address))
        return Turn((*lead, *turn.replies), turn.state) if lead else turn

    async def reply(self, incoming: Incoming) -> tuple[Reply, ...]:
        """`handle` on a turn thread (`TURN_THREADS`): the search and the database stay off the event loop.

        Raises `Busy`, and the turn never runs, when no thread took it within ``turn_wait`` seconds.
        The wait for a thread and the turn's waits for the database share that one deadline
        (`bot.db.deadline`; sooner if the caller set one): a turn that starts late waits less.
        """
        if self.turn_wait is None:
            return await asyncio.wrap_future(self._turns.submit(self.handle, incoming))
        with deadline.within(self.turn_wait) as at:
            turn = self._turns.submit(contextvars.copy_context().run, self.handle, incoming)
        waiting = asyncio.wrap_future(turn)  # cancelled with its caller, it cancels the turn if still queued
        try:
            await asyncio.wait((waiting,), timeout=max(0.0, at - time.monotonic()))
        except asyncio.CancelledError:
            turn.cancel()
            raise
        if turn.cancel():  # still queued: a turn already running is left to finish
            log.info("a web chat turn found no free turn thread in %g s: busy", self.turn_wait)
            raise Busy(math.ceil(self.turn_wait))
        return await waiting

    def queue(self, incoming: Incoming) -> asyncio.Future[tuple[Reply, ...]]:
        """`event` queued now for a turn thread (`TURN_THREADS`): what a channel's webhook events go through.

        Turns start in the order they were queued.
        """
        return asyncio.get_running_loop().run_in_executor(self._turns, self.event, incoming)

    def close(self) -> None:
        """Let the turns running finish and stop the turn threads (the server, at shutdown)."""
        self._turns.shutdown(wait=True)


def _log_refusal(key: ConversationKey, over: _OverLimit) -> None:
    """Log a window of refusals by the per-minute limit, naming the conversation as every line does.

    A user id is personal data (a name, under single sign-on): the log names the conversation by its key's
    digest (`ConversationKey`) and its newest logged line's id, which finds it (docs/operations.md).
    """
    newest = f" (newest logged line {over.line})" if over.line is not None else ""
    log.info(
        "%s%s sent more than %d messages in a minute; its messages are refused until %s (logged once)",
        key,
        newest,
        over.limit.allowed,
        over.limit.until.isoformat(timespec="seconds"),
    )


def _log_room(incoming: Incoming) -> None:
    """Name a group the bot was called in (not the team's room) with the ids the room's settings take.

    Some platforms show a group's id nowhere in their apps (LINE), so the log is where the DX team's
    administrator finds it (docs/team-room.md); what was said is never logged.
    """
    channel, room = incoming.key.channel, incoming.room
    if incoming.text is None:
        log.info(
            "the bot was added to the %s group %s; to make it the DX team's room: KAIZEN_TEAM_ROOM=%s:%s",
            channel,
            room,
            channel,
            room,
        )
        return
    log.info(
        "%s:%s called the bot in the %s group %s, which is not the DX team's room, and was told the bot "
        "works one-to-one; to make it the room: KAIZEN_TEAM_ROOM=%s:%s, and this member: "
        "KAIZEN_TEAM_MEMBERS=%s:%s=<dashboard account>",
        channel,
        incoming.key.user_id,
        channel,
        room,
        channel,
        room,
        channel,
        incoming.key.user_id,
    )
