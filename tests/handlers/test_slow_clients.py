"""Slow clients (slow loris) are bounded: headers and body each within the read time, or the connection ends.

The application behind `ShapedRunner` on a real socket, as ``python -m bot serve`` runs it, with a read
time of a second instead of `READ_SECONDS` so that the tests need not wait for it. The bound is asserted
with a margin of three read times (`BOUND`), as a shared, loaded machine may stall the test process for
seconds; an unbounded connection stays until `HANG_GUARD`. No speed is asserted.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web

from bot.app import init_app
from bot.config import Settings
from bot.handlers.protocol import READ_SECONDS, ShapedRunner
from bot.search import Searcher
from tests.auxil.platforms import free_port
from tests.handlers.conftest import CHAT_TOKEN

pytestmark = pytest.mark.asyncio

READ = 1.0
BOUND = READ * 4
HANG_GUARD = 30.0
HEAD = b"POST /api/v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
AUTH = b"Authorization: Bearer " + CHAT_TOKEN.encode() + b"\r\n"
BODY = json.dumps({"user": "staff-1", "text": "RPAとは何ですか？"}).encode()


@pytest_asyncio.fixture
async def port(settings: Settings, searcher: Searcher) -> AsyncIterator[int]:
    runner = ShapedRunner(init_app(settings, searcher=searcher), access_log=None, read_seconds=READ)
    await runner.setup()
    chosen = free_port()
    await web.TCPSite(runner, "127.0.0.1", chosen).start()
    yield chosen
    await runner.cleanup()


def talk(port: int, *parts: bytes, pause: float = 0.0) -> tuple[bytes, float]:
    """Send ``parts`` (``pause`` seconds apart), then read until the server closes: what came, and when."""
    with socket.create_connection(("127.0.0.1", port), timeout=HANG_GUARD) as connection:
        started = time.monotonic()
        for number, part in enumerate(parts):
            if number and pause:
                time.sleep(pause)
            connection.sendall(part)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
        return received, time.monotonic() - started


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer else 0


async def test_the_read_time_is_bounded_in_service() -> None:
    assert 5 <= READ_SECONDS <= 60, "long enough for a slow link, short enough to free the connection"


@pytest.mark.parametrize(
    "sent",
    [
        b"",  # a connection that never sends
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",  # headers never finished
    ],
)
async def test_headers_that_never_arrive_end_the_connection(port: int, sent: bytes) -> None:
    answer, seconds = await asyncio.to_thread(talk, port, sent)
    assert answer == b"", "no request arrived, so none is answered"
    assert seconds < BOUND, f"the connection stayed {seconds:.1f} s"


@pytest.mark.parametrize(
    "sent",
    [
        HEAD + AUTH + b"Content-Length: 1000\r\n\r\n" + BODY[:10],  # a short body
        HEAD + AUTH + b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % 10 + BODY[:10] + b"\r\n",  # stalled
    ],
)
async def test_a_body_that_does_not_arrive_in_time_is_408_and_the_connection_closed(
    port: int, sent: bytes
) -> None:
    answer, seconds = await asyncio.to_thread(talk, port, sent)
    assert status_of(answer) == 408
    head, _, body = answer.partition(b"\r\n\r\n")
    assert json.loads(body)["error"] == "request_timeout"
    assert b"Connection: close" in head
    assert seconds < BOUND, f"the connection stayed {seconds:.1f} s"


async def test_a_slow_client_within_the_read_time_is_answered(port: int) -> None:
    headers = HEAD + AUTH + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(BODY)
    answer, _ = await asyncio.to_thread(talk, port, headers, BODY[:10], BODY[10:], pause=READ / 4)
    assert status_of(answer) == 200
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["replies"]


async def test_a_dashboard_form_that_does_not_arrive_in_time_is_a_408_page(port: int) -> None:
    form = b"Content-Type: application/x-www-form-urlencoded\r\n"
    head = b"POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\n" + form
    answer, seconds = await asyncio.to_thread(talk, port, head + b"Content-Length: 500\r\n\r\nname=a")
    assert status_of(answer) == 408
    assert "時間内に届きませんでした".encode() in answer
    assert b"text/html" in answer.partition(b"\r\n\r\n")[0]
    assert seconds < BOUND, f"the connection stayed {seconds:.1f} s"
