"""Web chat sessions: the identity the server issues to a browser.

Revision ID: 0003
Revises: 0004 (relinked after main gained 0004; the id stays the one this branch was given)
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

_When = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create ``web_sessions``."""
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("created_at", _When, nullable=False),
        sa.Column("expires_at", _When, nullable=False),
    )
    op.create_index("ix_web_sessions_expires", "web_sessions", ["expires_at"])


def downgrade() -> None:
    """Drop ``web_sessions``."""
    op.drop_table("web_sessions")
