"""SQLite engines: WAL readers that never wait, one writer per file, private files, bounded waits.

- **Reads** (connections marked with `READ`, see `bot.db.engine.reading`)
  begin a plain deferred transaction with ``PRAGMA query_only`` on: in WAL
  mode they see a consistent snapshot and never wait for a writer, so a
  purge or a long write elsewhere does not hold up ``/healthz`` or a
  message poll. A write attempted in one fails at once instead of
  deadlocking on the lock upgrade.
- **Writes** (every other transaction) are serialised in the process by
  one lock per database file, taken at ``BEGIN`` and given back when the
  connection returns to the pool, after its ``COMMIT``; then ``BEGIN
  IMMEDIATE`` takes SQLite's own lock. Threads queue on the lock and are
  woken as soon as it is free, instead of SQLite's busy handler sleeping
  and polling; the busy timeout is left for other processes (a worker, a
  purge).
- **Checkpoints** run in a background thread (`bot.db.checkpoint`), not in the
  commit that fills the log while the writer is held: SQLite's own is off.
- **Every wait is bounded** by the timeout: the process lock and SQLite's
  lock share one deadline (a write queued behind one that waits for another
  process does not wait twice), sooner if the request's is (`bot.db.deadline`:
  a chat message's wait for a turn thread counts), and so is the connection
  pool. A write that cannot start in time fails with a
  `sqlalchemy.exc.SQLAlchemyError`, which the store turns into
  `bot.errors.StoreError` (503 on the API).
- **Files are private**: the folder is created 0700 and the database file
  0600 before SQLite opens it (SQLite gives its ``-wal`` and ``-shm``
  files the database file's mode); an existing file of ours open to
  others is narrowed to 0600, with a warning.
- **The file stays the one opened**: a database file deleted or replaced
  under a running process (``rm``, ``mv``, a backup moved into its place) would go on
  taking writes in the file still open, which nobody will ever read again.
  Every transaction and new connection first checks that the path still
  names the file the engine opened, and fails with `FileChanged` (a 503,
  ``/healthz`` too) until it does again.
- **A damaged file takes nothing more**: once SQLite reports the file
  damaged (``database disk image is malformed``, ``file is not a
  database``: a copy written over it in place while it was open, a torn
  disk), every later transaction of the process on that file fails with
  `FileDamaged` (a 503, ``/healthz`` too) until the process is restarted,
  rather than writing into pages next to the broken ones. It is logged once.

An in-memory database (``sqlite://``) has one connection shared by every
thread (it would vanish otherwise); it gets ``BEGIN IMMEDIATE`` and no
process lock, and suits one thread at a time (tests, the terminal).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from bot.db.checkpoint import Checkpointer
from bot.db.deadline import until

__all__ = ["READ", "FileChanged", "FileDamaged", "checkpoints_of", "create", "file_of"]

log = logging.getLogger(__name__)

READ = "kaizen_read"
"""Execution option marking a connection that only reads."""


class _Writer:
    """The write lock of one database file in this process, and the pooled connection holding it.

    A pooled connection is known by its ``record_info`` dict, which lives as
    long as its pool entry (across reconnections) and is what both the
    ``begin`` and ``checkin`` events can see.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.holder: object = None

    def take(self, entry: object, timeout: float) -> None:
        """Hold the lock for ``entry`` (already held: nothing to do); give up after ``timeout`` seconds."""
        if entry is None or self.holder is entry:
            return
        if not self._lock.acquire(timeout=timeout):
            raise sa.exc.TimeoutError(
                f"the database stayed busy with another write for {timeout:g} s; try again later"
            )
        self.holder = entry

    def give_back(self, entry: object) -> bool:
        """Free the lock if ``entry`` holds it (called for every connection returned to the pool).

        Whether it did: the connection wrote, or tried to.
        """
        if entry is not None and self.holder is entry:
            self.holder = None
            self._lock.release()
            return True
        return False

    def hold(self, timeout: float) -> Callable[[], None] | None:
        """Take the lock for a caller without a connection (the checkpoints).

        What frees it, or None if it stayed busy for ``timeout`` seconds.
        """
        token = object()
        try:
            self.take(token, timeout)
        except sa.exc.TimeoutError:
            return None

        def free() -> None:
            self.give_back(token)

        return free


