"""Attacks on who is talking, against a real ``serve`` over real HTTP.

The server trusts 127.0.0.2 as its reverse proxy; a request sent from that
address is the proxy's, one from 127.0.0.1 any client's.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.auxil.line import SECRET, TOKEN
from tests.auxil.server import Served, serve

PROXY = "127.0.0.2"
LINE_SETTINGS = {
    "LINE_CHANNEL_SECRET": SECRET,
    "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
    "LINE_API_BASE_URL": "http://127.0.0.1:9",
}
"""LINE on, so that its webhook is there to hang up on; nothing is ever sent to its API."""
ADMIN_TOKEN = "sec-test-admin-token-0123456789abcdef"
SSO_HEADER = "X-Remote-User"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder: Path = tmp_path_factory.mktemp("identity")
    env = {
        "KAIZEN_TRUSTED_PROXIES": PROXY,
        "KAIZEN_SSO_USER_HEADER": SSO_HEADER,
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        **LINE_SETTINGS,
    }
    with serve(folder, env=env) as running:
        yield running


def request(
    served: Served, method: str, path: str, headers: list[tuple[str, str]], body: object = None
) -> tuple[int, dict[str, object]]:
    """One request from the proxy's address, with ``headers`` sent as given (a name may come twice)."""
    url = urlsplit(served.url)
    host = url.hostname or ""
    connection = http.client.HTTPConnection(host, url.port, timeout=30, source_address=(PROXY, 0))
    try:
        connection.putrequest(method, path)
        for name, value in headers:
            connection.putheader(name, value.encode())
        data = b"" if body is None else json.dumps(body).encode()
        if body is not None:
            connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def test_a_second_single_sign_on_header_never_reads_another_persons_conversation(served: Served) -> None:
    """A proxy that passes on a client's header beside its own must not let the client be that person."""
    status, _ = request(served, "POST", "/api/v1/chat", [(SSO_HEADER, "victim")], {"text": "相談したいです"})
    assert status == 200
    status, mine = request(served, "GET", "/api/v1/chat/history", [(SSO_HEADER, "victim")])
    assert status == 200
    assert mine["lines"], "the victim sees their own conversation"

    victim_first = [(SSO_HEADER, "victim"), (SSO_HEADER, "attacker")]
    for forged in (victim_first, victim_first[::-1]):
        status, body = request(served, "GET", "/api/v1/chat/history", forged)
        assert status == 400, body
        assert body["error"] == "ambiguous_user"
        assert "lines" not in body
        status, body = request(served, "POST", "/api/v1/chat", forged, {"text": "相談状況"})
        assert status == 400
        assert body["error"] == "ambiguous_user"

    status, theirs = request(served, "GET", "/api/v1/chat/history", [(SSO_HEADER, "attacker")])
    assert status == 200
    assert theirs["lines"] == [], "one header, one person: the attacker has nothing"
    assert "came 2 times through the proxy" in served.log.read_text(encoding="utf-8")


def test_a_client_that_hangs_up_midway_is_not_a_server_error(served: Served) -> None:
    """Anyone can drop a connection halfway through a body: that must not log a traceback or count a 500."""
    url = urlsplit(served.url)
    hang_ups = (
        ("/api/v1/chat", "application/json", '{"text": "山田太郎 090-1234-5678 を'),
        ("/webhooks/line", "application/json", '{"events": [{"text": "山田太郎 090-1234-5678'),
        ("/admin/login", "application/x-www-form-urlencoded", "name=tanaka&password=090-1234-5678"),
    )
    for path, content_type, body in hang_ups:
        head = f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: {content_type}\r\n"
        with socket.create_connection((url.hostname or "", url.port or 80)) as connection:
            connection.sendall(f"{head}Content-Length: 500\r\n\r\n{body}".encode())
    healthy = urllib.request.urlopen(f"{served.url}/healthz", timeout=30)
    assert healthy.status == 200

    log = wait_for(served.log, [f"client went away during POST {path}" for path, _, _ in hang_ups])
    assert "Traceback" not in log
    assert "ERROR" not in log
    assert " 500 " not in log
    assert "090-1234-5678" not in log


def wait_for(log: Path, lines: list[str]) -> str:
    """The log once it holds every one of ``lines`` (written when the server notices a connection is gone)."""
    for _ in range(200):
        text = log.read_text(encoding="utf-8")
        if all(line in text for line in lines):
            return text
        time.sleep(0.05)
    raise AssertionError(f"never logged all of {lines}:\n{text}")


def test_a_message_naming_its_user_in_the_header_without_the_token_is_refused(served: Served) -> None:
    """Only the chat API token names a user: ``X-Kaizen-User`` on a message is 401, not answered as anyone."""
    url = urlsplit(served.url)
    connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
    try:
        body = json.dumps({"text": "相談状況"}).encode()
        headers = {"Content-Type": "application/json", "X-Kaizen-User": "tanaka"}
        connection.request("POST", "/api/v1/chat", body, headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
    finally:
        connection.close()
    assert response.status == 401
    assert answer["error"] == "token_required"
    assert "X-Kaizen-User" in answer["message"]
    assert response.getheader("Set-Cookie") is None, "no session is started for it"


def test_no_cache_on_the_way_keeps_a_conversation_or_a_consultation(served: Served) -> None:
    """The chat's answer and the admin API's consultations hold what staff wrote: never to be stored."""
    chat = urllib.request.Request(
        f"{served.url}/api/v1/chat",
        data=json.dumps({"text": "相談したいです"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(chat, timeout=30) as answered:
        assert answered.headers["Cache-Control"] == "no-store"
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    listing = urllib.request.Request(f"{served.url}/api/v1/consultations?status=all", headers=admin)
    with urllib.request.urlopen(listing, timeout=30) as listed:
        assert listed.headers["Cache-Control"] == "no-store"
