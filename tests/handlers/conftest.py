"""The real application (init_app) over a temporary SQLite file and the session's search index."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.config import Settings
from bot.search import Searcher

Client = TestClient[web.Request, web.Application]

MAX_BODY = 4096


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env(
        {"KAIZEN_CACHE_DIR": ""},
        DATABASE_URL=f"sqlite:///{tmp_path / 'kaizen.db'}",
        KAIZEN_MAX_BODY_BYTES=str(MAX_BODY),
    )


@pytest_asyncio.fixture
async def client(aiohttp_client: AiohttpClient, settings: Settings, searcher: Searcher) -> Client:
    return await aiohttp_client(init_app(settings, searcher=searcher))
