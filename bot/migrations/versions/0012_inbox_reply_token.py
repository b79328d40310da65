"""The inbox keeps an event's reply token, so the process that takes the turn can still reply for free.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``inbox.reply_token`` (nullable: most channels have none, and it expires within a minute)."""
    with op.batch_alter_table("inbox") as table:
        table.add_column(sa.Column("reply_token", sa.String(255), nullable=True))


def downgrade() -> None:
    """Drop ``inbox.reply_token`` (the events still waiting are then answered by push)."""
    with op.batch_alter_table("inbox") as table:
        table.drop_column("reply_token")
