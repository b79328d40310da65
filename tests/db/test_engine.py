"""Engines from plain URLs: SQLAlchemy never quotes what was being written in a database error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from bot.db import ConversationStore
from bot.db.schema import messages

SECRET = "田中さんの住所は東京都千代田区一丁目1番1号"


def test_an_error_names_the_statement_but_not_its_parameters(store: ConversationStore) -> None:
    row = {"channel": "web", "user_id": "staff-1", "conversation_id": "staff-1", "role": None}
    with pytest.raises(sa.exc.IntegrityError) as failed, store.engine.begin() as connection:
        connection.execute(messages.insert(), {**row, "text": SECRET, "created_at": datetime.now(UTC)})
    message = str(failed.value)
    assert "INSERT INTO messages" in message
    assert "[SQL parameters hidden due to hide_parameters=True]" in message
    if store.engine.dialect.name == "sqlite":
        assert SECRET not in message
    # PostgreSQL's own DETAIL of a NOT NULL violation quotes the failing row; see docs/operations.md.
