"""Messenger channels: seen events, where to reach a person later, and who blocked the bot.

- ``seen_events``: the platform's id of every event a turn was taken for,
  written in the turn's transaction, so a redelivery does nothing.
- ``conversations.address``: the channel's delivery address of the person
  (the LINE user id, the Teams conversation reference), for pushes later.
- ``conversations.blocked_at``: set when the person blocked or removed the
  bot; messages to them are dropped instead of retried for ever.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_When = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create ``seen_events``; add ``address`` and ``blocked_at`` to ``conversations``."""
    op.create_table(
        "seen_events",
        sa.Column("channel", sa.String(32), primary_key=True),
        sa.Column("event_id", sa.String(255), primary_key=True),
        sa.Column("seen_at", _When, nullable=False),
    )
    op.create_index("ix_seen_events_seen", "seen_events", ["seen_at"])
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("address", sa.Text(), nullable=True))
        batch.add_column(sa.Column("blocked_at", _When, nullable=True))


def downgrade() -> None:
    """Drop what `upgrade` added."""
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("blocked_at")
        batch.drop_column("address")
    op.drop_index("ix_seen_events_seen", table_name="seen_events")
    op.drop_table("seen_events")
