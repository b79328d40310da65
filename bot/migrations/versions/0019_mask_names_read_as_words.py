"""Mask the names that earlier versions stored without recognising them in these writings (no schema change).

A name the dictionary reads as a word before 様, ちゃん, くん or a title (葵様, 林係長,
さとう様), any name in a text written in hiragana alone (たなかさまからでんわ), a name
the dictionary splits into hiragana words before an honorific (やまもとさん), and a
surname before の and any noun (田中の方針, 高橋のこと; before, only before a few,
such as 田中の件) or before です, after 担当 or a colleague's place at work, or before
と申します, 宛て, によると or が担当します (担当:山田, 課長の佐藤, 佐藤です, 鈴木と申します,
高橋宛て, 山田が担当します) were not recognised before this version (`bot.privacy.names`); the same pass as
migrations 0006 and 0014–0018 (`bot.db.scrub`) masks them wherever a person's
text is stored. The inbox, whose rows live for seconds, is left as it is.
Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0019"
down_revision: str | None = "0018"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the names read as words recognised by the honorific after them."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
