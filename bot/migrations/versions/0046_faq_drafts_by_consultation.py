"""FAQ drafts are found by their consultation: its page shows its draft, and 「FAQに登録」 makes at most one.

A consultation's page asks for that consultation's drafts only
(`bot.consult.faqdrafts.FaqDrafts.of_consultation`), and drafting from it
first checks that none is there: without this index both read the whole
table, which grows by every answer turned into an entry.

Revision ID: 0046
Revises: 0045
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0046"
down_revision: str | None = "0045"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Index ``faq_drafts.consultation_id``."""
    op.create_index("ix_faq_drafts_consultation", "faq_drafts", ["consultation_id"])


def downgrade() -> None:
    """Drop the index (the drafts of a consultation are then found by reading them all)."""
    op.drop_index("ix_faq_drafts_consultation", table_name="faq_drafts")
