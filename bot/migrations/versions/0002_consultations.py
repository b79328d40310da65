"""Consultations, their audit trail and tags; the conversation log; dashboard users; FAQ drafts.

The outbox gains a delivery status, so that a worker can retry what a
platform did not accept. Existing outbox rows were fetched by the web chat
itself and count as sent.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_When = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Add the delivery columns to ``outbox`` and create the new tables."""
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("status", sa.String(16), nullable=False, server_default="sent"))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("next_attempt_at", _When, nullable=True))
        batch.add_column(sa.Column("sent_at", _When, nullable=True))
        batch.add_column(sa.Column("last_error", sa.Text(), nullable=True))
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])

    op.create_table(
        "messages",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("created_at", _When, nullable=False),
    )
    op.create_index("ix_messages_conversation", "messages", ["channel", "user_id", "conversation_id", "id"])
    op.create_index("ix_messages_created", "messages", ["created_at"])

    op.create_table(
        "consultations",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("section", sa.String(100), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("wanted_by", sa.String(100), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assignee", sa.String(64), nullable=True),
        sa.Column("masked", sa.JSON(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("log_until", sa.BigInteger(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", _When, nullable=False),
        sa.Column("updated_at", _When, nullable=False),
        sa.Column("waiting_since", _When, nullable=True),
        sa.Column("reminded_at", _When, nullable=True),
    )
    op.create_index("ix_consultations_status", "consultations", ["status", "created_at"])
    op.create_index("ix_consultations_user", "consultations", ["channel", "user_id", "id"])

    op.create_table(
        "consultation_tags",
        sa.Column(
            "consultation_id",
            _Id,
            sa.ForeignKey("consultations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tag", sa.String(32), primary_key=True),
    )
    op.create_index("ix_consultation_tags_tag", "consultation_tags", ["tag"])

    op.create_table(
        "consultation_events",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column(
            "consultation_id", _Id, sa.ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", _When, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=True),
    )
    op.create_index("ix_consultation_events_consultation", "consultation_events", ["consultation_id", "id"])

    op.create_table(
        "admin_users",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("is_editor", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", _When, nullable=True),
        sa.Column("created_at", _When, nullable=False),
    )
    op.create_table(
        "admin_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", _Id, sa.ForeignKey("admin_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", _When, nullable=False),
        sa.Column("expires_at", _When, nullable=False),
    )
    op.create_index("ix_admin_sessions_expires", "admin_sessions", ["expires_at"])

    op.create_table(
        "faq_drafts",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column(
            "consultation_id", _Id, sa.ForeignKey("consultations.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("entry_id", sa.String(48), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("phrasings", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", _When, nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", _When, nullable=False),
        sa.Column("reviewed_by", sa.String(64), nullable=True),
        sa.Column("reviewed_at", _When, nullable=True),
    )


def downgrade() -> None:
    """Drop the new tables and the outbox's delivery columns."""
    for table in (
        "faq_drafts",
        "admin_sessions",
        "admin_users",
        "consultation_events",
        "consultation_tags",
        "consultations",
        "messages",
    ):
        op.drop_table(table)
    op.drop_index("ix_outbox_due", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        for column in ("last_error", "sent_at", "next_attempt_at", "attempts", "status"):
            batch.drop_column(column)
