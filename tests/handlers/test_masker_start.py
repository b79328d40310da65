"""A server compiles the masker's rules while it starts: its first request does not wait for them."""

from __future__ import annotations

import pytest
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.config import Settings
from bot.privacy import lazy
from bot.search import Searcher

pytestmark = pytest.mark.asyncio


async def test_the_masker_rules_are_compiled_before_the_server_answers(
    aiohttp_client: AiohttpClient, settings: Settings, searcher: Searcher
) -> None:
    rule = lazy.compile("まだ使われていない規則")  # made now: no earlier test in this process compiled it

    client = await aiohttp_client(init_app(settings, searcher=searcher))

    assert "search" in vars(rule)  # compiled by the server's start, before any text reached it
    assert (await client.get("/healthz")).status == 200
