"""The key naming a conversation in the log: keyed with the installation's stored secret.

The secret is drawn by the first process to open a database and kept in it (`bot.db.installation`), so
every process on one database, and every restart, prints one key for one conversation, with no setting;
nobody recomputes it from guessed ids without the database.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import logkey
from bot.db import ConversationStore
from bot.db.schema import conversations
from bot.values import ConversationKey


def environment() -> dict[str, str]:
    """This environment without a cache."""
    return os.environ | {"KAIZEN_CACHE_DIR": ""}


def command(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "bot", "--database", url, *args]


def kaizen(url: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(url, *args),
        capture_output=True,
        text=True,
        check=False,
        env=environment(),
        cwd=cwd,
        timeout=120,
    )


def empty_sqlite(folder: Path) -> str:
    """A SQLite database that is there but empty: `admin` migrates it, as a first start does."""
    folder.mkdir(exist_ok=True)
    (folder / "kaizen.db").touch()
    return f"sqlite:///{folder / 'kaizen.db'}"


def stored_secret(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(sa.text("SELECT value FROM installation_secrets")).scalar_one())
    finally:
        engine.dispose()


@pytest.fixture
def keep_this_process_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give this process its own secret back after the test (opening a store keys it)."""
    monkeypatch.setattr(logkey, "_secret", logkey._secret)


def test_a_guessed_user_id_hashed_does_not_give_the_key_in_the_log() -> None:
    key = ConversationKey("telegram", "123456789", "123456789")
    guessed = hashlib.sha256(b"123456789\n123456789").hexdigest()[:12]
    assert str(key).startswith("telegram:")
    assert str(key) != f"telegram:{guessed}"
    assert len(str(key)) == len("telegram:") + 12


def test_processes_on_one_database_print_one_key_and_a_new_database_another(
    database_url: str, tmp_path: Path
) -> None:
    url = empty_sqlite(tmp_path / "ward") if database_url.startswith("sqlite") else database_url
    racing = [  # both migrate the new database and draw a secret: one insert wins, both read it
        subprocess.Popen(
            command(url, "admin", "log-key", "telegram", "42"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(),
            cwd=tmp_path,
        )
        for _ in range(2)
    ]
    printed = [process.communicate(timeout=120) for process in racing]
    assert [process.returncode for process in racing] == [0, 0], printed
    restarted = kaizen(url, "admin", "log-key", "telegram", "42", cwd=tmp_path)
    elsewhere = kaizen(empty_sqlite(tmp_path / "new"), "admin", "log-key", "telegram", "42", cwd=tmp_path)
    assert restarted.returncode == elsewhere.returncode == 0, (restarted.stderr, elsewhere.stderr)
    assert printed[0][0] == printed[1][0] == restarted.stdout != elsewhere.stdout
    assert restarted.stdout.strip().startswith("telegram:")


@pytest.mark.usefixtures("keep_this_process_key")
def test_this_process_keys_as_the_command_does_on_the_same_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kaizen.db'}"
    ConversationStore.open(url).close()
    printed = kaizen(url, "admin", "log-key", "line", "U1", "C9", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == str(ConversationKey("line", "U1", "C9"))


def test_without_a_database_no_key_is_printed_and_none_is_created(tmp_path: Path) -> None:
    refused = kaizen(f"sqlite:///{tmp_path / 'typo.db'}", "admin", "log-key", "telegram", "42", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert str(tmp_path / "typo.db") in refused.stderr
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.usefixtures("keep_this_process_key")
def test_find_names_the_stored_conversation_a_key_from_the_log_names(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kaizen.db'}"
    store = ConversationStore.open(url)
    now = datetime(2026, 12, 7, tzinfo=UTC)
    with store.engine.begin() as connection:
        for user in ("111", "222"):
            row = {"channel": "telegram", "user_id": user, "conversation_id": user}
            connection.execute(conversations.insert().values(**row, state={}, created_at=now, updated_at=now))
    store.close()
    named = kaizen(url, "admin", "log-key", "telegram", "222", cwd=tmp_path).stdout.strip()
    found = kaizen(url, "admin", "log-key", "--find", named, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout == "telegram\t222\t222\n"


def test_find_refuses_a_malformed_key_and_says_when_a_key_names_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kaizen.db'}"
    ConversationStore.open(url).close()
    for malformed in ("3f9a1c02b7e4", "line:3F9A", "line:3f9a1c02b7e4 "):
        refused = kaizen(url, "admin", "log-key", "--find", malformed, cwd=tmp_path)
        assert refused.returncode == 2, malformed
        assert refused.stdout == ""
        assert "例: line:3f9a1c02b7e4" in refused.stderr
    unknown = kaizen(url, "admin", "log-key", "--find", "line:000000000000", cwd=tmp_path)
    assert unknown.returncode == 1
    assert unknown.stdout == ""
    assert "line:000000000000 の会話は保存されていません" in unknown.stderr


def test_a_worker_starts_without_a_warning_and_never_logs_the_stored_secret(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kaizen.db'}"
    worker = subprocess.Popen(
        command(url, "worker"),
        stderr=subprocess.PIPE,
        text=True,
        env=environment() | {"KAIZEN_LOG_LEVEL": "DEBUG"},
        cwd=tmp_path,
    )
    assert worker.stderr is not None
    lines = []
    for line in worker.stderr:
        lines.append(line)
        if "worker running" in line:
            break
    worker.terminate()
    lines.extend(worker.communicate(timeout=60)[1].splitlines())
    assert any("worker running" in line for line in lines), lines
    assert not any("WARNING" in line for line in lines), lines
    secret = stored_secret(url)
    assert len(secret) >= 32
    assert not any(secret in line for line in lines)
