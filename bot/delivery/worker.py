"""The delivery worker: hands outbox messages to their platforms, with retries and backoff.

One worker runs inside every ``serve`` process, and ``python -m bot
worker`` runs one on its own; any number may run against one database,
since each message is claimed before it is sent (`bot.db.outbox.claim`).

The guarantees, and their limits:

- Nothing is lost: a message stays ``pending`` until its platform has
  accepted it (a 2xx answer, an SMTP server's acceptance), or until its
  sender says it can never be delivered (`Undeliverable`: the person
  blocked the bot), when it is dropped; so is a message the platform
  refuses for what it is (`REFUSED_FOR_GOOD`: 400, a body it cannot take,
  malformed or too large as Teams says at times; 413, too large), which no
  retry would change, logged as an ERROR, since it is a message lost. A
  token refused (401), a failure, a
  timeout or an unreachable platform reschedules it after a backoff that
  doubles up to a ceiling, and retries never stop. A platform that asks
  for a pause (429 or 503 with ``Retry-After``, raised by the sender as
  `PlatformRefused`) is not tried again sooner; meanwhile the person's
  later messages wait behind it (`bot.db.outbox.claim`). A worker that crashes or
  is stopped mid-delivery leaves the message claimed until the lease runs
  out; then any worker sends it: only its parts not yet shown, when the
  platform shows it as several messages, since each part accepted is
  recorded as it is (`recording`).
- Nothing is sent twice by us: a message is claimed by one worker at a
  time, an attempt is cut off at the delivery timeout, which is shorter than
  the lease, and a delivered message is never claimed again. One window is
  left, as in every outbox: a crash after the platform accepted a message
  and before the worker recorded it. Each request names the message
  (``Idempotency-Key``, ``Message-ID``) so a platform that honours it drops
  the repeat.

The worker also runs periodic jobs in the same loop (reminders of
consultations that wait too long, the retention purge).

Its database work runs in threads, which a cancelled task cannot stop: so
when the worker is stopped in the middle of a periodic job or of a
delivery's bookkeeping, it waits for that thread (`STOP_GRACE_SECONDS` at
most) before it ends, so that the server does not close the database or
its logging under a purge still writing to them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import aiohttp
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from bot.config import DeliverySettings
from bot.consult.service import utcnow
from bot.db.outbox import (
    Delivery,
    claim,
    drop,
    mark_sent,
    pending_counts,
    record_parts_shown,
    retry_later,
    when_committed,
)
from bot.delivery.http import PlatformRefused
from bot.errors import StoreError
from bot.health import DatabaseOutage

__all__ = [
    "REFUSED_FOR_GOOD",
    "STOP_GRACE_SECONDS",
    "DeliveryWorker",
    "PartlySent",
    "Periodic",
    "Sender",
    "Undeliverable",
    "recording",
    "resuming",
]

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
REFUSED_FOR_GOOD = frozenset({400, 413})
"""The platform's answers that refuse the request itself, so the same body never passes: 400 (malformed, or
too large as the Bot Connector and Teams Workflows answer at times, ``MessageSizeTooBig``) and 413 (Payload
Too Large). Any other status is retried: 401 (our token, which the operator can mend), 403 and 404 (a
sender that knows them for a conversation gone says `Undeliverable`), 408, 409, 412, 429 and 5xx."""
STOP_GRACE_SECONDS = 10.0
"""How long a stopped worker waits for a periodic job or a delivery's bookkeeping still running."""


class Undeliverable(Exception):
    """The message can never be delivered (the person blocked the bot): drop it, do not retry."""


class PartlySent(Exception):
    """The platform showed the first ``parts`` parts of the message, then failed (this exception's cause).

    A sender that sends one message as several platform messages raises it,
    so that the retry sends only the rest (`bot.db.outbox.PARTS_SHOWN`).
    """

    def __init__(self, parts: int) -> None:
        super().__init__(f"the platform failed after {parts} parts of the message were shown")
        self.parts = parts


@dataclass(slots=True)
class _Attempt:
    """The worker's attempt at one message: its database, where `recording` writes.

    ``parts_shown``: the parts shown in all by an attempt cut off (the timeout) after the platform
    accepted some.
    """

    engine: sa.Engine
    parts_shown: int | None = None


_ATTEMPT: ContextVar[_Attempt | None] = ContextVar("kaizen_delivery_attempt", default=None)
"""The worker's attempt in progress, which `resuming` tells the parts shown when it is cancelled."""


