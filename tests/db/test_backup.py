"""The backup and restore commands of docs/operations.md, run as written, and the bot on the restored copy.

SQLite: ``sqlite3 DB ".backup FILE"`` and Python's online backup API, both
while a writer keeps committing (WAL mode: the copy is consistent, with what
the WAL holds). PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore``
into a new database, with the bot's store opened on it.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.consult.notices import Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore
from bot.db.schema import consultations
from tests.auxil.consultations import new_consultation, open_consultation
from tests.auxil.postgres import PostgresServer

PYTHON_BACKUP = """
import sqlite3, sys
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
target.close()
source.close()
"""


def contents(store: ConversationStore) -> list[str]:
    with store.engine.connect() as connection:
        query = sa.select(consultations.c.content).order_by(consultations.c.id)
        return list(connection.execute(query).scalars())


class Writer(threading.Thread):
    """Opens consultations one after another until stopped, as the running bot would."""

    def __init__(self, service: ConsultationService) -> None:
        super().__init__(daemon=True)
        self.service = service
        self.stopped = threading.Event()
        self.written = 0

    def run(self) -> None:
        while not self.stopped.is_set():
            open_consultation(self.service, new=new_consultation(f"書き込み中の相談その{self.written}"))
            self.written += 1


def sqlite_cli_backup(database: Path, backup: Path) -> None:
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 command is not installed (apt-get install sqlite3); CI installs it")
    subprocess.run(["sqlite3", str(database), f".backup {backup}"], check=True, timeout=60)


def python_backup(database: Path, backup: Path) -> None:
    subprocess.run([sys.executable, "-c", PYTHON_BACKUP, str(database), str(backup)], check=True, timeout=60)


@pytest.mark.parametrize("backup_with", [sqlite_cli_backup, python_backup])
def test_an_online_sqlite_backup_restores_to_a_working_database(tmp_path: Path, backup_with: object) -> None:
    database, backup = tmp_path / "kaizen.db", tmp_path / "backup" / "kaizen-backup.db"
    backup.parent.mkdir()
    store = ConversationStore.open(f"sqlite:///{database}")
    service = ConsultationService(store.engine, Notices(()))
    writer = Writer(service)
    writer.start()
    try:
        while writer.written < 20:
            writer.stopped.wait(0.01)
        assert callable(backup_with)
        at_start = writer.written
        backup_with(database, backup)
    finally:
        writer.stopped.set()
        writer.join(timeout=30)
    written = contents(store)
    store.close()
    assert len(written) > at_start, "the bot kept writing during the backup"

    with sqlite3.connect(backup) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored_path = tmp_path / "restored" / "kaizen.db"
    restored_path.parent.mkdir()
    shutil.copyfile(backup, restored_path)  # the restore: the bot stopped, the copy put in place
    restored = ConversationStore.open(f"sqlite:///{restored_path}")
    try:
        copied = contents(restored)
        assert at_start <= len(copied) <= len(written), "all committed before the backup began, at least"
        assert copied == written[: len(copied)], "a consistent prefix of what was committed"
        number = open_consultation(ConsultationService(restored.engine, Notices(()))).id
        assert number == len(copied) + 1, "the restored database takes new consultations"
    finally:
        restored.close()


def test_pg_dump_and_pg_restore_into_a_new_database(tmp_path: Path, postgres: PostgresServer) -> None:
    postgres.reset()
    store = ConversationStore.open(postgres.url)
    service = ConsultationService(store.engine, Notices(()))
    for n in range(5):
        open_consultation(service, new=new_consultation(f"バックアップ前の相談その{n}"))
    before = contents(store)
    store.close()

    dump = tmp_path / "kaizen.dump"
    restored_url = postgres.url.rsplit("/", 1)[0] + "/kaizen_restored"
    pg = postgres.bin_dir
    subprocess.run(
        [str(pg / "pg_dump"), "--format=custom", f"--file={dump}", postgres.url], check=True, timeout=120
    )
    listing = subprocess.run(
        [str(pg / "pg_restore"), "--list", str(dump)], check=True, capture_output=True, text=True
    ).stdout
    assert "TABLE DATA public consultations" in listing
    subprocess.run([str(pg / "createdb"), f"--maintenance-db={postgres.url}", "kaizen_restored"], check=True)
    try:
        subprocess.run(
            [str(pg / "pg_restore"), "--no-owner", f"--dbname={restored_url}", str(dump)],
            check=True,
            timeout=120,
        )
        restored = ConversationStore.open(restored_url)
        try:
            assert contents(restored) == before
            number = open_consultation(ConsultationService(restored.engine, Notices(()))).id
            assert number == len(before) + 1, "the sequences came back with the rows"
        finally:
            restored.close()
    finally:
        subprocess.run(
            [str(pg / "dropdb"), f"--maintenance-db={postgres.url}", "--if-exists", "kaizen_restored"],
            check=True,
        )
