"""Requests aiohttp's HTTP parser refuses, answered in the application's error format.

A malformed request line, a control byte in a header, a line over 8,190
bytes, too many headers, an invalid or doubled ``Content-Length``, a bad
``Transfer-Encoding`` or chunk size: aiohttp's parser refuses these before
any route or middleware runs, and aiohttp's own answer is plain text that
echoes the bytes sent. `ShapedErrors` answers them as the rest of the
application does: a short HTML page when the request line names a
dashboard page (``/admin``), ``{"error", "message"}`` otherwise (the API,
the webhooks, and a request whose path cannot be read at all). The status
is aiohttp's (400), except for a request line too long (414) and a header
too long or too many headers (431); the connection is closed after it, as
aiohttp does.
The refusal is logged at INFO on one line, without the request's bytes
(aiohttp's message quotes them, and they may hold anything), and counted in
``/metrics`` (``kaizen_http_refused``) when the runner is given a ``refused`` callback.

What cannot be shaped: the path of a refused request is not parsed, so it
is read back from the last request line received (`_request_path`); when
that line is itself unreadable or scrolled out of the last 16 KiB, the
answer is JSON. A connection closed before the parser saw a whole request
line gets no answer at all: there is no one to answer.

Slow clients (slow loris) are bounded too, by `READ_SECONDS`: a request's
headers must be in within that time of the connection opening or of the
previous answer on it (aiohttp's keep-alive timer, which since 3.10 also
runs before the first request; the connection is then dropped, since no
request has arrived to answer), and its body within that time of its
headers: a body still incomplete then (a short ``Content-Length``, a
chunked body that stalls) fails the handler's read with `BodyTooSlow`,
answered 408 by `bot.handlers.boundary`, and the connection is closed.

aiohttp offers no public hook for this: `ShapedRunner` is `web.AppRunner`
with the server's protocol class swapped for `ShapedErrors`, and
`tests/handlers/test_protocol_errors.py` fails if an aiohttp upgrade
changes that.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from typing import Any, cast

from aiohttp import web
from aiohttp.http_exceptions import BadHttpMethod, HttpProcessingError, LineTooLong
from aiohttp.web_protocol import RequestHandler, RequestPayloadError, _ErrInfo
from aiohttp.web_request import BaseRequest

from bot.handlers.access import HEADER, new_request_id
from bot.handlers.errors import json_error
from bot.logs import REQUEST_ID

__all__ = ["READ_SECONDS", "BodyTooSlow", "Refused", "ShapedErrors", "ShapedRunner", "error_for", "hung_up"]

log = logging.getLogger(__name__)

READ_SECONDS = 20.0
"""The longest a client may take to send a request's headers, and then its body (see the module docstring)."""


class BodyTooSlow(RequestPayloadError):
    """A request's body did not arrive whole within `READ_SECONDS` of its headers."""


_RECENT_BYTES = 16384
"""How much of a connection's input is kept to find the request line of a refused request."""

_REQUEST_LINE = re.compile(rb"(?:^|\n)[!#$%&'*+.^_`|~0-9A-Za-z-]+ (/[^ \r\n]*)")
_DASHBOARD = "/admin"
_METHOD = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+ /")

_REFUSALS: dict[type[Exception], tuple[str, str]] = {
    BadHttpMethod: ("bad_method", "このメソッドは使えません。"),
}
_URI_TOO_LONG = ("uri_too_long", "URLが長すぎます。")
_HEADERS_TOO_LARGE = ("headers_too_large", "リクエストのヘッダーが大きすぎるか、多すぎます。")
_TOO_MANY_HEADERS = "Too many headers received"
_MALFORMED = ("malformed_request", "リクエストの形式が正しくないため、読み取れませんでした。")
_INTERNAL = ("internal", "申し訳ありません。システムの不具合が発生しました。")

