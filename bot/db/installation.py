"""Secrets of the installation, drawn once at the first start and kept in its database.

`secret` reads the value stored under its name, without the write lock, so a
process that only reads starts while another writes (on SQLite a write
transaction would wait for it). Only when none is there does it insert a fresh
random value unless one is there by then, and read back whatever is stored, in
one transaction: processes that start at once on a new database (``serve``
and ``worker``) may both try to insert, one insert wins and both read the
winner's value. The value lives with the data it keys, so a
backup restored keeps it, and a new database draws a new one.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.engine import reading, writing
from bot.db.schema import installation_secrets

__all__ = ["LOG_KEY", "secret"]

LOG_KEY = "log_key"
"""The name of the secret keying the conversation names in the log (`bot.logkey`)."""


def secret(engine: sa.Engine, name: str) -> str:
    """The secret stored under ``name``, drawn (32 random bytes, URL-safe) the first time it is asked for."""
    chosen = sa.select(installation_secrets.c.value).where(installation_secrets.c.name == name)
    with reading(engine, "the installation's secrets") as connection:
        found: str | None = connection.execute(chosen).scalar_one_or_none()
    if found is not None:
        return found
    with writing(engine, "the installation's secrets") as connection:
        insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        connection.execute(
            insert(installation_secrets)
            .values(name=name, value=secrets.token_urlsafe(32))
            .on_conflict_do_nothing(index_elements=["name"])
        )
        stored: str = connection.execute(chosen).scalar_one()
    return stored
