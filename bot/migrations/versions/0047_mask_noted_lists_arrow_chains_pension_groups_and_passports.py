"""Mask listed people with notes, arrow chains, pension numbers split by の, passports and residence cards.

Not recognised before this version (`bot.privacy`): the thirtieth names round's writings (a list after a
colon whose items each carry a note in parentheses, one of them a name found, 大滝（出張）、ホアン（年休）;
a household word with a note as a list item's or a numbered slot's shared ending, つるた 家（独居）,
① 大河内 家; a spaced particle between an item's label and its person, 8時 から 小野田、10時 から ラーマン;
the one item of an arrow chain not yet found when all the others are names, 今井 → 矢部 → ナイト) and the
other kinds' nineteenth round's (a pension number's groups dictated with の; an insurance card's 記号・番号
after a bracketed label and 被保険者記号番号 with its 枝番; a residence card's number between dashes; a
passport's letter and grouped digits; an e-mail address broken by a mail client at a line's end; a birth
date's other year in brackets; an era's last year beside an age; YouTube, @ after a network's name and
LINEID as accounts; a plate after 車（ or 車両の番号; a ゆうちょ number given after the account, typed or read
aloud). The same pass as migrations 0006, 0014–0038 and 0040–0045 (`bot.db.scrub`) masks them wherever a
person's text is stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone,
so the downgrade changes nothing.

Revision ID: 0047
Revises: 0046
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0047"
down_revision: str | None = "0046"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
