"""Mask names handed tasks with arrows or after a rank, and certificates', voters' and insured people's IDs.

Not recognised before this version (`bot.privacy`): the twenty-seventh names round's writings (whoever a
task goes to in a list handed out with arrows, ・通報 → 佐渡; people listed after a role and a space, joined
by ・, 団員 えのき・栗原・Peter; a surname after a police or fire rank, 警部補 東; a name after a spaced の,
保健師 の 日置; a hiragana name between a role and an honorific, 担当 やなぎ さん) and the other kinds'
sixteenth round's (certificates' issue numbers, 交付番号 東京 第1183047号; a work number said to be
someone's, 受付番号が 3318 の方; a voter's number after a polling district, 第3投票区の 1248 番; a person's
label before No., 被保険者No. 0002 1873 40; a branch and an account joined by a dash or in a transfer
file's row; Diners' and Amex's card numbers; a My Number dictated in kana groups; a romaji address after
its label, 住居地：Zoshigaya 3-8-11 Room 104; an era's last year as a birth date only beside a birth's word
or a person). The same pass as migrations 0006, 0014–0038 and 0040–0042 (`bot.db.scrub`) masks them
wherever a person's text is stored. The inbox, whose rows live for seconds, is left as it is. Masking
cannot be undone, so the downgrade changes nothing.

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0043"
down_revision: str | None = "0042"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
