"""Mask numbers read aloud, values in brackets after their labels, and more of the names staff type.

Not recognised before this version (`bot.privacy`): a My Number's twelve digits with マイナンバー or 個人番号
elsewhere in the sentence, or under a pasted table's 個人番号 column; digits read aloud in hiragana by voice
input (ぜろきゅうぜろ …) and a phone number typed one digit at a time; eight digits after 電話 or 市外局番なし
(a number without its area code); the first of values in brackets after their labels (被保険者番号と生年月日
（…／…）); an account's type in brackets, 被保険者証・医療証・受給者証の番号 and お客様番号; birth dates
completed after a year of birth (昭和38年生まれの5月6日), with middle dots (H12・5・6), read aloud, or in a
message holding a date of an era before 平成; three block numbers joined by の or read aloud, or after a
town's name where the line says someone lives there; and names shown by what a person does or has (関に
丸投げした, 松本の机), on duty in a rota, between a file name's underscores, nicknames, after a role in
minutes (書記：荻野), signing a message's last line or an English mail's closing, katakana surnames before
さん the dictionary lacks (ソノダさん), people asked a favour or gone to a meeting. The same pass as
migrations 0006 and 0014–0030 (`bot.db.scrub`) masks them wherever a person's text is stored. The inbox,
whose rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0031"
down_revision: str | None = "0030"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
