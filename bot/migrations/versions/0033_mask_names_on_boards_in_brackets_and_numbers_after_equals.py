"""Mask the names and numbers staff type that the day's last names and other kinds rounds recognise.

Not recognised before this version (`bot.privacy`): a surname and a given name apart by a space with one
part read as a place or a noun (旧 荒川 幸雄), what a name tag said in 「」 or 『』, a surname in romaji after
Dr. and a quoted mail's writer after its time, who a chat's line is from in 【】 opening it, speakers in
minutes before ） and after 説明：, presence boards and tasks handed out with arrows (柳◯ 今泉×, 須田→改訂),
a surname with its reading read as one noun (桑原（くわばら）), someone introduced after a section and の;
digits read aloud with their groups apart by 、 or ending in one reading, postal codes after zip or
ゆうびん番号, numbers abroad after +, e-mail addresses with ・ for dots, broken before the @ or read out word
by word, birth dates with the month's English name, after birth= or across lines, numbers after 口番, =, a
second label or a line break, Japan Post Bank's 記号-番号, lot numbers after Kyoto's 上ル/下ル, a town in
町, 字 or 大字, and an address with each part on a line; and, from the day's next rounds, where someone is
on a presence board (原 在席　高木 外出), さーん as an honorific, a name in parentheses after a family member
(母（さおり）), a surname in lower-case romaji before an honorific, 班長 or 会計 before a surname, a
surname and a given name in two cells of a CSV row, a name field spaced as a PDF copies it; O, o, l and I
for digits in a run of digits (O9O-88l2), a phone's first group read aloud before typed digits, a page
break's line inside a number, an e-mail spaced a character at a time, English labels of account, insurance
and pension numbers, and an address in Latin letters in Japanese order (Nishi-ku Minamisaiwai 1-5-1).
The same pass as migrations 0006 and 0014–0032 (`bot.db.scrub`) masks them wherever a person's text is
stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0033"
down_revision: str | None = "0032"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
