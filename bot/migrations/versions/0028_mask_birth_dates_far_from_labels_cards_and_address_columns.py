"""Mask birth dates far from their label, ID numbers with more around them, and address columns.

A whole date of an era before 平成 (昭和58年11月22日, S45.3.2), a date in a message that mentions a birth
elsewhere (a table under 生年月日, DOB), a Japan Post Bank or health insurance card's 記号 a few words
after the card (保険証、記号 世B-07 番号 1192), an account's number on the line after its type, a card's
number after 番号 in brackets (在留カード（番号 XY 1122 3344 ZW）), a licence's twelve digits in a message
about a licence, and the cells of a pasted table's column under 住所 were not recognised before this
version (`bot.privacy`). The same pass as migrations 0006 and 0014–0027 (`bot.db.scrub`) masks them
wherever a person's text is stored. The inbox, whose rows live for seconds, is left as it is. Masking
cannot be undone, so the downgrade changes nothing.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0028"
down_revision: str | None = "0027"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
