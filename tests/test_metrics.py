"""The metrics read from the database at scrape time, on both databases, and when it is down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from prometheus_client.parser import text_string_to_metric_families

from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore
from bot.metrics import Metrics
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


def test_a_database_that_does_not_answer_is_reported_not_raised() -> None:
    metrics = Metrics(lambda: datetime.now(UTC))
    metrics.database.engine = sa.create_engine(f"postgresql+psycopg://kaizen@127.0.0.1:{free_port()}/kaizen")
    found = samples(metrics)
    assert found[("kaizen_database_up", ())] == 0
    assert not any(name == "kaizen_consultations" for name, _ in found)
    metrics.database.engine = None
    assert samples(metrics)[("kaizen_database_up", ())] == 0
