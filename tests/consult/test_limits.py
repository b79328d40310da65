"""The daily limit on new consultations per person, kept by the desk on every database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.consult.store import Filters
from bot.db import ConversationStore
from bot.db.schema import outbox
from bot.dialogue import ConversationKey, Limit, LimitReached
from bot.localtime import JST
from tests.auxil.consultations import STAFF, Clock, new_consultation, open_consultation

OTHER = ConversationKey("web", "staff-2", "staff-2")
ANOTHER_CHAT = ConversationKey(STAFF.channel, STAFF.user_id, "group-chat-7")


@pytest.fixture
def limited(store: ConversationStore, clock: Clock) -> ConsultationService:
    clock.now = japan(2026, 12, 1, 23, 0)
    return ConsultationService(store.engine, Notices((NOTIFY_WEBHOOK,)), clock, per_day=2)


def japan(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A moment given in Japan time, in UTC as the bot's clock gives it."""
    return datetime(year, month, day, hour, minute, tzinfo=JST).astimezone(UTC)


def limit_of(service: ConsultationService, key: ConversationKey = STAFF) -> Limit | None:
    with service.engine.begin() as connection:
        return service.desk(connection, key).consultation_limit()


def test_a_person_opens_at_most_the_days_limit_on_any_of_their_conversations(
    limited: ConsultationService,
) -> None:
    open_consultation(limited, STAFF)
    assert limit_of(limited) is None
    open_consultation(limited, ANOTHER_CHAT)
    midnight = datetime(2026, 12, 2, 0, 0, tzinfo=JST)
    assert limit_of(limited) == Limit(2, midnight)
    with pytest.raises(LimitReached) as refused:
        open_consultation(limited, STAFF)
    assert refused.value.limit == Limit(2, midnight)
    assert len(limited.find(Filters(status="all"))) == 2
    assert limit_of(limited, OTHER) is None, "someone else is not limited by it"
    open_consultation(limited, OTHER)


def test_the_day_is_japans_and_the_next_day_starts_afresh(limited: ConsultationService, clock: Clock) -> None:
    open_consultation(limited, STAFF)
    open_consultation(limited, STAFF)
    clock.now = japan(2026, 12, 1, 23, 59)
    assert limit_of(limited) is not None
    clock.now = japan(2026, 12, 2, 0, 0)
    assert limit_of(limited) is None, "midnight in Japan, though still 1 December in UTC"
    open_consultation(limited, STAFF)


def test_a_refused_consultation_leaves_nothing_behind(limited: ConsultationService) -> None:
    open_consultation(limited, STAFF)
    open_consultation(limited, STAFF)
    outbox_before = pending_notices(limited)
    with pytest.raises(LimitReached):
        open_consultation(limited, STAFF, new_consultation("三件目のご相談です、よろしくお願いします"))
    assert pending_notices(limited) == outbox_before, "the team is not notified of it either"


def test_no_limit_when_the_setting_is_zero(store: ConversationStore, clock: Clock) -> None:
    unlimited = ConsultationService(store.engine, Notices(), clock, per_day=0)
    for _ in range(5):
        open_consultation(unlimited, STAFF)
    assert limit_of(unlimited) is None


def pending_notices(service: ConsultationService) -> int:
    with service.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(outbox)).scalar_one())
