"""Attacks on who is talking, against a real ``serve`` over real HTTP.

The server trusts 127.0.0.2 as its reverse proxy; a request sent from that
address is the proxy's, one from 127.0.0.1 any client's.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.auxil.server import Served, serve

PROXY = "127.0.0.2"
SSO_HEADER = "X-Remote-User"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder: Path = tmp_path_factory.mktemp("identity")
    env = {"KAIZEN_TRUSTED_PROXIES": PROXY, "KAIZEN_SSO_USER_HEADER": SSO_HEADER}
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
