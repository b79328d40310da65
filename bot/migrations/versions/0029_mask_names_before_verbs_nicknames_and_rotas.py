"""Mask names before a verb, nicknames in hiragana, rotas and more of the names staff type in chat.

A name right before a verb with no particle (村上いた, 黒木戻ったら), nicknames in hiragana (のぐちゃん,
まっつん, なおぴー), a role in capitals after a name (田中CW, 大橋PM), 上長（…）, by before a signature, a
speaker in the middle of a line (…、続いて森本：), a given name of one kanji after a family member (祖父
茂、), a name with its reading before an honorific (樹（いつき）くん), surnames of one kanji with someone or
away after a comma (沖と一緒に, 北、今日は休み), a place read as a surname before who is away (大塚休み,
山形って今日テレワーク), titles in hiragana (いけだかちょう), a name in kana in parentheses after family
(おじいちゃん（カメキチさん）), a name before a nationality in parentheses, and the surnames after weekdays
in a rota's line were not recognised before this version (`bot.privacy`). The same pass as migrations 0006
and 0014–0028 (`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for
seconds, is left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0029"
down_revision: str | None = "0028"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
