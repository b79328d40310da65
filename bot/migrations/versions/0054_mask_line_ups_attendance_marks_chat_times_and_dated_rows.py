"""Mask line-ups, attendance marks, chat lines opened by a time, mixed-script lists and dated rows.

Not recognised before this version (`bot.privacy`): the thirty-sixth names round's writings (a katakana name
after a role without の: 担当 ラジャ さん; a の typed against a kana surname: 臨時 のほんま さん, the の
kept; a full name after a line-up's role: 補欠 河合 蒼; a given name cut before a suffix kanji: 竹内 悠人;
who speaks in a chat line opened by a time: [10:01] 東:; speakers run on before quotes in minutes;
attendance marks before people: 出欠 ○ 太田 ○ ひがし; a mail's To: and a mention's @ before a Latin name)
and the thirty-seventh's (a surname and its reading in a row's cells; a name between a form's underscores; a
list joined by ・ in mixed scripts; items after a cue separated by semicolons; 旧姓 with a spaced の; a
caller's name quoted before と名乗った; OCR's spaced full names) and the other kinds' twenty-fifth round's
(a whole date in a pasted row beside a phone number or a postal code alone in a cell; a day-first birth
date; a pause between a birth's year and its day; a date read aloud with the era in kanji; a residence
card's capitals set apart by blanks; a postal code after 郵便番号欄に or OCR's T for 〒; an address split
into a spreadsheet's cells; a labelled number corrected far from its label; dogs' registration numbers). The
same pass as migrations 0006, 0014–0038, 0040–0045, 0047, 0048 and 0051–0053 (`bot.db.scrub`) masks them
wherever a person's text is stored, the answers kept after a login expired included. The inbox, whose rows
live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0054
Revises: 0053
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0054"
down_revision: str | None = "0053"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
