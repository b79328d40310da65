"""The key naming a conversation in the log: keyed, so nobody recomputes it from guessed ids."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import logkey
from bot.db import ConversationStore
from bot.db.schema import conversations
from bot.values import ConversationKey

SECRET = "s" * 40


def kaizen(*args: str, secret: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KAIZEN_LOG_SECRET"}
    if secret is not None:
        env["KAIZEN_LOG_SECRET"] = secret
    return subprocess.run(
        [sys.executable, "-m", "bot", "--database", f"sqlite:///{cwd / 'kaizen.db'}", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**env, "KAIZEN_CACHE_DIR": ""},
        cwd=cwd,
        timeout=120,
    )


def test_a_guessed_user_id_hashed_does_not_give_the_key_in_the_log() -> None:
    key = ConversationKey("telegram", "123456789", "123456789")
    guessed = hashlib.sha256(b"123456789\n123456789").hexdigest()[:12]
    assert str(key).startswith("telegram:")
    assert str(key) != f"telegram:{guessed}"
    assert len(str(key)) == len("telegram:") + 12


def test_one_secret_gives_one_key_in_every_process_and_another_secret_another(tmp_path: Path) -> None:
    first = kaizen("admin", "log-key", "telegram", "42", secret=SECRET, cwd=tmp_path)
    again = kaizen("admin", "log-key", "telegram", "42", secret=SECRET, cwd=tmp_path)
    other = kaizen("admin", "log-key", "telegram", "42", secret="t" * 40, cwd=tmp_path)
    assert first.returncode == again.returncode == other.returncode == 0, first.stderr
    assert first.stdout == again.stdout != other.stdout
    assert first.stdout.strip().startswith("telegram:")


def test_this_process_keys_as_the_command_does_with_the_same_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logkey, "_secret", logkey._secret)
    monkeypatch.setattr(logkey, "_configured", False)
    logkey.configure(SECRET)
    printed = kaizen("admin", "log-key", "line", "U1", "C9", secret=SECRET, cwd=tmp_path)
    assert printed.stdout.strip() == str(ConversationKey("line", "U1", "C9"))


def test_without_the_secret_no_key_is_printed(tmp_path: Path) -> None:
    refused = kaizen("admin", "log-key", "telegram", "42", secret=None, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert "KAIZEN_LOG_SECRET" in refused.stderr


def test_find_names_the_stored_conversation_a_key_from_the_log_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ConversationStore.open(f"sqlite:///{tmp_path / 'kaizen.db'}")
    now = datetime(2026, 12, 7, tzinfo=UTC)
    with store.engine.begin() as connection:
        for user in ("111", "222"):
            row = {"channel": "telegram", "user_id": user, "conversation_id": user}
            connection.execute(conversations.insert().values(**row, state={}, created_at=now, updated_at=now))
    store.close()
    named = kaizen("admin", "log-key", "telegram", "222", secret=SECRET, cwd=tmp_path).stdout.strip()
    found = kaizen("admin", "log-key", "--find", named, secret=SECRET, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout == "telegram\t222\t222\n"


def test_serve_and_worker_warn_when_the_secret_is_not_set(tmp_path: Path) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-m", "bot", "--database", f"sqlite:///{tmp_path / 'kaizen.db'}", "worker"],
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "KAIZEN_LOG_SECRET"} | {"KAIZEN_CACHE_DIR": ""},
        cwd=tmp_path,
    )
    assert worker.stderr is not None
    lines = []
    for line in worker.stderr:
        lines.append(line)
        if "KAIZEN_LOG_SECRET is not set" in line or "worker running" in line:
            break
    worker.terminate()
    worker.communicate(timeout=60)
    assert any("KAIZEN_LOG_SECRET is not set" in line for line in lines), lines
