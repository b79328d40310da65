"""Mask items written with invisible characters or other digits, and who asked for a reload through the API.

Not recognised before this version (`bot.privacy`): a My Number, a phone number, an e-mail address or any
other item with invisible characters inside it (zero-width spaces and joiners, soft hyphens, word joiners,
BOMs, variation selectors, as a copy from a web page leaves them), written in another script's decimal digits
(٩٨٧٦٥٤٣٢١٠٩٣), with its @ as an HTML reference or percent-encoded (taro&#64;example.jp, taro%40example.jp),
and a phone number after 内線 (内線 09012345678); the twenty-second names round's (fields typed on
one line, 窓：戸塚 床：村井; people joined by ・ on lines alike; hiragana listed with a name found; a
tally's names, 岸 18件; kana names numbered or timed; a name between a family member or a case's role
and さん, 母 ウメ さん; a Latin name after a family member, 妻 Smith Naoko; a rota after a colon;
名前、「りく」; a surname after ヘルパー) and the eleventh round's of the other kinds (legal numerals,
昭和参拾八年壱月弐拾日; a URL's escapes, %2D; wave dashes and a form's boxes between digit groups;
foreign birth labels, 出生日期, D.O.B.; insurers before a card's 記号 and a card's No.; a number
corrected after a labelled one, じゃなくて; a part of a number named by its place, 末尾4桁; a vehicle
plate after ナンバー). And the admin API stored who asked for a knowledge reload
(``requested_by``) as typed. The same pass as migrations 0006 and 0014–0036 (`bot.db.scrub`) masks them
wherever a person's text is stored, now the reloads' ``requested_by`` asked through the API too. The inbox,
whose rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0037"
down_revision: str | None = "0036"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
