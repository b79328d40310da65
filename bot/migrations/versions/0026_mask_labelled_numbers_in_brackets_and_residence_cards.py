"""Mask labelled numbers in brackets, residence cards, compact birth dates, and numbers spaced out.

What a label announces in brackets (被保険者番号（0001284736）, 生年月日を「昭和38年5月22日」), a form's
field before it (誕生日欄に1990.7.14), a birth date as eight digits (生年月日：19630522) or with the Western
year beside the era's, a residence card's number labelled or not (AB12345678CD), a Japan Post Bank
account's 記号 and 番号, labels in half-width katakana (住民票ｺｰﾄﾞ), a My Number copied one digit at a
time (6 0 2 9 …), an address whose block numbers have spaces around their dashes (中野 2 - 3 - 4), a
postal code in a form's boxes (郵便番号欄が…「530 0047」), and an e-mail address broken after its @ were
not recognised before this version (`bot.privacy`). The same pass as migrations 0006 and 0014–0025
(`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for seconds,
is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0026"
down_revision: str | None = "0025"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
