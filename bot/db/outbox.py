"""The outbox: messages sent later than the reply, and their delivery state.

Whatever is sent after the fact (the DX team's answer to a staff member, a
notification to the team) is first written here, in the same transaction as
the change that causes it, so a crash can delay a message but never lose it.

A message is ``pending`` until a worker (`bot.delivery.worker`) has handed
it to its channel's sender (for the web chat, whose page fetches its
messages, that only marks it handed over), and ``dropped`` when the
recipient has blocked the bot (`bot.db.reach.block`) or the sender found
them unreachable for good:

- `claim` picks the oldest due message (whose conversation has no earlier
  one pending: each person's messages go out in order) and moves its
  ``next_attempt_at`` a lease ahead, so no other worker takes it meanwhile (``FOR UPDATE SKIP
  LOCKED`` on PostgreSQL; ``BEGIN IMMEDIATE`` serialises claims on SQLite).
  A worker that dies mid-delivery leaves the message to be claimed again
  when the lease runs out.
- `mark_sent` after the platform accepted it; a sent message is never
  claimed again. `retry_later` after a failure, with the caller's backoff;
  `drop` when it can never be delivered. `record_parts_shown` while a message sent as several platform
  messages is under way: each part accepted is counted at once, so a worker stopped midway loses no count.
- `receipts` reads what became of messages (a `Receipt` each): the
  dashboard shows whether the team's answer reached the staff member.

A worker in the same process need not wait for its next look: `when_committed`
calls it back once a transaction that wrote a message has committed.

Staff messages hold a reply's record (`bot.values.Reply.to_record`); team
notices hold their own small dict (``title``, ``text``, ``url``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bot.db import reach
from bot.db.engine import aware, reading
from bot.db.keys import of_conversation
from bot.db.schema import outbox
from bot.values import ConversationKey

__all__ = [
    "PARTS_SHOWN",
    "Delivery",
    "Receipt",
    "claim",
    "drop",
    "enqueue",
    "mark_sent",
    "parts_shown",
    "pending_counts",
    "receipts",
    "record_parts_shown",
    "retry_later",
    "waiting",
    "when_committed",
    "with_parts_shown",
]

MAX_ERROR_CHARS = 500
_WRITTEN = "kaizen.outbox.written"
"""Set in a pooled connection's ``info`` by `enqueue`, until its transaction ends."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """A claimed message: where it goes, what it says, and which attempt this is (1 for the first).

    ``address`` is the delivery address kept with the recipient's
    conversation (None for team notices, and where none was kept);
    ``reply_to`` the address the message answers (the event that opened
    its consultation), which a channel that threads replies (Slack) posts
    under instead; None when the message answers nothing in particular.
    ``created_at`` is when the message was written: with ``id`` it names the
    message beyond this database (`name`).
    """

    id: int
    key: ConversationKey
    payload: dict[str, Any]
    attempts: int
    address: str | None = None
    reply_to: str | None = None
    created_at: datetime | None = None

    @property
    def parts_shown(self) -> int:
        """How many of the parts the message is sent as the platform has shown already (`PARTS_SHOWN`)."""
        return parts_shown(self.payload)

    @property
    def name(self) -> str:
        """The message's name for the platforms' duplicate checks (idempotency keys, Message-ID).

        The id alone would name another message in a database restored from a
        backup, or a second one, which number their messages from the same ids
        again, and a platform would drop it as a repeat: so the time it was
        written is part of the name. The same for every attempt at one message.
        """
        written = f"-{self.created_at:%Y%m%d%H%M%S%f}" if self.created_at is not None else ""
        return f"kaizen-outbox-{self.id}{written}"


PARTS_SHOWN = "parts_shown"
"""The key, in an outbox message's payload, of how many of its parts the platform has shown already.

