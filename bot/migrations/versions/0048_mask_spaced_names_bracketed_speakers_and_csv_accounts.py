"""Mask names spaced a character at a time, speakers in 【】, accounts in CSV rows and vaccination tickets.

Not recognised before this version (`bot.privacy`): the thirty-first names round's writings (characters left
standing alone between single blanks by OCR or a PDF's copy, read again closed up: 田 中 太 郎, 『渡 辺』,
ア ン ダ ー ソ ン; a surname after a title or a role inside 【】, the speaker: 【委員長 安達】) and the other
kinds' twentieth round's (an account's digits after 普通 in a CSV row; a ゆうちょ 記号 and 番号 after the
bank's name in katakana; a labelled number corrected after を, 3301827 に直して; a town, three block numbers
and a room, 入谷1-9-3-402; 予診票番号, 接種券の番号, 受診番号 and 受診券 No. as labels). The same pass as
migrations 0006, 0014–0038, 0040–0045 and 0047 (`bot.db.scrub`) masks them wherever a person's text is
stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade
changes nothing.

Revision ID: 0048
Revises: 0047
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0048"
down_revision: str | None = "0047"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
