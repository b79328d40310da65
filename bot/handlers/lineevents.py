"""LINE webhook events (the SDK's models) as channel-neutral `Incoming` values.

| LINE event | becomes |
| --- | --- |
| text message, one-to-one | a message (its text) |
| ``messageEdited`` of a text, one-to-one | ``edited`` (once per edited message) |
| postback, one-to-one | a button press (its ``data``) |
| sticker, image, video, audio, file, location, one-to-one | ``unsupported`` |
| follow | ``follow`` (greeting and menu) |
| unfollow (blocked) | ``unfollow`` |
| join a group or room; a text there that mentions the bot | ``group`` (see below) |
| anything else (see below) | nothing (ignored) |

A ``group`` event carries the group or room id as ``room``, and for a
text the text with the bot's mention removed (the DX team's commands, when
the group is the team's room).

Ignored: anything else in a group or room (edits there too, even of a
text that called the bot: the call was answered already), leave, member
joins and leaves, unsend, beacon, account link, video play, events in
standby mode (another channel module holds the chat), unknown types.
LINE documents ``messageEdited`` as sent only in groups for now (official
accounts' one-to-one chats cannot edit yet); a one-to-one edit is answered
as on the other channels, should LINE start sending it.

The conversation key is ``("line", <user id>, <user id>)`` one-to-one and
``("line", <user id or group id>, <group or room id>)`` in a group; the
address is where a push goes (the user id, or the group or room id). A
redelivered event has no usable reply token (it is usually expired), so its
answer is pushed. The event id is ``webhookEventId`` (a 26-character ULID);
an edit's is ``edit:<user id>:<message id>``, the message edited (LINE
keeps its id across edits), so a second edit of it is dropped as a
redelivery, whichever order LINE delivers the edits in. An id longer
than the database holds (`bot.db.schema.EVENT_ID_CHARS`), which only a
body LINE signed can carry, is kept as its digest (`event_id_of`).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Any

from linebot.v3.models.events import UnknownEvent
from linebot.v3.webhooks import (
    FollowEvent,
    GroupSource,
    JoinEvent,
    MessageEditedEvent,
    MessageEvent,
    PostbackEvent,
    RoomSource,
    TextMessageContent,
    UnfollowEvent,
    UserSource,
)

from bot.db.retention import MAX_EVENT_AGE
from bot.db.schema import EVENT_ID_CHARS
from bot.values import ConversationKey, Incoming, IncomingKind

__all__ = ["event_id_of", "incoming_of"]

log = logging.getLogger(__name__)

CHANNEL = "line"


def incoming_of(event: Any, now: datetime) -> Incoming | None:
    """The `Incoming` for one SDK event, or None for an event the bot ignores."""
    if isinstance(event, UnknownEvent):  # a type this SDK does not know, or a body it cannot read
        log.info(
            "LINE event the SDK could not read (type %s: a new type, or fields it lacks): ignored",
            getattr(event, "type", "?"),
        )
        return None
    if getattr(event, "mode", "active") != "active":  # another channel module holds the chat
        return None
    if _stale(event, now):
        log.warning(
            "LINE %s event stamped more than %d days ago (a replayed body?): ignored",
            getattr(event, "type", "?"),
            MAX_EVENT_AGE.days,
        )
        return None
    where = _where(getattr(event, "source", None))
    if where is None:
        log.info("LINE %s event without a known source: ignored", getattr(event, "type", "?"))
        return None
    key, address, one_to_one = where
    token = None if _redelivered(event) else getattr(event, "reply_token", None)
    common: dict[str, Any] = {
        "received_at": now,
        "event_id": event_id_of(getattr(event, "webhook_event_id", None)),
        "address": address,
        "reply_token": token,
    }
    kind = _kind(event, one_to_one)
    if kind is None:
        log.debug("LINE %s event: ignored", getattr(event, "type", "?"))
        return None
    if kind == "group":
        text = _without_mention(event.message) if isinstance(event, MessageEvent) else None
        return Incoming(key, kind=kind, text=text, room=address, **common)
    if kind == "edited":  # the edited text is never read
        common["event_id"] = event_id_of(f"edit:{address}:{event.message.id}")
    if kind != "message":
        return Incoming(key, kind=kind, **common)
    if isinstance(event, PostbackEvent):
        return Incoming(key, action=event.postback.data, **common)
    return Incoming(key, text=event.message.text, **common)


def event_id_of(webhook_event_id: str | None) -> str | None:
    """The de-duplication key of an event: its ``webhookEventId`` (or edit key), or its digest when too long.

    LINE's ids are ULIDs; one over `EVENT_ID_CHARS` would fail the store on
    PostgreSQL (``VARCHAR(255)``), and the events of the body with it would
    be refused again at every redelivery. Its digest, ``sha256:<hex>``, is
    the same for the same id, so a redelivery is still recognised.
    """
    if webhook_event_id is None or len(webhook_event_id) <= EVENT_ID_CHARS:
        return webhook_event_id
    log.warning("LINE event id of %d characters (LINE's are 26): kept as its digest", len(webhook_event_id))
    return "sha256:" + hashlib.sha256(webhook_event_id.encode()).hexdigest()


def _stale(event: Any, now: datetime) -> bool:
    """Whether ``event`` was stamped longer than `MAX_EVENT_AGE` before ``now`` (no stamp: not stale)."""
    stamp = getattr(event, "timestamp", None)
    if not isinstance(stamp, int):
        return False
    return stamp < (now - MAX_EVENT_AGE).timestamp() * 1000


def _kind(event: Any, one_to_one: bool) -> IncomingKind | None:
    if isinstance(event, FollowEvent):
        return "follow" if one_to_one else None
    if isinstance(event, UnfollowEvent):
        return "unfollow" if one_to_one else None
    if isinstance(event, JoinEvent):
        return "group"
    if isinstance(event, PostbackEvent):
        return "message" if one_to_one else None
    if isinstance(event, MessageEditedEvent):
        return "edited" if one_to_one and isinstance(event.message, TextMessageContent) else None
    if not isinstance(event, MessageEvent):
        return None
    if not one_to_one:
        return "group" if _mentions_bot(event) else None
    return "message" if isinstance(event.message, TextMessageContent) else "unsupported"


def _where(source: Any) -> tuple[ConversationKey, str, bool] | None:
    """The conversation key, the push address, and whether it is one-to-one."""
    if isinstance(source, UserSource) and source.user_id:
        return ConversationKey(CHANNEL, source.user_id, source.user_id), source.user_id, True
    if isinstance(source, GroupSource) and source.group_id:
        person = source.user_id or source.group_id
        return ConversationKey(CHANNEL, person, source.group_id), source.group_id, False
    if isinstance(source, RoomSource) and source.room_id:
        person = source.user_id or source.room_id
        return ConversationKey(CHANNEL, person, source.room_id), source.room_id, False
    return None


def _mentions_bot(event: MessageEvent) -> bool:
    message = event.message
    if not isinstance(message, TextMessageContent) or message.mention is None:
        return False
    return any(getattr(m, "is_self", False) for m in message.mention.mentionees)


def _without_mention(message: TextMessageContent) -> str:
    """The text with the bot's own mention (``@bot``) cut out, by the positions LINE gives."""
    text: str = message.text
    spans = (
        sorted(
            ((m.index, m.length) for m in message.mention.mentionees if getattr(m, "is_self", False)),
            reverse=True,
        )
        if message.mention is not None
        else []
    )
    for index, length in spans:
        text = text[:index] + text[index + length :]
    return text.strip()


def _redelivered(event: Any) -> bool:
    context = getattr(event, "delivery_context", None)
    return bool(getattr(context, "is_redelivery", False))
