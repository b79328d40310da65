"""Database engines from the plain URLs staff and operators write, and the helpers to use them.

``sqlite:///path/to.db`` uses Python's own sqlite3 in WAL mode
(`bot.db.sqlite`: readers never wait, one writer per file, private files);
``postgresql://user:pass@host/db`` (or ``postgres://``) uses psycopg 3
(`bot.db.postgres`: connect, statement and round-trip timeouts); a URL
may name these drivers itself (``postgresql+psycopg://``,
``sqlite+pysqlite://``), no other (``DATABASE_URL`` refuses them). Whatever the database, no wait lasts
longer than the timeout (``KAIZEN_DB_TIMEOUT_SECONDS``): a stuck database
gives a `StoreError` within seconds, and the next request after it
recovers works again.

Read through `reading` and write through `writing`: on SQLite only
`reading` gives the lock-free read.

Errors never quote the statement's parameters (``hide_parameters``): they
hold what staff typed, and a database error ends up in the log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.config import DB_TIMEOUT_SECONDS
from bot.db import postgres, sqlite
from bot.errors import StoreError

__all__ = ["aware", "create_engine", "normalize_url", "reading", "sqlite_file", "writing"]


def normalize_url(url: str) -> sa.URL:
    """Pick the driver for a plain URL: psycopg 3 for PostgreSQL, sqlite3 for SQLite."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for PostgreSQL and an in-memory SQLite database."""
    parsed = normalize_url(url)
    return sqlite.file_of(parsed) if parsed.get_backend_name() == "sqlite" else None


def create_engine(url: str, *, timeout: float = DB_TIMEOUT_SECONDS) -> sa.Engine:
    """An engine for ``url`` whose waits last at most ``timeout`` seconds (see the module docstring)."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return sqlite.create(parsed, timeout)
    if parsed.drivername == "postgresql+psycopg":
        return postgres.create(parsed, timeout)
    raise ValueError(f"no engine bounds the waits of the driver {parsed.drivername!r}")


def aware(moment: datetime) -> datetime:
    """A timestamp read back from the database, with its zone: SQLite drops it, and we store UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@contextmanager
def reading(engine: sa.Engine, what: str) -> Iterator[sa.Connection]:
    """A connection for reads only; a database failure becomes `StoreError` ("could not read {what}").

    On SQLite the reads see one snapshot and never wait for a writer.
    """
    try:
        with engine.connect() as connection:
            yield connection.execution_options(**{sqlite.READ: True})
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
