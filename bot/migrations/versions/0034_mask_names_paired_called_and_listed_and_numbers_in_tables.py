"""Mask the names and numbers staff type that the eighteenth and nineteenth names rounds recognise, and more.

Not recognised before this version (`bot.privacy`): a name in Latin letters whose last word the dictionary
reads as a surname (Tom Wilson さん), or after a Japanese title or an English kin word (理事長 Sarah Miller,
my mother, Lin Mei), a name before an age after a family member or a child's label (子 ゆづき（2）, 本児,
対象児, a nursery year in parentheses: 大森 ひなた（年長）), a child's name in kana after their class (2年1組
はやと) or before ママ or パパ (あやかママ), titles and care roles before a surname (学校長, 歯科医, MSW, Ns,
日直, 随行), a name called after a question (元気か？ 大樹、), ranked and unnumbered lines under a list of
people, a surname before 家 or 宅 apart by a space, two names paired with × or vs (森田×岡崎), a name in
quotes before と名乗る or って人, a name in hiragana before さん or after a greeting or a cue (あさのです,
発信者 会計課 ふるや), a given name after a family member closing a note in parentheses (（祖父 勝）), and a
name listed with one found after a space (沖 と 宮城); e-mail addresses with OCR's commas for dots, birth
dates with a space after every character (S 5 7 . 0 8 . 2 4), Japan Post Bank's 記号 and 番号 typed a digit at
a time, a table's column under a number's or a postal code's header (口座番号, Account No., 郵便番号), and a
value after an HTML cell or a JSON key (<td>口座番号</td><td>…, "zip":"…", an account's "number").
The same pass as migrations 0006 and 0014–0033 (`bot.db.scrub`) masks them wherever a person's text is
stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0034"
down_revision: str | None = "0033"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
