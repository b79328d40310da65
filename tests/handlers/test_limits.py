"""The per-person limits through the real application: settings in, polite replies out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.config import Settings
from bot.search import Searcher
from tests.handlers.conftest import Client, consult, say

pytestmark = pytest.mark.asyncio


async def limited_client(
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path, **env: str
) -> Client:
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **env}, DATABASE_URL=f"sqlite:///{tmp_path / 'kaizen.db'}"
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


async def test_the_second_consultation_of_the_day_is_declined_politely(
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path
) -> None:
    client = await limited_client(aiohttp_client, searcher, tmp_path, KAIZEN_LIMIT_CONSULTATIONS_PER_DAY="1")
    assert await consult(client, "staff-1") == 1
    (declined,) = await say(client, "staff-1", action="consult")
    assert "1日1件まで" in declined["text"]
    assert "（明日）以降に" in declined["text"]
    assert "DX推進課（内線 2345）" in declined["text"]
    assert [c["label"] for c in declined["choices"]] == ["相談状況を見る", "メニュー"]
    assert await consult(client, "staff-2") == 2, "another person is not limited"


async def test_messages_over_the_minutes_limit_are_declined_with_when_to_go_on(
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path
) -> None:
    client = await limited_client(aiohttp_client, searcher, tmp_path, KAIZEN_LIMIT_MESSAGES_PER_MINUTE="2")
    await say(client, "staff-1", text="こんにちは")
    await say(client, "staff-1", text="こんにちは")
    (declined,) = await say(client, "staff-1", text="RPAとは何ですか？")
    assert "1分間に2件まで" in declined["text"]
    assert "もう一度お送りください" in declined["text"]
    (answered,) = await say(client, "staff-2", text="こんにちは")
    assert "1分間" not in answered["text"]
