"""Migrations at start-up: a database a newer release migrated is refused with a clear message."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.db.migrate import upgrade
from bot.errors import StoreError


def test_a_database_from_a_newer_release_is_refused_by_every_command_with_a_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kaizen.db'}"
    engine = sa.create_engine(url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(StoreError, match="9999"):
            upgrade(engine)
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    finally:
        engine.dispose()

    command = [sys.executable, "-m", "bot", "--database", url, "admin", "list-users"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "新しいスキーマ（9999）" in done.stderr
    assert "更新前のバックアップに戻してください" in done.stderr


def test_a_start_logs_the_schema_once_and_none_of_alembics_dialect_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Alembic said "Context impl SQLiteImpl." and "Will assume non-transactional DDL." thrice a start."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'kaizen.db'}")
    try:
        with caplog.at_level(logging.INFO):
            upgrade(engine)
            upgrade(engine)  # the next start: already there
    finally:
        engine.dispose()
    said = [record.getMessage() for record in caplog.records]
    assert not [line for line in said if line.startswith(("Context impl", "Will assume"))]
    schema = [line for line in said if line.startswith("database schema")]
    assert len(schema) == 2
    assert schema[0].startswith("database schema none (a new database): migrating to 00")
    assert schema[1].endswith(": up to date")
    assert any(line.startswith("Running upgrade") for line in said)  # each migration is still named
