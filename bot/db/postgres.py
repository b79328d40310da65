"""PostgreSQL engines (psycopg 3) whose every wait is bounded, even on a server that hangs.

- Connecting gives up after the timeout (libpq's ``connect_timeout``), and
  so does waiting for a free connection in the pool.
- The server cancels a statement that runs longer than the timeout
  (``statement_timeout``) and ends a session left idle inside a
  transaction for as long (``idle_in_transaction_session_timeout``), so a
  stuck client cannot hold row locks for ever.
- A server that stops answering altogether (hung, or stopped with SIGSTOP:
  the kernel still accepts the bytes, so nothing times out on its own) is
  given up on by the client: every round trip on a connection is bounded
  by the timeout plus `GRACE`, after which the connection is closed, the
  pool discards it and the caller gets a `sqlalchemy.exc.SQLAlchemyError`.
  When the server answers again, new connections work at once.

`bounded` lifts the bounds for work known to be long (the migrations).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
import sqlalchemy as sa
from psycopg import errors
from psycopg.abc import PQGen
from sqlalchemy import event
from sqlalchemy.pool import ConnectionPoolEntry

__all__ = ["GRACE", "bounded", "create"]

GRACE = 1.0
"""Seconds the client waits beyond the server's own statement timeout, so that the server's clean
cancellation comes first whenever the server can still give it."""

_RV = TypeVar("_RV")


class BoundedConnection(psycopg.Connection[Any]):
    """A psycopg connection that closes itself when the server is silent for longer than `limit`."""

    limit: float | None = None

    def wait(self, gen: PQGen[_RV], interval: float = 0.1, timeout: float | None = None) -> _RV:
        """Run one exchange with the server, giving up after `limit` seconds (unless told otherwise)."""
        try:
            return super().wait(gen, interval, timeout if timeout is not None else self.limit)
        except errors._WaitTimeout:  # psycopg's own "wait timed out", documented on wait()
            # The exchange stopped half-way: the connection cannot be used again.
            self.pgconn.finish()
            raise errors.OperationalError(
                f"the database server did not answer within {self.limit:g} s; connection closed"
            ) from None


def create(url: sa.URL, timeout: float) -> sa.Engine:
    """An engine for a ``postgresql+psycopg`` URL, with the bounds of the module docstring.

    Timeouts already written in the URL (``connect_timeout``, ``options``) are kept.
    """
    milliseconds = int(timeout * 1000)
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = max(2, math.ceil(timeout))  # libpq's minimum is 2
    if "options" not in url.query:
        connect_args["options"] = (
            f"-c statement_timeout={milliseconds} -c idle_in_transaction_session_timeout={milliseconds}"
        )
    engine = sa.create_engine(
        url, pool_pre_ping=True, pool_timeout=timeout, connect_args=connect_args, hide_parameters=True
    )

    @event.listens_for(engine, "do_connect")
    def _connect(
        _dialect: Any, _entry: ConnectionPoolEntry, cargs: tuple[Any, ...], cparams: dict[str, Any]
    ) -> BoundedConnection:
        connection = BoundedConnection.connect(*cargs, **cparams)
        connection.limit = timeout + GRACE
        return connection

    return engine


@contextmanager
def bounded(connection: sa.Connection, seconds: float) -> Iterator[None]:
    """Within a transaction on ``connection``, allow each statement ``seconds`` instead of the timeout."""
    dbapi = connection.connection.dbapi_connection
    if not isinstance(dbapi, BoundedConnection):
        yield
        return
    before = dbapi.limit
    connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
    connection.exec_driver_sql(f"SET LOCAL idle_in_transaction_session_timeout = {int(seconds * 1000)}")
    dbapi.limit = seconds + GRACE
    try:
        yield
    finally:
        dbapi.limit = before
