"""Mask names read as words or after a trade's title, chassis numbers, device addresses and dictated phones.

Not recognised before this version (`bot.privacy`): the twenty-ninth names round's writings (a surname the
dictionary reads as a word before an honorific or a given name, 警備 の 大関 さん, 職員 の 仲間 あおい; a
surname before an association's, a hall's or a trade's title, 町会 の 井口 会長, 村瀬 カメラマン; 名乗り：
before a name; a spaced cue after a name, ホセ に お願い; a spaced particle before a quoted name; a hiragana
surname after a role, 担当 ゆかわ で; kana before a spaced 様 beside names so written) and the other kinds'
eighteenth round's (受験番号, ケースNo. and 診察券の番号 as labels; a chassis number after 車台番号;
ゆうちょ's transfer account; a number in a URL's path after users/; a device's public IP or MAC address in a
message about one; a year and month of birth beside an age; 🎂 and 👶 as birth labels; 番地： as an
address's field; a phone's groups with words said between them; a postal code after an emoji; an e-mail's
local part given apart before its domain). The same pass as migrations 0006, 0014–0038 and 0040–0044
(`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for seconds, is
left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0045"
down_revision: str | None = "0044"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
