"""Telegram updates (the SDK's `telegram.Update`) as channel-neutral `Incoming` values.

| Telegram update | becomes |
| --- | --- |
| text message, private chat | a message (its text); ``/menu`` and ``/help`` press the menu button |
| ``/start``, private chat | ``follow`` (greeting and menu) |
| callback query (an inline keyboard button), private chat | a button press (its ``data``) |
| sticker, photo, document, location, voice… , private chat | ``unsupported`` |
| ``edited_message`` of a text, private chat | ``edited`` (once per edited message) |
| ``my_chat_member``: the bot ``kicked`` in a private chat (blocked) | ``unfollow`` |
| group or supergroup text mentioning the bot or replying to it | ``group`` (without the mention) |
| the same with nothing but the mention (the bot called, as when it was just added) | ``group`` without text |
| anything else | nothing (ignored) |

Ignored: edits in groups and of anything but text (a live location
moving is an edit too), channel posts, service messages (pins, members
joining), group messages not said to the bot, callback queries outside
private chats or without data, inline queries, polls, payments, reactions,
and the bot being added to or removed from a group. A callback query whose
``data`` is not a string (Telegram sends 1-64 bytes of text) raises
`TypeError`, which the webhook answers 400 as for any field of the wrong type;
so do a message's text that is not a string and ids (the message's, the
chat's, the sender's) that are not integers.

The conversation key is ``("telegram", <user id>, <chat id>)`` (in a private
chat the two ids are equal); the address is the chat id, where answers and
pushes go; a group's ``room`` is its chat id. The de-duplication key is
``update_id``; an edit's is ``edit:<chat id>:<message id>``, the message
edited, so that a second edit of it is dropped as a redelivery. The
``reply_token`` is what the answer needs of this very update: ``m:<message
id>`` (the answer quotes the question, or the message edited, or in a group
the message said to the bot) or ``q:<callback query id>`` (the button
stops spinning once answered).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from telegram import CallbackQuery, Chat, ChatMemberUpdated, Message, MessageEntity, Update

from bot.handlers.telegram import CHANNEL
from bot.values import ConversationKey, Incoming

__all__ = ["MENU_COMMANDS", "START", "BotIdentity", "incoming_of"]

log = logging.getLogger(__name__)

START = "/start"
"""What Telegram sends when a person opens the bot (the client's "Start" button)."""

MENU_COMMANDS = frozenset({"/menu", "/help"})
"""Commands that press the menu button."""

_GROUPS = (Chat.GROUP, Chat.SUPERGROUP)


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who the bot is (from ``getMe``), to recognise mentions of it and replies to it in a group."""

    id: int
    username: str


def incoming_of(update: Update, bot: BotIdentity, now: datetime) -> Incoming | None:
    """The `Incoming` for one update, or None for an update the bot ignores."""
    event_id = str(update.update_id)
    if update.message is not None:
        return _message(update.message, bot, event_id, now)
    if update.edited_message is not None:
        return _edit(update.edited_message, now)
    if update.callback_query is not None:
        return _press(update.callback_query, event_id, now)
    if update.my_chat_member is not None:
        return _membership(update.my_chat_member, event_id, now)
    log.debug("Telegram update %s of a kind the bot does not use: ignored", event_id)
    return None


def _message(message: Message, bot: BotIdentity, event_id: str, now: datetime) -> Incoming | None:
    _check(message)
    person = message.from_user
    if person is None or person.is_bot:
        return None
    chat = message.chat
    key = ConversationKey(CHANNEL, str(person.id), str(chat.id))
    event = partial(Incoming, key, event_id=event_id, address=str(chat.id), received_at=now)
    token = f"m:{message.message_id}"
    if chat.type in _GROUPS:
        text = _said_to(message, bot)
        if text is None:
            return None
        return event(kind="group", text=text or None, room=str(chat.id), reply_token=token)
    if chat.type != Chat.PRIVATE:
        return None
    if message.text is None:
        if message.effective_attachment is None:
            return None  # a service message: nothing was said
        return event(kind="unsupported")
    command = _command(message)
    if command == START:
        return event(kind="follow")
    if command in MENU_COMMANDS:
        return event(action="menu", reply_token=token)
    return event(text=message.text, reply_token=token)


def _edit(message: Message, now: datetime) -> Incoming | None:
    """A person's edit of a text they sent in their private chat; the edited text is never read."""
    _check(message)
    person, chat = message.from_user, message.chat
    if person is None or person.is_bot or chat.type != Chat.PRIVATE or message.text is None:
        return None
    return Incoming(
        ConversationKey(CHANNEL, str(person.id), str(chat.id)),
        kind="edited",
        event_id=f"edit:{chat.id}:{message.message_id}",
        address=str(chat.id),
        reply_token=f"m:{message.message_id}",
        received_at=now,
    )


def _press(query: CallbackQuery, event_id: str, now: datetime) -> Incoming | None:
    """A button press; TypeError (the webhook's 400) when ``data`` is not the string Telegram sends.

    The SDK passes ``data`` on as it came: a number, a boolean or an object
    would otherwise become an action no button has.
    """
    if query.data is not None and not isinstance(query.data, str):
        raise TypeError(f"callback_query.data is {type(query.data).__name__}, not a string")
    message = query.message
    if message is None or message.chat.type != Chat.PRIVATE or not query.data:
        return None  # an inline-mode message, a group, or a game button: none are the bot's
    _integers(
        ("callback_query.from.id", query.from_user.id), ("callback_query.message.chat.id", message.chat.id)
    )
    key = ConversationKey(CHANNEL, str(query.from_user.id), str(message.chat.id))
    return Incoming(
        key,
        action=query.data,
        event_id=event_id,
        address=str(message.chat.id),
        reply_token=f"q:{query.id}",
        received_at=now,
    )


def _membership(change: ChatMemberUpdated, event_id: str, now: datetime) -> Incoming | None:
    """The person blocked the bot: its membership of their private chat becomes ``kicked``."""
    if change.chat.type != Chat.PRIVATE or change.new_chat_member.status != "kicked":
        return None
    key = ConversationKey(CHANNEL, str(change.from_user.id), str(change.chat.id))
    return Incoming(key, kind="unfollow", event_id=event_id, address=str(change.chat.id), received_at=now)


def _check(message: Message) -> None:
    """TypeError (the webhook's 400) when a field of ``message`` the bot reads is not of Telegram's type.

    The SDK passes fields on as they came: a text of ``0`` or ``[]`` would
    otherwise reach the turn and fail there (a 500), and a message id of
    ``1.5`` the answer's quote.
    """
    if message.text is not None and not isinstance(message.text, str):
        raise TypeError(f"message.text is {type(message.text).__name__}, not a string")
    person = message.from_user
    _integers(
        ("message.message_id", message.message_id),
        ("message.chat.id", message.chat.id),
        ("message.from.id", 0 if person is None else person.id),
    )


def _integers(*fields: tuple[str, object]) -> None:
    """TypeError for the first of ``fields`` (name, value) that is not an integer, as Telegram's ids are."""
    for name, value in fields:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} is {type(value).__name__}, not an integer")


