"""A consultation service with webhook notices, and a fake webhook endpoint over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore
from tests.auxil.databases import migrated_sqlite
from tests.auxil.platforms import FakeSmtp, FakeWebhook


@pytest.fixture
def sqlite_store(tmp_path: Path) -> ConversationStore:
    return ConversationStore.open(migrated_sqlite(tmp_path / "kaizen.db"))


@pytest.fixture
def service(sqlite_store: ConversationStore) -> ConsultationService:
    return ConsultationService(
        sqlite_store.engine, Notices((NOTIFY_WEBHOOK,), "https://kaizen.example.lg.jp")
    )


@pytest_asyncio.fixture
async def webhook() -> AsyncIterator[FakeWebhook]:
    fake = FakeWebhook()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture
async def smtp() -> AsyncIterator[FakeSmtp]:
    server = FakeSmtp()
    await server.start()
    yield server
    await server.stop()
