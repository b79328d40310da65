"""The Telegram channel: ``POST /webhooks/telegram``, answers and pushes through python-telegram-bot.

- Verify first: the ``X-Telegram-Bot-Api-Secret-Token`` header must equal
  ``TELEGRAM_WEBHOOK_SECRET`` (the secret ``setWebhook`` registered; a
  static shared secret, compared in constant time) before the body is
  read: missing or wrong is 401, logged without the body. Then the body
  must be a JSON object with an integer ``update_id`` that the SDK's
  `Update.de_json` reads (400 otherwise; 413 beyond the body limit).
- The SDK runs as an `Application` without an updater (our own route
  takes the webhooks); its bot talks to ``TELEGRAM_API_BASE_URL``.
  ``getMe`` (who the bot is, to recognise mentions in groups) runs at
  start, and again at the first update if Telegram was unreachable then.
- Answers (`respond`): there is no reply window, so an answer is sent at
  once; an answer to a typed message quotes it (Telegram's reply), so that
  when several questions are in flight each answer shows which it
  answers. A button press is acknowledged first (``answerCallbackQuery``,
  so the button stops spinning) and "typing…" shows while the turn runs
  (`indicate`; Telegram shows it for up to 5 seconds, longer than a turn).
- Pushes (`TelegramSender`): new messages to the chat kept as the person's
  address. Telegram's refusals map onto the worker's: 403 (the person
  blocked the bot) is recorded and `Undeliverable`; 400 (the chat or the
  message can never be delivered) `Undeliverable`; 429 with
  ``retry_after`` is `PlatformRefused` with that wait (a day at most); a network failure
  is retried after the backoff. A group upgraded to a supergroup is
  followed to its new id.
- The DX team's room (`post_notice`): a Telegram group the bot is in.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import warnings
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from aiohttp import web
from telegram import LinkPreviewOptions, ReplyParameters, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder
from telegram.warnings import PTBDeprecationWarning

from bot.appkeys import DISPATCHER
from bot.config import TelegramSettings
from bot.db import ConversationStore, reach
from bot.db.outbox import Delivery
from bot.delivery.http import MAX_RETRY_AFTER_SECONDS, PlatformRefused
from bot.delivery.worker import Undeliverable, recording, resuming
from bot.errors import InvalidRequest
from bot.handlers.channel import Progress
from bot.handlers.errors import json_exception
from bot.handlers.inputs import read_json_object
from bot.handlers.telegram import CHANNEL
from bot.handlers.telegram.render import Outgoing, notice, render
from bot.handlers.telegram.updates import BotIdentity, incoming_of
from bot.values import Incoming, Notice, Reply

__all__ = ["SECRET_HEADER", "WEBHOOK", "TelegramChannel", "TelegramSender", "build_application"]

log = logging.getLogger(__name__)

WEBHOOK = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
"""No link previews: an address in an answer or a notice stays a line of text, not a card."""


def build_application(settings: TelegramSettings) -> Application:  # type: ignore[type-arg]
    """The SDK's application for ``settings``: no updater (our route takes the webhooks), our base URL.

    The SDK's HTTP client (httpx) logs every request's URL at INFO, and the
    bot token is part of every URL: its log stays at WARNING, so the token
    never reaches a log.
    """
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").level))
    return (
        ApplicationBuilder()
        .token(settings.bot_token)
        .base_url(f"{settings.api_base_url}/bot")
        .updater(None)
        .build()
    )


class TelegramChannel:
    """Telegram through python-telegram-bot; also a `bot.handlers.channel.TeamRoom` (a group chat)."""

    name = CHANNEL

    def __init__(self, settings: TelegramSettings) -> None:
        self.settings = settings
        self.application = build_application(settings)
        self._identity: BotIdentity | None = None
        self._initializing = asyncio.Lock()

    def add_routes(self, app: web.Application) -> None:
        """``POST /webhooks/telegram``."""
        app.router.add_post(WEBHOOK, self.webhook)

    async def start(self) -> None:
        """Initialise the SDK (``getMe``); if Telegram cannot be reached, say so and try again later."""
        try:
            await self.identity()
        except TelegramError as exc:
            log.warning("Telegram getMe failed (%s); the bot tries again at the next update", exc)

    async def close(self) -> None:
        """Close the SDK's HTTP clients."""
        await self.application.shutdown()

    async def identity(self) -> BotIdentity:
        """Who the bot is, asking Telegram (``getMe``) the first time; `TelegramError` if it cannot."""
        async with self._initializing:
            if self._identity is None:
                await self.application.initialize()
                me = self.application.bot
                self._identity = BotIdentity(me.id, me.username)
        return self._identity

    async def webhook(self, request: web.Request) -> web.Response:
        """Verify and read the update, hand its event to the dispatcher (into the inbox), answer 200."""
        events = await self.parse(request)
        await request.app[DISPATCHER].accept(self, events)
        return web.json_response({})

    async def parse(self, request: web.Request) -> list[Incoming]:
        """The event of a verified update; 401 for a missing or wrong secret, 400 for a bad body."""
        self.verify(request)
        body = await read_json_object(request)
        update_id = body.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            raise InvalidRequest("invalid_update", "Telegram の update_id がありません。")
        try:
            update = Update.de_json(body, self.application.bot)
            # the SDK reads lazily shaped objects; a wrong type inside surfaces as one of these, and a
            # date beyond any clock (1e300) as OverflowError
        except (TypeError, KeyError, ValueError, AttributeError, OverflowError):
            log.warning("Telegram update %s that the SDK cannot read: refused", update_id)
            raise InvalidRequest(
                "invalid_update", "Telegram の update として読み取れませんでした。"
            ) from None
        try:
            identity = await self.identity()
        except TelegramError as exc:  # Telegram redelivers on any non-2xx: nothing is lost
            log.warning("Telegram getMe failed (%s); update %s refused for now", exc, update_id)
            raise json_exception(503, "unavailable", "Telegram に接続できません。") from None
        try:
            found = incoming_of(update, identity, datetime.now(UTC))
        except (TypeError, KeyError, ValueError, AttributeError):  # a field of the wrong type, read only now
            log.warning("Telegram update %s with a field of the wrong type: refused", update_id)
            raise InvalidRequest(
                "invalid_update", "Telegram の update として読み取れませんでした。"
            ) from None
        return [] if found is None else [found]

    def verify(self, request: web.Request) -> None:
        """Refuse (401) a request without the webhook's secret token, comparing in constant time."""
        given = request.headers.get(SECRET_HEADER)
        expected = self.settings.webhook_secret.encode()
        if given is None or not hmac.compare_digest(given.encode("utf-8", "replace"), expected):
            why = "without" if given is None else "with a wrong"
            log.warning("Telegram webhook %s %s from %s: refused", why, SECRET_HEADER, request.remote)
            raise json_exception(401, "invalid_token", "Webhook の秘密トークンを確認できませんでした。")

    def render(self, replies: Sequence[Reply]) -> list[Outgoing]:
        """Telegram messages for ``replies`` (`bot.handlers.telegram.render`)."""
        return render(replies)

    async def indicate(self, incoming: Incoming) -> None:
        """Stop a pressed button spinning, and show "typing…"; best effort."""
        token = incoming.reply_token or ""
        try:
            if token.startswith("q:"):
                await self.application.bot.answer_callback_query(token[2:])
            if incoming.address is not None:
                await self.application.bot.send_chat_action(incoming.address, ChatAction.TYPING)
        except TelegramError as exc:
            log.info("Telegram indicator not shown for %s: %s", incoming.key, exc)

    async def respond(self, incoming: Incoming, replies: Sequence[Reply]) -> bool:
        """Send the answer now; False (pushed instead) when Telegram refuses it for a while or for the person.

        Raises on 400: Telegram will refuse the same messages pushed; `PlatformRefused` on 429, so
        that the push waits as long as Telegram asked; `PartlyAnswered` when some replies were sent
        before Telegram refused: only the rest is pushed.
        """
        if incoming.address is None:
            return False
        token = incoming.reply_token or ""
        quote = int(token[2:]) if token.startswith("m:") else None
        progress = Progress([len(render([reply])) for reply in replies])
        try:
            await self.send(incoming.address, render(replies), quote=quote, progress=progress)
        except BadRequest:
            raise
        except TelegramError as exc:  # 403, 429, the network, a refused token: the outbox retries or drops
            log.warning("Telegram answer to %s failed (%s); it will be pushed", incoming.key, exc)
            pause = refused(self.settings, exc) if isinstance(exc, RetryAfter) else None
            if (partly := progress.partly(None if pause is None else pause.retry_after)) is not None:
                raise partly from exc
            if pause is not None:
                raise pause from exc  # the push waits as long as Telegram asked
            return False
        return True

    async def send(
        self,
        chat: str,
        messages: Sequence[Outgoing],
        *,
        quote: int | None = None,
        progress: Progress | None = None,
    ) -> None:
        """Send ``messages`` to ``chat`` in order (the first quoting message ``quote``); the SDK's errors.

        ``progress`` counts the messages Telegram accepted.
        """
        await self.identity()
        for index, message in enumerate(messages):
            reply_to = (
                ReplyParameters(quote, allow_sending_without_reply=True) if quote and not index else None
            )
            try:
                await self._send_one(chat, message, reply_to)
            except ChatMigrated as exc:  # a group became a supergroup: it has a new id
                chat = str(exc.new_chat_id)
                log.info("Telegram group moved to %s; sending there", chat)
                await self._send_one(chat, message, reply_to)
            if progress is not None:
                await progress.accept()

    async def _send_one(self, chat: str, message: Outgoing, reply_to: ReplyParameters | None) -> None:
        await self.application.bot.send_message(
            chat,
            message.html,
            parse_mode=ParseMode.HTML,
            reply_markup=message.keyboard,
            reply_parameters=reply_to,
            link_preview_options=_NO_PREVIEW,
        )

    async def post_notice(self, room: str, notice_: Notice) -> None:
        """Post ``notice_`` into the group chat ``room``; `PlatformRefused` or `Undeliverable` as refused."""
        try:
            await self.send(room, notice(notice_))
        except (Forbidden, BadRequest) as exc:
            raise Undeliverable(f"Telegram refused the group {room} ({exc})") from exc
        except RetryAfter as exc:
            raise refused(self.settings, exc) from exc

    def sender(self, store: ConversationStore) -> TelegramSender:
        """Pushes outbox messages to the person's Telegram chat."""
        return TelegramSender(self, store)


