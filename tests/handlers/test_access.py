"""Request ids, the access log and ``/metrics`` on the real application."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

import pytest
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.config import Settings
from bot.logs import REQUEST_ID, RequestIdFilter
from bot.search import Searcher
from tests.auxil.databases import migrated_sqlite
from tests.auxil.platforms import free_port
from tests.handlers.conftest import ADMIN_TOKEN, CHAT_AUTH, CHAT_TOKEN, Client, consult, say

pytestmark = pytest.mark.asyncio

METRICS_TOKEN = "test-metrics-token-0123456789-abcdefghij"


def settings_with(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **env},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
        KAIZEN_ADMIN_TOKEN=ADMIN_TOKEN,
        KAIZEN_CHAT_API_TOKEN=CHAT_TOKEN,
    )


async def scrape(client: Client) -> dict[str, float]:
    response = await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert response.status == 200, await response.text()
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for line in (await response.text()).splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    return samples


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Captured lines, tagged with their request id as the bot's own handler tags them."""
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO)
    return caplog


async def test_every_request_gets_an_id_and_the_header_is_only_trusted_when_told(
    aiohttp_client: AiohttpClient, tmp_path: Path, searcher: Searcher
) -> None:
    untrusting = await aiohttp_client(init_app(settings_with(tmp_path), searcher=searcher))
    first = await untrusting.get("/healthz", headers={"X-Request-Id": "from-the-client"})
    second = await untrusting.get("/healthz")
    ids = [first.headers["X-Request-Id"], second.headers["X-Request-Id"]]
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    assert ids[0] != ids[1]

    trusting = await aiohttp_client(
        init_app(settings_with(tmp_path, KAIZEN_TRUST_REQUEST_ID="true"), searcher=searcher)
    )
    given = await trusting.get("/healthz", headers={"X-Request-Id": "proxy-7f3a.1"})
    assert given.headers["X-Request-Id"] == "proxy-7f3a.1"
    forged = await trusting.get("/healthz", headers={"X-Request-Id": "x\tinjected=1 " + "a" * 200})
    assert re.fullmatch(r"[0-9a-f]{16}", forged.headers["X-Request-Id"]), "not an id: one is made"
    missing = await trusting.get("/nowhere")
    assert missing.status == 404
    assert re.fullmatch(r"[0-9a-f]{16}", missing.headers["X-Request-Id"])


