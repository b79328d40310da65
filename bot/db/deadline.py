"""One deadline for every database wait of a request, across the threads it runs on.

A web chat message waits for a turn thread, then for the database; each
wait alone is bounded by ``KAIZEN_DB_TIMEOUT_SECONDS``, and both together
must be too. `within` sets the deadline for the current context: asyncio
tasks and `asyncio.to_thread` copy it; a `ThreadPoolExecutor` does not, so
run the work with ``contextvars.copy_context().run``. SQLite's writer and
lock (`bot.db.sqlite`) wait no later than `until` says: the deadline, or
`LEAST_WAIT` from now if that is later.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["LEAST_WAIT", "until", "within"]

LEAST_WAIT = 0.25
"""Seconds a write may wait for the writer and the lock even past the deadline (see `until`)."""

_DEADLINE: ContextVar[float | None] = ContextVar("kaizen_db_deadline", default=None)


@contextmanager
def within(seconds: float) -> Iterator[float]:
    """Database waits in this context end ``seconds`` from now, or at an outer deadline if sooner.

    Yields the deadline, on `time.monotonic`'s clock.
    """
    at = until(seconds)
    token = _DEADLINE.set(at)
    try:
        yield at
    finally:
        _DEADLINE.reset(token)


def until(timeout: float) -> float:
    """When a wait of at most ``timeout`` seconds from now must end: sooner if the context's deadline is.

    Never sooner than `LEAST_WAIT` from now: a turn that ran past its deadline in the
    engine still gets that long for the writer another turn holds for a few
    milliseconds, instead of failing against a healthy database.
    """
    now = time.monotonic()
    outer = _DEADLINE.get()
    if outer is None:
        return now + timeout
    return now + min(timeout, max(outer - now, LEAST_WAIT))
