"""Mask personal information stored unmasked or before it was recognised (0006, 0014–38, 0040–45, 0047–48).

Earlier versions kept the conversation state (the last question, the
buttons' tokens) unmasked, and masked consultations with a narrower
`bot.privacy.mask`. `mask_stored` masks every text a person typed that the
database holds, in place: the state, the conversation log, consultations,
their audit trail and tags, FAQ drafts, the outbox, who asked for a
knowledge reload through the admin API, and the answers kept for a DX
member whose login expired (from migration 0049 on). Masking a masked
text changes nothing, so running it again is harmless.

The tables are described here with just the columns it touches, not taken
from `bot.db.schema`, so the migration keeps working when the schema moves on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa

from bot.privacy import mask

__all__ = ["mask_stored"]

_PAGE = 500
_J = sa.JSON()


def _table(name: str, *columns: tuple[str, sa.types.TypeEngine[Any]]) -> sa.TableClause:
    return sa.table(name, *(sa.column(column, kind) for column, kind in columns))


_TEXT = sa.Text()
_ID = ("id", sa.BigInteger())
_BY_ID: tuple[tuple[sa.TableClause, tuple[str, ...]], ...] = (
    (_table("messages", _ID, ("text", _TEXT), ("payload", _J)), ("text", "payload")),
    (
        _table(
            "consultations",
            _ID,
            ("section", _TEXT),
            ("query", _TEXT),
            ("content", _TEXT),
            ("wanted_by", _TEXT),
        ),
        ("section", "query", "content", "wanted_by"),
    ),
    (_table("consultation_events", _ID, ("text", _TEXT), ("data", _J)), ("text", "data")),
    (
        _table(
            "faq_drafts",
            _ID,
            ("entry_id", _TEXT),
            ("question", _TEXT),
            ("answer", _TEXT),
            ("phrasings", _J),
            ("keywords", _J),
        ),
        ("entry_id", "question", "answer", "phrasings", "keywords"),
    ),
    (_table("outbox", _ID, ("payload", _J)), ("payload",)),
)
_CONVERSATIONS = _table(
    "conversations", ("channel", _TEXT), ("user_id", _TEXT), ("conversation_id", _TEXT), ("state", _J)
)
_TAGS = _table("consultation_tags", ("consultation_id", sa.BigInteger()), ("tag", _TEXT))
_RELOADS = _table("knowledge_reloads", _ID, ("requested_by", _TEXT), ("via", _TEXT))
_KEPT_ANSWERS = _table(
    "answer_drafts", ("consultation_id", sa.BigInteger()), ("user_id", sa.BigInteger()), ("text", _TEXT)
)
_REQUESTER = 64
"""The column's length: a placeholder may be longer than what it replaces."""


def mask_stored(connection: sa.Connection) -> dict[str, int]:
    """Mask every stored text in the caller's transaction; return how many rows changed per table."""
    changed = {table.name: _by_id(connection, table, columns) for table, columns in _BY_ID}
    changed["conversations"] = _conversations(connection)
    changed["consultation_tags"] = _tags(connection)
    changed["knowledge_reloads"] = _reloads(connection)
    changed["answer_drafts"] = _kept_answers(connection)
    return changed


def _masked(value: Any) -> Any:
    """``value`` with every string in it masked (JSON: dicts and lists are walked)."""
    if isinstance(value, str):
        return mask(value).text
    if isinstance(value, list):
        return [_masked(item) for item in value]
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    return value


def _pages(connection: sa.Connection, table: sa.TableClause, columns: Sequence[str]) -> Iterator[sa.Row[Any]]:
    last = 0
    while True:
        query = (
            sa.select(table.c.id, *(table.c[c] for c in columns))
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(_PAGE)
        )
        rows = connection.execute(query).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _by_id(connection: sa.Connection, table: sa.TableClause, columns: Sequence[str]) -> int:
    changed = 0
    for row in list(_pages(connection, table, columns)):
        values = {c: _masked(getattr(row, c)) for c in columns}
        if any(values[c] != getattr(row, c) for c in columns):
            connection.execute(table.update().where(table.c.id == row.id).values(**values))
            changed += 1
    return changed


def _conversations(connection: sa.Connection) -> int:
    table, changed = _CONVERSATIONS, 0
    for row in connection.execute(sa.select(table)).all():
        state = _masked(row.state)
        if state != row.state:
            key = sa.and_(
                table.c.channel == row.channel,
                table.c.user_id == row.user_id,
                table.c.conversation_id == row.conversation_id,
            )
            connection.execute(table.update().where(key).values(state=state))
            changed += 1
    return changed


def _tags(connection: sa.Connection) -> int:
    """Tags are part of their row's key: a changed tag is replaced, or dropped if the masked one exists."""
    table, changed = _TAGS, 0
    rows = connection.execute(sa.select(table)).all()
    present = {(row.consultation_id, row.tag) for row in rows}
    for row in rows:
        tag = mask(row.tag).text
        if tag == row.tag:
            continue
        where = sa.and_(table.c.consultation_id == row.consultation_id, table.c.tag == row.tag)
        connection.execute(table.delete().where(where))
        if (row.consultation_id, tag) not in present:
            connection.execute(table.insert().values(consultation_id=row.consultation_id, tag=tag))
            present.add((row.consultation_id, tag))
        changed += 1
    return changed


def _reloads(connection: sa.Connection) -> int:
    """Who asked through the admin API, as typed there (a dashboard user's account name is no one's data)."""
    if not sa.inspect(connection).has_table(_RELOADS.name):
        return 0  # upgraded from before migration 0008
    table, changed = _RELOADS, 0
    for row in connection.execute(sa.select(table.c.id, table.c.requested_by).where(table.c.via == "api")):
        masked = mask(row.requested_by).text[:_REQUESTER]
        if masked != row.requested_by:
            connection.execute(table.update().where(table.c.id == row.id).values(requested_by=masked))
            changed += 1
    return changed


def _kept_answers(connection: sa.Connection) -> int:
    """The answers kept after a login expired (`bot.consult.answerdrafts`), masked as answers are."""
    if not sa.inspect(connection).has_table(_KEPT_ANSWERS.name):
        return 0  # migrating from before 0049
    table, changed = _KEPT_ANSWERS, 0
    for row in connection.execute(sa.select(table)).all():
        masked = mask(row.text).text
        if masked != row.text:
            key = sa.and_(table.c.consultation_id == row.consultation_id, table.c.user_id == row.user_id)
            connection.execute(table.update().where(key).values(text=masked))
            changed += 1
    return changed
