"""Alembic's entry point: migrate over the connection `bot.db.migrate.upgrade` hands in.

Only online migration over a given connection is supported: the bot
migrates itself at start-up, and operators never need an alembic.ini.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context


def _run() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, sa.Connection):
        raise TypeError("run migrations through bot.db.migrate.upgrade(engine), which passes a connection")
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


_run()
