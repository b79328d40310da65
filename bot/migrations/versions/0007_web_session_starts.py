"""Web chat sessions started per client address: a budget, so that dropping the cookie sheds no limit.

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create ``web_session_starts``."""
    op.create_table(
        "web_session_starts",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_session_starts_client", "web_session_starts", ["client", "at"])


def downgrade() -> None:
    """Drop ``web_session_starts``."""
    op.drop_table("web_session_starts")
