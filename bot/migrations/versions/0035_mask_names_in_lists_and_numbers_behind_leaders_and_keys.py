"""Mask the names and numbers that the twentieth names round and the ninth round of the rest recognise.

Not recognised before this version (`bot.privacy`): a list's item written like one whose value is a name
found (受付1 平井 陽 above 受付2 島田 千尋, ・電話：大川 under ・窓口：千田, 児 ひまり（4か月） after 母
綾香（32））), names in parentheses after a count of people (3名（小柳、住吉、ロペス）), a name joined to the
writer by と (私と 片桐 で), a full name in hiragana after a class before の or before an age (4年2組 うえだ
そうすけ の, あやせ ひなの（小2）), a hiragana surname opening a line before a particle or a comma
(まるやまがカギ持ってった, ふじもと、), and a full name ending a line that the dictionary tags as neither
name there (第15調査区 香取 一夫); numbers sent over two chat lines (a `>` or `[10:02]` prefix on the line
that continues one), a form's dot leaders between a label and its value (被保険者番号 ………… 0123…), OCR's B
and Z for 8 and 2 in longer runs, English keys in snake_case or XML tags as labels (insured_no,
account_no: "…", <zip>, <birth>, born), kana in a health insurance card's 記号, and an account's seven digits
broken by a line.
The same pass as migrations 0006 and 0014–0034 (`bot.db.scrub`) masks them wherever a person's text is
stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0035"
down_revision: str | None = "0034"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
