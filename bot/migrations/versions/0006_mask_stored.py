"""Mask personal information that earlier versions stored unmasked (no schema change).

The conversation state kept every question and the buttons' tokens as
typed, and consultations were masked by a narrower masker; see
`bot.db.scrub`. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