_writers: dict[str, tuple[_Writer, Checkpointer]] = {}
"""Process-wide on purpose: the lock and the checkpoints belong to the file, and every store opened on
one file in this process must share them."""
_writers_guard = threading.Lock()


def _writer_of(path: Path, timeout: float) -> tuple[_Writer, Checkpointer]:
    """The one writer of ``path`` in this process and its checkpoints, shared by every engine on it."""
    key = os.path.realpath(path)
    with _writers_guard:
        if key not in _writers:
            writer = _Writer()
            _writers[key] = writer, Checkpointer(Path(key), writer.hold, timeout)
        return _writers[key]


def checkpoints_of(path: Path) -> Checkpointer | None:
    """The background checkpoints of the database file at ``path`` in this process, if opened here."""
    with _writers_guard:
        found = _writers.get(os.path.realpath(path))
    return found[1] if found else None


def file_of(url: sa.URL) -> Path | None:
    """The file a SQLite URL names, None for an in-memory database (``sqlite://``)."""
    database = url.database or ""
    return None if database in ("", ":memory:") else Path(database).expanduser()


def create(url: sa.URL, timeout: float) -> sa.Engine:
    """An engine for a SQLite URL, with the guarantees of the module docstring."""
    path = file_of(url)
    if path is None:
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": timeout},
            poolclass=StaticPool,
            hide_parameters=True,
        )
        _configure(engine, None, timeout, wal=False)
        return engine
    _prepare(path)
    engine = sa.create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": timeout},
        pool_timeout=timeout,
        hide_parameters=True,
    )
    opened = _identity(path)
    event.listen(engine, "do_connect", lambda *_args: _check_same_file(path, opened))
    # first, before the writer is taken and the transaction begun
    event.listen(engine, "begin", lambda _connection: _check_same_file(path, opened), insert=True)
    event.listen(engine, "handle_error", partial(_note_damage, path, opened))
    writer, checkpointer = _writer_of(path, timeout)
    _configure(engine, writer, timeout, wal=True)
    event.listen(engine, "checkin", lambda _connection, entry: _checked_in(writer, checkpointer, entry))
    return engine


class FileChanged(sa.exc.SQLAlchemyError):
    """The database's path no longer names the file this engine opened: it was deleted or replaced."""


def _identity(path: Path) -> tuple[int, int] | None:
    """The device and inode ``path`` names now, None when nothing is there."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def _check_same_file(path: Path, opened: tuple[int, int] | None) -> None:
    """Raise `FileChanged` unless ``path`` still names the file opened (``opened``, its identity).

    Raise `FileDamaged` once SQLite has found it damaged (`_note_damage`).
    """
    damage = _damaged.get((os.path.realpath(path), opened))
    if damage is not None:
        raise FileDamaged(
            f"the database file {path} is damaged ({damage}); nothing is read or written until it is "
            "restored from a backup and the process restarted"
        )
    if _identity(path) == opened:
        return
    raise FileChanged(
        f"the database file {path} was deleted or replaced while the process ran; nothing is read or "
        "written until the file it opened is back in its place (restart every process to use the file "
        "there now)"
    )


class FileDamaged(sa.exc.SQLAlchemyError):
    """SQLite found the database file damaged: this process reads and writes it no more."""


_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_Opened = tuple[str, tuple[int, int] | None]
"""A file as an engine opened it: its real path and its identity then (`_identity`)."""
_damaged: dict[_Opened, str] = {}
"""Files found damaged, with what SQLite said; process-wide as `_writers` (every engine on the file)."""


def _note_damage(path: Path, opened: tuple[int, int] | None, context: sa.engine.ExceptionContext) -> None:
    """Remember the file opened as damaged if the error is SQLite saying so; log it the first time."""
    error = context.original_exception
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(error, sqlite3.DatabaseError) or code is None:
        return
    if code & 0xFF not in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return
    key = (os.path.realpath(path), opened)
    with _writers_guard:
        first = key not in _damaged
        _damaged.setdefault(key, str(error))
    if first:
        log.error(
            "the database file %s is damaged (%s): every request is refused from now on; stop every "
            "process, restore the newest backup and start again (docs/operations.md)",
            path,
            error,
        )


def _checked_in(writer: _Writer, checkpointer: Checkpointer, entry: ConnectionPoolEntry) -> None:
    """Give the writer back when the connection held it, and let the checkpoints know if it changed rows.

    A write that changed nothing (a poll of an empty queue) leaves nothing in the log to copy.
    """
    if not writer.give_back(entry.record_info) or entry.dbapi_connection is None:
        return
    changes = entry.dbapi_connection.total_changes
    if changes != entry.info.get("changes"):
        entry.info["changes"] = changes
        checkpointer.wrote()


def _prepare(path: Path) -> None:
    """Create the folder (0700) and the database file (0600) if missing; narrow ours if open to others.

    A file that is not a SQLite database is left as it was: opening it is refused next, and a mistyped
    path must not change someone's notes.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    if not _may_be_sqlite(path):
        return
    for file in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        try:
            status = file.stat()
        except FileNotFoundError:
            continue
        if status.st_mode & 0o077 and status.st_uid == os.geteuid():
            file.chmod(stat.S_IRUSR | stat.S_IWUSR)
            log.warning("%s was readable by other users; its mode is now 0600", file)


