"""Fake platforms over real sockets on 127.0.0.1: an incoming-webhook endpoint and an SMTP server.

Also what every fake platform of the tests shares: `serve_locally` runs its
aiohttp app on a free port, `Changes` lets a test wait for what it is sent,
and `Hold` keeps a request (a typing or loading indicator's) unanswered.

`FakeWebhook` answers each request with the next status of its script
(503, 200, …; ``(429, {"Retry-After": "2"})`` with headers; "hold" keeps the
request open until released) and records
every request and which ones it accepted (answered 2xx); ``(302, {"Location":
"/moved"})`` sends the sender to a page that answers anything with 200 and
records the methods it was asked with (`FakeWebhook.moved`). `FakeSmtp`
speaks just enough SMTP to take a message.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from typing import Any

from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa

Step = int | str | tuple[int, dict[str, str]]
"""One scripted answer: a status, a status with headers, or "hold"."""


@dataclass
class Received:
    """One request to the fake webhook."""

    body: dict[str, Any]
    idempotency_key: str
    accepted: bool = False
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeWebhook:
    """An incoming-webhook endpoint whose answers a test scripts."""

    script: list[Step] = field(default_factory=list)
    port: int = 0
    received: list[Received] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    @property
    def accepted(self) -> list[Received]:
        return [r for r in self.received if r.accepted]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/webhook", self._handle)
        app.router.add_route("*", "/moved", self._moved)
        self._runner, self.port = await serve_locally(app, self.port)

    async def stop(self) -> None:
        self.release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _moved(self, request: web.Request) -> web.Response:
        """A page a redirect points to, as a login page would: 200 to anything, the body ignored."""
        self.moved.append(request.method)
        return web.Response(text="<html>moved</html>", content_type="text/html")

    async def _handle(self, request: web.Request) -> web.Response:
        received = Received(await request.json(), request.headers.get("Idempotency-Key", ""))
        self.received.append(received)
        self.arrived.set()
        step = self.script.pop(0) if self.script else 200
        if step == "hold":
            await self.release.wait()
            return web.Response(status=503, text="released")
        status, headers = step if isinstance(step, tuple) else (int(step), {})
        received.accepted = 200 <= status < 300
        text = "ok" if received.accepted else "unavailable"
        return web.Response(status=status, text=text, headers=headers)


@dataclass
class FakeSmtp:
    """A one-connection-at-a-time SMTP server that keeps what it is sent."""

    port: int = 0
    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, Sequence[str]]] = field(default_factory=list)
    _server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def send(line: str) -> None:
            writer.write(f"{line}\r\n".encode())

        send("220 fake ESMTP")
        sender, recipients = "", []
        while line := (await reader.readline()).decode().rstrip("\r\n"):
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                send("250 fake")
            elif verb == "MAIL":
                sender = line.partition(":")[2].strip("<> ")
                send("250 OK")
            elif verb == "RCPT":
                recipients.append(line.partition(":")[2].strip("<> "))
                send("250 OK")
            elif verb == "DATA":
                send("354 go on")
                data = b""
                while (chunk := await reader.readline()) != b".\r\n":
                    data += chunk
                self.messages.append(message_from_bytes(data, policy=policy.default))
                self.envelopes.append((sender, tuple(recipients)))
                send("250 queued")
            elif verb == "QUIT":
                send("221 bye")
                break
            else:
                send("250 OK")
            await writer.drain()
        await writer.drain()
        writer.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@functools.cache
def rsa_key(name: str) -> rsa.RSAPrivateKey:
    """The process's 2048-bit RSA key called ``name``, made at the first call: a fake platform's key.

    Making one takes 0.05 to 0.3 s of CPU; made for each fake, it was a third of a Teams test's set-up.
    Fakes tell their keys apart by key id, not by key; a test that needs another key asks for another name.
    """
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


async def serve_locally(app: web.Application, port: int = 0) -> tuple[web.AppRunner, int]:
    """Run ``app`` on 127.0.0.1 at ``port`` (a free one when 0); clean the runner up to stop it.

    A free port is the one the listening socket is given, not one probed before: another process could
    take a probed port before it is bound (`free_port` leaves that window to the tests that need a port
    nothing listens on).
    """
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    bound: int = runner.addresses[0][1]
    return runner, bound


@dataclass
class Changes:
    """What a fake platform's tests wait on: the fake says `happened` after every request it takes."""

    _event: asyncio.Event = field(default_factory=asyncio.Event)

    def happened(self) -> None:
        self._event.set()

    async def until(self, check: Callable[[], bool], seconds: float) -> None:
        """Wait (up to ``seconds``) until ``check`` holds, looking again after every request."""
        async with asyncio.timeout(seconds):
            while not check():
                self._event.clear()
                await self._event.wait()


@dataclass
class Hold:
    """The request a fake was told to hang: unanswered until the test releases it."""

    release: asyncio.Event = field(default_factory=asyncio.Event)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    held: list[web.Request] = field(default_factory=list)

    async def keep(self, request: web.Request) -> None:
        """Leave ``request`` unanswered until `release` is set."""
        self.held.append(request)
        self.arrived.set()
        await self.release.wait()

    @property
    def waited_on(self) -> bool:
        """Whether the bot still waits for a held request: it is unanswered and the bot's connection open.

        A client that gave up on it (its timeout) closed the connection.
        """
        return not self.release.is_set() and any(
            request.transport is not None and not request.transport.is_closing() for request in self.held
        )
