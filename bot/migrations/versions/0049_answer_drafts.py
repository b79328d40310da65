"""An answer sent after its writer's login expired is kept for them, masked, until they come back.

`answer_drafts` holds one text per dashboard user and consultation
(`bot.consult.answerdrafts`): what the form refused for want of a live
session, masked as an answer is stored, given back in that user's answer
box. The purge drops old ones by ``saved_at``.

Revision ID: 0049
Revises: 0048
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0049"
down_revision: str | None = "0048"
branch_labels: str | None = None
depends_on: str | None = None

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create ``answer_drafts``."""
    op.create_table(
        "answer_drafts",
        sa.Column(
            "consultation_id",
            _Id,
            sa.ForeignKey("consultations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_id", _Id, sa.ForeignKey("admin_users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_answer_drafts_saved", "answer_drafts", ["saved_at"])


def downgrade() -> None:
    """Drop ``answer_drafts`` (the answers kept there are lost; their writers paste them again)."""
    op.drop_index("ix_answer_drafts_saved", table_name="answer_drafts")
    op.drop_table("answer_drafts")
