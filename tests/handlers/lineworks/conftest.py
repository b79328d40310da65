"""The fake LINE WORKS over HTTP, the channel's settings pointing at it, and the real application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.config import Settings
from bot.search import Searcher
from tests.auxil.databases import migrated_sqlite
from tests.auxil.lineworks import FakeLineWorks

Client = TestClient[web.Request, web.Application]

MAX_BODY = 4096


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeLineWorks]:
    started = FakeLineWorks()
    await started.start()
    yield started
    await started.stop()


def lineworks_settings(fake: FakeLineWorks, tmp_path: Path, **env: str) -> Settings:
    base = {
        "KAIZEN_CACHE_DIR": "",
        "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
        "KAIZEN_MAX_BODY_BYTES": str(MAX_BODY),
        **fake.settings(),
        **env,
    }
    return Settings.from_env(base, DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"))


@pytest_asyncio.fixture
async def bot(
    aiohttp_client: AiohttpClient, fake: FakeLineWorks, searcher: Searcher, tmp_path: Path
) -> Client:
    return await aiohttp_client(init_app(lineworks_settings(fake, tmp_path), searcher=searcher))
