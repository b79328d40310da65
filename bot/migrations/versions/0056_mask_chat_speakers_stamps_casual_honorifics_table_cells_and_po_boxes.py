"""Mask chat logs' speakers, stamps, casual honorifics, table cells, post-office boxes and more.

Not recognised before this version (`bot.privacy`): the thirty-ninth names round's writings (a name in <>
after a chat's time; names in a row of stamps' boxes after a stamp's label, or before ㊞; a name before どん;
one word in romaji capitals after a role; a name after user:; a hiragana value after a key and = that the
dictionary cuts in two; a surname broken by a line break) and the other kinds' twenty-seventh round's (a
form pasted as label | value rows; CSV cells on a line without tabs or bars; a number's groups parted by |;
My Number and Phone No. as labels; a kanji digit beside figures; ［ドット］ for an e-mail address's dot;
post-office boxes; 大字 and 字 before a lot, and 番外地; a Latin address after c/o or after a room; 生 before
a birth date). The same pass as migrations 0006, 0014–0038, 0040–0045, 0047, 0048 and 0051–0055
(`bot.db.scrub`) masks them wherever a person's text is stored, the answers kept after a login expired
included. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0056
Revises: 0055
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0056"
down_revision: str | None = "0055"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
