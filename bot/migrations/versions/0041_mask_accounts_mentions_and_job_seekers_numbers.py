"""Mask accounts made from a name's parts, mentions and chat speakers, and job seekers' and policies' numbers.

Not recognised before this version (`bot.privacy`): the twenty-fifth names round's writings (an account
spelling the romaji of a part of a name found, ID kaneko.h 兼子 晴香; a role with a note before its colon,
受付者（午前）：まえだ; 選手 as a title; a hiragana surname before a given name the dictionary does not know,
やまぐち そうた; Latin names in square brackets opening a chat's line, [Smith John]; a surname in romaji
mentioned with @, @kato; the owner of an e-mail address in parentheses after it; a household after a
surname, 岡本 ご夫妻; numbers glued to a list's values, as circled numbers fold) and the other kinds'
fourteenth round's (求職番号, 証券番号, カルテ番号 and 会員番号 as labels; letters and a dash before the
number of a person's 〜者番号, K-2026-04471; a count of digits and an arrow after a label, 口座番号7桁→;
a card's last digits, 下四桁 and 末尾; e-mail addresses defanged with brackets or #at#, and an address's
local part given apart). The same pass as migrations 0006, 0014–0038 and 0040 (`bot.db.scrub`) masks them
wherever a person's text is stored. The inbox, whose rows live for seconds, is left as it is. Masking
cannot be undone, so the downgrade changes nothing.

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0041"
down_revision: str | None = "0040"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
