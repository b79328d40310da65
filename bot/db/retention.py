"""Retention: conversation logs are purged once they are older than the retention period.

What goes: the conversation log (`messages`), conversation states untouched
for the period (a conversation then starts afresh), delivered and dropped
outbox messages, expired web chat sessions, dashboard sessions a day after
they expired (`EXPIRED_SESSION_KEPT`), answers kept for a DX member whose
login expired once they are a week old (`ANSWER_DRAFTS_KEPT`), login
failures too old to slow anyone down, and the ids of webhook events older
than a week (`SEEN_EVENTS_KEPT`). What stays: consultations, their
audit trail (the record of the DX team's work, personal information masked)
and FAQ drafts. Run by ``python -m bot purge`` and once a day by the
delivery worker.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.db.engine import writing
from bot.db.schema import (
    admin_sessions,
    answer_drafts,
    conversations,
    login_failures,
    messages,
    outbox,
    seen_events,
    web_session_starts,
    web_sessions,
)
from bot.db.websessions import START_WINDOW

__all__ = [
    "ANSWER_DRAFTS_KEPT",
    "BATCH",
    "EXPIRED_SESSION_KEPT",
    "MAX_EVENT_AGE",
    "SEEN_EVENTS_KEPT",
    "purge",
    "purge_and_log",
]

log = logging.getLogger(__name__)

LOGIN_FAILURES_KEPT = timedelta(days=1)
"""Longer than the throttle's window (15 minutes), so purging never changes a delay."""

EXPIRED_SESSION_KEPT = timedelta(days=1)
"""How long an expired dashboard session (its row, and its cookie in the browser) outlives its expiry: a
form sent with it meanwhile is refused, but its answer is kept for its writer (`bot.consult.answerdrafts`)."""

ANSWER_DRAFTS_KEPT = timedelta(days=7)
"""How long an answer kept for a DX member whose login expired waits for them (`bot.consult.answerdrafts`)."""

SEEN_EVENTS_KEPT = timedelta(days=7)
"""Platforms redeliver within hours (LINE, Telegram within a day): a week of event ids is plenty."""

MAX_EVENT_AGE = SEEN_EVENTS_KEPT - timedelta(days=1)
"""The oldest event a channel answers, by the time the platform stamped it in the signed body (LINE's
``timestamp``, LINE WORKS' ``issuedTime``). An older one could be a replay of a body captured once whose
id is forgotten already; the day's margin covers the clocks."""

BATCH = 1000
"""Rows deleted per transaction. A year of logs can be a million rows: in batches, SQLite's one writer
is free between them, so conversations carry on during a purge, and on PostgreSQL no statement comes
near the statement timeout. A purge cut short is simply finished by the next one."""


def purge(engine: sa.Engine, days: int, now: datetime, *, batch: int = BATCH) -> dict[str, int]:
    """Delete what is older than ``days`` days at ``now``; return how many rows, per table."""
    cutoff = now - timedelta(days=days)
    c = conversations.c
    return {
        "messages": _delete(engine, messages, messages.c.created_at < cutoff, (messages.c.id,), batch),
        "conversations": _delete(
            engine, conversations, c.updated_at < cutoff, (c.channel, c.user_id, c.conversation_id), batch
        ),
        "outbox": _delete(
            engine,
            outbox,
            sa.and_(outbox.c.status != "pending", outbox.c.created_at < cutoff),
            (outbox.c.id,),
            batch,
        ),
        "admin_sessions": _delete(
            engine,
            admin_sessions,
            admin_sessions.c.expires_at < now - EXPIRED_SESSION_KEPT,
            (admin_sessions.c.id,),
            batch,
        ),
        "answer_drafts": _delete(
            engine,
            answer_drafts,
            answer_drafts.c.saved_at < now - ANSWER_DRAFTS_KEPT,
            (answer_drafts.c.consultation_id, answer_drafts.c.user_id),
            batch,
        ),
        "web_sessions": _delete(
            engine, web_sessions, web_sessions.c.expires_at < now, (web_sessions.c.id,), batch
        ),
        "web_session_starts": _delete(
            engine,
            web_session_starts,
            web_session_starts.c.at < now - START_WINDOW,
            (web_session_starts.c.id,),
            batch,
        ),
        "login_failures": _delete(
            engine,
            login_failures,
            login_failures.c.at < now - LOGIN_FAILURES_KEPT,
            (login_failures.c.id,),
            batch,
        ),
        "seen_events": _delete(
            engine,
            seen_events,
            seen_events.c.seen_at < now - SEEN_EVENTS_KEPT,
            (seen_events.c.channel, seen_events.c.event_id),
            batch,
        ),
    }


def purge_and_log(engine: sa.Engine, days: int, now: datetime) -> dict[str, int]:
    """`purge`, and one log line of what went: the worker's daily run, so that operators see it work."""
    counts = purge(engine, days, now)
    deleted = ", ".join(f"{table} {count}" for table, count in counts.items() if count) or "nothing"
    log.info(
        "retention purge (conversation logs older than %d days, expired records): deleted %s", days, deleted
    )
    return counts


def _delete(
    engine: sa.Engine,
    table: sa.Table,
    condition: sa.ColumnElement[bool],
    key: Sequence[sa.Column[object]],
    batch: int,
) -> int:
    """Delete the rows matching ``condition``, ``batch`` rows (by primary ``key``) a transaction."""
    chosen = sa.select(*key).where(condition).limit(batch)
    which = key[0].in_(chosen) if len(key) == 1 else sa.tuple_(*key).in_(chosen)
    total = 0
    while True:
        with writing(engine, f"the {table.name} to purge") as connection:
            deleted = connection.execute(table.delete().where(which)).rowcount
        total += deleted
        if deleted < batch:
            return total
