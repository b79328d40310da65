"""Mask names joined to a section, one-kanji surnames in lists and pairs, kana names called, and more.

A name written straight after a section (福祉課田中です, 市民課田村から); a surname of one kanji in a
list with a name found (清水と森で, CC：北村、南), before a given name (浜 和夫, 祖母（星 キヨ）) or
before a cue of work even where the dictionary reads it as a word before さん (西が担当, 星が作った,
南に頼んだ); two people named first on a line and joined by と (星と泉が, あすかとみのる、); a name in
kana in a list or called first in a sentence (しおりと田中, ゆき、手伝って); a katakana name tagged as
one before a particle (ケンジ、); a kanji given name the dictionary reads with くん as a verb (翔くん); a
name before its role in parentheses (石田（会計年度任用職員）です); a surname chosen with で (無理なら
柴田で); a surname read as a word after 窓口の or a section (窓口の桑原が); the parts of a foreign name
joined by ・ to a part found (レ・ヴァン・フン); a one-kanji surname signing a line or a list's item
(確認しました。北, 1. 要件整理（西）, 【森】); shift memos (早番 林, 午後：本田, 【担当】桑原); a
name listed after a note in parentheses (田中（午前）、北村（終日）); 清水不在, 田村対応, 区民の秋元様; a
name found once, written again elsewhere in the message (書類は野村まで); …って美咲から; Chinese and Korean
names written with a space (張 偉, 尹 在勲); and a name's Latin writing in parentheses after it (ライ・ビカス
さん（RAI BIKASH）) were not recognised before this version (`bot.privacy.names`). The same pass as
migrations 0006 and 0014–0024 (`bot.db.scrub`) masks them wherever a person's text is stored. The inbox,
whose rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0025"
down_revision: str | None = "0024"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
