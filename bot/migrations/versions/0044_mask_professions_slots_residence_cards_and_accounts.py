"""Mask names before a profession's title or in numbered slots, residence cards' numbers and messengers' IDs.

Not recognised before this version (`bot.privacy`): the twenty-eighth names round's writings (a surname
before a licensed profession's title, 山際 税理士; a household ending its line, アンダーソン 家; a
katakana name in numbered slots that the dictionary reads as a noun, 2番 ベイカー、5番 田島; a katakana
name after a country and 出身 in a spaced sentence, ネパール 出身 の グルン さん; a surname read as a
place after a position, a spaced の and a particle, 係長 の 船橋 が) and the other kinds' seventeenth
round's (a residence card's number, 在留カード：QR 1184 2207 EN; a basic pension number in a message about
年金, 2201-883045; an insurance card's 記号・番号 split by ・ or /; a car plate after 車両番号 or 車は; a
messenger's or SNS account, LINE ID：sakura_mama77; an English birth date with its weekday, Date of Birth:
Sat, 9 Sep 1989; an address spaced a character at a time by OCR, 北 区 王 子 4 - 2 2 - 1 0). The same pass
as migrations 0006, 0014–0038 and 0040–0043 (`bot.db.scrub`) masks them wherever a person's text is
stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0044"
down_revision: str | None = "0043"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
