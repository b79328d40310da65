"""Reply threads: the address a consultation was opened from, and the one a queued message goes to.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``consultations.address`` and ``outbox.address`` (both nullable: older rows have none)."""
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("address", sa.Text(), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("address", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop both columns: answers go to the conversation's latest address again."""
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("address")
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("address")
