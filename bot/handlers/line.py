"""LINE (Messaging API, line-bot-sdk 3): ``POST /webhooks/line``, replies within the window, pushes later.

- Verify first: the raw bytes are checked against ``X-Line-Signature``
  (HMAC-SHA256 with the channel secret, compared in constant time) before
  anything is read from them. A missing or wrong signature is 401, logged
  without the body; a signed body that is not strict JSON in UTF-8 (``NaN``)
  is 400, then the SDK's `WebhookParser` reads the events. LINE's
  verification call from the console (no events) gets 200.
- Events (`events`): text and postbacks go to the engine; follow, unfollow,
  stickers and other media, and calls in groups become the neutral kinds of
  `bot.values.IncomingKind`; the rest is ignored. The de-duplication key is
  ``webhookEventId``.
- Answer: with the event's reply token while it is fresh (`REPLY_WINDOW`,
  replies are free); otherwise, and for everything later (the DX team's
  answers), a push from the outbox, which counts against the account's
  monthly allowance. Pushes carry ``X-Line-Retry-Key`` named after the
  outbox message (its id and when it was written: a restored or second
  database reuses the ids, and LINE refuses a key it accepted in the last
  24 hours), so a repeat after a crash is refused by LINE, and each is
  counted per month in the log (`bot.db.reach.pushes_in_month`).
- The loading animation shows in one-to-one chats while the turn runs.
- The DX team's room may be a LINE group (`TeamRoom`,
  ``KAIZEN_TEAM_ROOM=line:<group id>``): `post_notice` pushes the notice as
  plain text (LINE renders no Markup, and a mention needs a ``mention``
  object the bot never sends), with the dashboard link last.

The API's base URL is `LINE_API_BASE_URL` (a local fake in tests and the
demo); the SDK's async client talks to it over aiohttp.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from aiohttp import web
from linebot.v3 import WebhookParser
from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
    Configuration,
    Message,
    PushMessageRequest,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
    TextMessage,
)
from linebot.v3.messaging.exceptions import ApiException

from bot.appkeys import DISPATCHER
from bot.config import LineSettings
from bot.db import ConversationStore, reach
from bot.db.outbox import Delivery
from bot.delivery.http import PlatformRefused, retry_after
from bot.delivery.worker import Undeliverable
from bot.handlers.errors import json_exception
from bot.handlers.inputs import strict_json
from bot.handlers.lineevents import incoming_of
from bot.handlers.linerender import MAX_MESSAGES, MAX_TEXT_CHARS, render
from bot.handlers.linespec import CHANNEL
from bot.plaintext import without_mentions
from bot.values import Incoming, Notice, Reply

__all__ = ["CHANNEL", "REPLY_WINDOW", "LineChannel", "LineSender"]

log = logging.getLogger(__name__)

REPLY_WINDOW = timedelta(seconds=50)
"""How long after the webhook a reply token is used: LINE guarantees one minute; keep a margin."""

LOADING_SECONDS = 20
"""The loading animation's length (5-60, a multiple of 5); it ends early when the answer arrives."""

API_TIMEOUT_SECONDS = 10.0

_RETRY_NAMESPACE = uuid.UUID("8d0f7c3e-3a8e-4c55-9a49-2f1d7c0b6a11")
"""Retry keys are UUIDs derived from the outbox message's id: the same message, the same key."""


