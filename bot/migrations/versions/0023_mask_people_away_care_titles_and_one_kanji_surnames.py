"""Mask people away or at work, those who visit and care, surnames of one kanji, names in memos and chat.

A surname before は本日休み, が対応中, が申しておりました, からの伝言, との打合せ, ほか1名, なら or its
extension in parentheses (近藤（内線2345）), after 文責： or a section and ・ (総務課・木村), before a title
of those who visit and care (阿部保健師, 藤田ケアマネ, and 佐藤保健師, which the dictionary splits as 佐 +
藤保 + 健師), and a surname of one kanji that the dictionary reads as a word before someone's work or a call
(森が担当, 堀から電話) or one it reads as a prefix before a title (原主任, 光課長), and surnames in memos
(妻 花子, 受付：高橋, 回覧：佐藤→鈴木, 田中/佐藤で対応, 鈴木の3名, 以上、田中, 田中拝, （田中）) and in chat
between colleagues (岡田は育休中, 藤井に振って, 福田にCC, 伊藤統括, 吉田リーダー) and case notes
(ケース：佐藤, 要介護者 高橋, 児童名：はると, 山田のおばあちゃん), a surname before a particle where the
dictionary reads it as one (伊藤が書いた, 中村しか分からない), a place or a company it reads there after a
section or a form's cue (総務課の松本です, 世帯主：本田 正（68）), a name in quotes (「田中」) or signed at
the end (内容確認済み。久保), a given name in kana the dictionary lacks before くん (ゆうとくん) and a
reading in quotes (「わたぬき」さん), and 村上で対応, which the dictionary reads as 村 and a suffix, were
not recognised before this version (`bot.privacy.names`). The same pass as migrations 0006 and 0014–0022
(`bot.db.scrub`) masks them wherever a person's text is stored. The inbox, whose rows live for seconds, is
left as it is. Masking cannot be undone, so the downgrade changes nothing.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0023"
down_revision: str | None = "0022"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
