"""A fake Telegram Bot API on 127.0.0.1: the methods the bot calls, and the webhooks Telegram sends.

The API side answers python-telegram-bot's requests (``POST
/bot<token>/<method>``, form-encoded with JSON values) the way the Bot API
does: an unknown token is 401; ``getMe``, ``sendMessage``,
``sendChatAction``, ``answerCallbackQuery``, ``setWebhook`` and
``deleteWebhook`` are recorded; ``sendMessage`` refuses text over 4096
characters (400; counted as Telegram counts them, in UTF-16 code units of
the text once its HTML is parsed: `visible`), a chat the test `block`s (403
"bot was blocked by the user"), and answers 429 with ``retry_after`` while
the test `flood`s it.

The webhook side builds updates as Telegram sends them, with the secret
token header. Telegram's ids are integers: each user name a test uses gets
a stable numeric id (a name of digits is its own id), and each event id
an ``update_id``.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.auxil.channels import Sent, Via, Webhook
from tests.auxil.platforms import Changes, Hold, serve_locally
from tests.auxil.teamroom import OnFake, Posted

TOKEN = "123456789:TEST-telegram-bot-token"
SECRET = "test-telegram-webhook-secret_0123"
BOT_ID = 123456789
BOT_USERNAME = "kaizen_test_bot"
PATH = "/webhooks/telegram"
HEADER = "X-Telegram-Bot-Api-Secret-Token"

_JSON_FIELDS = ("reply_markup", "reply_parameters", "link_preview_options", "allowed_updates")


@dataclass
class Call:
    """One request the bot made to the fake API: the method, its parameters, the status answered."""

    method: str
    params: dict[str, Any]
    status: int


@dataclass
class FakeTelegram:
    """The fake platform; implements `tests.auxil.channels.Platform`."""

    port: int = 0
    calls: list[Call] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    flood: int = 0
    """While above 0, every ``sendMessage`` answers 429 with ``retry_after`` = this many seconds."""
    script: list[int] = field(default_factory=list)
    pause: int = 0
    """When above 0 (`pause_next`), the next ``sendMessage`` answers 429 with this ``retry_after``."""
    """Statuses the next ``sendMessage`` calls answer, one each (429 with ``retry_after`` 1)."""
    passing: int = 0
    """How many ``sendMessage`` calls still go through before the pause (`pause_after`)."""
    hold_action: Hold | None = None
    """When set (`hold_indicator`), the next ``sendChatAction`` waits for its release."""
    hang: Hold | None = None
    """When set (`hang_after`), a ``sendMessage`` past ``passing`` waits for its release, then fails."""
    _ids: dict[str, int] = field(default_factory=dict)
    _names: dict[int, str] = field(default_factory=dict)
    _updates: dict[str, int] = field(default_factory=dict)
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _sent: list[Sent] = field(default_factory=list)
    _changes: Changes = field(default_factory=Changes)
    _runner: web.AppRunner | None = None

    channel = "telegram"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._api)
        self._runner, self.port = await serve_locally(app, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def settings(self) -> dict[str, str]:
        return {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_API_BASE_URL": self.url,
        }

    # -- ids --------------------------------------------------------------------

    def user_id(self, user: str) -> int:
        """The numeric Telegram id of the test's ``user``."""
        if user not in self._ids:
            number = int(user) if user.lstrip("-").isdigit() else 7_000_000_000 + len(self._ids)
            self._ids[user] = number
            self._names[number] = user
        return self._ids[user]

    def update_id(self, event_id: str) -> int:
        """The ``update_id`` of the test's ``event_id`` (the same id for the same event)."""
        return self._updates.setdefault(event_id, 500_000 + len(self._updates))

    # -- webhooks, as Telegram sends them ----------------------------------------

    def webhook(self, update: dict[str, Any], secret: str | None = SECRET) -> Webhook:
        body = json.dumps(update, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[HEADER] = secret
        return Webhook(PATH, body, headers)

    def person(self, user: str) -> dict[str, Any]:
        return {"id": self.user_id(user), "is_bot": False, "first_name": "職員", "language_code": "ja"}

    def private_chat(self, user: str) -> dict[str, Any]:
        return {"id": self.user_id(user), "type": "private", "first_name": "職員"}

    def message(self, user: str, event_id: str, chat: dict[str, Any] | None = None, **fields: Any) -> Webhook:
        """An update carrying a message from ``user`` (in their private chat unless ``chat`` is given)."""
        message = {
            "message_id": next(self._message_ids),
            "from": self.person(user),
            "chat": chat or self.private_chat(user),
            "date": int(time.time()),
            **fields,
        }
        return self.webhook({"update_id": self.update_id(event_id), "message": message})

    def text(self, user: str, text: str, event_id: str) -> Webhook:
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        return self.message(user, event_id, text=text, entities=entities)

    def edited(self, webhook: Webhook, text: str, event_id: str) -> Webhook:
        """The update Telegram sends when the message of ``webhook`` is edited to ``text`` (a new update)."""
        message = json.loads(webhook.body)["message"]
        edited = {**message, "text": text, "edit_date": int(time.time())}
        return self.webhook({"update_id": self.update_id(event_id), "edited_message": edited})

    def follow(self, user: str, event_id: str) -> Webhook:
        return self.text(user, "/start", event_id)

    def press(self, user: str, action: str, event_id: str) -> Webhook:
        query = {
            "id": f"cq-{event_id}",
            "from": self.person(user),
            "chat_instance": "-4242",
            "data": action,
            "message": {
                "message_id": next(self._message_ids),
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "kaizen", "username": BOT_USERNAME},
                "chat": self.private_chat(user),
                "date": int(time.time()),
                "text": "ボタンのあるメッセージ",
            },
        }
        return self.webhook({"update_id": self.update_id(event_id), "callback_query": query})

    def sticker(self, user: str, event_id: str) -> Webhook:
        sticker = {
            "file_id": "CAACAgIAAxkBAAE",
            "file_unique_id": "AgADAQADf",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return self.message(user, event_id, sticker=sticker)

    def unfollow(self, user: str, event_id: str) -> Webhook:
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "kaizen", "username": BOT_USERNAME}
        change = {
            "chat": self.private_chat(user),
            "from": self.person(user),
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": bot},
            "new_chat_member": {"status": "kicked", "user": bot, "until_date": 0},
        }
        return self.webhook({"update_id": self.update_id(event_id), "my_chat_member": change})

    def forged(self, webhook: Webhook) -> Webhook:
        return Webhook(webhook.path, webhook.body, {**webhook.headers, HEADER: SECRET + "x"})

    def unsigned(self, webhook: Webhook) -> Webhook:
        return Webhook(webhook.path, webhook.body, {k: v for k, v in webhook.headers.items() if k != HEADER})

    def pause_next(self, seconds: int) -> None:
        self.pause = seconds

    def pause_after(self, sent: int, seconds: int) -> None:
        self.passing, self.pause = sent, seconds

    def block(self, user: str) -> None:
        self.blocked.add(str(self.user_id(user)))

    def hang_after(self, sent: int) -> Hold:
        """Let ``sent`` messages through, then leave the next unanswered until the returned hold is released.

        Released, it fails (502) and shows nothing: the bot gave up on it meanwhile.
        """
        self.passing, self.hang = sent, Hold()
        return self.hang

    # -- what the bot sent ------------------------------------------------------

    def hold_indicator(self) -> Hold:
        """Leave the next ``sendChatAction`` unanswered until the returned hold is released."""
        self.hold_action = Hold()
        return self.hold_action

    async def sent(self, user: str, count: int) -> list[Sent]:
        await self.until(lambda: len(self.all_sent(user)) >= count)
        return self.all_sent(user)[:count]

    async def until(self, check: Callable[[], bool], seconds: float = 30) -> None:
        """Wait (up to ``seconds``) until ``check`` holds, looking again after every request."""
        await self._changes.until(check, seconds)

    def all_sent(self, user: str) -> list[Sent]:
        """What was sent to ``user`` (a test's user name) or to a chat id (a group)."""
        chat = str(self._ids[user]) if user in self._ids else user
        return [s for s in self._sent if s.to == chat]

    def requests(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    # -- the API ----------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        form = await request.post()
        params: dict[str, Any] = {}
        for name, value in form.items():
            text = str(value)
            params[name] = json.loads(text) if name in _JSON_FIELDS else text
        method = request.match_info["method"]
        if method == "sendChatAction" and self.hold_action is not None:
            hold, self.hold_action = self.hold_action, None
            await hold.keep(request)
        if method == "sendMessage" and self.hang is not None:
            if self.passing:
                self.passing -= 1
            else:
                hung, self.hang = self.hang, None
                await hung.keep(request)
                return self._answer(method, params, 502, description="Bad Gateway")
        if request.match_info["token"] != TOKEN:
            return self._answer(method, params, 401, description="Unauthorized")
        handler = _METHODS.get(method)
        if handler is None:
            return self._answer(method, params, 404, description="Not Found: method not found")
        return handler(self, method, params)

    def _answer(self, method: str, params: dict[str, Any], status: int, **body: Any) -> web.Response:
        self.calls.append(Call(method, params, status))
        self._changes.happened()
        if status == 200:
            return web.json_response({"ok": True, **body})
        return web.json_response({"ok": False, "error_code": status, **body}, status=status)

    def _get_me(self, method: str, params: dict[str, Any]) -> web.Response:
        me = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "業務改善相談bot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        return self._answer(method, params, 200, result=me)

    def _send_message(self, method: str, params: dict[str, Any]) -> web.Response:
        chat = str(params.get("chat_id", ""))
        text = str(params.get("text", ""))
        if chat in self.blocked:
            return self._answer(method, params, 403, description="Forbidden: bot was blocked by the user")
        if self.script:
            status = self.script.pop(0)
            extra: dict[str, Any] = {"parameters": {"retry_after": 1}} if status == 429 else {}
            return self._answer(method, params, status, description=f"Scripted {status}", **extra)
        if self.pause and self.passing:
            self.passing -= 1
        elif self.flood or self.pause:
            wait, self.pause = self.flood or self.pause, 0
            return self._answer(
                method,
                params,
                429,
                description=f"Too Many Requests: retry after {wait}",
                parameters={"retry_after": wait},
            )
        if not text or len(visible(text).encode("utf-16-le")) // 2 > 4096:
            return self._answer(method, params, 400, description="Bad Request: message is too long")
        via: Via = "reply" if "reply_parameters" in params else "push"
        labels, actions = _buttons(params.get("reply_markup"))
        self._sent.append(Sent(chat, text, labels, actions, via))
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": int(chat) if chat.lstrip("-").isdigit() else 0, "type": "private"},
            "text": text,
        }
        return self._answer(method, params, 200, result=message)

    def _true(self, method: str, params: dict[str, Any]) -> web.Response:
        return self._answer(method, params, 200, result=True)

    def _set_webhook(self, method: str, params: dict[str, Any]) -> web.Response:
        if not str(params.get("url", "")).startswith("https://"):
            return self._answer(
                method, params, 400, description="Bad Request: bad webhook: An HTTPS URL must be provided"
            )
        return self._answer(method, params, 200, result=True, description="Webhook was set")


