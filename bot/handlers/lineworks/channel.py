"""LINE WORKS: ``POST /webhooks/lineworks``, answers and pushes through the message API, the team's room.

- Verify first: ``X-WORKS-Signature`` must be the base64 HMAC-SHA256 of
  the raw body keyed with the Bot Secret (compared in constant time), and
  ``X-WORKS-BotId`` must be our bot, before anything is parsed; otherwise
  401, logged without the body. A body over ``KAIZEN_MAX_BODY_BYTES`` is
  413 (the application's limit), a signed body that is not a callback 400.
- Events (`bot.handlers.lineworks.events`), de-duplicated on a hash of the
  raw body: LINE WORKS gives callbacks no id.
- Answers: LINE WORKS has no reply token, so `respond` sends the answer at
  once through the same message API the outbox's `LineWorksSender` uses
  later. When the API fails, `respond` returns False and the whole answer
  goes to the outbox (a part already sent may then arrive twice, which is
  better than a part lost).
- Refusals: 429 and 5xx are `PlatformRefused` (the worker honours
  ``Retry-After``); 403 and 404 mean the person or room is gone: the person
  is recorded as unreachable (as for a block) and the message dropped.
- `post_notice`: the DX team's notices into a LINE WORKS room.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from collections.abc import Sequence
from datetime import UTC, datetime

import aiohttp
from aiohttp import web

from bot.appkeys import DISPATCHER
from bot.config import LineWorksSettings
from bot.db import ConversationStore, reach
from bot.db.outbox import Delivery
from bot.delivery.http import PlatformRefused
from bot.delivery.worker import Undeliverable, recording, resuming
from bot.handlers.channel import Progress
from bot.handlers.errors import json_exception
from bot.handlers.inputs import read_json_object
from bot.handlers.lineworks import CHANNEL
from bot.handlers.lineworks.api import Gone, LineWorksApi, Rejected, Target
from bot.handlers.lineworks.auth import TokenError
from bot.handlers.lineworks.events import RoomRules, event_id_of, incoming_of
from bot.handlers.lineworks.notice import room_text
from bot.handlers.lineworks.render import Content, render, split
from bot.values import Incoming, Notice, Reply

__all__ = ["WEBHOOK", "LineWorksChannel", "LineWorksSender", "signature"]

log = logging.getLogger(__name__)

WEBHOOK = "/webhooks/lineworks"


def signature(body: bytes, secret: str) -> str:
    """LINE WORKS' ``X-WORKS-Signature`` of ``body``: base64 of HMAC-SHA256 keyed with the Bot Secret."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


