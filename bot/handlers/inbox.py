"""The durable inbox's asynchronous side: group commits of the webhooks' events, and of discards.

Every webhook waits for its events to be stored (`bot.db.inbox.write`)
before it answers 200. Written one request at a time, each request would
take the database's one writer (SQLite) and a commit of its own; here the
requests that arrive while a commit runs wait together, and the next
commit stores them all, so under load one commit serves many webhooks and
at rest a webhook waits for its own commit only. Discards (rows of turns
that stored nothing) ride along in the same commits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.db import inbox
from bot.values import Incoming

__all__ = ["InboxWriter"]

log = logging.getLogger(__name__)

Ids = list[int | None]


class InboxWriter:
    """Stores events and discards rows of ``engine``'s inbox for ``owner``, in group commits."""

    def __init__(
        self, engine: sa.Engine, owner: str, lease: timedelta, clock: Callable[[], datetime]
    ) -> None:
        self.engine = engine
        self.owner = owner
        self.lease = lease
        self.clock = clock
        self._puts: list[tuple[str, tuple[Incoming, ...], asyncio.Future[Ids]]] = []
        self._discards: list[tuple[int, asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def start(self) -> None:
        """Start committing (inside the running loop)."""
        self._task = asyncio.create_task(self._run(), name="inbox-writer")

    async def stop(self) -> None:
        """Commit what waits, then stop."""
        if self._task is None:
            return
        task, self._task = self._task, None
        self._stopping = True
        self._wake.set()
        await task

    async def put(self, channel: str, events: Sequence[Incoming]) -> Ids:
        """Store ``events`` of ``channel``; each one's row id, None for a redelivery dropped.

        Raises `bot.errors.StoreError` when the database fails (nothing of them is stored).
        """
        future: asyncio.Future[Ids] = asyncio.get_running_loop().create_future()
        self._puts.append((channel, tuple(events), future))
        self._wake.set()
        return await future

    async def discard(self, row: int) -> None:
        """Delete the row ``row`` (its event was answered; its turn may have stored nothing)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._discards.append((row, future))
        self._wake.set()
        await future

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            await self._commit()
            if self._stopping and not self._puts and not self._discards:
                return

    async def _commit(self) -> None:
        puts, self._puts = self._puts, []
        discards, self._discards = self._discards, []
        if not puts and not discards:
            return
        try:
            ids = await asyncio.to_thread(
                inbox.write,
                self.engine,
                [(channel, events) for channel, events, _ in puts],
                {row for row, _ in discards},
                self.clock(),
                self.owner,
                self.lease,
            )
        except Exception as exc:  # every waiter gets the error (a StoreError: 503 to the webhooks)
            for *_, future in puts:
                _fail(future, exc)
            for _, done in discards:
                _fail(done, exc)
            return
        for (*_, future), stored in zip(puts, ids, strict=True):
            if not future.done():
                future.set_result(stored)
        for _, done in discards:
            if not done.done():
                done.set_result(None)


def _fail(
    future: asyncio.Future[object] | asyncio.Future[None] | asyncio.Future[Ids], exc: Exception
) -> None:
    if not future.done():
        future.set_exception(exc)
