"""A bare HTTP/1.1 client for fuzzing: any method, any target, header values as raw bytes, any body.

aiohttp's and requests' clients tidy what they send (they encode, quote
and validate); this one sends what it is given, one connection a request.
"""

from __future__ import annotations

import http.client
import socket
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Answer:
    """What the server answered."""

    status: int
    content_type: str
    body: bytes
    after: bytes = b""
    """What the server sent after this answer until it closed the connection (with ``until_closed``)."""
    request_id: str = ""
    """The answer's ``X-Request-Id``."""


@dataclass
class RawClient:
    """Sends requests to ``base_url`` and counts the answers by status."""

    base_url: str
    statuses: Counter[int] = field(default_factory=Counter)

    def send(self, method: str, target: str, headers: list[tuple[str, bytes]], body: bytes) -> Answer:
        """One request; ``target`` is the path and query, already percent-encoded."""
        parts = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
        try:
            connection.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
            for name, value in headers:
                connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            answer = _answer(response)
        finally:
            connection.close()
        self.statuses[answer.status] += 1
        return answer

    @property
    def sent(self) -> int:
        """How many requests were answered."""
        return sum(self.statuses.values())


def exchange(base_url: str, *parts: bytes, pause: float = 0.2, until_closed: bool = False) -> Answer:
    """Send ``parts`` as they are, a pause between them, on one connection; the answer to the first request.

    For what `RawClient` cannot send: a malformed request line, a bad
    ``Content-Length`` or chunk, a body that turns bad after the handler has begun.
    With ``until_closed``, also wait for the server to close the connection
    (each read at most 30 s) and keep what it sent after the answer.
    """
    parts_of_url = urlsplit(base_url)
    with socket.create_connection(
        (parts_of_url.hostname or "127.0.0.1", parts_of_url.port or 80), 30
    ) as sock:
        for index, part in enumerate(parts):
            if index:
                time.sleep(pause)
            sock.sendall(part)
        response = http.client.HTTPResponse(sock)
        response.begin()
        answer = _answer(response)
        if not until_closed:
            return answer
        after = b""
        while chunk := sock.recv(65536):
            after += chunk
        return replace(answer, after=after)


def _answer(response: http.client.HTTPResponse) -> Answer:
    return Answer(
        response.status,
        response.getheader("Content-Type", ""),
        response.read(),
        request_id=response.getheader("X-Request-Id", ""),
    )
