"""Mask names in variant kanji, more cues around names, and more writings of numbers and addresses.

Surnames registered with a variant kanji the dictionary lacks (髙橋, 山﨑, 𠮷田), a kanji word it lacks
before an honorific (杁中さん), two surnames listed with ・ (井上・木下で対応), a surname before が来庁,
も賛成 or は反対, or before who they are in parentheses (鈴木（港区在住）, 田中（45歳）), and one in
parentheses after a family member or a position (父（山田）), and a surname or a full name in hiragana
before a cue (やまもとにきいた, さとうからでんわ) were not recognised before this version
(`bot.privacy.names`); nor were phone numbers spoken with の (090の1234の5678) or joined by _,
e-mail addresses with spaced dots or 。 or a local part in kana, a bare block with a room
(中央1-2-3-405号室) or Sapporo's grid written short (北1西2), nor a ward's numbers for a resident
(宛名番号, 世帯番号, 利用者番号, ケース番号), a health insurance card's 記号 and 番号, 年金手帳の番号 or
運転免許 第…号 (`bot.privacy.labelled`). The same pass as migrations 0006 and
0014–0020 (`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live
for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0021"
down_revision: str | None = "0020"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
