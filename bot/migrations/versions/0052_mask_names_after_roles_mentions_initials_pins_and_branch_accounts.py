"""Mask names after a role, @mentions and initials, PINs, 年生 birth years and branch-account pairs.

Not recognised before this version (`bot.privacy`): the thirty-third names round's writings (a katakana or
Latin name after a role or a section: 通訳 は アンナ, 財政課 Kobayashi, 名前 は Priya; two capitalised words
mentioned with @: @Rahul Gupta; a surname after an initial: K. Fujita) and the other kinds' twenty-second
round's (four digits after 暗証番号, セキュリティコード or PIN; an era's year before 年生: 令和元年生; 記号
and 番号 of a 資格確認書 or a 資格情報のお知らせ; digits after 店番-口座 or 支店番号-口座番号; a handbook's
number after 番号、第; addresses in 長崎, once read as 区長). The same pass as migrations 0006, 0014–0038,
0040–0045, 0047, 0048 and 0051 (`bot.db.scrub`) masks them wherever a person's text is stored, the answers
kept after a login expired included. The inbox, whose rows live for seconds, is left as it is. Masking cannot
be undone, so the downgrade changes nothing.

Revision ID: 0052
Revises: 0051
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0052"
down_revision: str | None = "0051"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