A channel sends one reply as several platform messages where it must (Teams: a card, then its carousel;
Telegram and LINE WORKS: a long text in pieces). When the platform accepted some of them and refused the
next, the answer's push (`bot.handlers.channel.PartlyAnswered`) or the next attempt
(`bot.delivery.worker.PartlySent`) sends only the rest, so no piece shows twice. Absent: none shown.
"""


def with_parts_shown(payload: Mapping[str, Any], shown: int) -> dict[str, Any]:
    """``payload`` saying that its first ``shown`` parts were shown (unchanged when ``shown`` is 0)."""
    return {**payload, PARTS_SHOWN: shown} if shown else dict(payload)


def parts_shown(payload: Mapping[str, Any]) -> int:
    """How many of the parts of the message ``payload`` were shown (0 for anything but a count)."""
    shown = payload.get(PARTS_SHOWN, 0)
    return shown if isinstance(shown, int) and not isinstance(shown, bool) and shown > 0 else 0


def enqueue(
    connection: sa.Connection,
    key: ConversationKey,
    payload: Mapping[str, Any],
    now: datetime,
    *,
    reply_to: str | None = None,
    due: datetime | None = None,
) -> int:
    """Write a message for ``key`` inside the caller's transaction; return its id.

    ``reply_to`` is the address the message answers (`Delivery.reply_to`);
    ``due`` when its first attempt may be made, if later than ``now`` (the
    platform asked for a pause). A message to someone who blocked the bot, or
    whose web chat session has ended, is written ``dropped``
    (`reach.unreachable`): kept for the record, never sent.
    """
    why = reach.unreachable(connection, key)
    dropped = why is not None
    connection.info[_WRITTEN] = not dropped
    result = connection.execute(
        outbox.insert().values(
            channel=key.channel,
            user_id=key.user_id,
            conversation_id=key.conversation_id,
            payload=dict(payload),
            created_at=now,
            status="dropped" if dropped else "pending",
            attempts=0,
            next_attempt_at=None if dropped else max(now, due or now),
            last_error=why,
            address=reply_to,
        )
    )
    inserted = result.inserted_primary_key
    if inserted is None:
        raise sa.exc.InvalidRequestError("the database returned no id for the queued message")
    return int(inserted[0])


@dataclass(frozen=True, slots=True)
class Receipt:
    """What became of one message so far, as the outbox records it.

    ``status`` is ``pending``, ``sent`` or ``dropped``; ``attempts`` the
    attempts made (0 before the first); ``error`` the last failure while
    pending, or why it was dropped (`reach.BLOCKED` when the recipient
    blocked the bot or can no longer be reached, `websessions.ENDED` when
    their web chat session ended).
    """

    status: str
    attempts: int
    sent_at: datetime | None
    error: str | None

    @property
    def blocked(self) -> bool:
        """Dropped because the recipient blocked the bot or can no longer be reached (`reach.block`)."""
        return self.status == "dropped" and self.error == reach.BLOCKED

    @property
    def ended(self) -> bool:
        """Dropped because the recipient's web chat session ended or expired (`reach.unreachable`)."""
        return self.status == "dropped" and self.error == reach.ENDED


def receipts(connection: sa.Connection, ids: Collection[int]) -> dict[int, Receipt]:
    """The receipts of the messages ``ids`` still kept (the purge deletes old sent and dropped ones)."""
    if not ids:
        return {}
    query = sa.select(
        outbox.c.id, outbox.c.status, outbox.c.attempts, outbox.c.sent_at, outbox.c.last_error
    ).where(outbox.c.id.in_(sorted(ids)))
    return {
        row.id: Receipt(row.status, row.attempts, aware(row.sent_at) if row.sent_at else None, row.last_error)
        for row in connection.execute(query).all()
    }