@contextlib.contextmanager
def resuming(delivery: Delivery, sent: Callable[[], int]) -> Iterator[None]:
    """Around a sender sending the parts of ``delivery`` not yet shown (`Delivery.parts_shown` on).

    ``sent`` counts the parts the platform accepted in this attempt; a failure
    after it accepted some is raised as `PartlySent`, from the failure, with
    the parts shown in all. `Undeliverable` passes as it is. A cancellation
    (the worker's delivery timeout) passes as it is too, since it must reach
    the timeout; the parts shown are told to the worker's attempt beside it.
    """
    try:
        yield
    except Undeliverable:
        raise
    except Exception as exc:
        if sent():
            raise PartlySent(delivery.parts_shown + sent()) from exc
        raise
    except asyncio.CancelledError:
        attempt = _ATTEMPT.get()
        if attempt is not None and sent():
            attempt.parts_shown = delivery.parts_shown + sent()
        raise


def recording(delivery: Delivery, parts: int) -> Callable[[int], Awaitable[None]]:
    """What a sender calls each time the platform accepts one of the ``parts`` it sends of ``delivery``.

    Called with the parts accepted in this attempt, it records the parts shown in all in the outbox
    (`bot.db.outbox.record_parts_shown`) while more are to come: a worker stopped or killed after some
    were shown leaves the count, and the next claim after the lease sends only the rest. The last part
    writes nothing (the worker marks the message sent), so a message of one part costs no write. Outside
    a worker's attempt (a sender called on its own) it does nothing.
    """

    async def accepted(sent: int) -> None:
        attempt = _ATTEMPT.get()
        if attempt is None or sent >= parts:
            return
        await _finished(record_parts_shown, attempt.engine, delivery, delivery.parts_shown + sent)

    return accepted


class Sender(Protocol):
    """Hands one message to its platform; returns once accepted, raises otherwise.

    `Undeliverable` drops the message for good, and so does a refusal with a status of `REFUSED_FOR_GOOD`
    (400, 413, as an ``aiohttp.ClientResponseError`` such as `PlatformRefused`); any other exception retries
    it after the backoff (`PartlySent`, raised from the platform's failure: only the parts not shown).
    """

    async def send(self, delivery: Delivery) -> None:
        """Deliver ``delivery``."""


@dataclass(frozen=True, slots=True)
class Periodic:
    """A blocking job the worker runs every ``every`` seconds (first at start), in a thread."""

    name: str
    every: float
    run: Callable[[], object]


