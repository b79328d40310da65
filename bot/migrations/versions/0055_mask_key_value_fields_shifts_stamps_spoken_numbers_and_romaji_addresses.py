"""Mask key=value fields, shifts, stamps' boxes, numbers spoken or corrected, and romaji addresses.

Not recognised before this version (`bot.privacy`): the thirty-eighth names round's writings (a name after
a key and = or an English label and a colon: assignee=岩城; who typed a record in after 入力： in 〔〕;
shifts joined by 〜 after when each starts; the kanji in a stamp's box after whose stamp it is; a surname
before an assembly member's or a neighbourhood association's title: 村井 県議; foreign residents' katakana
names before a country in parentheses or on a line beside one; a katakana surname quoted before です;
hiragana full names no dictionary holds) and the other kinds' twenty-sixth round's (a phone's group of four
digits read aloud between typed groups; 点 for an e-mail address's dot; a block broken after a dash at a
line's end; chome, ban and go in romaji, and a room and a building before an English-order address; a
birth date's parts spaced after an era's letter; a number cut short and said again whole after いや or
いえ; 被保番, 介保番号 and ひほけんしゃ番号; a plate with ・ before its four digits; a bicycle's
registration after its prefecture; a passport's two letters and a dash). The same pass as migrations 0006,
0014–0038, 0040–0045, 0047, 0048 and 0051–0054 (`bot.db.scrub`) masks them wherever a person's text is
stored, the answers kept after a login expired included. The inbox, whose rows live for seconds, is left
as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0055
Revises: 0054
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0055"
down_revision: str | None = "0054"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
