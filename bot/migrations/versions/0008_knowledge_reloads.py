"""Knowledge reloads: the audit trail, and how one process tells the others to reload.

Revision ID: 0008
Revises: 0007 (relinked after main gained 0007)
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_When = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create ``knowledge_reloads``."""
    op.create_table(
        "knowledge_reloads",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("instance", sa.String(255), nullable=False),
        sa.Column("requested_at", _When, nullable=False),
        sa.Column("finished_at", _When, nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    """Drop ``knowledge_reloads``."""
    op.drop_table("knowledge_reloads")
