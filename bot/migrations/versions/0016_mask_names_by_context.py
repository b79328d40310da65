"""Mask the names that earlier versions stored without recognising them (no schema change).

A surname alone followed by 〜って人 or 〜という方, a surname the dictionary
reads as another proper noun in its sentence (申請者は山崎くん), a full name
it holds as one word (小林太郎) or splits after の (前 + 田花子), a name in
Latin letters after a salutation (Dear Nguyen様), and a reading in hiragana
in a form's field (ふりがな：やまだ たろう) were not recognised before this
version (`bot.privacy.names`); the same pass as migrations 0006, 0014
and 0015 (`bot.db.scrub`) masks them wherever a person's text is stored. The
inbox, whose rows live for seconds, is left as it is. Masking cannot be
undone, so the downgrade changes nothing.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the names recognised by what is around them."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
