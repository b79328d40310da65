"""Secrets drawn once for the installation and kept with its data: the log's conversation key.

`installation_secrets` holds one value per name (`bot.db.installation`). The
first process to open the database after this migration draws the secret
that keys the conversation names in the log (`bot.logkey`) and stores it;
every later process, and every restart, reads the same one, so no setting
is needed. A backup carries it; a new database draws a new one.

Revision ID: 0050
Revises: 0049
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0050"
down_revision: str | None = "0049"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create ``installation_secrets``."""
    op.create_table(
        "installation_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    """Drop ``installation_secrets`` (the log's keys change: the next start draws a new secret)."""
    op.drop_table("installation_secrets")
