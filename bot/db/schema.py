"""The tables, as the code queries them. Alembic migrations (bot/migrations) create and change them.

Keep this file and the newest migration in step: a test compares them.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["conversations", "metadata", "outbox"]

metadata = sa.MetaData()

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""SQLite only auto-increments an INTEGER primary key."""

conversations = sa.Table(
    "conversations",
    metadata,
    sa.Column("channel", sa.String(32), primary_key=True),
    sa.Column("user_id", sa.String(255), primary_key=True),
    sa.Column("conversation_id", sa.String(255), primary_key=True),
    sa.Column("state", sa.JSON(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
"""One row per conversation: the engine's state between two messages."""

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("user_id", sa.String(255), nullable=False),
    sa.Column("conversation_id", sa.String(255), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_outbox_recipient", "channel", "user_id", "id"),
)
"""Messages sent later than the reply (the DX team's answers), oldest first by id."""
