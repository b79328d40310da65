"""Mask the surnames before someone spoken to (田中に聞いた) that earlier versions stored (no schema change).

A surname followed by someone spoken to or heard from (田中に聞いた, 鈴木から連絡,
山本と相談, 佐藤が言っていた) was not recognised before this version
(`bot.privacy.names`); the same pass as migrations 0006 and 0014–0016
(`bot.db.scrub`) masks it wherever a person's text is stored. The inbox,
whose rows live for seconds, is left as it is. Masking cannot be undone, so
the downgrade changes nothing.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the surnames recognised by who was spoken to."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
