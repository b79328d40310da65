"""Mask the names in Latin letters that earlier versions stored (no schema change).

Names in Latin letters before an honorific (Nguyen Van An様) were not
recognised before this version (`bot.privacy.names`); the same pass as
migrations 0006 and 0014 (`bot.db.scrub`) masks them wherever a person's
text is stored. The inbox, whose rows live for seconds, is left as it is.
Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, names in Latin letters now included."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
