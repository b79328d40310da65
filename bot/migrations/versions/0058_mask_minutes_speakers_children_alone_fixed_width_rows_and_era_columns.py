"""Mask minutes' speakers, chat exports' senders, fixed-width rows, era columns, fields in logs and more.

Not recognised before this version (`bot.privacy`): the forty-first and forty-second names rounds'
writings (speakers in parentheses opening the lines of minutes, a member after ○ before their title, a
one-kanji given name alone before what ails the child, children in hiragana after their class, foreign names
in katakana parts listed beside one found, a Latin name under a mail's closing, who hands a night's notes over
and who takes them, kanji with their reading before an honorific, a caller's name before って者, a variant
kanji surname before a spaced さん, a rota's name with its reading, chat exports' senders over the time, a
JSON export's key for staff, a table header's people in parentheses) and the other kinds' twenty-ninth and
thirtieth rounds' (a birth date over 元号, 年, 月 and 日 columns or fields; fixed-width exports' columns;
宛名番号, 世帯番号 and 住基コード under short labels; disability handbooks' numbers; licences' and passports'
numbers under abbreviated labels; an insurance card's number after the ward's one-kanji mark; an address read
aloud in hiragana; fields named for personal data in logs, JSON, vCards and SQL; Korean, Philippine and
Brazilian addresses, Korea's resident number and Brazil's CPF; 牛年月日 as OCR reads 生年月日). The same
pass as migrations 0006, 0014–0038, 0040–0045, 0047, 0048 and 0051–0057 (`bot.db.scrub`) masks them
wherever a person's text is stored, the answers kept after a login expired included. The inbox, whose
rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0058
Revises: 0057
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0058"
down_revision: str | None = "0057"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
