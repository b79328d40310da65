"""What the bot counts for Prometheus: requests, latencies and replies live; the rest when scraped.

Counted as they happen, in this process: HTTP requests by method, route
(the route's pattern, never the path: no ids or names) and status; their
latency; and the engine's replies by kind (``answer``, ``clarify`` and
``escalate`` are the search's decisions). Read from the database when
scraped, so every process reports the same, whole picture: consultations
by state, the outbox's backlog and the age of its oldest waiting message,
per channel, and the same for the webhook events waiting in the inbox.
Each `Metrics` has its own registry, so several applications in one
process (tests) do not mix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

import sqlalchemy as sa
from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError

from bot.consult.model import Status
from bot.db.engine import aware
from bot.db.schema import consultations, inbox, outbox
from bot.dialogue import Reply

__all__ = ["CONTENT_TYPE", "Metrics"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

Clock = Callable[[], datetime]

# The *_created series only double the exposition; nothing here reads them.
disable_created_metrics()  # type: ignore[no-untyped-call]

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """This process's counters, and the database read at scrape time (``engine``, set once open)."""

    def __init__(self, clock: Clock) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "kaizen_http_requests",
            "HTTP requests answered, by method, route pattern and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "kaizen_http_request_duration_seconds",
            "Time from a request's arrival to its response, by method and route pattern.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.refused = Counter(
            "kaizen_http_refused",
            "Requests aiohttp's HTTP parser refused before any route, by status and error code.",
            ["status", "error"],
            registry=self.registry,
        )
        self.replies = Counter(
            "kaizen_replies",
            "The engine's replies by kind; answer, clarify and escalate are the search's decisions.",
            ["kind"],
            registry=self.registry,
        )
        self.database = DatabaseCollector(clock)
        self.registry.register(self.database)
        ProcessCollector(registry=self.registry)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def observe_refusal(self, status: int, error: str) -> None:
        """Count one request the HTTP parser refused (`bot.handlers.protocol`)."""
        self.refused.labels(str(status), error).inc()

    def observe_replies(self, replies: Iterable[Reply]) -> None:
        """Count the replies of one turn."""
        for reply in replies:
            self.replies.labels(reply.kind).inc()

    def exposition(self) -> bytes:
        """Everything, in Prometheus' text format (blocking: it reads the database)."""
        return generate_latest(self.registry)


class DatabaseCollector(Collector):
    """Consultations by state, the outbox and the inbox per channel, read when scraped (or says it cannot)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.engine: sa.Engine | None = None

    def collect(self) -> Iterator[Metric]:
        """The gauges, and ``kaizen_database_up`` (0 when the database did not answer)."""
        up = GaugeMetricFamily("kaizen_database_up", "1 if the database answered this scrape, else 0.")
        if self.engine is None:
            up.add_metric([], 0)
            yield up
            return
        try:
            states, waiting, unanswered = self._read(self.engine)
        except SQLAlchemyError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        by_state = GaugeMetricFamily(
            "kaizen_consultations", "Consultations by state (new, in_progress, …).", labels=["state"]
        )
        for status in Status:
            by_state.add_metric([status.value], states.get(status.value, 0))
        yield by_state
        yield from self._backlog("outbox", "Messages waiting for delivery", waiting)
        yield from self._backlog("inbox", "Webhook events acknowledged and not yet answered", unanswered)

    def _backlog(self, name: str, what: str, waiting: Backlog) -> Iterator[Metric]:
        """``kaizen_{name}_pending`` and the age of the oldest, by channel."""
        backlog = GaugeMetricFamily(f"kaizen_{name}_pending", f"{what}, by channel.", labels=["channel"])
        age = GaugeMetricFamily(
            f"kaizen_{name}_oldest_pending_age_seconds",
            f"Age of the oldest of the {what[0].lower()}{what[1:]}, by channel.",
            labels=["channel"],
        )
        now = self.clock()
        for channel, (count, oldest) in sorted(waiting.items()):
            backlog.add_metric([channel], count)
            age.add_metric([channel], max(0.0, (now - aware(oldest)).total_seconds()))
        yield backlog
        yield age

    @staticmethod
    def _read(engine: sa.Engine) -> tuple[dict[str, int], Backlog, Backlog]:
        by_state = sa.select(consultations.c.status, sa.func.count()).group_by(consultations.c.status)
        pending = (
            sa.select(outbox.c.channel, sa.func.count(), sa.func.min(outbox.c.created_at))
            .where(outbox.c.status == "pending")
            .group_by(outbox.c.channel)
        )
        received = sa.select(inbox.c.channel, sa.func.count(), sa.func.min(inbox.c.received_at)).group_by(
            inbox.c.channel
        )
        with engine.connect() as connection:
            states = {str(status): int(count) for status, count in connection.execute(by_state).all()}
            waiting = {str(c): (int(n), oldest) for c, n, oldest in connection.execute(pending).all()}
            unanswered = {str(c): (int(n), oldest) for c, n, oldest in connection.execute(received).all()}
        return states, waiting, unanswered


Backlog = dict[str, tuple[int, datetime]]
"""Per channel: how many wait, and when the oldest came."""
