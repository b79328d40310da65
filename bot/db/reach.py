"""Reaching people on their channels: events already seen, who blocked the bot, pushes counted.

- `first_sighting` records a platform's event id inside the caller's
  transaction (the turn's), and says whether it is new: a redelivered event
  finds its id and does nothing. The event leaves the durable inbox
  (`bot.db.inbox`) in the same transaction.
- `block` records that a person blocked or removed the bot: every message
  waiting for them is dropped, and `blocked` makes new ones dropped at once
  (`bot.db.outbox.enqueue`), so pushes stop instead of failing for ever.
  Their next event (following again) clears it (`ConversationStore.exchange`);
  before it does, `missed_while_blocked` counts what was dropped meanwhile, for the greeting to say.
- `unreachable` says why a message written now could never reach its
  person: they blocked the bot, or they were an anonymous web chat user
  whose session has ended or expired (`bot.db.websessions.ENDED`).
- `pushes_in_month` counts the messages a channel pushed in a calendar
  month in Japan (LINE counts pushes against the account's monthly allowance).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.db import inbox
from bot.db.engine import reading, writing
from bot.db.keys import of_conversation
from bot.db.schema import conversations, outbox, seen_events, web_sessions
from bot.db.websessions import ANONYMOUS_PREFIX, ENDED
from bot.db.websessions import CHANNEL as WEB_CHANNEL
from bot.localtime import local
from bot.values import ConversationKey, Reply

__all__ = [
    "BLOCKED",
    "ENDED",
    "address_of",
    "block",
    "blocked",
    "first_sighting",
    "month_start",
    "pushes_in_month",
    "seen_once",
    "unreachable",
    "was_seen",
]

BLOCKED = "blocked by the recipient"
"""Why a message to someone who blocked the bot, or can no longer be reached, was dropped (`block`)."""


def first_sighting(
    connection: sa.Connection, channel: str, event_id: str, now: datetime, *, settle_inbox: bool = True
) -> bool:
    """Record ``event_id`` of ``channel``; False when it was recorded before (a redelivery).

    The event's row in the durable inbox goes in the same transaction (`bot.db.inbox.settle`): the
    event is handled when this commits. A caller that keeps the turn's replies in the row instead
    (`bot.db.inbox.answered`) says ``settle_inbox=False``.
    """
    if settle_inbox:
        inbox.settle(connection, channel, event_id)
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(seen_events)
        .values(channel=channel, event_id=event_id, seen_at=now)
        .on_conflict_do_nothing(index_elements=["channel", "event_id"])
        .returning(seen_events.c.event_id)  # psycopg reports no rowcount for ON CONFLICT
    )
    return connection.execute(statement).first() is not None


def seen_once(
    engine: sa.Engine, channel: str, event_id: str | None, now: datetime, replies: Sequence[Reply] = ()
) -> bool:
    """`first_sighting` in its own transaction; an event without an id is always new.

    The event's ``replies`` are kept in its inbox row (`bot.db.inbox.answered`)
    in the same transaction, as a conversation turn's are: a process that dies
    before sending them leaves them to be pushed, instead of an event seen and
    never answered.
    """
    if event_id is None:
        return True
    with writing(engine, "the seen events") as connection:
        if not first_sighting(connection, channel, event_id, now, settle_inbox=False):
            return False
        inbox.answered(connection, channel, event_id, replies)
        return True


def was_seen(engine: sa.Engine, channel: str, event_id: str) -> bool:
    """Whether ``event_id`` of ``channel`` was handled (and not yet purged with its age)."""
    query = sa.select(seen_events.c.event_id).where(
        seen_events.c.channel == channel, seen_events.c.event_id == event_id
    )
    with reading(engine, "the events handled") as connection:
        return connection.execute(query).first() is not None


def block(engine: sa.Engine, key: ConversationKey, now: datetime) -> int:
    """The person of ``key`` blocked the bot: mark their conversations, drop what waits; return how many."""
    person = sa.and_(conversations.c.channel == key.channel, conversations.c.user_id == key.user_id)
    waiting = sa.and_(
        outbox.c.channel == key.channel, outbox.c.user_id == key.user_id, outbox.c.status == "pending"
    )
    with writing(engine, "the conversation") as connection:
        connection.execute(conversations.update().where(person).values(blocked_at=now))
        dropped = connection.execute(
            outbox.update().where(waiting).values(status="dropped", last_error=BLOCKED)
        )
        return int(dropped.rowcount)


def blocked(connection: sa.Connection, channel: str, user_id: str) -> bool:
    """Whether the person has blocked the bot on ``channel``."""
    query = sa.select(sa.func.count()).where(
        conversations.c.channel == channel,
        conversations.c.user_id == user_id,
        conversations.c.blocked_at.is_not(None),
    )
    return bool(connection.execute(query).scalar())


def missed_while_blocked(engine: sa.Engine, key: ConversationKey) -> int:
    """How many messages to the person of ``key`` were dropped as they had blocked the bot (0 if not now).

    Counted only while they are still marked blocked (their return, before its turn clears the mark), and only
    the messages written after their last turn before the block: those dropped at an earlier block were told
    at that return. A message already waiting before that last turn and dropped by the block is not counted.
    """
    person = sa.and_(conversations.c.channel == key.channel, conversations.c.user_id == key.user_id)
    last_turn = (
        sa.select(sa.func.max(conversations.c.updated_at))
        .where(person, conversations.c.blocked_at.is_not(None))
        .scalar_subquery()
    )
    query = sa.select(sa.func.count()).where(
        outbox.c.channel == key.channel,
        outbox.c.user_id == key.user_id,
        outbox.c.status == "dropped",
        outbox.c.last_error == BLOCKED,
        outbox.c.created_at > last_turn,
    )
    with reading(engine, "the messages not delivered") as connection:
        return int(connection.execute(query).scalar() or 0)


def unreachable(connection: sa.Connection, key: ConversationKey) -> str | None:
    """Why a message to the person of ``key`` can never reach them (`BLOCKED`, `ENDED`); None if it can.

    An anonymous user exists only while their session does: once it is ended
    or expired and purged, nobody can ever read what is written to them.
    """
    if blocked(connection, key.channel, key.user_id):
        return BLOCKED
    if key.channel == WEB_CHANNEL and key.user_id.startswith(ANONYMOUS_PREFIX):
        live = sa.select(web_sessions.c.id).where(web_sessions.c.user_id == key.user_id).limit(1)
        if connection.execute(live).first() is None:
            return ENDED
    return None


def address_of(connection: sa.Connection, key: ConversationKey) -> str | None:
    """The delivery address kept with the conversation of ``key`` (None when none was kept)."""
    query = sa.select(conversations.c.address).where(of_conversation(conversations, key))
    found = connection.execute(query).scalar()
    return None if found is None else str(found)


def month_start(now: datetime) -> datetime:
    """The first moment of ``now``'s calendar month in Japan (the account's billing month), in UTC."""
    moment = local(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return moment.astimezone(UTC)


def pushes_in_month(engine: sa.Engine, channel: str, now: datetime) -> int:
    """Messages ``channel`` pushed (delivered from the outbox) in ``now``'s calendar month in Japan."""
    start = month_start(now)
    end = month_start(start + timedelta(days=32))
    query = sa.select(sa.func.count()).where(
        outbox.c.channel == channel,
        outbox.c.status == "sent",
        outbox.c.sent_at >= start,
        outbox.c.sent_at < end,
    )
    with reading(engine, "the outbox") as connection:
        return int(connection.execute(query).scalar() or 0)
