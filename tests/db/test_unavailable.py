"""A command that cannot use the database says why in Japanese, naming DATABASE_URL, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.db.conversations import ConversationStore
from tests.auxil.platforms import free_port
from tests.auxil.sqlitelock import another_process_writing


def run(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAIZEN_CACHE_DIR": "", "KAIZEN_DB_TIMEOUT_SECONDS": "2"}
    command = [sys.executable, "-m", "bot", "--database", database, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def assert_refused_for_the_operator(done: subprocess.CompletedProcess[str], shown_url: str) -> None:
    assert done.returncode == 2, done.stderr
    assert f"データベース（DATABASE_URL: {shown_url}）を利用できません。" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Background on this error" not in done.stderr, "SQLAlchemy's link is no help to an operator"
    assert "[SQL:" not in done.stderr


def test_a_database_another_process_is_writing_names_the_wait_and_says_to_try_again(tmp_path: Path) -> None:
    database = tmp_path / "kaizen.db"
    ConversationStore.open(f"sqlite:///{database}").close()
    with another_process_writing(database):
        done = run(f"sqlite:///{database}", "admin", "list-users")
    assert_refused_for_the_operator(done, f"sqlite:///{database}")
    waited = "ほかのプロセスが書き込み中で、KAIZEN_DB_TIMEOUT_SECONDS（2秒）待っても書き込めませんでした"
    assert waited in done.stderr
    assert "（database is locked）" in done.stderr, "the driver's own words follow"


def test_a_file_that_is_not_a_database_is_named_so(tmp_path: Path) -> None:
    database = tmp_path / "notes.txt"
    database.write_text("not a database\n", encoding="utf-8")
    done = run(f"sqlite:///{database}", "purge")
    assert_refused_for_the_operator(done, f"sqlite:///{database}")
    assert "SQLite のデータベースではありません" in done.stderr


@pytest.mark.parametrize("command", [("purge",), ("admin", "list-users")])
def test_an_unreachable_postgresql_server_says_what_to_check_without_the_password(
    command: tuple[str, ...],
) -> None:
    url = f"postgresql://kaizen:hunter2@127.0.0.1:{free_port()}/kaizen"
    done = run(url, *command)
    assert_refused_for_the_operator(done, url.replace("hunter2", "***"))
    assert "PostgreSQL のサーバーに接続できません" in done.stderr
    assert "hunter2" not in done.stderr
