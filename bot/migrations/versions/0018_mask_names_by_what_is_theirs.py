"""Mask the surnames before something of theirs (田中の件) that earlier versions stored (no schema change).

A surname followed by something of theirs (田中の件, 佐藤の申請書, 鈴木の住所,
高橋の家族) was not recognised before this version (`bot.privacy.names`);
the same pass as migrations 0006 and 0014–0017 (`bot.db.scrub`) masks it
wherever a person's text is stored. The inbox, whose rows live for seconds,
is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the surnames recognised by what of theirs follows."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