class LineChannel:
    """The LINE channel over one access token and one channel secret."""

    name = CHANNEL

    def __init__(self, settings: LineSettings) -> None:
        self.settings = settings
        self.parser = WebhookParser(settings.channel_secret)
        self._client: AsyncApiClient | None = None
        self._api: AsyncMessagingApi | None = None

    @property
    def api(self) -> AsyncMessagingApi:
        """The Messaging API client (after `start`)."""
        if self._api is None:
            raise RuntimeError("the LINE channel is not started")
        return self._api

    def add_routes(self, app: web.Application) -> None:
        """``POST /webhooks/line``."""
        app.router.add_post("/webhooks/line", self.webhook)

    async def start(self) -> None:
        """Open the SDK's async client against `LINE_API_BASE_URL`."""
        configuration = Configuration(
            host=self.settings.api_base_url, access_token=self.settings.access_token
        )
        self._client = AsyncApiClient(configuration)
        self._api = AsyncMessagingApi(self._client)

    async def close(self) -> None:
        """Close the client's HTTP session."""
        if self._client is not None:
            await self._client.close()
            self._client = self._api = None

    async def webhook(self, request: web.Request) -> web.Response:
        """Verify and read the events, hand them to the dispatcher (into the inbox), answer 200."""
        events = await self.parse(request)
        await request.app[DISPATCHER].accept(self, events)
        return web.json_response({})

    async def parse(self, request: web.Request) -> list[Incoming]:
        """The events of a verified webhook; 401 for a missing or wrong signature, 400 for a bad body."""
        signature = request.headers.get("X-Line-Signature", "")
        raw = await request.read()
        if not signature:
            log.warning("LINE webhook without X-Line-Signature from %s: refused", request.remote)
            raise _unauthorized()
        if not self.signed(raw, signature):
            log.warning("LINE webhook with a wrong signature from %s: refused", request.remote)
            raise _unauthorized()
        # Signed, so LINE's: a body that is not UTF-8, not strict JSON (NaN) or holds a NUL is 400.
        strict_json(raw)
        try:
            events = self.parser.parse(raw.decode("utf-8"), signature)
        except (ValueError, KeyError, TypeError, RecursionError):  # signed by LINE, yet not a webhook body
            log.warning("LINE webhook with a body that is not a webhook payload: refused")
            raise json_exception(400, "invalid_body", "LINEのWebhookの形式ではありません。") from None
        now = datetime.now(UTC)
        found = [incoming_of(event, now) for event in events]
        return [incoming for incoming in found if incoming is not None]

    def signed(self, raw: bytes, signature: str) -> bool:
        """Whether ``signature`` is LINE's for the bytes ``raw``, compared in constant time.

        Over the bytes, not text: the SDK's validator takes text, so a signed body
        that is not UTF-8 would have looked like a wrong signature.
        """
        digest = hmac.new(self.settings.channel_secret.encode(), raw, hashlib.sha256).digest()
        return hmac.compare_digest(signature.encode("utf-8", "replace"), base64.b64encode(digest))

    def render(self, replies: Sequence[Reply]) -> list[Message]:
        """LINE messages for ``replies`` (`bot.handlers.linerender`)."""
        return render(replies)

    async def indicate(self, incoming: Incoming) -> None:
        """The loading animation, in one-to-one chats only (LINE shows it nowhere else)."""
        if incoming.address is None or not incoming.address.startswith("U"):
            return
        request = ShowLoadingAnimationRequest(chat_id=incoming.address, loading_seconds=LOADING_SECONDS)
        try:
            await self.api.show_loading_animation(request, _request_timeout=API_TIMEOUT_SECONDS)
        except (ApiException, OSError, TimeoutError) as exc:
            log.info("LINE loading animation not shown for %s: %s", incoming.key, _reason(exc))

    async def respond(self, incoming: Incoming, replies: Sequence[Reply]) -> bool:
        """Reply with the event's token while it is fresh; False (push instead) when it is not, or fails.

        `PlatformRefused` when LINE refused it with a ``Retry-After``: the push waits that long.
        """
        if incoming.reply_token is None or datetime.now(UTC) - incoming.received_at > REPLY_WINDOW:
            return False
        messages = render(replies)
        if len(messages) > MAX_MESSAGES:
            return False  # one token, one request: the pushes carry them all
        request = ReplyMessageRequest(reply_token=incoming.reply_token, messages=messages)
        try:
            await self.api.reply_message(request, _request_timeout=API_TIMEOUT_SECONDS)
        except (ApiException, OSError, TimeoutError) as exc:
            log.warning(
                "LINE reply to %s failed (%s); the answer is pushed instead", incoming.key, _reason(exc)
            )
            if isinstance(exc, ApiException) and (refused := self.refused(exc)).retry_after is not None:
                raise refused from exc  # the push waits as long as LINE asked
            return False
        return True

    def refused(self, exc: ApiException) -> PlatformRefused:
        """LINE's refusal as the worker's `PlatformRefused`, with the wait its ``Retry-After`` asks for."""
        value = exc.headers.get("Retry-After") if exc.headers else None
        wait = retry_after(value, datetime.now(UTC))
        return PlatformRefused.from_sdk(self.settings.api_base_url, exc.status or 0, _reason(exc), wait)

    async def post_notice(self, room: str, notice: Notice) -> None:
        """Push ``notice`` into the group or room ``room``; a refusal for good is `Undeliverable`.

        No retry key: the notice does not know its outbox message, and a key
        made from its contents would swallow a later reminder of the same
        consultation; a crash right after LINE accepted it may repeat it.
        """
        lines = [notice.title, notice.text] + ([notice.url] if notice.url else [])
        text = without_mentions("\n".join(lines))[:MAX_TEXT_CHARS]
        request = PushMessageRequest(to=room, messages=[TextMessage(text=text)])
        try:
            await self.api.push_message(request, _request_timeout=API_TIMEOUT_SECONDS)
        except ApiException as exc:
            if exc.status in (400, 403, 404):
                raise Undeliverable(f"LINE refused the notice for the team's room ({_reason(exc)})") from exc
            raise

    def sender(self, store: ConversationStore) -> LineSender:
        """Pushes outbox messages to the person's LINE address."""
        return LineSender(self, store)


