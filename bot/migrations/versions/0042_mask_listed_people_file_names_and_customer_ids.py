"""Mask people listed after a cue, names in file names and mentions, and customers' and certificates' numbers.

Not recognised before this version (`bot.privacy`): the twenty-sixth names round's writings (a list's items
after a cue that they are people, 参加者：かなざわ、まるた、Lopez; a Latin name masked whole once one of its
words is found; a surname in a file's name before what its person did to the file, 見積比較_岩崎修正.xlsx; a
lower-case @mention the dictionary reads as a company, @aoki; kanji quoted with their reading,
煌翔（きらと）; a couple after a surname read as a place, 大宮 夫妻; an account spelling a name's romaji
without its long vowel, ota.m; Latin names on a rota's weekdays; a guest book's rows; a hiragana surname
before a hiragana given name; a Latin name after a mayor's, a governor's, an ambassador's or a consul's
title) and the other kinds' fifteenth round's (a person's number, code or ID after who they are, 利用者ID,
顧客コード, お客様ID MV-30417728; certificates', qualifications' and insurances' numbers, 保育士登録番号
東京-004471; values with a year's or an era's letter or の between digits; a comma after what was done to
learn a number; motorcycles' and mopeds' plates; an address written backwards from its room). The same pass
as migrations 0006, 0014–0038, 0040 and 0041 (`bot.db.scrub`) masks them wherever a person's text is stored.
The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes
nothing.

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0042"
down_revision: str | None = "0041"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
