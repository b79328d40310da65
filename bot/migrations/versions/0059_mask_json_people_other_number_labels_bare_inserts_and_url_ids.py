"""Mask JSON exports' people, accounts after 普通 No., bare INSERTs' My Numbers, ids in URLs and more.

Not recognised before this version (`bot.privacy`): the forty-third names round's writings (a JSON
export's quoted value under a key for a person, "kana": "キリタニ ユウ"; a surname the dictionary reads as a
word after a label in Latin letters; 邊 and 邉 alone, and found again as 辺) and the other kinds'
thirty-first round's (an account after 普通 No.; a card's name and 番号 on lines of their own; a Western year
of birth read aloud in hiragana; ごう read as 5 after a digit; an SQL INSERT without a column list holding a
quoted My Number; a person's id in a URL, applicant_id=…; an e-mail address with one of its domain's dots
typed as a comma). The same pass as migrations 0006, 0014–0038, 0040–0045, 0047, 0048 and 0051–0058
(`bot.db.scrub`) masks them
wherever a person's text is stored, the answers kept after a login expired included. The inbox, whose rows
live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing; a reception
number an earlier version masked as a My Number (受付番号 2026-1207-0042) stays masked.

Revision ID: 0059
Revises: 0058
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0059"
down_revision: str | None = "0058"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
