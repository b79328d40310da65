"""A command that cannot use the database says why in Japanese, naming DATABASE_URL, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.db.conversations import ConversationStore
from tests.auxil.platforms import free_port
from tests.auxil.server import run_bot
from tests.auxil.sqlitelock import another_process_writing


def run(database: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {"KAIZEN_CACHE_DIR": "", "KAIZEN_DB_TIMEOUT_SECONDS": "2"}
    return run_bot("--database", database, *args, stdin=stdin, env=env)


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
        done = run(f"sqlite:///{database}", "purge")
    assert_refused_for_the_operator(done, f"sqlite:///{database}")
    waited = "ほかのプロセスが書き込み中で、KAIZEN_DB_TIMEOUT_SECONDS（2秒）待っても書き込めませんでした"
    assert waited in done.stderr
    assert "（database is locked）" in done.stderr, "the driver's own words follow"


def test_a_file_that_is_not_a_database_is_named_so(tmp_path: Path) -> None:
    database = tmp_path / "notes.txt"
    database.write_text("not a database\n", encoding="utf-8")
    database.chmod(0o644)
    done = run(f"sqlite:///{database}", "purge")
    assert_refused_for_the_operator(done, f"sqlite:///{database}")
    assert "SQLite のデータベースではありません" in done.stderr
    assert database.stat().st_mode & 0o777 == 0o644, "a mistyped path leaves the file as it was"
    assert database.read_text(encoding="utf-8") == "not a database\n"


@pytest.mark.parametrize("command", [("purge",), ("admin", "list-users")])
def test_an_unreachable_postgresql_server_says_what_to_check_without_the_password(
    command: tuple[str, ...],
) -> None:
    url = f"postgresql://kaizen:hunter2@127.0.0.1:{free_port()}/kaizen"
    done = run(url, *command)
    assert_refused_for_the_operator(done, url.replace("hunter2", "***"))
    assert "PostgreSQL のサーバーに接続できません" in done.stderr
    assert "hunter2" not in done.stderr


@pytest.mark.parametrize(
    ("command", "stdin"),
    [
        (("admin", "list-users"), ""),
        (("admin", "export-faq"), ""),
        (("admin", "logout-everywhere", "tanaka"), ""),
        (("admin", "set-password", "tanaka", "--password-stdin"), "a-new-password-2\n"),
    ],
)
def test_reading_commands_work_while_another_process_writes(
    tmp_path: Path, command: tuple[str, ...], stdin: str
) -> None:
    """The start-up migration check reads the schema's revision without the write lock when it is current.

    It used to take the write lock with nothing to migrate, so a long write elsewhere (a purge, the worker)
    made even ``admin list-users`` fail. Only a command that writes waits for the lock.
    """
    database = tmp_path / "kaizen.db"
    added = add_tanaka(database)
    assert added.returncode == 0, added.stderr
    with another_process_writing(database):
        done = run(f"sqlite:///{database}", *command, stdin=stdin)
    if command[1] in ("list-users", "export-faq"):
        assert done.returncode == 0, done.stderr
        assert "tanaka" in done.stdout or command[1] == "export-faq"
    else:  # these write: they wait for the lock, and say so
        assert_refused_for_the_operator(done, f"sqlite:///{database}")
        assert "（database is locked）" in done.stderr


MISSING_FILE_COMMANDS = [
    (("purge",), ""),
    (("purge", "--days", "30"), ""),
    (("admin", "list-users"), ""),
    (("admin", "export-faq"), ""),
    (("admin", "export-faq", "--mark-exported"), ""),
    (("admin", "logout-everywhere", "tanaka"), ""),
    (("admin", "set-password", "tanaka", "--password-stdin"), "a-new-password-2\n"),
]


@pytest.mark.parametrize(("command", "stdin"), MISSING_FILE_COMMANDS)
def test_a_command_that_reads_or_deletes_refuses_a_missing_sqlite_file_and_creates_nothing(
    tmp_path: Path, command: tuple[str, ...], stdin: str
) -> None:
    """A mistyped path used to create an empty database (and its folder) and report success on it."""
    database = tmp_path / "mistyped" / "kaizne.db"
    done = run(f"sqlite:///{database}", *command, stdin=stdin)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    said = done.stderr.strip()
    assert "\n" not in said, "one line"
    assert f"データベースのファイル {database} がありません（DATABASE_URL: sqlite:///{database}）" in said
    assert "Traceback" not in said
    assert not database.parent.exists(), "neither the file nor its folder is created"


def test_set_password_refuses_a_missing_sqlite_file_before_asking_for_the_password(tmp_path: Path) -> None:
    """It used to ask for the new password twice and only then say that the database was not there."""
    database = tmp_path / "mistyped" / "kaizne.db"
    env = {**os.environ, "KAIZEN_CACHE_DIR": ""}
    done = subprocess.run(  # a new session has no terminal: getpass prompts on standard error
        [
            sys.executable,
            "-m",
            "bot",
            "--database",
            f"sqlite:///{database}",
            "admin",
            "set-password",
            "tanaka",
        ],
        input="a-new-password-2\na-new-password-2\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        start_new_session=True,
    )
    assert done.returncode == 2
    said = f"データベースのファイル {database} がありません（DATABASE_URL: sqlite:///{database}）"
    assert done.stderr.startswith(said), done.stderr
    assert "パスワード" not in done.stderr
    assert not database.parent.exists()


def test_a_missing_relative_sqlite_file_is_named_by_its_full_path(tmp_path: Path) -> None:
    # Run from another folder, the bot is found by its path even where it is not installed.
    path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    env = {"KAIZEN_CACHE_DIR": "", "DATABASE_URL": "sqlite:///var/kaizen.db", "PYTHONPATH": path}
    done = run_bot("purge", env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert f"データベースのファイル {tmp_path / 'var' / 'kaizen.db'} がありません" in done.stderr
    assert not (tmp_path / "var").exists()


def test_the_first_user_is_added_to_a_new_database(tmp_path: Path) -> None:
    """add-user is what an operator runs before the first start: it creates the database, folder and all."""
    database = tmp_path / "new" / "kaizen.db"
    done = add_tanaka(database)
    assert done.returncode == 0, done.stderr
    assert database.is_file()
    listed = run(f"sqlite:///{database}", "admin", "list-users")
    assert listed.stdout.splitlines() == ["tanaka\ttanaka\t担当者"]


def add_tanaka(database: Path) -> subprocess.CompletedProcess[str]:
    """``admin add-user tanaka`` on the SQLite file ``database``."""
    return run(
        f"sqlite:///{database}",
        "admin",
        "add-user",
        "tanaka",
        "--password-stdin",
        stdin="dx-team-password-1\n",
    )
