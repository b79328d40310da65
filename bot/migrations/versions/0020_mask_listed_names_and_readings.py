"""Mask listed names, readings, names after more cues, birth dates and labelled numbers (no schema change).

A surname listed with a name that was masked (鈴木・佐藤さん, 田中と高橋さん, 佐藤さん、鈴木の両名,
山田→佐藤), a name's reading in parentheses beside it (山田太郎（やまだ たろう）), a surname before a
section in parentheses (山田（総務課）), after CC:, From:, (担当), 連絡者, 相手方, 同居人 and the like
or a family member (息子の太郎, ご主人の田中), before 係員, 参事 or 副参事, before より, を通じて, 経由,
来庁, に引き継ぎ or に依頼, before 家, 邸, 宅, 方 or 夫妻 (佐藤家, 鈴木方), before (父) or (本人), and
a full name typed in hiragana (やまだたろうさん) were not recognised before this version
(`bot.privacy.names`), nor were birth dates and account, insurance, pension, licence or card numbers
after their labels (`bot.privacy.labelled`); the same pass as
migrations 0006 and 0014–0019 (`bot.db.scrub`) masks them wherever a person's text is stored.
The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0020"
down_revision: str | None = "0019"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with listed names and readings recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
