"""The inbox knows each event's conversation, so two turn workers keep a person's messages in order.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``inbox.conversation`` (a hash of the conversation; nullable: rows written before have none)."""
    with op.batch_alter_table("inbox") as table:
        table.add_column(sa.Column("conversation", sa.String(32), nullable=True))
    op.create_index("ix_inbox_conversation", "inbox", ["conversation"])


def downgrade() -> None:
    """Drop ``inbox.conversation`` (the events still waiting are then taken in any order across workers)."""
    op.drop_index("ix_inbox_conversation", table_name="inbox")
    with op.batch_alter_table("inbox") as table:
        table.drop_column("conversation")
