"""Mask names swapped with ⇔ or in lettered slots, and tax notices', vouchers' and plates' numbers.

Not recognised before this version (`bot.privacy`): the twenty-fourth names round's writings (two
people swapped with ⇔, ↔, ⇄ or ⇆, 松原 ⇔ 小坂; a list's last item ended by 。 as by a comma, 福祉 ハーン。;
slots lettered A B C, A 平岡 B 清水; a given name after a listed surname and a space, the list going on
after it, 小池 秀樹 ・ 南部 あゆみ ・ 岡崎; a surname written again alone after its full name, 岸田 … 岸田
みどり) and the other kinds' thirteenth round's (通知書番号 and 受診券番号 as labels of a personal number;
after a label, a number opening with a short group, 17-004428-3; a birth date's year of two digits after
an apostrophe, '85/7/7; a plate after 登録番号). The same pass as migrations 0006 and 0014–0038
(`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for seconds, is
left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0040"
down_revision: str | None = "0039"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
