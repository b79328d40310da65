"""How much one person has sent lately, counted in the database so that every process agrees.

A person is a channel's user id (the same staff member on two channels is
two people to us). Messages are counted from the conversation log (what
was accepted: a message refused for the limit is not logged; an event
answered unread, a sticker, is logged by its kind), over the last 60
seconds; consultations over the current day in Japan. Callers run
these inside the transaction that then writes, after `serialize`-ing on
`person_lock`, so two processes cannot both let the last one through.

A person over the message limit is told so once a window (`first_refusal`),
recorded in the database too, so that no process tells them again.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from bot.db.engine import aware, writing
from bot.db.reach import first_sighting
from bot.db.schema import consultations, messages
from bot.dialogue import ConversationKey, Limit
from bot.localtime import JST, local_date

__all__ = ["MESSAGE_WINDOW", "consultation_limit", "first_refusal", "message_limit", "person_lock"]

MESSAGE_WINDOW = timedelta(seconds=60)


def person_lock(key: ConversationKey) -> str:
    """The name of the lock that orders one person's counted writes."""
    return f"kaizen-person:{key.channel}:{key.user_id}"


def message_limit(
    connection: sa.Connection, key: ConversationKey, allowed: int, now: datetime
) -> Limit | None:
    """The limit if ``key``'s person has sent ``allowed`` messages in the last minute; else None.

    ``until`` is when the oldest of the last ``allowed`` messages leaves the window.
    """
    if allowed <= 0:
        return None
    query = (
        sa.select(messages.c.created_at)
        .where(
            messages.c.channel == key.channel,
            messages.c.user_id == key.user_id,
            messages.c.created_at > now - MESSAGE_WINDOW,
            messages.c.role.in_(("user", "button")),
        )
        .order_by(messages.c.created_at.desc())
        .limit(allowed)
    )
    recent = connection.execute(query).scalars().all()
    if len(recent) < allowed:
        return None
    return Limit(allowed, aware(recent[-1]) + MESSAGE_WINDOW)


def first_refusal(engine: sa.Engine, key: ConversationKey, limit: Limit, now: datetime) -> bool:
    """Record that ``key``'s person was refused by the message ``limit``; False if they were already.

    One window of refusals has one ``limit.until`` (a refused message is not logged, so the oldest
    counted one stays the oldest until it leaves the window). The record is a seen event of the
    channel (`bot.db.reach.first_sighting`), purged with them, whose id is a digest naming nobody.
    """
    window = hashlib.sha256(f"{key.user_id}\n{limit.until.isoformat()}".encode()).hexdigest()
    with writing(engine, "the refusals") as connection:
        return first_sighting(connection, key.channel, f"refusal:{window}", now, settle_inbox=False)


def consultation_limit(
    connection: sa.Connection, key: ConversationKey, allowed: int, now: datetime
) -> Limit | None:
    """The limit if ``key``'s person has opened ``allowed`` consultations today (Japan time); else None."""
    if allowed <= 0:
        return None
    midnight = datetime.combine(local_date(now), time(), JST)
    query = sa.select(sa.func.count()).where(
        consultations.c.channel == key.channel,
        consultations.c.user_id == key.user_id,
        consultations.c.created_at >= midnight.astimezone(UTC),  # SQLite compares the stored UTC text
    )
    if int(connection.execute(query).scalar_one()) < allowed:
        return None
    return Limit(allowed, midnight + timedelta(days=1))
