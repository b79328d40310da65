"""Mask e-mail addresses with the @ spelled out, licence and Japan Post Bank numbers, and floors.

An e-mail address whose @ is written あっと or in brackets (taro(アットマーク)example.jp), a licence's
number after 免許証の番号, a Japan Post Bank account written in one piece after ゆうちょ
(ゆうちょ銀行 10120-12345671), and the floor after a building's name in an address (銀座ビル3F, 本町ビル5階)
were not recognised before this version (`bot.privacy`). The same pass as migrations 0006 and 0014–0026
(`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for seconds,
is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0027"
down_revision: str | None = "0026"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