class TelegramSender:
    """Pushes one outbox message; records people who blocked the bot."""

    def __init__(self, channel: TelegramChannel, store: ConversationStore) -> None:
        self.channel = channel
        self.store = store

    async def send(self, delivery: Delivery) -> None:
        """Push ``delivery``; `Undeliverable` when Telegram refuses the chat or the message for good."""
        messages = render([Reply.from_record(delivery.payload)])[delivery.parts_shown :]
        progress = Progress((), accepted=recording(delivery, len(messages)))
        chat = delivery.address or delivery.key.conversation_id
        with resuming(delivery, lambda: progress.sent):  # a long text's pieces: only those not shown
            await self._send(delivery, chat, messages, progress)
        log.info("Telegram push of message %d", delivery.id)  # no chat id in a routine line: the id finds it

    async def _send(
        self, delivery: Delivery, chat: str, messages: Sequence[Outgoing], progress: Progress
    ) -> None:
        """`send`'s messages, Telegram's refusals made the worker's (`Undeliverable`, `PlatformRefused`)."""
        try:
            await self.channel.send(chat, messages, progress=progress)
        except Forbidden as exc:
            if chat == delivery.key.user_id:  # their own chat: they blocked the bot (not a group we left)
                await asyncio.to_thread(reach.block, self.store.engine, delivery.key, datetime.now(UTC))
            raise Undeliverable(f"Telegram refused the chat ({exc})") from exc
        except BadRequest as exc:
            raise Undeliverable(f"Telegram refused the message ({exc})") from exc
        except RetryAfter as exc:
            raise refused(self.channel.settings, exc) from exc


def refused(settings: TelegramSettings, exc: RetryAfter) -> PlatformRefused:
    """Telegram's 429 as the worker's `PlatformRefused`, with the wait Telegram asked for."""
    return PlatformRefused.from_sdk(f"{settings.api_base_url}/bot", 429, str(exc), wait_of(exc))


def wait_of(exc: RetryAfter) -> float:
    """The seconds ``exc`` asks to wait, at most `MAX_RETRY_AFTER_SECONDS` (as a ``Retry-After`` header).

    The SDK gives an int or a timedelta, warning about the change.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return min(seconds, MAX_RETRY_AFTER_SECONDS)
