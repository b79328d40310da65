"""Mask lending logs, seats, URL parameters, addresses over CSV columns, buildings written first and more.

Not recognised before this version (`bot.privacy`): the fortieth names round's writings (a surname after an
extension's number; who borrowed or returned a key or a car in a lending log; who sits by a seat's side;
bulleted people under a line saying they follow; a one-kanji surname before から回答) and the other kinds'
twenty-eighth round's (a URL's parameter named for personal data; an address split over CSV columns or under
番地, 丁目・番地・号 and 市外局番・市内局番・番号 columns; an address written from the building down; 基年,
介保番, 保番 and 年金No as labels; birth dates read aloud with spaces or in katakana; a number sent in two
chat lines stamped without brackets; an e-mail's domain after （続き）; a phone's group read aloud between
dashes; plates read aloud in hiragana). The same pass as migrations 0006, 0014–0038, 0040–0045, 0047, 0048
and 0051–0056 (`bot.db.scrub`) masks them wherever a person's text is stored, the answers kept after a login
expired included. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0057
Revises: 0056
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0057"
down_revision: str | None = "0056"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
