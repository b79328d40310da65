"""Login throttling instead of a lock; an index to count what one person sent lately.

``admin_users`` loses ``failed_logins`` and ``locked_until``: anyone could
lock a user out by failing five times. Failures now go to
``login_failures``, per account name, client address and device, and only
slow further attempts down (`bot.consult.throttle`). ``ix_messages_sender``
serves the per-person message limit.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_When = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create ``login_failures``, drop the lock columns, index messages by sender and time."""
    op.create_table(
        "login_failures",
        sa.Column("id", _Id, primary_key=True, autoincrement=True),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("device", sa.String(32), nullable=True),
        sa.Column("at", _When, nullable=False),
    )
    op.create_index("ix_login_failures_account", "login_failures", ["account", "at"])
    op.create_index("ix_login_failures_address", "login_failures", ["address", "at"])
    op.create_index("ix_login_failures_device", "login_failures", ["device", "at"])
    with op.batch_alter_table("admin_users") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
    op.create_index("ix_messages_sender", "messages", ["channel", "user_id", "created_at"])


def downgrade() -> None:
    """Back to the lock columns (every account unlocked) and no failure log."""
    op.drop_index("ix_messages_sender", table_name="messages")
    with op.batch_alter_table("admin_users") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", _When, nullable=True))
    op.drop_table("login_failures")
