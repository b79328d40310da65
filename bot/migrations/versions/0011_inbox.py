"""The durable inbox: webhook events acknowledged and not yet taken.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_When = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create ``inbox``, unique on (channel, event_id), indexed on ``claimed_until``."""
    op.create_table(
        "inbox",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("event_id", sa.String(255), nullable=True),
        sa.Column("event", sa.JSON(), nullable=False),
        sa.Column("received_at", _When, nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("claimed_until", _When, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("replies", sa.JSON(), nullable=True),
        sa.UniqueConstraint("channel", "event_id", name="uq_inbox_event"),
    )
    op.create_index("ix_inbox_claimed", "inbox", ["claimed_until"])


def downgrade() -> None:
    """Drop ``inbox`` (events still in it are lost: drain the server first)."""
    op.drop_index("ix_inbox_claimed", table_name="inbox")
    op.drop_table("inbox")
