"""The metrics read from the database at scrape time, on both databases, and when it is down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from prometheus_client.parser import text_string_to_metric_families

from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore, inbox
from bot.metrics import Metrics
from bot.values import ConversationKey, Incoming
from tests.auxil.consultations import new_consultation, open_consultation
from tests.auxil.platforms import free_port


def samples(metrics: Metrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(metrics.exposition().decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_consultations_by_state_and_the_outbox_backlog_and_age(store: ConversationStore) -> None:
    later = datetime.now(UTC) + timedelta(minutes=10)
    metrics = Metrics(lambda: later)
    metrics.database.engine = store.engine
    service = ConsultationService(store.engine, Notices((NOTIFY_WEBHOOK,)))
    for n in range(3):
        open_consultation(service, new=new_consultation(f"相談その{n}"))
    found = samples(metrics)
    assert found[("kaizen_database_up", ())] == 1
    assert found[("kaizen_consultations", (("state", "new"),))] == 3
    assert found[("kaizen_consultations", (("state", "resolved"),))] == 0
    assert found[("kaizen_outbox_pending", (("channel", NOTIFY_WEBHOOK),))] == 3
    age = found[("kaizen_outbox_oldest_pending_age_seconds", (("channel", NOTIFY_WEBHOOK),))]
    assert 590 <= age <= 620


def test_the_webhook_events_waiting_in_the_inbox_by_channel_and_age(store: ConversationStore) -> None:
    received = datetime.now(UTC)
    metrics = Metrics(lambda: received + timedelta(seconds=90))
    metrics.database.engine = store.engine
    assert not any(name == "kaizen_inbox_pending" for name, _ in samples(metrics))

    def event(channel: str, n: int) -> Incoming:
        key = ConversationKey(channel, f"U{n}", f"U{n}")
        return Incoming(key, text="RPAとは", event_id=f"{channel}-{n}", received_at=received)

    events = [("line", [event("line", n) for n in range(2)]), ("slack", [event("slack", 0)])]
    inbox.write(store.engine, events, (), received, "p1", timedelta(seconds=60))
    found = samples(metrics)
    assert found[("kaizen_inbox_pending", (("channel", "line"),))] == 2
    assert found[("kaizen_inbox_pending", (("channel", "slack"),))] == 1
    assert 89 <= found[("kaizen_inbox_oldest_pending_age_seconds", (("channel", "line"),))] <= 91


def test_a_database_that_does_not_answer_is_reported_not_raised() -> None:
    metrics = Metrics(lambda: datetime.now(UTC))
    metrics.database.engine = sa.create_engine(f"postgresql+psycopg://kaizen@127.0.0.1:{free_port()}/kaizen")
    found = samples(metrics)
    assert found[("kaizen_database_up", ())] == 0
    assert not any(name == "kaizen_consultations" for name, _ in found)
    metrics.database.engine = None
    assert samples(metrics)[("kaizen_database_up", ())] == 0
