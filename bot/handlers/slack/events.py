"""Slack's verified request bodies (Events API envelopes, button actions) as neutral `Incoming` values.

| Slack sends | becomes |
| --- | --- |
| ``message`` in a direct message (``message.im``), typed by a person | a message (its text) |
| the same with files or images (subtype ``file_share``), or no text | ``unsupported`` |
| ``message_changed`` in a direct message: a person edited their text | ``edited`` (once per message) |
| ``app_mention`` in a channel | ``group``: the text without the mention, ``room`` the channel id |
| ``block_actions``: a button pressed in a direct message | a button press (its ``value``) |
| ``app_home_opened`` on the Messages tab | ``follow`` (greeted once per person) |
| ``user_change`` of a deactivated account | ``unfollow`` (pushes to them stop) |
| anything else | nothing (ignored, logged) |

Ignored on purpose: messages from bots (the bot's own included: ``bot_id``,
or the bot's user id from the envelope's ``authorizations``); message
subtypes other than files, thread broadcasts and edits (deletions,
joins…); a ``message_changed`` that is no person's edit of a text (a
link's preview unfurled, a thread's reply count, a bot's message); edits
and messages in channels (``app_mention`` already brings the ones that
call the bot); buttons pressed outside a direct message; link buttons
(they send no value).

The de-duplication key is the envelope's ``event_id`` (Slack keeps it on
its retries); an edit's is the message edited (``edit:<channel>:<ts>``),
so that a second edit of it is dropped as a redelivery; a button press's
is its ``trigger_id``; the greeting's is one per person
(``home:<user>``), so it comes once. The conversation key is
``("slack", <user>, <channel id>)``; the address is an `Address`.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from slack_bolt.request.payload_utils import is_block_actions, is_event, to_action, to_event

from bot.handlers.slack import CHANNEL
from bot.handlers.slack.address import Address
from bot.values import ConversationKey, Incoming

__all__ = ["incoming_of", "plain"]

log = logging.getLogger(__name__)

READ_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})
"""Message subtypes a person makes by writing; every other subtype is housekeeping (edits: `_edit`)."""

EDITED = "message_changed"
"""The subtype Slack sends for a change to a message: a person's edit among others."""

_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def incoming_of(body: Mapping[str, Any], now: datetime) -> list[Incoming]:
    """The events of one verified request body (at most one: Slack sends one event per request)."""
    envelope = dict(body)
    if not _well_formed(envelope):
        log.warning("Slack request of type %r without the fields of its type: ignored", envelope.get("type"))
        incoming = None
    elif is_event(envelope):
        incoming = _event(envelope, now)
    elif is_block_actions(envelope):
        incoming = _press(envelope, now)
    else:
        log.info("Slack request of type %r: ignored", envelope.get("type"))
        incoming = None
    return [] if incoming is None else [incoming]


def _well_formed(envelope: dict[str, Any]) -> bool:
    """Whether the fields bolt's payload helpers index are of the shape they expect."""
    if envelope.get("type") == "event_callback":
        return isinstance(envelope.get("event"), dict)
    if envelope.get("type") == "block_actions":
        actions = envelope.get("actions")
        return isinstance(actions, list) and bool(actions) and isinstance(actions[0], dict)
    return True


