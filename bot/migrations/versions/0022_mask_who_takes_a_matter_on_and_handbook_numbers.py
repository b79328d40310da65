"""Mask who takes a matter on, homes the dictionary splits, and disability handbooks' numbers.

A surname before が担当です, が対応いたします or で対応します (one the dictionary reads as a name, or as a
place there and as a name before さん alone) or before が来た, は会議中, は戻り次第, がやります, にお任せ
or が作成しました, a home the dictionary splits wrongly (原田宅 read as 原 + 田宅), a given name in
hiragana before a cue (たろうにきいた), and the number of a disability handbook after its grade
(身体障害者手帳 1級 第12345号, 療育手帳(A) 第123号) were not recognised before this version
(`bot.privacy.names`, `bot.privacy.labelled`). The same pass as migrations 0006 and 0014–0021
(`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for seconds,
is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0022"
down_revision: str | None = "0021"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