def _command(message: Message) -> str | None:
    """The bot command the text starts with (``/start``), lowercase and without ``@botname``; None if none."""
    first = (message.text or "").split(maxsplit=1)[:1]
    if not first or not first[0].startswith("/"):
        return None
    return first[0].split("@", 1)[0].lower()


def _said_to(message: Message, bot: BotIdentity) -> str | None:
    """What was said to the bot in a group, mentions of it removed; None when it was not said to it."""
    if message.text is None:
        return None
    replied = message.reply_to_message
    addressed = replied is not None and replied.from_user is not None and replied.from_user.id == bot.id
    handle = f"@{bot.username.lower()}"
    mentions = [e for e in message.entities if _names(message, e, bot)]
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and message.parse_entity(entity).lower().endswith(handle):
            addressed = True  # /menu@this_bot
    if not (addressed or mentions):
        return None
    return _without(message, mentions).strip()


def _names(message: Message, entity: MessageEntity, bot: BotIdentity) -> bool:
    """Whether ``entity`` mentions the bot (``@its_username``, or a mention of its user)."""
    if entity.type == MessageEntity.MENTION:
        return message.parse_entity(entity).lower() == f"@{bot.username.lower()}"
    return entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot.id


def _without(message: Message, entities: list[MessageEntity]) -> str:
    """The message's text with ``entities`` cut out (offsets are in UTF-16 code units, as Telegram counts)."""
    text = (message.text or "").encode("utf-16-le")
    for entity in sorted(entities, key=lambda e: e.offset, reverse=True):
        text = text[: entity.offset * 2] + text[(entity.offset + entity.length) * 2 :]
    return text.decode("utf-16-le")
