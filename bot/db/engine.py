"""Database engines from the plain URLs staff and operators write.

``sqlite:///path/to.db`` uses Python's own sqlite3 in WAL mode, with every
transaction started as ``BEGIN IMMEDIATE`` so that concurrent writers (two
requests, or two processes) queue on the busy timeout instead of failing
when a read turns into a write. ``postgresql://user:pass@host/db`` (or
``postgres://``) uses psycopg 3. A URL that names its driver is used as is.

Errors never quote the statement's parameters (``hide_parameters``): they
hold what staff typed, and a database error ends up in the log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from bot.errors import StoreError

__all__ = ["aware", "create_engine", "normalize_url", "reading", "writing"]

SQLITE_BUSY_TIMEOUT_MS = 30_000


def normalize_url(url: str) -> sa.URL:
    """Pick the driver for a plain URL: psycopg 3 for PostgreSQL, sqlite3 for SQLite."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url``; a SQLite file's folder is created when missing."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
    database = parsed.database or ""
    memory = database in ("", ":memory:")
    if not memory:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        parsed,
        hide_parameters=True,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        # One shared connection keeps an in-memory database alive across threads.
        poolclass=StaticPool if memory else None,
    )
    _use_immediate_transactions(engine, wal=not memory)
    return engine


def aware(moment: datetime) -> datetime:
    """A timestamp read back from the database, with its zone: SQLite drops it, and we store UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@contextmanager
def reading(engine: sa.Engine, what: str) -> Iterator[sa.Connection]:
    """A connection for reads; a database failure becomes `StoreError` ("could not read {what}")."""
    try:
        with engine.connect() as connection:
            yield connection
    except SQLAlchemyError as exc:
        raise StoreError(f"could not read {what}: {exc}") from exc


@contextmanager
def writing(engine: sa.Engine, what: str) -> Iterator[sa.Connection]:
    """A transaction, committed unless the block raises; a database failure becomes `StoreError`."""
    try:
        with engine.begin() as connection:
            yield connection
    except SQLAlchemyError as exc:
        raise StoreError(f"could not change {what}: {exc}") from exc


def _use_immediate_transactions(engine: sa.Engine, *, wal: bool) -> None:
    """Let SQLAlchemy, not sqlite3, begin transactions, and begin them IMMEDIATE.

    The recipe from SQLAlchemy's SQLite dialect notes ("Serializable isolation /
    Savepoints / Transactional DDL").
    """

    @event.listens_for(engine, "connect")
    def _on_connect(connection: sqlite3.Connection, _record: Any) -> None:
        connection.isolation_level = None
        cursor = connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