class LineSender:
    """Pushes one outbox message; counts the month's pushes; drops messages to people who blocked the bot."""

    def __init__(self, channel: LineChannel, store: ConversationStore) -> None:
        self.channel = channel
        self.store = store

    async def send(self, delivery: Delivery) -> None:
        """Push ``delivery``; `Undeliverable` when LINE refuses the recipient or the message for good."""
        reply = Reply.from_record(delivery.payload)
        to = delivery.address or delivery.key.conversation_id  # the person one-to-one, else the group
        retry_key = retry_key_of(delivery)
        request = PushMessageRequest(to=to, messages=render([reply])[:MAX_MESSAGES])
        try:
            await self.channel.api.push_message(
                request, x_line_retry_key=retry_key, _request_timeout=API_TIMEOUT_SECONDS
            )
        except ApiException as exc:
            if exc.status == 409:  # this retry key was accepted before: the message is out
                log.info("LINE push of message %d was accepted before (retry key)", delivery.id)
                return
            if exc.status in (400, 403, 404):
                raise Undeliverable(f"LINE refused it ({_reason(exc)})") from exc
            raise self.channel.refused(exc) from exc  # retried no sooner than its Retry-After
        count = await asyncio.to_thread(reach.pushes_in_month, self.store.engine, CHANNEL, datetime.now(UTC))
        # No LINE id in a routine line (docs/operations.md): the message's id finds its conversation.
        log.info("LINE push of message %d; pushes this month: %d", delivery.id, count + 1)


def retry_key_of(delivery: Delivery) -> str:
    """The ``X-Line-Retry-Key`` of ``delivery``: a UUID, as LINE requires, made from its `Delivery.name`.

    LINE refuses with 409 a key it accepted in the last 24 hours, which the sender takes as delivered.
    """
    return str(uuid.uuid5(_RETRY_NAMESPACE, delivery.name))


def _unauthorized() -> web.HTTPException:
    return json_exception(401, "invalid_signature", "署名を確認できませんでした。")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ApiException):
        body = exc.body.decode("utf-8", "replace") if isinstance(exc.body, bytes) else str(exc.body or "")
        return f"HTTP {exc.status} {body[:200]}".strip()
    return f"{type(exc).__name__}: {exc}"
