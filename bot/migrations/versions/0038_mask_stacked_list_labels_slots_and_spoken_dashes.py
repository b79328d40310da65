"""Mask names after stacked labels or in numbered slots, and items with spoken dashes or katakana labels.

Not recognised before this version (`bot.privacy`): the twenty-third names round's writings (a list item's
name after labels stacked before it and items of that shape joined by ・, B地区 保健師 ながお, 土木 有田・建築
広瀬; names in slots whose labels differ in their digits alone, 1番 浜口　2番 林田, 1位 岡部 21,304歩,
A2=前原; one capitalised Latin name as a list's value, 英語 Mark; a list's value the dictionary reads as a
place, a company or a word but as a surname before さん, 自治会 大原; names in hiragana in a tally, さとみ
28h; a list closed by 以上2名) and the other kinds' twelfth round's (a dash said aloud, 090ハイフン…; a value
going on across a line, a backslash or （続き）; labels in katakana or romaji, ﾃﾞﾝﾜ, tanjoubi; a spreadsheet's
DATE(1962,4,30); a phone's parts named, 市外局番…局番…番号; OCR's spaced commas and one bracketed field a
digit group; a note after a phone's label; Punycode domains; 保護番号, 証書番号 and other 〜者番号 labels;
separators with spaces before them, 被保険者番号 ; 0012 7734; lots lettered 甲乙丙 or 番外地; a block of
flats' building and room, 3号棟402号室). The same pass as migrations 0006 and 0014–0037 (`bot.db.scrub`)
masks them wherever a person's text is stored. The inbox, whose rows live for seconds, is left as it is.
Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0038"
down_revision: str | None = "0037"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
