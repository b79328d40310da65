"""Web chat sessions are found by their user too: a message to an anonymous user asks whether one lives.

A message written to an anonymous web chat user is dropped when no session of theirs is left
(`bot.db.reach.unreachable`), a question asked at every such message: without this index it read
the whole table.

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0039"
down_revision: str | None = "0038"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Index ``web_sessions.user_id``."""
    op.create_index("ix_web_sessions_user", "web_sessions", ["user_id"])


def downgrade() -> None:
    """Drop the index (the question then reads the whole table again)."""
    op.drop_index("ix_web_sessions_user", table_name="web_sessions")