_PAGE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><p>{message}</p><p><a href="/admin/">ダッシュボードへ戻る</a></p></body></html>
"""


Refused = Callable[[int, str], None]
"""Told the status and error code of each request the parser refused."""


def error_for(status: int, exc: BaseException | None, path: str | None) -> web.Response:
    """The answer to a request refused before any route: an HTML page under /admin, JSON elsewhere."""
    return _answer(*_shape(status, exc, path), path)


def _answer(status: int, code: str, message: str, path: str | None) -> web.Response:
    if path is not None and (path == _DASHBOARD or path.startswith(_DASHBOARD + "/")):
        page = _PAGE.format(title="エラー", message=html.escape(message))
        return web.Response(text=page, status=status, content_type="text/html")
    return json_error(status, code, message)


def _shape(status: int, exc: BaseException | None, path: str | None) -> tuple[int, str, str]:
    """The status, error code and message of a refusal."""
    if status >= 500:
        code, message = _INTERNAL
    elif _too_large(exc):
        status, (code, message) = (
            (414, _URI_TOO_LONG) if _long_target(exc, path) else (431, _HEADERS_TOO_LARGE)
        )
    else:
        code, message = next(
            (shape for kind, shape in _REFUSALS.items() if isinstance(exc, kind)), _MALFORMED
        )
    return status, code, message


def _too_large(exc: BaseException | None) -> bool:
    """Whether the parser refused a line over its limit, or too many header lines."""
    return isinstance(exc, LineTooLong) or (
        isinstance(exc, HttpProcessingError) and (exc.message or "").startswith(_TOO_MANY_HEADERS)
    )


def _long_target(exc: BaseException | None, path: str | None) -> bool:
    """Whether the line too long was the request line: the parser quotes its start, the request's path.

    aiohttp's C parser quotes the target, its Python parser the whole line (method first).
    """
    if not isinstance(exc, LineTooLong) or not exc.args or path is None:
        return False
    quoted = bytes(exc.args[0])
    if _METHOD.match(quoted):
        quoted = quoted.partition(b" ")[2]
    return bool(path) and quoted.startswith(path[:64].encode("ascii", "replace"))


class ShapedErrors(RequestHandler):
    """aiohttp's HTTP protocol, with the refusals of its parser shaped by `error_for`."""

    _recent = b""

    def data_received(self, data: bytes) -> None:
        """Keep the tail of the input (for `_request_path`), then parse it as aiohttp does.

        When the parser refuses a body its handler is already reading (a chunk
        size that turns bad), aiohttp queues the refusal but leaves the
        handler waiting for the rest of the body for as long as the client
        keeps the connection open; the body is failed here instead, so the
        handler's read raises `RequestPayloadError` (a 400, `error_boundary`).
        The body is also marked ended and the connection closed after that
        answer: aiohttp would otherwise drain the rest of the body once the
        handler returned, meet the same failure, and log it as an unhandled
        exception; the parser cannot find the next request in such input anyway.
        """
        self._recent = (self._recent + data)[-_RECENT_BYTES:]
        refused = self._request_count
        super().data_received(data)
        request = self._current_request
        if (
            self._request_count > refused
            and isinstance(self._messages[-1][0], _ErrInfo)
            and request is not None
            and not request.content.is_eof()
            and request.content.exception() is None
        ):
            request.content.set_exception(RequestPayloadError("the request body is malformed"))
            request.content.feed_eof()
            self.close()

    async def _handle_request(
        self, request: BaseRequest, start_time: float | None, request_handler: Callable[..., Any]
    ) -> tuple[web.StreamResponse, bool]:
        """aiohttp's, with the body bounded: still incomplete after the read time, its read fails."""
        timer = None
        if not request.content.is_eof():
            seconds = getattr(self._manager, "read_seconds", READ_SECONDS)
            timer = self._loop.call_later(seconds, self._body_too_slow, request, seconds)
        try:
            return await super()._handle_request(request, start_time, request_handler)
        finally:
            if timer is not None:
                timer.cancel()

    def _body_too_slow(self, request: BaseRequest, seconds: float) -> None:
        content = request.content
        if content.is_eof() or content.exception() is not None:
            return
        log.info("a request body was not in after %g s: refused with 408", seconds)
        content.set_exception(BodyTooSlow(f"the request body did not arrive within {seconds:g} s"))
        content.feed_eof()
        self.close()  # after the answer: the rest of the input cannot be waited for

    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """The shaped answer; a parser refusal is logged on one line, anything else with its traceback."""
        request_id = new_request_id()  # a refused request's headers are not to be believed
        context = REQUEST_ID.set(request_id)
        try:
            if not isinstance(exc, HttpProcessingError):
                super().handle_error(request, status, exc, message)  # logs, and raises if output has begun
            elif request.writer.output_size > 0:
                raise ConnectionError("the response has begun: no error can be sent")
            else:
                what = (exc.message or "").strip().partition(":")[0].partition("\n")[0][:80]
                log.info("refused malformed HTTP: %s (%s)", type(exc).__name__, what)
        finally:
            REQUEST_ID.reset(context)
        path = self._request_path()
        status, code, message = _shape(status, exc, path)
        response = _answer(status, code, message, path)
        response.headers[HEADER] = request_id
        response.force_close()
        refused: Refused | None = getattr(self._manager, "refused", None)
        if refused is not None:
            refused(status, code)
        return response

    def _request_path(self) -> str | None:
        """The path of the last request line received, if it can be read (see the module docstring)."""
        lines = list(_REQUEST_LINE.finditer(self._recent))
        if not lines:
            return None
        return lines[-1].group(1).decode("ascii", "replace")


class ShapedRunner(web.AppRunner):
    """`web.AppRunner` whose connections are `ShapedErrors`; ``refused`` is told of every refusal."""

    def __init__(
        self,
        app: web.Application,
        *,
        refused: Refused | None = None,
        read_seconds: float = READ_SECONDS,
        **kwargs: Any,
    ) -> None:
        """``read_seconds`` bounds the headers (as the keep-alive timeout) and the body of each request."""
        super().__init__(app, keepalive_timeout=read_seconds, **kwargs)
        self._refused = refused
        self._read_seconds = read_seconds

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        server.__class__ = _ShapedServer  # the same object; only the protocol it builds differs
        cast(_ShapedServer, server).refused = self._refused
        cast(_ShapedServer, server).read_seconds = self._read_seconds
        return server


class _ShapedServer(web.Server):
    refused: Refused | None = None
    read_seconds: float = READ_SECONDS

    def __call__(self) -> RequestHandler:
        return ShapedErrors(self, loop=self._loop, **self._kwargs)


def hung_up(request: web.BaseRequest, error: BaseException) -> bool:
    """Whether ``error`` is the client closing its connection midway: theirs, not a fault of the bot's.

    Reading a body whose client went away raises `ConnectionResetError`. aiohttp's client raises it
    too, for a platform the handler was calling; the client's own connection is then still open,
    and that stays the handler's error.
    """
    transport = request.transport
    return isinstance(error, ConnectionResetError) and (transport is None or transport.is_closing())
