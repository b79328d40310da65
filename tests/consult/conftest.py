"""A consultation service over each database, with a clock the tests move."""

from __future__ import annotations

import pytest

from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore
from tests.auxil.consultations import Clock

PUBLIC_URL = "https://kaizen.example.lg.jp"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: ConversationStore, clock: Clock) -> ConsultationService:
    return ConsultationService(store.engine, Notices((NOTIFY_WEBHOOK,), PUBLIC_URL), clock)
