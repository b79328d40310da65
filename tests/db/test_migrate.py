"""Migrations at start-up: a database a newer release migrated is refused with a clear message."""

from __future__ import annotations

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