class LineWorksChannel:
    """LINE WORKS Bot API 2.0 through `LineWorksApi`."""

    name = CHANNEL

    def __init__(self, settings: LineWorksSettings, timeout: float, team_room: str | None = None) -> None:
        """``team_room``: the DX team's room, when it is on LINE WORKS (its ``#`` lines are commands)."""
        self.settings = settings
        self.api = LineWorksApi(settings, timeout)
        self.rooms = RoomRules(settings.bot_id, team_room)

    def add_routes(self, app: web.Application) -> None:
        """``POST /webhooks/lineworks``."""
        app.router.add_post(WEBHOOK, self.webhook)

    async def start(self) -> None:
        """Open the API's HTTP session."""
        await self.api.start()

    async def close(self) -> None:
        """Close it."""
        await self.api.close()

    async def webhook(self, request: web.Request) -> web.Response:
        """Verify and read the callback, hand its event to the dispatcher (into the inbox), answer 200."""
        events = await self.parse(request)
        await request.app[DISPATCHER].accept(self, events)
        return web.json_response({})

    async def parse(self, request: web.Request) -> list[Incoming]:
        """The event of a verified callback; 401 for a wrong signature or bot, 400 for a bad body."""
        raw = await request.read()
        given = request.headers.get("X-WORKS-Signature", "")
        if not given or not hmac.compare_digest(
            given.encode(), signature(raw, self.settings.bot_secret).encode()
        ):
            log.warning(
                "LINE WORKS callback with a missing or wrong signature from %s: refused", request.remote
            )
            raise _unauthorized()
        bot = request.headers.get("X-WORKS-BotId", "")
        if not hmac.compare_digest(bot.encode(), self.settings.bot_id.encode()):
            log.warning("LINE WORKS callback for another bot (%r) from %s: refused", bot[:64], request.remote)
            raise _unauthorized()
        body = await read_json_object(request)
        if not isinstance(body.get("type"), str):
            raise json_exception(400, "invalid_body", "LINE WORKSのコールバックの形式ではありません。")
        incoming = incoming_of(body, event_id_of(raw), datetime.now(UTC), self.rooms)
        return [] if incoming is None else [incoming]

    def render(self, replies: Sequence[Reply]) -> list[Content]:
        """LINE WORKS contents for ``replies`` (`bot.handlers.lineworks.render`)."""
        return render(replies)

    async def indicate(self, incoming: Incoming) -> None:
        """Nothing: LINE WORKS bots have no typing or loading indicator."""

    async def respond(self, incoming: Incoming, replies: Sequence[Reply]) -> bool:
        """Send the answer now; False (to push it from the outbox) when the API fails in any way.

        `PlatformRefused` when it was refused with a ``Retry-After``: the push waits that long;
        `PartlyAnswered` when some replies were shown before it failed: only the rest is pushed.
        """
        if incoming.address is None:
            return False
        target = Target.of(incoming.address)
        progress = Progress([len(render([reply])) for reply in replies])  # the batch's quick replies add none
        try:
            for content in render(replies):
                await self.api.send(target, content)
                await progress.accept()
        except (Gone, Rejected, TokenError, PlatformRefused, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("LINE WORKS answer to %s failed (%s); it will be pushed", incoming.key, _reason(exc))
            wait = exc.retry_after if isinstance(exc, PlatformRefused) else None
            if (partly := progress.partly(wait)) is not None:
                raise partly from exc
            if wait is not None:
                raise  # the push waits as long as LINE WORKS asked
            return False
        return True

    def sender(self, store: ConversationStore) -> LineWorksSender:
        """Pushes outbox messages to the person's LINE WORKS address."""
        return LineWorksSender(self, store)

    async def post_notice(self, room: str, notice: Notice) -> None:
        """Post ``notice`` into the room ``room`` as plain text, the dashboard link the only link.

        `PlatformRefused` when LINE WORKS refused for a while (the worker
        retries), `Undeliverable` when the room cannot be reached (the bot
        left it) or the message was refused for good.
        """
        try:
            for part in split(room_text(notice)):
                await self.api.send(Target("channels", room), {"type": "text", "text": part})
        except (Gone, Rejected) as exc:
            raise Undeliverable(f"LINE WORKS room {room}: {exc}") from exc


class LineWorksSender:
    """The outbox's sender for LINE WORKS; a person who can no longer be reached is recorded and dropped."""

    def __init__(self, channel: LineWorksChannel, store: ConversationStore) -> None:
        self.channel = channel
        self.store = store

    async def send(self, delivery: Delivery) -> None:
        """Push ``delivery``, each content naming the outbox message (``Idempotency-Key``)."""
        target = Target.of(delivery.address or delivery.key.user_id)
        contents = render([Reply.from_record(delivery.payload)])[delivery.parts_shown :]
        progress = Progress((), accepted=recording(delivery, len(contents)))
        with resuming(delivery, lambda: progress.sent):  # a long text's pieces: only those not shown
            try:
                for number, content in enumerate(contents, delivery.parts_shown + 1):
                    key = {"Idempotency-Key": f"{delivery.name}-{number}"}
                    await self.channel.api.send(target, content, key)
                    await progress.accept()
            except Gone as exc:
                await asyncio.to_thread(reach.block, self.store.engine, delivery.key, datetime.now(UTC))
                raise Undeliverable(str(exc)) from exc
            except Rejected as exc:
                raise Undeliverable(str(exc)) from exc


def _unauthorized() -> web.HTTPException:
    return json_exception(401, "invalid_signature", "署名を確認できませんでした。")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PlatformRefused):
        return f"HTTP {exc.status} {exc.message}".strip()
    return f"{type(exc).__name__}: {exc}"
