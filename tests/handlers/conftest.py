"""The real application (init_app) over a temporary SQLite file and the session's search index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestClient
from playwright.sync_api import Browser, expect, sync_playwright
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.config import Settings
from bot.search import Searcher
from tests.auxil.browser import ARGS, CHROMIUM
from tests.auxil.databases import migrated_sqlite
from tests.auxil.live import Live, live_server

Client = TestClient[web.Request, web.Application]

MAX_BODY = 4096
ADMIN_TOKEN = "test-admin-token-0123456789-abcdefghijklmnop"
CHAT_TOKEN = "test-chat-api-token-0123456789abcdef"
CHAT_AUTH = {"Authorization": f"Bearer {CHAT_TOKEN}"}
CONTENT = "会議録の作成に毎回半日かかっています"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env(
        {"KAIZEN_CACHE_DIR": ""},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
        KAIZEN_MAX_BODY_BYTES=str(MAX_BODY),
        KAIZEN_ADMIN_TOKEN=ADMIN_TOKEN,
        KAIZEN_CHAT_API_TOKEN=CHAT_TOKEN,
    )


@pytest_asyncio.fixture
async def client(aiohttp_client: AiohttpClient, settings: Settings, searcher: Searcher) -> Client:
    return await aiohttp_client(init_app(settings, searcher=searcher))


async def say(client: Client, user: str | None, **body: str) -> list[dict[str, Any]]:
    """One message or button press in the chat; the bot's replies.

    From another system naming ``user`` with the chat API token; with ``user``
    None, from the page under the client's session cookie (each client is one browser).
    """
    if user is None:
        response = await client.post("/api/v1/chat", json=body)
    else:
        response = await client.post("/api/v1/chat", json={"user": user, **body}, headers=CHAT_AUTH)
    assert response.status == 200, await response.text()
    replies: list[dict[str, Any]] = (await response.json())["replies"]
    return replies


async def pushed(client: Client, user: str | None, after: int = 0) -> list[dict[str, Any]]:
    """The messages pushed to ``user`` as another system polls them; None: the page."""
    headers = {**CHAT_AUTH, "X-Kaizen-User": user} if user is not None else {}
    response = await client.get(f"/api/v1/chat/messages?after={after}", headers=headers)
    assert response.status == 200, await response.text()
    messages: list[dict[str, Any]] = (await response.json())["messages"]
    return messages


async def consult(client: Client, user: str | None, content: str = CONTENT) -> int:
    """Send a consultation through the web chat, as a staff member would; return its number."""
    await say(client, user, action="menu")
    await say(client, user, action="consult")
    await say(client, user, text=content)
    replies = await say(client, user, text="総務課 庶務係")
    if "いつごろまでに" in replies[-1]["text"]:
        await say(client, user, action="in:by:m")
    receipt = (await say(client, user, action="in:send"))[-1]["text"]
    found = re.search(r"受付番号は No\.(\d+)", receipt)
    assert found, receipt
    return int(found.group(1))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless chromium per test module.

    Assertions wait up to 20 s instead of Playwright's 5: CI's shared two cores can take longer than 5 s to
    answer a page while other tests run, and a wait that ends early proves nothing about the page.
    """
    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One seeded ``python -m bot serve`` for the fuzz and schemathesis runs."""
    with live_server(tmp_path_factory.mktemp("live")) as served:
        yield served
