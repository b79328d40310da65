"""The application's error boundary: every error outside the dashboard as JSON, never a traceback.

Before a request reaches a handler, `check_request` refuses unreadable
text in its path, query or headers. After it, any HTTP error (an unknown
URL, a method the URL does not take, a body over the limit) is answered
as ``{"error", "message"}``, keeping its headers (``Allow``,
``WWW-Authenticate``); an `InvalidRequest` or a body the HTTP parser
refused midway (`RequestPayloadError`) is 400, a body that did not arrive
in time (`bot.handlers.protocol.BodyTooSlow`) 408, a client that closed its
connection midway 400 (logged as INFO: nothing broke, and no one is there
to read it), a database outage 503, a
turn that found no free turn thread in time (`Busy`) 503 with ``Retry-After``,
anything else 500 with the traceback in the log only. A sub-application
(the dashboard) checks its requests and renders its errors itself, as pages.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import hdrs, web
from aiohttp.web_protocol import RequestPayloadError

from bot.errors import Busy, InvalidRequest, StoreError
from bot.handlers.access import route_of
from bot.handlers.errors import json_error
from bot.handlers.inputs import check_request
from bot.handlers.protocol import BodyTooSlow, hung_up

__all__ = ["error_boundary"]

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_HTTP_ERRORS = {
    400: ("bad_request", "リクエストを読み取れませんでした。"),
    404: ("not_found", "そのURLは見つかりません。"),
    405: ("method_not_allowed", "このURLではそのメソッドは使えません。"),
    413: ("too_large", "リクエストの本文が大きすぎます。"),
}
_BROKEN_BODY = ("malformed_request", "リクエストの本文の形式が正しくないため、読み取れませんでした。")
_SLOW_BODY = ("request_timeout", "リクエストの本文が時間内に届きませんでした。もう一度送ってください。")
_BUSY = (
    "busy",
    "ただいま大変混み合っているため、お答えできませんでした。少し時間をおいてから、もう一度送ってください。",
)
_KEPT_HEADERS = (hdrs.ALLOW, hdrs.WWW_AUTHENTICATE, hdrs.RETRY_AFTER)


@web.middleware
async def error_boundary(request: web.Request, handler: Handler) -> web.StreamResponse:
    """JSON errors, 503 when the database is down, and never a bare traceback."""
    try:
        if len(request.match_info.apps) == 1:
            check_request(request)
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type == "application/json":
            raise
        code, message = _HTTP_ERRORS.get(exc.status, ("error", exc.reason))
        response = json_error(exc.status, code, message)
        response.headers.extend((name, exc.headers[name]) for name in _KEPT_HEADERS if name in exc.headers)
        return response
    except InvalidRequest as exc:
        return json_error(400, exc.code, str(exc))
    except BodyTooSlow:
        response = json_error(408, *_SLOW_BODY)
        response.force_close()  # the rest of the body is not waited for
        return response
    except RequestPayloadError:
        response = json_error(400, *_BROKEN_BODY)
        response.force_close()  # the rest of the connection's input cannot be parsed
        return response
    except Busy as exc:
        response = json_error(503, *_BUSY)
        response.headers[hdrs.RETRY_AFTER] = str(exc.retry_after)
        return response
    except StoreError:
        log.exception("database error on %s %s", request.method, route_of(request))
        return json_error(
            503, "unavailable", "ただいまご利用いただけません。時間をおいてもう一度お試しください。"
        )
    except Exception as exc:
        if hung_up(request, exc):
            log.info("client went away during %s %s", request.method, route_of(request))
            response = json_error(400, *_BROKEN_BODY)
            response.force_close()
            return response
        log.exception("unexpected error on %s %s", request.method, route_of(request))
        return json_error(500, "internal", "申し訳ありません。システムの不具合が発生しました。")
