"""Mask the names and numbers that the twenty-first names round and the tenth round of the rest recognise.

Not recognised before this version (`bot.privacy`): names listed before a count of people (春日 と 立川
の3人), a name in parentheses after 本人, 相談者, 対象者, 利用者 or 申請者 (本人（かおり）), an infant's age
in months (ひなた（8か月））, titles outside the office after a surname (西村コーチ, 監督, 主将, 店長), a
surname after a role ending in 担当 or a profession ending in 士 that the dictionary reads as a word
(法規担当 高見), a surname and a katakana given name (三上 トヨ), a Latin name after a katakana job title
(エンジニア Kevin Park), and a word in romaji that spells a kanji name of the same message (小倉
さん（ogura）); labels typed in hiragana (たんじょうび, じゅうしょ, こうざばんごう), a label in brackets
(《口座番号》), a date's or an address's units and eras left in hiragana (へいせい25ねん4がつ10にち), acct
and A/C, an answer mark between a label and its value (Q3 口座番号 A3 …), a number's label far from the
number in the same sentence, digits read aloud with pauses (ゼロ、キュウ、ゼロ…), an address's units spaced
or split by a comma (2 丁目 11 番 23 号), and a chat line's time glued between two numbers (3739
9707[16:12:05] 8293).
The same pass as migrations 0006 and 0014–0035 (`bot.db.scrub`) masks them wherever a person's text is
stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0036"
down_revision: str | None = "0035"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
