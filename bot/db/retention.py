"""Retention: conversation logs are purged once they are older than the retention period.

What goes: the conversation log (`messages`), conversation states untouched
for the period (a conversation then starts afresh), delivered outbox
messages, expired dashboard sessions, and login failures too old to slow
anyone down. What stays: consultations, their
audit trail (the record of the DX team's work, personal information masked)
and FAQ drafts. Run by ``python -m bot purge`` and once a day by the
delivery worker.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.db.engine import writing
from bot.db.schema import admin_sessions, conversations, login_failures, messages, outbox

LOGIN_FAILURES_KEPT = timedelta(days=1)
"""Longer than the throttle's window (15 minutes), so purging never changes a delay."""

__all__ = ["purge"]


def purge(engine: sa.Engine, days: int, now: datetime) -> dict[str, int]:
    """Delete what is older than ``days`` days at ``now``; return how many rows, per table."""
    cutoff = now - timedelta(days=days)
    deletes = {
        "messages": messages.delete().where(messages.c.created_at < cutoff),
        "conversations": conversations.delete().where(conversations.c.updated_at < cutoff),
        "outbox": outbox.delete().where(outbox.c.status == "sent", outbox.c.created_at < cutoff),
        "admin_sessions": admin_sessions.delete().where(admin_sessions.c.expires_at < now),
        "login_failures": login_failures.delete().where(login_failures.c.at < now - LOGIN_FAILURES_KEPT),
    }
    with writing(engine, "the conversation logs") as connection:
        return {table: connection.execute(delete).rowcount for table, delete in deletes.items()}
