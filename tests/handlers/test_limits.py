"""The per-person limits through the real application: settings in, polite replies out."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import STORE
from bot.config import Settings
from bot.db.schema import messages
from bot.search import Searcher
from tests.auxil.databases import migrated_sqlite
from tests.handlers.conftest import CHAT_AUTH, CHAT_TOKEN, Client, consult, say

pytestmark = pytest.mark.asyncio


async def limited_client(
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path, **env: str
) -> Client:
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN, **env},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
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
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """And logged once a streak without the user id (a staff member's name under single sign-on)."""
    client = await limited_client(aiohttp_client, searcher, tmp_path, KAIZEN_LIMIT_MESSAGES_PER_MINUTE="2")

    async def send(user: str, text: str) -> dict[str, Any]:
        response = await client.post("/api/v1/chat", json={"user": user, "text": text}, headers=CHAT_AUTH)
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body

    for _ in range(2):
        assert "refused" not in await send("staff-1", "こんにちは")
    with caplog.at_level(logging.INFO, logger="bot.conversations"):
        declined = await send("staff-1", "RPAとは何ですか？")
        for _ in range(3):
            again = await send("staff-1", "まだですか")
            assert again == {"replies": [], "refused": True}, "told once; still given back to send later"
    assert declined["refused"] is True, "the client is told the message was not read, to offer it again"
    (logged,) = [r.getMessage() for r in caplog.records if "messages in a minute" in r.getMessage()]
    assert "staff-1" not in caplog.text
    named = re.fullmatch(
        r"web:[0-9a-f]{12} \(newest logged line (\d+)\) sent more than 2 messages in a minute; "
        r"its messages are refused until \S+ \(logged once\)",
        logged,
    )
    assert named, logged

    def owner() -> str:
        with client.app[STORE].engine.connect() as connection:
            query = sa.select(messages.c.user_id).where(messages.c.id == int(named.group(1)))
            return str(connection.execute(query).scalar_one())

    assert await asyncio.to_thread(owner) == "staff-1", "the line's id finds the conversation in the database"
    (reply,) = declined["replies"]
    assert "1分間に2件まで" in reply["text"]
    assert "もう一度お送りください" in reply["text"]
    answered = await send("staff-2", "こんにちは")
    assert "refused" not in answered
    assert "1分間" not in answered["replies"][0]["text"]


async def test_a_browser_that_keeps_dropping_its_cookie_cannot_start_sessions_for_ever(
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path
) -> None:
    """Each new session would be a fresh allowance of the limits above: one address starts only so many."""
    client = await limited_client(
        aiohttp_client,
        searcher,
        tmp_path,
        KAIZEN_LIMIT_WEB_SESSIONS_PER_DAY="2",
        KAIZEN_TRUSTED_PROXIES="127.0.0.1/32",
    )
    behind = {"X-Forwarded-For": "198.51.100.7"}
    kept = None
    for _ in range(2):
        client.session.cookie_jar.clear()
        answered = await client.post("/api/v1/chat", json={"text": "こんにちは"}, headers=behind)
        assert answered.status == 200
        kept = client.session.cookie_jar.filter_cookies(client.make_url("/api/v1/chat"))
    client.session.cookie_jar.clear()
    refused = await client.post("/api/v1/chat", json={"text": "こんにちは"}, headers=behind)
    assert refused.status == 429
    error = await refused.json()
    assert error["error"] == "too_many_sessions"
    assert "1日2件の上限" in error["message"]
    assert "DX推進課（内線 2345）" in error["message"]
    assert 0 < int(refused.headers["Retry-After"]) <= 24 * 3600
    elsewhere = await client.post(
        "/api/v1/chat", json={"text": "こんにちは"}, headers={"X-Forwarded-For": "203.0.113.9"}
    )
    assert elsewhere.status == 200, "the real client's address, as the trusted proxy names it"
    client.session.cookie_jar.update_cookies(kept or {})
    carried_on = await client.post("/api/v1/chat", json={"text": "こんにちは"}, headers=behind)
    assert carried_on.status == 200, "a session already open carries on"
