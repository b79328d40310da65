"""The aiohttp application: shared resources as cleanup contexts, the routes, one error boundary.

Resources start in order (database, then the knowledge in service with its
warmed search index, replaced whole by a reload (`bot.reloading`), then the
conversations and consultations over both, the channels' clients, the
dispatcher of webhook events, then the delivery worker) before the server
accepts a connection, so ``/healthz`` answering 200 means
the bot is ready to answer; they stop in reverse order, so events still
being handled finish (`Dispatcher.drain`) before the channels and the
database close. The channels that are on are built from the settings
(`bot.wiring`) and add their own routes. The dashboard is a sub-application
at ``/admin`` with its own login, CSRF and error pages. Every request first
gets its id and is logged and counted once answered (`access.request_context`),
then passes `proxy_middleware`, so behind a trusted reverse proxy every handler
sees the real scheme and client in ``request.secure`` and ``request.remote``,
and a request the proxy middleware refuses (``ambiguous_user``) is in the
access log and the metrics like any other 400.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from aiohttp import web

from bot import privacy, wiring
from bot.appkeys import (
    ACCOUNTS,
    ANSWER_DRAFTS,
    CHANNELS,
    CONSULT,
    CONVERSATIONS,
    DISPATCHER,
    FAQ_DRAFTS,
    HEALTH,
    HEALTH_CHECKS,
    KNOWLEDGE,
    METRICS,
    PASSWORD_CHECKS,
    SETTINGS,
    STORE,
    WEB_SESSIONS,
)
from bot.config import Settings
from bot.consult.accounts import Accounts, password_checker
from bot.consult.answerdrafts import AnswerDrafts
from bot.consult.faqdrafts import FaqDrafts
from bot.consult.service import utcnow
from bot.db import ConversationStore
from bot.db.websessions import WebSessions
from bot.errors import StoreError
from bot.handlers import access, admin_api, openapi, static
from bot.handlers.boundary import error_boundary
from bot.handlers.dashboard import dashboard_app
from bot.handlers.dispatch import DRAIN_SECONDS, RECOVER_SECONDS, Dispatcher
from bot.handlers.protocol import ShapedRunner
from bot.handlers.proxy import proxy_middleware
from bot.health import DatabaseOutage
from bot.logs import refuse
from bot.metrics import Metrics
from bot.oserrors import described
from bot.search import Searcher

__all__ = ["init_app", "run_server"]

log = logging.getLogger(__name__)


def init_app(settings: Settings, *, searcher: Searcher | None = None) -> web.Application:
    """Build the application; ``searcher`` reuses an index already built (tests)."""
    app = web.Application(
        client_max_size=settings.max_body_bytes,
        middlewares=[access.request_context, proxy_middleware, error_boundary],
    )
    app[SETTINGS] = settings
    app[METRICS] = Metrics(utcnow)
    app[CHANNELS] = channels = wiring.channels(settings, routes=True)
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_masker)
    app.cleanup_ctx.append(_search_index(searcher))
    app.cleanup_ctx.append(_conversations)
    app.cleanup_ctx.append(_channels)
    app.cleanup_ctx.append(_dispatcher)
    app.cleanup_ctx.append(_delivery)
    app.router.add_get("/healthz", healthz)
    access.setup(app)
    for channel in channels.values():
        channel.add_routes(app)
    static.setup(app)
    admin_api.setup(app)
    openapi.setup(app)
    app.add_subapp("/admin", dashboard_app())
    return app


GIL_SWITCH_SECONDS = 0.0005
"""How long a thread may hold the GIL while another waits for it (Python's default: 5 ms), in the server.

The turns run on threads of their own (`bot.conversations.TURN_THREADS`) and
are mostly Python: with the default, the event loop may wait 5 ms for the
GIL each time it comes back from the network, so under a backlog of turns
webhooks are acknowledged late. A tenth of that lets the loop in sooner,
for a little more switching in the turns (README, "LINE webhooks under load").
"""


def run_server(settings: Settings) -> int:
    """Serve until interrupted (``python -m bot serve``); return the exit code."""
    if not settings.admin_token:
        log.info("KAIZEN_ADMIN_TOKEN is not set: the admin API (/api/v1/consultations) is off")
    if not settings.chat.api_token:
        log.info("KAIZEN_CHAT_API_TOKEN is not set: only the web page (by its session) can use the chat API")
    if settings.proxy.trusted:
        networks = ", ".join(str(network) for network in settings.proxy.trusted)
        log.info("trusting X-Forwarded-* from %s", networks)
    if settings.proxy.sso_user_header:
        log.info("web chat users signed in by the proxy are named in %s", settings.proxy.sso_user_header)
    if not settings.metrics_token:
        log.info("KAIZEN_METRICS_TOKEN is not set: /metrics is off")
    refused = cannot_listen(settings.host, settings.port)
    if refused is not None:  # said now, not after the migrations and the index build
        reason, advice = refused
        refuse(f"{settings.host}:{settings.port} で待ち受けできません（{reason}）。{advice}")
        return 2
    with contextlib.suppress(KeyboardInterrupt):  # a SIGINT before the loop's own handler is installed
        asyncio.run(_serve(init_app(settings), settings.host, settings.port))
    return 0


def cannot_listen(host: str, port: int) -> tuple[str, str] | None:
    """Why the server could not listen on ``host:port``, with what to change; None when it can.

    Bound and let go at once, as the server will bind it (``SO_REUSEADDR``); another
    process may still take it before the server does, which then fails as before.
    The advice names the setting at fault: the port when it is taken or reserved,
    else the address (no such host, or not one of this machine's).
    """
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return "ホスト名が見つかりません", _HOST_ADVICE
    except UnicodeError:  # an empty label (``a..b``) or one over 63 characters: no name at all
        return "ホスト名として正しくありません", _HOST_ADVICE
    for family, kind, protocol, _, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                port_at_fault = exc.errno in (errno.EADDRINUSE, errno.EACCES)
                return described(exc), _PORT_ADVICE if port_at_fault else _HOST_ADVICE
    return None


_PORT_ADVICE = "別のポートを --port か KAIZEN_PORT で指定してください。"
_HOST_ADVICE = (
    "待ち受けるアドレスを --host か KAIZEN_HOST で確かめてください"
    "（このマシンのアドレス、127.0.0.1、またはすべてのアドレスなら 0.0.0.0）。"
)


SHUTDOWN_SECONDS = 20.0
"""How long a stopping server waits for the requests in flight to be answered (`_serve`)."""


async def _serve(app: web.Application, host: str, port: int) -> None:
    """What ``web.run_app`` does, with `ShapedRunner` so malformed HTTP is answered in our format.

    SIGTERM and SIGINT stop it gracefully: it stops accepting connections, and the
    requests in flight are answered (for up to `SHUTDOWN_SECONDS`) before the
    resources close. (``asyncio.run`` would cancel them at once: a turn already
    stored in its thread, its caller told nothing.) Another signal meanwhile is
    logged and changes nothing: it used to break the closing off half done, with
    tracebacks. A signal while starting stops the server once the start-up is
    done, before it listens (asyncio's own handler lost it: the server went on).
    While it serves, the GIL is handed over every `GIL_SWITCH_SECONDS`; the
    interval before is restored after.
    """
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    # The access log is written by bot.handlers.access (route patterns, no paths), not by aiohttp.
    metrics = app.get(METRICS)
    refused = metrics.observe_refusal if metrics is not None else None
    runner = ShapedRunner(app, access_log=None, refused=refused, shutdown_timeout=SHUTDOWN_SECONDS)
    stopping = asyncio.Event()

    def stop() -> None:
        if stopping.is_set():  # a second Ctrl-C: the stop under way still closes everything
            log.warning(
                "already stopping: answering the requests in flight, for %g s at most", SHUTDOWN_SECONDS
            )
        stopping.set()

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop)
    try:
        # A signal while starting (the migrations, the index) is kept: the port is then never opened.
        await runner.setup()
        try:
            if not stopping.is_set():
                await web.TCPSite(runner, host, port).start()
                log.info("serving on http://%s:%d/", host, port)
                await stopping.wait()
                log.info("stopping: answering the requests in flight")
            else:
                log.info("stopping: asked to stop while starting, so nothing was served")
        finally:
            await runner.cleanup()  # under the same handlers: a signal now would break it off half done
        log.info("server stopped")  # the last line: a stop is never taken for a hang
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        sys.setswitchinterval(switch_interval)


async def _database(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    app[STORE] = await asyncio.to_thread(ConversationStore.configured, settings)
    app[METRICS].database.engine = app[STORE].engine
    app[HEALTH_CHECKS] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz")
    app[HEALTH] = DatabaseOutage("health check")
    log.info("database ready (%s)", settings.database_url.partition("://")[0])
    yield
    app[HEALTH_CHECKS].shutdown(wait=False, cancel_futures=True)
    await asyncio.to_thread(app[STORE].close)


async def _masker(app: web.Application) -> AsyncIterator[None]:
    """The masker's rules compiled while the server starts, not during its first request."""
    await asyncio.to_thread(privacy.prepare)
    yield


def _search_index(prebuilt: Searcher | None) -> Callable[[web.Application], AsyncIterator[None]]:
    async def search_index(app: web.Application) -> AsyncIterator[None]:
        async with wiring.live_knowledge(app[SETTINGS], app[STORE], prebuilt) as knowledge:
            app[KNOWLEDGE] = knowledge
            yield

    return search_index


async def _conversations(app: web.Application) -> AsyncIterator[None]:
    settings, store = app[SETTINGS], app[STORE]
    engine = store.engine
    known = app[KNOWLEDGE]
    app[CONSULT] = service = wiring.consultations(settings, store, lambda: known.searcher.kb)
    app[CONVERSATIONS] = wiring.conversations(
        settings, store, app[KNOWLEDGE].engine, service, observe=app[METRICS].observe_replies
    )
    app[ACCOUNTS] = Accounts(engine, utcnow, settings.admin_session_hours)
    app[PASSWORD_CHECKS] = password_checker()
    app[WEB_SESSIONS] = WebSessions(
        engine,
        utcnow,
        timedelta(days=settings.chat.session_days),
        starts_per_day=settings.limits.web_sessions_per_day,
    )
    app[FAQ_DRAFTS] = FaqDrafts(
        engine,
        utcnow,
        lambda: {entry.id for entry in known.searcher.kb.faq},
        lambda: known.searcher.kb.public_contacts,
        lambda: {entry.id: entry.category for entry in known.searcher.kb.faq},
    )
    app[ANSWER_DRAFTS] = AnswerDrafts(engine, utcnow, lambda: known.searcher.kb.public_contacts)
    yield
    app[PASSWORD_CHECKS].shutdown(wait=True, cancel_futures=True)
    await asyncio.to_thread(app[CONVERSATIONS].close)


async def _channels(app: web.Application) -> AsyncIterator[None]:
    """The channels' platform clients, open while the server runs."""
    await app[CHANNELS].start()
    yield
    await app[CHANNELS].close()


async def _dispatcher(app: web.Application) -> AsyncIterator[None]:
    """Webhook events through the inbox, handled in the background, and replayed from it.

    What the inbox holds from before (a kill, a stop) is replayed from the
    start, then every `RECOVER_SECONDS`; at shutdown, the events still
    running may finish, and what is left stays in the inbox. With
    ``KAIZEN_WEBHOOK_TURNS=worker`` the events are only stored here, and a
    turn worker (`bot.wiring.taking_turns`) answers them and replays what is due.
    """
    settings = app[SETTINGS]
    lease = settings.inbox_lease_seconds
    acknowledge_only = settings.webhook_turns == "worker"
    app[DISPATCHER] = dispatcher = Dispatcher(
        app[CONVERSATIONS], app[CHANNELS], lease=lease, acknowledge_only=acknowledge_only
    )
    dispatcher.start()
    recovering = None
    if acknowledge_only:
        log.info("webhook events are answered by `python -m bot worker` (KAIZEN_WEBHOOK_TURNS=worker)")
    else:
        every = min(RECOVER_SECONDS, lease / 3)
        recovering = asyncio.create_task(dispatcher.recovering(every), name="inbox-recovery")
    yield
    if recovering is not None:
        recovering.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await recovering
    await dispatcher.drain(DRAIN_SECONDS)


async def _delivery(app: web.Application) -> AsyncIterator[None]:
    """The outbox worker, for as long as the server runs; stopping it mid-delivery loses nothing."""
    async with wiring.delivering(app[SETTINGS], app[STORE], app[CONSULT], app[CHANNELS]):
        yield


async def healthz(request: web.Request) -> web.Response:
    """200 once the index is warm and the database answers; 503 when it does not answer in time; never cached.

    The check reads only, on its own thread, so giving up on it leaves nothing half done.
    """
    app = request.app
    ping = asyncio.get_running_loop().run_in_executor(app[HEALTH_CHECKS], app[STORE].ping)
    timeout = app[SETTINGS].db_timeout_seconds
    try:
        await asyncio.wait_for(ping, timeout)
    except StoreError as exc:
        app[HEALTH].failed(str(exc).splitlines()[0])
        return web.json_response({"status": "unavailable"}, status=503, headers=_FRESH)
    except TimeoutError:
        app[HEALTH].failed(f"no answer within {timeout} s")
        return web.json_response({"status": "unavailable"}, status=503, headers=_FRESH)
    app[HEALTH].answered()
    kb = request.app[KNOWLEDGE].searcher.kb
    return web.json_response(
        {"status": "ok", "faq": len(kb.faq), "cases": len(kb.cases), "chapters": len(kb.chapters)},
        headers=_FRESH,
    )


_FRESH = {"Cache-Control": "no-store"}
"""No cache between the bot and its monitor may answer for it: a kept 200 would hide an outage."""
