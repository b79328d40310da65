"""Teams activities as channel-neutral events: a pure reading, no I/O.

Which activity becomes what (`to_incoming`):

- a message with text (the bot's @mention removed): ``message`` with text;
- a card button (a message whose ``value`` carries our action) or a
  suggested action (the invoke ``suggestedActions/submit``): ``message``
  with the action;
- a message with only attachments (an image, a file, a sticker): ``unsupported``;
- a message edited in a personal chat (``messageUpdate`` whose
  ``channelData.eventType`` is ``editMessage``): ``edited``, keyed by the
  message edited (``edit:`` and its event id), so a second edit of it is a
  redelivery; edits in group chats and channels, and undeletes, are nothing;
- a message in a group chat or a channel (Teams delivers only those that
  @mention the bot): ``group``, with its text (the mention removed) and the
  conversation's id as ``room`` (the DX team's room is recognised by it);
- the bot added to the chat (``conversationUpdate`` with the bot among the
  members added): ``follow``, or ``group`` without text in a group chat or
  a team's channel; the app removed (``installationUpdate``
  ``remove``, or the bot among the members removed): ``unfollow``;
- anything else (reactions, typing, other invokes): nothing.

The person is keyed by their Entra object id (``from.aadObjectId``), the
same in every chat, falling back to the Teams user id; that is, on Teams
(``channelId`` ``msteams``). The same bot may also be reached through
another Bot Framework channel (Web Chat, on by default; Direct Line; the
Emulator), with a valid token and no tenant, whose client names its own
user, any id at all: such a person is ``<channelId>:<from.id>``, so that
naming a Teams person's id never makes anyone that person (their
consultations, their limits). The conversation is keyed by its id; the
event by the activity id within its conversation. The address kept for
later is the activity's conversation reference, ``serviceUrl`` included,
as JSON.
"""

from __future__ import annotations

import hashlib

from microsoft_agents.activity import Activity, ActivityTypes, ConversationReference

from bot.handlers.teams import CHANNEL
from bot.handlers.teams.cards import action_of
from bot.values import ConversationKey, Incoming, IncomingKind

__all__ = [
    "SUBMIT_INVOKES",
    "address_of",
    "event_id_of",
    "from_teams",
    "reference_of",
    "room_of",
    "to_incoming",
]

SUBMIT_INVOKES = frozenset({"suggestedActions/submit", "suggestedAction/submit"})
"""The invoke a suggested ``Action.Submit`` sends (Teams' docs spell it both ways)."""

_GROUP_TYPES = frozenset({"groupChat", "channel"})
TEAMS = "msteams"
"""The Bot Framework's ``channelId`` of Teams."""

EDIT_MESSAGE = "editMessage"
"""``channelData.eventType`` of a ``messageUpdate`` that is an edit (``undeleteMessage`` is the other)."""


def to_incoming(activity: Activity) -> Incoming | None:
    """The event ``activity`` is for the bot, or None when the bot ignores it."""
    kind, text, action = _reading(activity)
    if kind is None:
        return None
    conversation = activity.conversation
    if conversation is None or not conversation.id:
        return None
    user = _person(activity)
    if user is None:
        return None
    room = None
    personal = (conversation.conversation_type or "personal") not in _GROUP_TYPES
    if kind == "edited" and not personal:
        return None  # an edit in a group chat or a channel: nothing said to the bot
    if kind in ("message", "follow") and not personal:
        kind, action, room = "group", None, room_of(conversation.id)
    event_id = event_id_of(activity.id, conversation.id) if activity.id else None
    if kind == "edited" and event_id is not None:
        event_id = f"edit:{event_id}"  # the message's id: its redeliveries and later edits are one event
    return Incoming(
        ConversationKey(CHANNEL, user, conversation.id),
        text=text,
        action=action,
        kind=kind,
        event_id=event_id,
        address=address_of(activity),
        room=room,
    )


def _person(activity: Activity) -> str | None:
    """Who is talking: on Teams their Entra object id (else Teams id); elsewhere ``<channelId>:<from.id>``."""
    sender = activity.from_property
    if sender is None:
        return None
    if from_teams(activity):
        return sender.aad_object_id or sender.id or None
    return f"{activity.channel_id or 'unknown'}:{sender.id}" if sender.id else None


def from_teams(activity: Activity) -> bool:
    """Whether ``activity`` came from Teams, not from another Bot Framework channel of the same bot."""
    return activity.channel_id is not None and activity.channel_id.channel == TEAMS


def room_of(conversation_id: str) -> str:
    """The room of a channel conversation: a reply in a thread (``…;messageid=…``) is in its channel."""
    return conversation_id.split(";", 1)[0]


def event_id_of(activity_id: str, conversation_id: str) -> str:
    """The de-duplication key of an activity: its id, qualified by its conversation.

    Teams message ids are timestamps unique within a conversation, not
    across them; the conversation id (often over 100 characters) enters as a
    short digest, so the key fits the seen-events table.
    """
    digest = hashlib.sha256(conversation_id.encode()).hexdigest()[:16]
    return f"{activity_id[:200]}@{digest}"


def address_of(activity: Activity) -> str:
    """Where to reach the person later: the conversation reference, as JSON, without their display name.

    Sending needs only the ids and the ``serviceUrl``; the name is personal
    data the bot has no use for.
    """
    reference = activity.get_conversation_reference()
    if reference.user is not None:
        reference.user = reference.user.model_copy(update={"name": None})
    return reference.model_dump_json(by_alias=True, exclude_none=True)


def reference_of(address: str) -> ConversationReference:
    """The conversation reference an address holds; ValueError when it is not one."""
    reference = ConversationReference.model_validate_json(address)
    if not reference.service_url or reference.conversation is None or not reference.conversation.id:
        raise ValueError("a Teams address needs a serviceUrl and a conversation id")
    return reference


def _reading(activity: Activity) -> tuple[IncomingKind | None, str | None, str | None]:
    if activity.type == ActivityTypes.message:
        action = action_of(activity.value)
        if action is not None:
            return "message", None, action
        text = activity.remove_recipient_mention().strip() if activity.text else ""
        if text:
            return "message", text, None
        if activity.attachments or activity.value is not None:
            return "unsupported", None, None
        return None, None, None
    if activity.type == ActivityTypes.invoke and activity.name in SUBMIT_INVOKES:
        action = action_of(activity.value)
        return ("message", None, action) if action is not None else (None, None, None)
    bot = activity.recipient.id if activity.recipient else None
    if activity.type == ActivityTypes.message_update and _event_type(activity) == EDIT_MESSAGE:
        sender = activity.from_property.id if activity.from_property else None
        return ("edited", None, None) if sender != bot else (None, None, None)
    if activity.type == ActivityTypes.conversation_update:
        if bot and any(member.id == bot for member in activity.members_added or ()):
            return "follow", None, None
        if bot and any(member.id == bot for member in activity.members_removed or ()):
            return "unfollow", None, None
    if activity.type == ActivityTypes.installation_update and activity.action == "remove":
        return "unfollow", None, None
    return None, None, None


def _event_type(activity: Activity) -> str | None:
    """Teams' ``channelData.eventType`` of ``activity`` (None when it has none)."""
    data = activity.channel_data
    event_type = data.get("eventType") if isinstance(data, dict) else None
    return event_type if isinstance(event_type, str) else None