_SQLITE_HEADER = b"SQLite format 3\x00"


def _may_be_sqlite(path: Path) -> bool:
    """Whether ``path`` is empty or starts as every SQLite database does; an unreadable file may be one."""
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_HEADER))
    except OSError:
        return True
    return head in (b"", _SQLITE_HEADER)


_FIRST_PAUSE = 0.0002
_LONGEST_PAUSE = 0.002


def _begin_immediate(connection: sa.Connection, deadline: float, timeout: float) -> None:
    """``BEGIN IMMEDIATE``, looking again every 0.2-2 ms while another process writes, until ``deadline``.

    ``deadline`` is on `time.monotonic`'s clock; ``timeout`` is the busy timeout restored after.

    SQLite's own busy handler sleeps ever longer between looks, up to 100 ms:
    against another process that writes often (a turn worker,
    ``KAIZEN_WEBHOOK_TURNS=worker``) it rarely finds the lock free, so a
    webhook's inbox write could wait hundreds of milliseconds while the lock
    was free most of the time. Its busy timeout is off for this one statement.
    """
    pause = _FIRST_PAUSE
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            except sa.exc.OperationalError as exc:
                locked = isinstance(exc.orig, sqlite3.OperationalError) and "locked" in str(exc.orig)
                if not locked or time.monotonic() + pause > deadline:
                    raise
            else:
                return
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST_PAUSE)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(timeout * 1000)}")


def _configure(engine: sa.Engine, writer: _Writer | None, timeout: float, *, wal: bool) -> None:
    """Let SQLAlchemy, not sqlite3, begin transactions, and begin them as this module says.

    The recipe from SQLAlchemy's SQLite dialect notes ("Serializable isolation /
    Savepoints / Transactional DDL"), plus the read/write split.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(connection: sqlite3.Connection, entry: ConnectionPoolEntry) -> None:
        connection.isolation_level = None
        cursor = connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA wal_autocheckpoint=0")  # `bot.db.checkpoint` does it off the writers' path
        cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        entry.info["query_only"] = False

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        read = bool(connection.get_execution_options().get(READ)) and writer is not None
        info, holder = connection.connection.info, connection.connection.record_info
        # One wait for the process's writer and SQLite's lock together, within the request's deadline.
        deadline = until(timeout)
        if not read and writer is not None:
            writer.take(holder, max(0.0, deadline - time.monotonic()))
        try:
            if info.get("query_only") != read:
                connection.exec_driver_sql(f"PRAGMA query_only={int(read)}")
                info["query_only"] = read
            if read or writer is None:
                connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")
            else:
                _begin_immediate(connection, deadline, timeout)
        except BaseException:
            if writer is not None:
                writer.give_back(holder)
            raise
