"""Mask places and hiragana read as surnames, Latin honorifics and more of the names staff type in chat.

A place the dictionary holds as a surname too, before what a person does with an adverb between, at the
counter or standing in (山形がまだ戻らない, 鹿児島が今日は窓口, 品川 が代理で), a given name before 遅れる,
a surname before 次第, みたい, っぽい, まじ or 作成 (小田次第, 北野作成.pptx), a surname of one kanji bringing
something, still there or with someone (岡が持ってきた, 泉ってまだいる, 林と二人で), one passed a paper
(平井まで回して), one after a memo's 記録：, a surname in hiragana opening a clause (ながいさん, うちださん,
ひらいが言ってた) and a name in Latin letters before a hyphen's honorific (Sato-san) were not recognised
before this version (`bot.privacy`). The same pass as migrations 0006 and 0014–0029 (`bot.db.scrub`)
masks them wherever a person's text is stored. The inbox, whose rows live for seconds, is left as it is.
Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0030"
down_revision: str | None = "0029"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