class DeliveryWorker:
    """Delivers the outbox of ``engine`` through ``senders`` (one per channel)."""

    def __init__(
        self,
        engine: sa.Engine,
        senders: Mapping[str, Sender],
        settings: DeliverySettings,
        *,
        periodic: Sequence[Periodic] = (),
        clock: Callable[[], datetime] = utcnow,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.engine = engine
        self.senders = dict(senders)
        self.settings = settings
        self.periodic = tuple(periodic)
        self.clock = clock
        self.poll_seconds = poll_seconds
        self._last_run: dict[str, float] = {}
        self._written = asyncio.Event()
        self._outage = DatabaseOutage("delivery", log)

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt: doubling, up to the ceiling."""
        return float(
            min(self.settings.backoff_max_seconds, self.settings.backoff_seconds * 2 ** (attempts - 1))
        )

    def delay_after(self, attempts: int, error: Exception) -> float:
        """Seconds until the next attempt: the backoff, or longer if the platform asked for it."""
        delay = self.backoff(attempts)
        if isinstance(error, PlatformRefused) and error.retry_after is not None:
            delay = max(delay, error.retry_after)
        return delay

    async def deliver_due(self) -> int:
        """Attempt every message that is due now, oldest first; return how many were delivered."""
        lease = timedelta(seconds=self.settings.lease_seconds)
        delivered = 0
        while True:
            delivery = await asyncio.to_thread(claim, self.engine, self.senders.keys(), self.clock(), lease)
            if delivery is None:
                return delivered
            delivered += await self._attempt(delivery)

    async def run(self) -> None:
        """Deliver and run the periodic jobs until cancelled; a database outage only pauses it.

        The outage is logged once, when it starts, and its end once (`bot.health.DatabaseOutage`). Any
        other failure of a round is logged with its traceback, and the next round goes on.

        It looks for due messages every ``poll_seconds``, and at once when this
        process has written one (`bot.db.outbox.when_committed`): the team's
        answer reaches staff without waiting for the next look.
        """
        loop = asyncio.get_running_loop()
        stop = when_committed(self.engine, lambda: _call_soon(loop, self._written.set))
        reported = False
        try:
            while True:
                self._written.clear()
                try:
                    if not reported:
                        await asyncio.to_thread(self._report_unsendable)
                        reported = True
                    await self.deliver_due()
                    await self._run_periodic()
                except (StoreError, SQLAlchemyError) as exc:
                    self._outage.failed(exc)
                except Exception:  # a bug must not end the deliveries of the process, silently at that
                    log.exception("delivery round failed; the next round tries again")
                else:
                    self._outage.answered()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.poll_seconds):
                        await self._written.wait()
        finally:
            stop()

    async def _attempt(self, delivery: Delivery) -> bool:
        sender = self.senders[delivery.key.channel]
        attempt = _Attempt(self.engine)
        token = _ATTEMPT.set(attempt)
        try:
            async with asyncio.timeout(self.settings.timeout_seconds):
                await sender.send(delivery)
        except Undeliverable as exc:
            await self._drop(
                delivery, logging.WARNING, f"it can never be delivered ({exc})", f"undeliverable: {exc}"
            )
            return False
        except Exception as failure:  # any failure of the platform or the network: retry later
            partly = failure if isinstance(failure, PartlySent) else None
            cause = failure.__cause__ if partly is not None else None
            error = cause if isinstance(cause, Exception) else failure
            reason = "timed out" if isinstance(error, TimeoutError) else f"{type(error).__name__}: {error}"
            if isinstance(error, aiohttp.ClientResponseError) and error.status in REFUSED_FOR_GOOD:
                what = "as too large" if _too_large(error) else "as it is"
                why = f"the platform refused it {what} ({reason}); not retried"
                await self._drop(delivery, logging.ERROR, why, f"refused {what}: {reason}")
                return False
            delay = self.delay_after(delivery.attempts, error)
            log.warning(
                "delivery of message %d to %s failed (attempt %d: %s); next try in %.0f s",
                delivery.id,
                delivery.key.channel,
                delivery.attempts,
                reason,
                delay,
            )
            shown = attempt.parts_shown if partly is None else partly.parts  # cut off: what it had shown
            at = self.clock() + timedelta(seconds=delay)
            await _finished(retry_later, self.engine, delivery, at, reason, shown)
            return False
        finally:
            _ATTEMPT.reset(token)
        await _finished(mark_sent, self.engine, delivery, self.clock())
        log.info(
            "delivered message %d to %s (attempt %d)", delivery.id, delivery.key.channel, delivery.attempts
        )
        return True

    async def _drop(self, delivery: Delivery, level: int, why: str, error: str) -> None:
        """End ``delivery`` for good: no retry changes ``why`` (logged at ``level``); ``error`` is stored."""
        log.log(level, "message %d to %s dropped: %s", delivery.id, delivery.key.channel, why)
        await _finished(drop, self.engine, delivery, error)

    async def _run_periodic(self) -> None:
        for job in self.periodic:
            last = self._last_run.get(job.name)
            if last is not None and time.monotonic() - last < job.every:
                continue
            self._last_run[job.name] = time.monotonic()
            try:
                await _finished(job.run)
            except Exception:  # one failed run must not stop deliveries; the next run tries again
                log.exception("periodic job %s failed", job.name)

    def _report_unsendable(self) -> None:
        """Say which channels have messages waiting but no sender here (their adapter is not on)."""
        for channel, count in pending_counts(self.engine).items():
            if channel not in self.senders:
                log.warning(
                    "%d message(s) wait for channel %r, which has no sender configured", count, channel
                )


async def _finished(call: Callable[..., object], *args: object) -> None:
    """``call(*args)`` in a thread; when cancelled meanwhile, first let the thread end (see the module).

    What ``call`` raises is raised; a thread still running after `STOP_GRACE_SECONDS` is left to end alone.
    """
    running = asyncio.ensure_future(asyncio.to_thread(call, *args))
    try:
        await asyncio.shield(running)
    except asyncio.CancelledError:
        await asyncio.wait((running,), timeout=STOP_GRACE_SECONDS)
        if running.done() and not running.cancelled():
            running.exception()  # retrieved: its failure is the cancelled loop's no more
        raise


def _too_large(error: aiohttp.ClientResponseError) -> bool:
    """Whether the platform's refusal says the body is too large (413, or a 400 saying so)."""
    said = error.message.lower()
    return error.status == 413 or "toobig" in said or "too large" in said


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], object]) -> None:
    """Run ``callback`` in ``loop`` from any thread; nothing once the loop has closed."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(callback)
