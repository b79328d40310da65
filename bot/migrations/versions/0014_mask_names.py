"""Mask the personal names that earlier versions stored (no schema change).

Names were not recognised before this version (`bot.privacy.names`); the
same pass as migration 0006 (`bot.db.scrub`) masks them wherever a person's
text is stored. The inbox, whose rows live for seconds, is left as it is.
Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, names now included."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