async def test_the_access_log_names_routes_never_users_or_query_strings(
    client: Client, logged: pytest.LogCaptureFixture
) -> None:
    await say(client, "田中花子", text="RPAとは何ですか？")
    await client.get(
        "/api/v1/chat/messages",
        params={"after": "0", "email": "hanako@example.jp"},
        headers={**CHAT_AUTH, "X-Kaizen-User": "tanaka"},
    )
    await client.get("/api/v1/consultations/12345", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    await client.get("/no/such/page/田中花子")
    access = [r for r in logged.records if r.name == "bot.access"]
    assert [r.getMessage().rsplit(" ", 2)[0] for r in access] == [
        "POST /api/v1/chat 200",
        "GET /api/v1/chat/messages 200",
        "GET /api/v1/consultations/{id} 404",
        "GET (no route) 404",
    ]
    for record in access:
        text = f"{record.getMessage()} {record.__dict__}"
        for secret in ("田中", "tanaka", "hanako", "12345", ADMIN_TOKEN, CHAT_TOKEN, "after="):
            assert secret not in text
        assert re.fullmatch(r"[0-9a-f]{16}", record.__dict__["request_id"])
    assert len({r.__dict__["request_id"] for r in access}) == 4


async def test_lines_logged_in_a_request_carry_its_id_even_from_worker_threads(
    client: Client, logged: pytest.LogCaptureFixture
) -> None:
    response = await client.post("/api/v1/chat", json={"text": "RPAとは？"})
    request_id = response.headers["X-Request-Id"]
    threaded = logging.getLogger("tests.thread")

    def in_a_thread() -> None:
        threaded.info("from a worker thread")

    # What the handlers do: asyncio.to_thread copies the request's context into the thread.
    token = REQUEST_ID.set(request_id)
    try:
        await asyncio.to_thread(in_a_thread)
    finally:
        REQUEST_ID.reset(token)
    (line,) = [r for r in logged.records if r.name == "tests.thread"]
    assert line.__dict__["request_id"] == request_id
    (access,) = [r for r in logged.records if r.name == "bot.access"]
    assert access.__dict__["request_id"] == request_id


async def test_metrics_are_off_without_their_token_and_refuse_a_wrong_one(
    aiohttp_client: AiohttpClient, tmp_path: Path, searcher: Searcher
) -> None:
    off = await aiohttp_client(init_app(settings_with(tmp_path), searcher=searcher))
    assert (await off.get("/metrics")).status == 404
    on = await aiohttp_client(
        init_app(settings_with(tmp_path, KAIZEN_METRICS_TOKEN=METRICS_TOKEN), searcher=searcher)
    )
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {ADMIN_TOKEN}"}):
        refused = await on.get("/metrics", headers=headers)
        assert refused.status == 401
        assert (await refused.json())["error"] == "unauthorized"


async def test_metrics_count_requests_replies_consultations_and_the_outbox(
    aiohttp_client: AiohttpClient, tmp_path: Path, searcher: Searcher
) -> None:
    unreachable = f"http://127.0.0.1:{free_port()}/webhook"
    settings = settings_with(
        tmp_path, KAIZEN_METRICS_TOKEN=METRICS_TOKEN, KAIZEN_NOTIFY_WEBHOOK_URL=unreachable
    )
    client = await aiohttp_client(init_app(settings, searcher=searcher))
    before = await scrape(client)
    assert before["kaizen_database_up"] == 1
    assert before['kaizen_consultations{state="new"}'] == 0
    assert not any(name.startswith("kaizen_outbox_pending") for name in before)

    answered = await say(client, "staff-1", text="RPAとは何ですか？")
    number = await consult(client, "staff-2")
    await client.post(
        f"/api/v1/consultations/{number}/answer",
        json={"text": "議事録の自動作成ツールをご案内します。"},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    after = await scrape(client)
    assert len(answered) == 1
    assert after['kaizen_replies_total{kind="answer"}'] == 1
    assert after['kaizen_replies_total{kind="escalate"}'] == 1, "the consultation's receipt"
    chats = after['kaizen_http_requests_total{method="POST",route="/api/v1/chat",status="200"}']
    replies = sum(v for name, v in after.items() if name.startswith("kaizen_replies_total"))
    assert chats >= 6
    assert replies >= chats, "every turn's replies are counted"
    assert after['kaizen_http_requests_total{method="GET",route="/metrics",status="200"}'] == 1
    route = 'method="POST",route="/api/v1/consultations/{id}/answer"'
    assert after[f"kaizen_http_request_duration_seconds_count{{{route}}}"] == 1
    assert after['kaizen_consultations{state="answered"}'] == 1
    assert after['kaizen_consultations{state="new"}'] == 0
    assert after['kaizen_outbox_pending{channel="notify-webhook"}'] >= 1, (
        "the new consultation's notice waits"
    )
    assert 0 <= after['kaizen_outbox_oldest_pending_age_seconds{channel="notify-webhook"}'] < 60


async def test_health_and_metrics_are_never_answered_from_a_cache(
    aiohttp_client: AiohttpClient, tmp_path: Path, searcher: Searcher
) -> None:
    """A proxy's kept 200 would hide an outage from the monitor, a kept scrape today's backlog."""
    client = await aiohttp_client(
        init_app(settings_with(tmp_path, KAIZEN_METRICS_TOKEN=METRICS_TOKEN), searcher=searcher)
    )
    health = await client.get("/healthz")
    assert health.status == 200
    assert health.headers["Cache-Control"] == "no-store"
    scraped = await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert scraped.status == 200
    assert scraped.headers["Cache-Control"] == "no-store"
