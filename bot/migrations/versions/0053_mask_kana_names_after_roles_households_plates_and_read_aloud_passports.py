"""Mask kana names after a role, households, plates, passports read aloud and lettered numbers.

Not recognised before this version (`bot.privacy`): the thirty-fourth and thirty-fifth names rounds' writings
(a kana name after a role typed apart or after 臨時, 嘱託, 再任用, パート: 調査 員 もりた, 通訳 の ウー; a
katakana name between a role with の and an honorific: システム担当 の ラジャ さん; two or three capitalised
words after a section: 区民課 Oliveira Ana; a one-kanji surname before a spaced 家: 岡 家; 事務局 の 奈良; a
name in quotes before 様), the other kinds' twenty-third round's (a passport's or a residence card's letters
read aloud in katakana: ティー・ケー・1234567; an insurance card's 記号 of kanji alone with a 番号 in two
groups; an account after 普通 or 当座 with a dash; a postal code read aloud as a number) and their
twenty-fourth round's (a car's plate without a label word: 品川 300 さ 44-18; a motorcycle's; 防犯登録
numbers; a letter and a serial between 第 and 号 after 番号; parcels' tracking numbers; a ゆうちょ 記号 and
番号 anywhere in a message naming the bank; lettered patients' numbers; two letters inside a number: 申込番号
26HK0192). The same pass as migrations 0006, 0014–0038, 0040–0045, 0047, 0048, 0051 and 0052 (`bot.db.scrub`)
masks them wherever a person's text is stored, the answers kept after a login expired included. The inbox,
whose rows live for seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0053
Revises: 0052
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0053"
down_revision: str | None = "0052"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
