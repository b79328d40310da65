"""The durable inbox: every webhook event acknowledged, kept until its turn is stored.

A platform never redelivers an event it got a 200 for, so the event is
written here before the 200 (`write`, one short transaction for whatever
requests arrived meanwhile), as its masked record (`Incoming.to_record`:
personal information masked; the reply token beside it). Its row goes:

- with the event's turn, in the turn's own transaction, where its id is
  recorded as seen (`bot.db.reach.first_sighting` calls `settle`): a
  stored turn and its inbox row commit or roll back together. A
  conversation turn with replies keeps them in the row instead
  (`answered`), until the dispatcher has answered the event (the
  ``discards`` of `write`) or queued them in the outbox (`deliver`, in one
  transaction with the row's deletion); a process that dies meanwhile
  leaves them to be pushed, so a stored turn's answer is not lost either;
- or, for a turn that stores nothing (a redelivery, an engine failure
  answered with the apology, a message over the limit, a command of the
  team's room that failed), when the dispatcher has answered it.

Each row is held by one process (``owner``) until ``claimed_until``: the
process that acknowledged it, or that replays it. A live process renews
what it still holds and replays what it holds no more (its turn failed on
the database); once a lease has run out (the process died, or stopped
with events left), any process claims the row and replays it (`claim`,
``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the one writer on SQLite), so
two processes never replay the same row. A process claims a person's event
only when every earlier event of that conversation still here is its own
or claimed with it, so that two turn workers never answer one person's
quick messages out of order. A server that leaves its turns to
a turn worker (``KAIZEN_WEBHOOK_TURNS=worker``) writes its events with no
owner (`UNTAKEN`) and due at once: the worker claims them as they come,
as first takes, not replays, with their reply tokens (kept in the row,
deleted with it, never logged). A redelivery that arrives while
the event is still here, or after its turn was stored, is dropped at
`write`. After `MAX_ATTEMPTS` replays an event is given up (`abandon`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.engine import reading, writing
from bot.db.outbox import enqueue, with_parts_shown
from bot.db.schema import inbox, seen_events
from bot.values import ConversationKey, Incoming, Reply

__all__ = [
    "MAX_ATTEMPTS",
    "UNTAKEN",
    "Stored",
    "abandon",
    "answered",
    "claim",
    "deliver",
    "due",
    "pending",
    "release",
    "settle",
    "write",
]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
"""Replays of one event before it is given up: an event whose turn kills the process, or fails on the
database every time, must not come back for ever."""

UNTAKEN = ""
"""The owner of an event no process has taken yet: written so by a server whose turns a worker takes."""

_IN_CHUNK = 500
"""Ids per statement when a process renews the leases of what it still holds, or looks up events seen."""


@dataclass(frozen=True, slots=True)
class Stored:
    """An event read back from the inbox: its row, the event (masked, with its reply token), its replays.

    ``replies`` are its turn's, when the turn was stored and its answer not sent yet; None otherwise.
    ``fresh``: no process had taken it before (a turn worker's first take), so it is no replay.
    """

    id: int
    incoming: Incoming
    attempts: int
    replies: tuple[Reply, ...] | None = None
    fresh: bool = False


def write(
    engine: sa.Engine,
    puts: Sequence[tuple[str, Sequence[Incoming]]],
    discards: Collection[int],
    now: datetime,
    owner: str,
    lease: timedelta,
) -> list[list[int | None]]:
    """Store the events of ``puts`` (channel, events) and delete the rows ``discards``, in one transaction.

    Returns, for each put, each event's row id, held by ``owner`` for
    ``lease`` (`UNTAKEN`: due at once, for a turn worker); None for an event
    dropped as a redelivery (already here, or its turn already stored).
    `bot.errors.StoreError` when the database fails.
    """
    until = now if owner == UNTAKEN else now + lease
    # Masked before the write lock is taken: masking takes its time, and the lock is the database's one.
    rows = [_row(channel, event, owner, until) for channel, events in puts for event in events]
    with writing(engine, "the inbox") as connection:
        if discards:
            connection.execute(inbox.delete().where(inbox.c.id.in_(sorted(discards))))
        ids = iter(_insert(connection, rows))
    return [[next(ids) for _ in events] for _, events in puts]


def _row(channel: str, incoming: Incoming, owner: str, until: datetime) -> dict[str, object]:
    return {
        "channel": channel,
        "event_id": incoming.event_id,
        "event": incoming.to_record(),
        "received_at": incoming.received_at,
        "owner": owner,
        "claimed_until": until,
        "attempts": 0,
        "reply_token": incoming.reply_token,
        "conversation": conversation_of(incoming.key),
    }


def conversation_of(key: ConversationKey) -> str:
    """The ``conversation`` column of ``key``'s events: a hash (fixed length; the ids stay in the event)."""
    return hashlib.blake2b(f"{key.user_id}\0{key.conversation_id}".encode(), digest_size=16).hexdigest()


def _insert(connection: sa.Connection, rows: Sequence[dict[str, object]]) -> list[int | None]:
    """Insert ``rows`` in a few statements; each one's id, None for a redelivery (or a repeat among them)."""
    ids: list[int | None] = [None] * len(rows)
    first: dict[tuple[str, str], int] = {}
    loose = []
    for n, row in enumerate(rows):
        if row["event_id"] is None:
            loose.append(n)
        else:
            first.setdefault((str(row["channel"]), str(row["event_id"])), n)
    seen = _seen(connection, first)
    fresh = [n for key, n in first.items() if key not in seen]
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    if fresh:
        statement = (
            insert(inbox)
            .on_conflict_do_nothing(index_elements=["channel", "event_id"])  # already waiting here
            .returning(inbox.c.id, inbox.c.channel, inbox.c.event_id)
        )
        for stored in connection.execute(statement, [rows[n] for n in fresh]):
            ids[first[(stored.channel, stored.event_id)]] = int(stored.id)
    for n in loose:
        ids[n] = int(connection.execute(insert(inbox).values(rows[n]).returning(inbox.c.id)).scalar_one())
    return ids


def _seen(connection: sa.Connection, keys: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of ``keys`` (channel, event id) were handled already (`seen_events`)."""
    by_channel: dict[str, list[str]] = {}
    for channel, event_id in keys:
        by_channel.setdefault(channel, []).append(event_id)
    found: set[tuple[str, str]] = set()
    for channel, event_ids in by_channel.items():
        for start in range(0, len(event_ids), _IN_CHUNK):
            query = sa.select(seen_events.c.event_id).where(
                seen_events.c.channel == channel,
                seen_events.c.event_id.in_(event_ids[start : start + _IN_CHUNK]),
            )
            found.update((channel, event_id) for event_id in connection.execute(query).scalars())
    return found


def settle(connection: sa.Connection, channel: str, event_id: str) -> None:
    """Delete the event's row inside the caller's transaction (its turn's): it is handled."""
    connection.execute(inbox.delete().where(inbox.c.channel == channel, inbox.c.event_id == event_id))


def answered(connection: sa.Connection, channel: str, event_id: str, replies: Sequence[Reply]) -> None:
    """Inside the turn's transaction: keep the turn's ``replies`` in the event's row until they are sent.

    No replies: the row goes (`settle`). The dispatcher discards the row once
    the replies are out (or `deliver` queues them); a process that dies before
    that leaves them for `claim`, and they are pushed, not taken again.
    """
    if not replies:
        settle(connection, channel, event_id)
        return
    connection.execute(
        inbox.update()
        .where(inbox.c.channel == channel, inbox.c.event_id == event_id)
        .values(replies=[reply.to_record() for reply in replies])
    )


def deliver(
    engine: sa.Engine,
    row: int,
    key: ConversationKey,
    replies: Sequence[Reply],
    now: datetime,
    due: datetime | None = None,
    parts_shown: int = 0,
) -> None:
    """Queue ``replies`` for the person of ``key`` and delete the row ``row``, in one transaction.

    ``due``: not sent before then (the platform asked for a pause); ``parts_shown``: how many parts of
    the first reply the platform showed already (`bot.db.outbox.PARTS_SHOWN`).
    """
    with writing(engine, "the inbox") as connection:
        for index, reply in enumerate(replies):
            payload = with_parts_shown(reply.to_record(), 0 if index else parts_shown)
            enqueue(connection, key, payload, now, due=due)
        connection.execute(inbox.delete().where(inbox.c.id == row))


def claim(
    engine: sa.Engine,
    channels: Collection[str],
    owner: str,
    held: Collection[int],
    now: datetime,
    lease: timedelta,
    limit: int = 100,
) -> list[Stored]:
    """Renew the leases of the rows ``owner`` still ``held``; claim up to ``limit`` rows to replay.

    Claimed are the rows of ``channels`` whose lease ran out (`UNTAKEN`
    rows at once), and the rows of ``owner`` it holds no more whose lease
    is half over (their turn failed; a live process renews what it holds
    before then), except a row whose conversation has an earlier row held
    by another process, or not claimed with it: a person's events are taken
    in the order they came, even by two turn workers. Each claim but an
    untaken row's first counts an attempt. A row that cannot be read back
    is deleted, logged.
    """
    if not channels:
        return []
    until, soon = now + lease, now + lease / 2
    mine = sorted(held)
    query = (
        sa.select(inbox)
        .where(
            inbox.c.channel.in_(sorted(channels)),
            sa.or_(
                inbox.c.claimed_until < now, sa.and_(inbox.c.owner == owner, inbox.c.claimed_until < soon)
            ),
        )
        .order_by(inbox.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with writing(engine, "the inbox") as connection:
        for start in range(0, len(mine), _IN_CHUNK):
            chunk = mine[start : start + _IN_CHUNK]
            connection.execute(
                inbox.update()
                .where(inbox.c.id.in_(chunk), inbox.c.owner == owner, inbox.c.claimed_until < soon)
                .values(claimed_until=until)
            )
        claimed: list[Stored] = []
        broken: list[int] = []
        candidates = connection.execute(query).all()
        waiting = _behind_others(connection, candidates, owner)
        for row in candidates:
            if row.id in waiting:
                continue
            try:
                replies = None if row.replies is None else tuple(Reply.from_record(r) for r in row.replies)
                incoming = replace(Incoming.from_record(row.event), reply_token=row.reply_token)
                fresh = row.owner == UNTAKEN
                claimed.append(Stored(row.id, incoming, row.attempts + (not fresh), replies, fresh))
            except (ValueError, TypeError):
                log.exception("inbox row %d of %s cannot be read: deleted", row.id, row.channel)
                broken.append(row.id)
        if broken:
            connection.execute(inbox.delete().where(inbox.c.id.in_(broken)))
        if claimed:
            connection.execute(
                inbox.update()
                .where(inbox.c.id.in_([stored.id for stored in claimed]))
                .values(
                    owner=owner,
                    claimed_until=until,
                    attempts=inbox.c.attempts + sa.case((inbox.c.owner == UNTAKEN, 0), else_=1),
                )
            )
    return claimed


def _behind_others(connection: sa.Connection, candidates: Sequence[sa.Row[Any]], owner: str) -> set[int]:
    """The ``candidates`` that must wait: an earlier row of their conversation is another's, not claimed now.

    Read as committed: a row another process is claiming at this moment
    (skipped by ``SKIP LOCKED``) is still seen here, and holds its successors back.
    """
    ids = [row.id for row in candidates]
    keys = sorted({row.conversation for row in candidates if row.conversation is not None})
    first: dict[tuple[str, str], int] = {}
    for start in range(0, len(keys), _IN_CHUNK):
        query = (
            sa.select(inbox.c.channel, inbox.c.conversation, sa.func.min(inbox.c.id))
            .where(
                inbox.c.conversation.in_(keys[start : start + _IN_CHUNK]),
                inbox.c.owner != owner,
                inbox.c.id.not_in(ids),
            )
            .group_by(inbox.c.channel, inbox.c.conversation)
        )
        first.update({(channel, key): int(earliest) for channel, key, earliest in connection.execute(query)})
    return {
        row.id
        for row in candidates
        if row.conversation is not None and first.get((row.channel, row.conversation), row.id) < row.id
    }


def due(engine: sa.Engine, channels: Collection[str], now: datetime, owner: str) -> bool:
    """Whether a row of ``channels`` waits that ``owner`` may claim (a read: a turn worker polls it often).

    Not a row held back behind an earlier one of its conversation that another process holds (`claim`).
    """
    if not channels:
        return False
    earlier = inbox.alias("earlier")
    held_back = (
        sa.select(earlier.c.id)
        .where(
            earlier.c.conversation == inbox.c.conversation,
            earlier.c.channel == inbox.c.channel,
            earlier.c.id < inbox.c.id,
            earlier.c.owner != owner,
        )
        .exists()
    )
    query = (
        sa.select(inbox.c.id)
        .where(inbox.c.channel.in_(sorted(channels)), inbox.c.claimed_until < now, ~held_back)
        .limit(1)
    )
    with reading(engine, "the inbox") as connection:
        return connection.execute(query).first() is not None


def abandon(engine: sa.Engine, stored: Stored, apology: Reply | None, now: datetime) -> None:
    """Give ``stored`` up: delete its row and, in the same transaction, queue ``apology`` to its sender."""
    with writing(engine, "the inbox") as connection:
        if apology is not None:
            enqueue(connection, stored.incoming.key, apology.to_record(), now)
        connection.execute(inbox.delete().where(inbox.c.id == stored.id))


def release(engine: sa.Engine, owner: str, now: datetime) -> int:
    """End every lease of ``owner`` (a stopping server): the next process replays its rows at once."""
    with writing(engine, "the inbox") as connection:
        result = connection.execute(inbox.update().where(inbox.c.owner == owner).values(claimed_until=now))
        return int(result.rowcount)


def pending(engine: sa.Engine) -> int:
    """How many events wait in the inbox."""
    return sum(pending_counts(engine).values())


def pending_counts(engine: sa.Engine) -> dict[str, int]:
    """How many events wait in the inbox, per channel."""
    query = sa.select(inbox.c.channel, sa.func.count()).group_by(inbox.c.channel)
    with reading(engine, "the inbox") as connection:
        return {str(channel): int(count) for channel, count in connection.execute(query).all()}