_METHODS: dict[str, Callable[[FakeTelegram, str, dict[str, Any]], web.Response]] = {
    "getMe": FakeTelegram._get_me,
    "sendMessage": FakeTelegram._send_message,
    "sendChatAction": FakeTelegram._true,
    "answerCallbackQuery": FakeTelegram._true,
    "setWebhook": FakeTelegram._set_webhook,
    "deleteWebhook": FakeTelegram._true,
}


def visible(text: str) -> str:
    """What Telegram shows of ``text`` sent with ``parse_mode=HTML``: its tags gone, its entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _buttons(markup: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The labels and callback data of an inline keyboard, row by row."""
    if not isinstance(markup, dict):
        return (), ()
    buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
    return tuple(b["text"] for b in buttons), tuple(b.get("callback_data", "") for b in buttons)


class TelegramRoom(OnFake[FakeTelegram]):
    """A Telegram supergroup as the DX team's room (`tests.auxil.teamroom.RoomPlatform`).

    The team addresses the bot with its ``@username``; the bot's replies quote the command.
    """

    channel = "telegram"
    room = "-1009876543210"
    threads = True

    def __init__(self) -> None:
        super().__init__(FakeTelegram())

    def user(self, name: str) -> str:
        return str(self.fake.user_id(name))

    def joined(self, event_id: str) -> Webhook:
        """Telegram tells the bot nothing it answers when it is added; a bare mention stands for it."""
        return self.said("someone", "", event_id)

    def said(self, name: str, text: str, event_id: str) -> Webhook:
        mention = f"@{BOT_USERNAME}"
        chat = {"id": int(self.room), "type": "supergroup", "title": "DX推進課"}
        entity = {"type": "mention", "offset": 0, "length": len(mention)}
        return self.fake.message(name, event_id, chat=chat, text=f"{mention} {text}", entities=[entity])

    def refuse(self, *statuses: int) -> None:
        self.fake.script.extend(statuses)

    async def posted(self, count: int) -> list[Posted]:
        await self.fake.until(lambda: len(self.all_posted()) >= count)
        return self.all_posted()[:count]

    def all_posted(self) -> list[Posted]:
        found: list[Posted] = []
        for call in self.fake.requests("sendMessage"):
            if call.status != 200 or str(call.params.get("chat_id")) != self.room:
                continue
            text = str(call.params.get("text", ""))
            links = tuple(html.unescape(url) for url in re.findall(r'href="([^"]*)"', text))
            plain = visible(text)
            found.append(Posted(plain, links, reply="reply_parameters" in call.params))
        return found
