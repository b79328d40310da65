"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, listen on 127.0.0.1.

Uses the server binaries Debian's ``postgresql`` package installs (CI
installs it; see .ci/run). PostgreSQL refuses to run as root, so as root the
server runs as the ``postgres`` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from tests.auxil.platforms import free_port

MIGRATED = "kaizen_migrated"
"""The template database `PostgresServer.restore_migrated` clones."""


def binaries() -> Path | None:
    """The newest installed server's bin folder, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parent.parent.name)
    )
    return Path(found[-1]).parent if found else None


@dataclass
class PostgresServer:
    """A running server; `url` is a plain postgresql:// URL to a fresh database."""

    bin_dir: Path
    root: Path
    port: int
    user: str | None
    migrated: bool = field(default=False, init=False)
    """Whether `MIGRATED` holds the newest schema (built at the first `restore_migrated`)."""

    @property
    def url(self) -> str:
        return f"postgresql://kaizen@127.0.0.1:{self.port}/postgres"

    @classmethod
    def start(cls, bin_dir: Path, root: Path) -> PostgresServer:
        user = "postgres" if os.geteuid() == 0 else None
        root.mkdir(parents=True, exist_ok=True)
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        server = cls(bin_dir, root, free_port(), user)
        server._run(
            ["initdb", "-D", str(root / "data"), "-U", "kaizen", "--auth=trust", "-E", "UTF8", "--no-sync"]
        )
        server.resume()
        return server

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.root, ignore_errors=True)

    def halt(self) -> None:
        """Stop the server (``pg_ctl stop``), keeping its data for `resume`."""
        self._run(["pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"])

    def resume(self) -> None:
        """Start the server on its data and port, and wait until it accepts connections."""
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        data, log = str(self.root / "data"), str(self.root / "log")
        self._run(["pg_ctl", "-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"])
        self._wait()

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """The server hung: SIGSTOP on the postmaster and every backend; SIGCONT always, after."""
        postmaster = int((self.root / "data" / "postmaster.pid").read_text().split()[0])
        stopped: list[int] = []
        try:
            for pid in (postmaster, *_children(postmaster)):
                os.kill(pid, signal.SIGSTOP)
                stopped.append(pid)
            yield
        finally:
            for pid in stopped:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)

    def reset(self) -> None:
        """Drop everything the previous test created."""
        engine = sa.create_engine(self.url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()

    def restore_migrated(self) -> None:
        """Make `url`'s database a copy of one the migrations brought to the newest schema.

        The migrations run once, into the template database `MIGRATED`; each call then clones it
        (``CREATE DATABASE … TEMPLATE``, a file copy), where migrating an emptied database again took
        a second or more. Connections still open to the old database are ended.
        """
        from bot.db import ConversationStore  # the bot's own migrations; tests.auxil stays importable alone

        admin = sa.create_engine(self._url_of("template1"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                if not self.migrated:
                    connection.execute(sa.text(f"DROP DATABASE IF EXISTS {MIGRATED}"))
                    connection.execute(sa.text(f"CREATE DATABASE {MIGRATED} TEMPLATE template0"))
                    ConversationStore.open(self._url_of(MIGRATED)).close()
                    self.migrated = True
                connection.execute(sa.text("DROP DATABASE postgres WITH (FORCE)"))
                connection.execute(sa.text(f"CREATE DATABASE postgres TEMPLATE {MIGRATED}"))
        finally:
            admin.dispose()

    def _url_of(self, database: str) -> str:
        return f"postgresql+psycopg://kaizen@127.0.0.1:{self.port}/{database}"

    def _run(self, command: Sequence[str]) -> None:
        argv = [str(self.bin_dir / command[0]), *command[1:]]
        if self.user is not None:
            argv = ["runuser", "-u", self.user, "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL did not start; see {self.root / 'log'}")


def _children(parent: int) -> list[int]:
    """The processes whose parent is ``parent`` (PostgreSQL's backends and helpers), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found
