"""Mask names set apart by spaces, self-introductions, family lines, foreign names in parts and accounts.

A surname the dictionary reads as one there with spaces around it before a particle, です, a mark or a
line's end (全部 前田 の端末, 竹内→財政課, 当番は 岡 です), or before より, まで, たち or だ (吉川 より,
岩崎たちが, 金子だと思う); a name in hiragana it reads as one before a particle (ひろみが対応済み); someone
who introduces themselves after a greeting or first in a message (お疲れ様です、林です; 泉です。), names
themselves (関口と名乗って), answers (堀内から回答), is asked about (桜井って誰) or quoted (岡山は何て
言ってた); a given name after a surname and a space that ends a list's item (母 黒田 キミ、, 宇野 さくら（),
a name before who they are in a family (結衣（長女・高2）), a former surname (旧姓：小林), a kana name
before an honorific after a relation (祖母のみよこさん), a child's name that is a word (ひなたくん), a
name in quotes before an honorific (「福島」さん) or in a form's field (氏名欄に「山口 ゆかり」), a name
called first in a line (翔太、), a surname read as a word before a title no word ends in
(林ケースワーカー) or of one kanji after a cue (担当の森に), foreign names in katakana parts or with their
other writing in parentheses (ワン・ウェイさん, タパ マガル ビシュヌさん, SATO Yuki（佐藤 由紀）さん), Latin
names after Mr. or Ms. or with a comma (TANAKA, Ichiro 様), accounts written as an initial and a
surname (CC: t.yamada, @m.hayashi), a surname before か, じゃ, 担当 or a sentence's mark (中島じゃない？,
吉岡担当。), speakers in minutes (林：了解), nicknames (高木っち, みーちゃん), surnames the dictionary
reads as words even before さん (西さん, 池ちゃん), the cells of tables pasted as text under 氏名, 担当
or 申請者, names quoted after a name field, a role or a family member (名前が「川村 澪」), after a
family member before an age (姉の結愛（6歳）) or before a particle (父の勝が), or in parentheses after a
position (係長（森）) were not
recognised before this version (`bot.privacy.names`). The
same pass as migrations 0006 and 0014–0023 (`bot.db.scrub`) masks them wherever a person's text is
stored. The inbox, whose rows live for seconds, is left as it is. Masking cannot be undone, so the
downgrade changes nothing.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from bot.db.scrub import mask_stored

revision = "0024"
down_revision: str | None = "0023"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Mask every stored text again, with the writings above recognised."""
    mask_stored(op.get_bind())


def downgrade() -> None:
    """Nothing: what was masked stays masked."""
