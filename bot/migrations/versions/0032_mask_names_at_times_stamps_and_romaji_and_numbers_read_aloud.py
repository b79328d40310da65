"""Mask the names and numbers staff type that the last rounds of rules recognise.

Not recognised before this version (`bot.privacy`): names in a form's field for children or staff
(園児名：, 職員名：), before a time (訪問：新谷 13:00), coming back to the office (岡が戻ったら), in a
stamp's column (（審査）高松), read after フリガナ and a space, a child's before くん or ちゃん after who they
are in a family (息子さんの陽斗くん), introducing oneself after a title and a comma (園長、瀬戸です), in
romaji (Tanaka Yui), handed work over (岸から堀へ), on the numbered lines under a list of people, and after
a closing ending a chat's line (Thanks, Michael); digits read aloud in groups joined by の or in katakana,
a symbol a message says stands for the @, a town and three block numbers in a line about an address,
addresses in Latin letters (3-11-8 Minami-Otsuka), birth dates after a mistyped label (生年月曰) or with
commas or spaced dots, and passport numbers. The same pass as migrations 0006 and 0014–0031
(`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for seconds, is
left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0032"
down_revision: str | None = "0031"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
