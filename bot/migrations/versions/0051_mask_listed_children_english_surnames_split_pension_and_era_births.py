"""Mask children listed with their ages, surnames in English sentences, numbers broken across lines and more.

Not recognised before this version (`bot.privacy`): the thirty-second names round's writings (a child's given
name in kana or Latin letters opening a list item before an age or a school year in parentheses:
はると（1年）, Emma（7歳）; a romaji surname beside lower-case English words: "ask Kimura if") and the other
kinds' twenty-first round's (an era's letter and year before 生: S12生; a basic pension number or a residence
card's number broken across a line; a ゆうちょ 記号 read aloud in hiragana; postal= and postal_code: as
labels; a whole date in a CSV row with a cell for the person's sex; block numbers joined by ノ:
高松一ノ二十二ノ三). The same pass as migrations 0006, 0014–0038, 0040–0045, 0047 and 0048 (`bot.db.scrub`)
masks them wherever a person's text is stored, the answers kept after a login expired (0049) included. The
inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes
nothing.

Revision ID: 0051
Revises: 0050
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0051"
down_revision: str | None = "0050"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
