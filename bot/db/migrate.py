"""Bring a database to the newest schema, programmatically, at start-up.

Several instances may start at once against one PostgreSQL database; a
transaction-level advisory lock lets one migrate while the others wait and
then find nothing to do. On SQLite the write lock of `bot.db.sqlite` does
the same. The schema's revision is first read without any lock (on SQLite a
read that never waits for a writer): a current schema, every start but the
first after an upgrade, takes no lock at all, so a command that only reads
(``admin list-users``) works while another process holds a long write. A
migration may rebuild a large table, so its statements are allowed
`MIGRATION_SECONDS` rather than the usual timeout.
"""

from __future__ import annotations

import logging
from pathlib import Path

import sqlalchemy as sa

from bot.db.postgres import bounded
from bot.db.sqlite import READ
from bot.errors import StoreError

__all__ = ["MIGRATIONS", "MIGRATION_SECONDS", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
log = logging.getLogger(__name__)

_LOCK_ID = 0x6B61697A656E  # "kaizen"

MIGRATION_SECONDS = 600
"""The longest one statement of a migration may take (also the wait for another instance's migration)."""


class _DialectLines(logging.Filter):
    """Drops alembic's "Context impl SQLiteImpl." and "Will assume non-transactional DDL." lines.

    Alembic says both each time it looks at the schema, three times a start: they tell an operator
    nothing that "database ready (sqlite)" does not, and pushed the start's real lines apart.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.levelno <= logging.INFO
            and record.getMessage().startswith(("Context impl ", "Will assume "))
        )


_DIALECT_LINES = _DialectLines()


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Apply every migration up to ``revision``; a no-op when already there.

    A database a newer release migrated (a revision this one lacks: after a rollback
    of the code) raises `StoreError` saying so, and is left as it is.
    """
    # Alembic logs a line per plugin as it loads them: quieten that before importing it.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    migration_log = logging.getLogger("alembic.runtime.migration")
    if _DIALECT_LINES not in migration_log.filters:
        migration_log.addFilter(_DIALECT_LINES)
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    known = {script.revision for script in scripts.walk_revisions()}
    with engine.connect() as connection:
        current = MigrationContext.configure(
            connection.execution_options(**{READ: True})
        ).get_current_revision()
    _refuse_unknown(current, known)
    if revision == "head" and current in scripts.get_heads():
        log.info("database schema %s: up to date", current)
        return
    target = scripts.get_current_head() if revision == "head" else revision
    log.info("database schema %s: migrating to %s", current or "none (a new database)", target)
    with engine.begin() as connection, bounded(connection, MIGRATION_SECONDS):
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        # Again under the lock: another instance may have migrated meanwhile.
        _refuse_unknown(MigrationContext.configure(connection).get_current_revision(), known)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _refuse_unknown(current: str | None, known: set[str]) -> None:
    """Raise `StoreError` for a revision this release lacks: a newer release migrated the database."""
    if current is not None and current not in known:
        raise StoreError(
            f"データベースは、この版のkaizen-botが知らない新しいスキーマ（{current}）に更新されています。"
            "更新した版のkaizen-botで起動するか、更新前のバックアップに戻してください。"
        )