def plain(text: str, bot_user: str | None = None) -> str:
    """What a person typed, from Slack's message text.

    Mentions of the bot are removed, links become their label, other
    mentions stay in Slack's form, and ``&amp;``, ``&lt;``, ``&gt;`` are decoded.
    """

    def link(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if bot_user is not None and target == f"@{bot_user}":
            return ""
        return label if label else target

    return html.unescape(_LINK.sub(link, text)).strip()


def _event(envelope: dict[str, Any], now: datetime) -> Incoming | None:
    event = _mapping(to_event(envelope))
    kind = event.get("type")
    event_id = _text(envelope.get("event_id"))
    if kind == "message":
        return _message(event, event_id, _bot_user(envelope), now)
    if kind == "app_mention":
        return _mention(event, event_id, _bot_user(envelope), now)
    if kind == "app_home_opened":
        return _home(event, now)
    if kind == "user_change":
        return _deactivated(event, event_id, now)
    if kind == "app_rate_limited":
        log.warning("Slack says the app went over its event rate limit: %s", envelope)
    else:
        log.debug("Slack event %r: ignored", kind)
    return None


def _message(
    event: dict[str, Any], event_id: str | None, bot_user: str | None, now: datetime
) -> Incoming | None:
    user, channel, ts = _text(event.get("user")), _text(event.get("channel")), _text(event.get("ts"))
    subtype = event.get("subtype")
    if subtype == EDITED:
        return _edit(event, bot_user, now)
    if event.get("bot_id") or user is None or user == bot_user or channel is None or ts is None:
        return None  # a bot (this one included), or no person behind it
    if event.get("channel_type") != "im" or subtype not in READ_SUBTYPES:
        log.debug("Slack message (%s, subtype %s): ignored", event.get("channel_type"), subtype)
        return None
    key = ConversationKey(CHANNEL, user, channel)
    address = Address(channel, _text(event.get("thread_ts")), ts).encode()
    text = plain(_text(event.get("text")) or "", bot_user)
    common: dict[str, Any] = {"received_at": now, "event_id": event_id, "address": address}
    if event.get("files") or subtype == "file_share" or not text:
        return Incoming(key, kind="unsupported", **common)
    return Incoming(key, text=text, **common)


def _edit(event: dict[str, Any], bot_user: str | None, now: datetime) -> Incoming | None:
    """A person's edit of a text they sent the bot in a direct message; the new text is never read.

    Slack also sends ``message_changed`` when nobody edited anything (a link
    unfurled, a thread's reply count): only a change marked ``edited`` whose
    text differs from the previous one is an edit.
    """
    message, before = _mapping(event.get("message")), _mapping(event.get("previous_message"))
    user, channel = _text(message.get("user")), _text(event.get("channel"))
    ts = _text(message.get("ts")) or _text(before.get("ts"))
    if message.get("bot_id") or user is None or user == bot_user or channel is None or ts is None:
        return None
    if event.get("channel_type") != "im" or not message.get("edited"):
        return None
    if before and before.get("text") == message.get("text"):
        return None
    return Incoming(
        ConversationKey(CHANNEL, user, channel),
        kind="edited",
        received_at=now,
        event_id=f"edit:{channel}:{ts}",
        address=Address(channel, _text(message.get("thread_ts")), ts).encode(),
    )


def _mention(
    event: dict[str, Any], event_id: str | None, bot_user: str | None, now: datetime
) -> Incoming | None:
    user, channel, ts = _text(event.get("user")), _text(event.get("channel")), _text(event.get("ts"))
    if event.get("bot_id") or user is None or user == bot_user or channel is None or ts is None:
        return None
    if event.get("subtype") not in READ_SUBTYPES:
        return None
    thread = _text(event.get("thread_ts")) or ts  # answered in the mention's thread
    return Incoming(
        ConversationKey(CHANNEL, user, channel),
        kind="group",
        text=_mentionless(_text(event.get("text")) or "", bot_user) or None,
        room=channel,
        received_at=now,
        event_id=event_id,
        address=Address(channel, thread, ts).encode(),
    )


def _mentionless(text: str, bot_user: str | None) -> str:
    """The text said to the bot: its mention removed (the first one, when the bot's id is unknown)."""
    if bot_user is None:
        text = re.sub(r"^\s*<@[A-Z0-9]+>", "", text)
    return plain(text, bot_user)


def _home(event: dict[str, Any], now: datetime) -> Incoming | None:
    user, channel = _text(event.get("user")), _text(event.get("channel"))
    if event.get("tab") != "messages" or user is None or channel is None:
        return None  # the Home tab: the bot shows nothing there
    return Incoming(
        ConversationKey(CHANNEL, user, channel),
        kind="follow",
        received_at=now,
        event_id=f"home:{user}",
        address=Address(channel).encode(),
    )


def _deactivated(event: dict[str, Any], event_id: str | None, now: datetime) -> Incoming | None:
    person = _mapping(event.get("user"))
    if person.get("deleted") is not True or person.get("is_bot"):
        return None
    user = _text(person.get("id"))
    if user is None:
        return None
    return Incoming(ConversationKey(CHANNEL, user, user), kind="unfollow", received_at=now, event_id=event_id)


def _press(payload: dict[str, Any], now: datetime) -> Incoming | None:
    action = _mapping(to_action(payload))
    value = _text(action.get("value"))
    user = _text(_mapping(payload.get("user")).get("id"))
    container = _mapping(payload.get("container"))
    channel = _text(_mapping(payload.get("channel")).get("id")) or _text(container.get("channel_id"))
    if value is None or user is None or channel is None:
        return None  # a link button, or a press the bot cannot place
    if not channel.startswith("D"):
        log.info("Slack button pressed outside a direct message (%s): ignored", channel)
        return None
    message = _mapping(payload.get("message"))
    thread = _text(message.get("thread_ts")) or _text(container.get("thread_ts"))
    event_id = _text(payload.get("trigger_id")) or _text(action.get("action_ts"))
    return Incoming(
        ConversationKey(CHANNEL, user, channel),
        action=value,
        received_at=now,
        event_id=None if event_id is None else f"press:{event_id}",
        address=Address(channel, thread, _text(container.get("message_ts"))).encode(),
    )


def _bot_user(envelope: dict[str, Any]) -> str | None:
    """The bot's own user id, which Slack names in the envelope's ``authorizations``."""
    found = envelope.get("authorizations")
    for authorization in found if isinstance(found, list) else ():
        if isinstance(authorization, dict) and authorization.get("is_bot"):
            return _text(authorization.get("user_id"))
    return None


def _mapping(value: object) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (a field of another shape reads as absent)."""
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
