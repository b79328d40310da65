"""Every request's id, its access-log line and its metrics; and ``GET /metrics`` behind its token.

The id comes from ``X-Request-Id`` when the operator trusts the proxy that
sets it (``KAIZEN_TRUST_REQUEST_ID``) and it looks like an id; otherwise it
is made here. It tags every log line of the request (`bot.logs`) and goes
back in the response's ``X-Request-Id``.

The access log names the route's pattern (``/api/v1/consultations/{id}``),
never the path or the query string, so no user id, name or token a URL may
carry reaches the log; nor does the client's address or any header.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.appkeys import METRICS, SETTINGS
from bot.handlers.bearer import require_bearer
from bot.logs import REQUEST_ID
from bot.metrics import CONTENT_TYPE

__all__ = ["HEADER", "UNMATCHED", "metrics", "new_request_id", "request_context", "route_of", "setup"]

access_log = logging.getLogger("bot.access")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

HEADER = "X-Request-Id"
UNMATCHED = "(no route)"
CANCELLED = 499
"""The status logged for a request cancelled before its answer (nginx's "client closed request")."""
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def setup(app: web.Application) -> None:
    """Add ``GET /metrics`` when ``KAIZEN_METRICS_TOKEN`` is set; without it the path does not exist."""
    if app[SETTINGS].metrics_token:
        app.router.add_get("/metrics", metrics)


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Give the request its id, then log and count it once answered, whatever the outcome."""
    request_id = _request_id(request)
    token = REQUEST_ID.set(request_id)
    started = time.perf_counter()
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        exc.headers[HEADER] = request_id
        _record(request, exc.status, started)
        raise
    except asyncio.CancelledError:
        _record(request, CANCELLED, started)
        raise
    except Exception:
        _record(request, 500, started)
        raise
    else:
        if not response.prepared:
            response.headers[HEADER] = request_id
        _record(request, response.status, started)
        return response
    finally:
        REQUEST_ID.reset(token)


def _record(request: web.Request, status: int, started: float) -> None:
    seconds = time.perf_counter() - started
    route = route_of(request)
    request.config_dict[METRICS].observe_request(request.method, route, status, seconds)
    ms = round(seconds * 1000, 1)
    extra = {"method": request.method, "route": route, "status": status, "ms": ms}
    access_log.info("%s %s %d %.1f ms", request.method, route, status, ms, extra=extra)


def route_of(request: web.Request) -> str:
    """The pattern of the route that took the request, or `UNMATCHED`: never the path itself."""
    if request.match_info.http_exception is not None:
        return UNMATCHED
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else UNMATCHED


async def metrics(request: web.Request) -> web.Response:
    """Prometheus' text format, for ``Authorization: Bearer $KAIZEN_METRICS_TOKEN`` only; never cached.

    No cache may keep it: a scrape answered from one would show a stale backlog as today's.
    """
    require_bearer(request, request.app[SETTINGS].metrics_token, "KAIZEN_METRICS_TOKEN", "kaizen-bot metrics")
    body = await asyncio.to_thread(request.app[METRICS].exposition)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE, "Cache-Control": "no-store"})


def _request_id(request: web.Request) -> str:
    if request.config_dict[SETTINGS].trust_request_id:
        given = request.headers.get(HEADER, "")
        if _VALID_ID.fullmatch(given):
            return given
    return new_request_id()


def new_request_id() -> str:
    """A request id made here: 16 hexadecimal digits."""
    return secrets.token_hex(8)
