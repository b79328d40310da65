"""Named locks for a transaction, for counts that must not race (login attempts, per-person limits).

On PostgreSQL two transactions that count rows and then insert one could
both see the same count; a transaction-scoped advisory lock on the name
makes them take turns. SQLite needs nothing: every write transaction
there holds the database's one writer (`bot.db.sqlite`) and ``BEGIN
IMMEDIATE``'s write lock. Call it inside a write transaction.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["serialize"]


def serialize(connection: sa.Connection, name: str) -> None:
    """Hold the lock called ``name`` until the caller's transaction ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})
