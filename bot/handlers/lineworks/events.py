"""LINE WORKS callbacks as channel-neutral `Incoming` values.

One callback body is one event: ``{type, source{userId, channelId,
domainId}, issuedTime, content | data | members}``. It carries no event id
and LINE WORKS never resends a callback, so the de-duplication key is a hash
of the raw body (`event_id_of`): the same body twice (a proxy's retry, a
replay) is one event; a genuinely new event differs at least in its
``issuedTime``.

| LINE WORKS callback | becomes |
| --- | --- |
| ``message`` text, one-to-one (no ``channelId``) | a message (its text) |
| ``message`` text with ``content.postback`` ``start`` (the 「利用開始」 button) | ``follow`` |
| ``postback``, one-to-one | a button press (its ``data``) |
| ``message`` sticker, image, file, location, audio, video, one-to-one | ``unsupported`` |
| ``begin`` (a one-to-one chat with the bot started) | ``follow`` |
| ``end`` (the person left the one-to-one chat) | ``unfollow`` |
| ``message`` text in a room (``channelId``) said to the bot | ``group``: its text (no mention tags), room |
| ``join`` into the DX team's room | ``group`` without text (the bot introduces itself there) |
| any other text in a room (the members talking among themselves) | nothing |
| ``join`` elsewhere, ``leave``, ``joined``, ``left``, anything else in a room, unknown types | nothing |

A LINE WORKS bot receives every message of the rooms it is in, not only
those said to it, so a room's line becomes an event only when it is said to
the bot: it mentions the bot (a ``<m userId="<bot id>">`` tag), or, in the
DX team's room, it starts with ``#`` (a team command such as ``#123 回答 …``).
The team's ordinary chatter is left alone, and other rooms hear from the bot
only when someone mentions it.

``join`` is greeted only in the team's room: LINE WORKS still sends it for
one-to-one chats too (being phased out for ``begin``), and the body cannot
tell the two apart, but the team's room is a known ``channelId``.

The conversation key is ``("lineworks", <user id>, <user id>)`` one-to-one
and ``("lineworks", <user id>, <channel id>)`` in a room; the address is
``user:<user id>`` or ``channel:<channel id>`` (`bot.handlers.lineworks.api.Target`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.db.retention import MAX_EVENT_AGE
from bot.handlers.lineworks import CHANNEL
from bot.handlers.lineworks.api import Target
from bot.values import ConversationKey, Incoming

__all__ = ["RoomRules", "event_id_of", "incoming_of"]

log = logging.getLogger(__name__)

UNSUPPORTED = frozenset({"sticker", "image", "file", "location", "audio", "video"})
START = "start"
"""The postback of the 「利用開始」 button LINE WORKS shows in a new one-to-one chat."""

_MENTION = re.compile(r"<m\s+[^>]*>")
"""A mention tag in a room's text (``<m userId="…">``)."""

_MENTIONED = re.compile(r"""\buserId\s*=\s*["']([^"']*)["']""")
"""The user id a mention tag names."""

_COMMAND = ("#", "＃")
"""How a team command starts (`bot.teamroom.commands`)."""


@dataclass(frozen=True, slots=True)
class RoomRules:
    """Which lines of a room are said to the bot.

    ``bot_id`` is our bot's id; ``team_room`` the DX team's room, when it is on LINE WORKS.
    """

    bot_id: str = ""
    team_room: str | None = None

    def said_to_bot(self, room: str, text: str) -> bool:
        """Whether ``text``, said in ``room``, mentions the bot or is a command in the team's room."""
        named = {found.group(1) for tag in _MENTION.findall(text) for found in _MENTIONED.finditer(tag)}
        if self.bot_id and self.bot_id in named:
            return True
        return room == self.team_room and _MENTION.sub("", text).lstrip().startswith(_COMMAND)


def event_id_of(raw: bytes) -> str:
    """The de-duplication key of a callback: ``sha256:`` and the hex digest of its raw body."""
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def incoming_of(
    body: dict[str, Any], event_id: str, now: datetime, rules: RoomRules | None = None
) -> Incoming | None:
    """The `Incoming` for one callback body, or None for one the bot ignores (``rules``: the rooms')."""
    rules = rules or RoomRules()
    kind = body.get("type")
    source = body.get("source")
    if not isinstance(source, dict):
        log.info("LINE WORKS %s callback without a source: ignored", kind)
        return None
    if _stale(body.get("issuedTime"), now):
        log.warning(
            "LINE WORKS %s callback issued more than %d days ago (a replayed body?): ignored",
            kind,
            MAX_EVENT_AGE.days,
        )
        return None
    user = _string(source.get("userId"))
    room = _string(source.get("channelId"))
    common: dict[str, Any] = {"received_at": now, "event_id": event_id}
    if kind in ("begin", "end") and user:
        key = ConversationKey(CHANNEL, user, user)
        address = Target("users", user).address
        return Incoming(key, kind="follow" if kind == "begin" else "unfollow", address=address, **common)
    if kind == "join" and room and room == rules.team_room:
        key = ConversationKey(CHANNEL, user or room, room)
        address = Target("channels", room).address
        return Incoming(key, kind="group", room=room, address=address, **common)
    if kind not in ("message", "postback") or not user:
        log.info("LINE WORKS %s callback: ignored", kind)
        return None
    if room:
        return _in_room(body, user, room, rules, common)
    key = ConversationKey(CHANNEL, user, user)
    common["address"] = Target("users", user).address
    if kind == "postback":
        data = _string(body.get("data"))
        return Incoming(key, action=data, **common) if data else None
    found = body.get("content")
    content: dict[str, Any] = found if isinstance(found, dict) else {}
    content_type = _string(content.get("type"))
    if content_type == "text":
        if content.get("postback") == START:
            return Incoming(key, kind="follow", **common)
        text = _string(content.get("text"))
        return Incoming(key, text=text, **common) if text else None
    if content_type in UNSUPPORTED:
        return Incoming(key, kind="unsupported", **common)
    log.info("LINE WORKS message of type %r: ignored", content_type)
    return None


def _stale(issued: object, now: datetime) -> bool:
    """Whether ``issued`` (the callback's ``issuedTime``) is longer than `MAX_EVENT_AGE` before ``now``.

    The de-duplication key (the body's hash) is kept for `bot.db.retention.SEEN_EVENTS_KEPT`, so an
    older body could be a replay. A missing or unreadable time is not stale: the key still guards it.
    """
    if not isinstance(issued, str):
        return False
    try:
        moment = datetime.fromisoformat(issued)
    except ValueError:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment < now - MAX_EVENT_AGE


def _in_room(
    body: dict[str, Any], user: str, room: str, rules: RoomRules, common: dict[str, Any]
) -> Incoming | None:
    """A message said to the bot in a room: a ``group`` event with its text, answered into the room."""
    content = body.get("content")
    if body.get("type") != "message" or not isinstance(content, dict) or content.get("type") != "text":
        log.debug("LINE WORKS %s in room %s: ignored", body.get("type"), room)
        return None
    said = _string(content.get("text"))
    if not rules.said_to_bot(room, said):
        log.debug("LINE WORKS room %s: a line not said to the bot, ignored", room)
        return None
    text = _MENTION.sub("", said).strip()
    key = ConversationKey(CHANNEL, user, room)
    address = Target("channels", room).address
    return Incoming(key, kind="group", text=text or None, room=room, address=address, **common)


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""