def claim(engine: sa.Engine, channels: Collection[str], now: datetime, lease: timedelta) -> Delivery | None:
    """Take the oldest due message for one of ``channels`` for ``lease``; None when none is due.

    A message waits while an earlier one of its conversation is pending
    (due later, or being sent): a person's messages go out in the order
    they were written, one at a time, even when one has to wait for a retry.
    """
    if not channels:
        return None
    earlier = outbox.alias("earlier")
    query = (
        sa.select(outbox)
        .where(
            outbox.c.status == "pending",
            outbox.c.channel.in_(sorted(channels)),
            outbox.c.next_attempt_at <= now,
            ~sa.exists().where(
                earlier.c.channel == outbox.c.channel,
                earlier.c.user_id == outbox.c.user_id,
                earlier.c.conversation_id == outbox.c.conversation_id,
                earlier.c.id < outbox.c.id,
                earlier.c.status == "pending",
            ),
        )
        .order_by(outbox.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    with engine.begin() as connection:
        row = connection.execute(query).first()
        if row is None:
            return None
        attempts = row.attempts + 1
        connection.execute(
            outbox.update()
            .where(outbox.c.id == row.id)
            .values(attempts=attempts, next_attempt_at=now + lease)
        )
        key = ConversationKey(row.channel, row.user_id, row.conversation_id)
        address = reach.address_of(connection, key)
    return Delivery(row.id, key, row.payload, attempts, address, row.address, row.created_at)


def waiting(engine: sa.Engine, key: ConversationKey) -> bool:
    """Whether a message for ``key`` waits in the outbox: an answer sent now would overtake it."""
    query = sa.select(outbox.c.id).where(of_conversation(outbox, key), outbox.c.status == "pending")
    with reading(engine, "the outbox") as connection:
        return connection.execute(query.limit(1)).first() is not None


def mark_sent(engine: sa.Engine, delivery: Delivery, now: datetime) -> None:
    """Record that the platform accepted ``delivery``: it is never claimed again."""
    _update_pending(engine, delivery, status="sent", sent_at=now, last_error=None)


def retry_later(
    engine: sa.Engine, delivery: Delivery, at: datetime, error: str, parts_shown: int | None = None
) -> None:
    """Record a failed attempt; the message is due again at ``at``.

    ``parts_shown``: how many of its parts the platform has shown by now, when it showed some
    (`PARTS_SHOWN`): the next attempt sends only the rest.
    """
    values: dict[str, Any] = {"next_attempt_at": at, "last_error": error[:MAX_ERROR_CHARS]}
    if parts_shown is not None:
        values["payload"] = with_parts_shown(delivery.payload, parts_shown)
    _update_pending(engine, delivery, **values)


def record_parts_shown(engine: sa.Engine, delivery: Delivery, parts_shown: int) -> None:
    """Record, while ``delivery`` is being sent, that the platform has shown its first ``parts_shown`` parts.

    Written as each part is accepted, so that a worker stopped or killed in the middle of a long push
    leaves the count behind: whoever claims the message after the lease sends only the rest.
    """
    _update_pending(engine, delivery, payload=with_parts_shown(delivery.payload, parts_shown))


def drop(engine: sa.Engine, delivery: Delivery, reason: str) -> None:
    """Record that ``delivery`` can never be delivered: it is never claimed again."""
    _update_pending(engine, delivery, status="dropped", last_error=reason[:MAX_ERROR_CHARS])


def _update_pending(engine: sa.Engine, delivery: Delivery, **values: Any) -> None:
    """Set ``values`` in ``delivery``'s row while it is pending, in a transaction of its own.

    A message dropped meanwhile (its recipient blocked the bot) or sent by another worker once the lease
    ran out keeps the state it ended in.
    """
    with engine.begin() as connection:
        connection.execute(
            outbox.update().where(outbox.c.id == delivery.id, outbox.c.status == "pending").values(**values)
        )


def pending_counts(engine: sa.Engine) -> dict[str, int]:
    """How many messages wait for delivery, per channel."""
    query = (
        sa.select(outbox.c.channel, sa.func.count())
        .where(outbox.c.status == "pending")
        .group_by(outbox.c.channel)
    )
    with reading(engine, "the outbox") as connection:
        return {channel: int(count) for channel, count in connection.execute(query).all()}


def when_committed(engine: sa.Engine, callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback`` (in the writing thread) after a transaction on ``engine`` that wrote a message.

    The call comes when the connection goes back to the pool, after its
    commit: a worker woken earlier could look before the message is visible.
    A rolled-back transaction calls nothing. Returns a function that stops the calls.
    """

    def rolled_back(connection: sa.Connection) -> None:
        connection.info.pop(_WRITTEN, None)

    def returned(_dbapi_connection: object, record: Any) -> None:
        if record.info.pop(_WRITTEN, False):
            callback()

    sa.event.listen(engine, "rollback", rolled_back)
    sa.event.listen(engine, "checkin", returned)

    def stop() -> None:
        sa.event.remove(engine, "rollback", rolled_back)
        sa.event.remove(engine, "checkin", returned)

    return stop
