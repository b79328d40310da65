"""The channel-neutral values the engine takes and returns, and their stored record form.

A leaf module: the database layer imports it without loading the search
stack. Every value is a frozen, slotted dataclass: adapters build an
`Incoming` from a platform payload, and render `Reply` values into the
platform's own format; the outbox and the conversation log store a reply
as its versioned record (`Reply.to_record`) and read it back with
`Reply.from_record`, so nothing is lost between the two; the durable inbox
keeps an acknowledged event as its record (`Incoming.to_record`, masked, no
reply token) until its turn is stored. Each adapter makes its own wire
format (the web chat's JSON included).

The limits below are what every channel can show (see docs/channels.md),
so a reply that constructs is a reply every adapter can render: at most 3
primary choices, at most 10 cards, and button payloads of at most 64 bytes
(Telegram's callback data), which is why payloads are short server-side
tokens such as ``faq:<id>`` or ``t:<n>``, never JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Literal, get_args

from bot import logkey
from bot.privacy import mask

__all__ = [
    "CONSULTATION_BUTTONS",
    "MAX_ACTION_BYTES",
    "MAX_CARDS",
    "MAX_CARD_CHOICES",
    "MAX_CHOICES",
    "MAX_MESSAGE_CHARS",
    "NOTICE_LINK_LABEL",
    "RECORD_VERSION",
    "START_ACTION",
    "UNKNOWN_ACTION",
    "UNREAD_TEXT",
    "Card",
    "Choice",
    "ConversationKey",
    "Decision",
    "Incoming",
    "IncomingKind",
    "Notice",
    "Reply",
    "ReplyKind",
    "consultation_button",
]

MAX_CHOICES = 3
"""Primary choices per reply: Teams shows only the first three suggested actions."""

MAX_CARDS = 10
"""Cards per reply: LINE WORKS carousels hold at most ten."""

MAX_CARD_CHOICES = 3
"""Buttons per card: LINE WORKS carousel columns share one small action count."""

MAX_ACTION_BYTES = 64
"""Telegram's callback data limit, the tightest of all channels."""

MAX_MESSAGE_CHARS = 5000
"""The longest text a turn reads: LINE's own limit for one message (Telegram's is 4,096; the web chat takes
2,000). A longer one, which Slack and Teams may send (or a client that is no platform), is not read
(`Incoming.masked`): masking and searching it would hold a core for seconds while every request waits."""

UNREAD_TEXT = "\x00unread"
"""What `Incoming.masked` keeps of a text over `MAX_MESSAGE_CHARS`: none of it (a prefix could end in part
of a phone number that masking no longer recognizes). Every request with a NUL is refused, so no typed text
reads as this one."""

UNKNOWN_ACTION = "\x00unknown"
"""What `Incoming.masked` keeps of an action of more than `MAX_ACTION_BYTES` characters (so more bytes than
any of our buttons sends): it is answered as an unknown button is, without reading what the client sent."""

START_ACTION = "start"
"""The action a client sends to open a conversation (the web page, when it has nothing to show): it is
answered with the menu and counted like any message, but nobody pressed anything, so the conversation log
never reads it back as the person's line (`bot.db.journal.conversation`)."""

ReplyKind = Literal[
    "answer",
    "clarify",
    "escalate",
    "referral",
    "smalltalk",
    "menu",
    "list",
    "case",
    "section",
    "feedback",
    "restart",
    "prompt",
    "refused",
]
"""What a reply is, for tests, logs and later analytics; adapters need not look at it.

``refused``: the message was not read (over the per-minute limit); the reply says when to send it again.
"""

Decision = Literal["answer", "clarify", "escalate"]
"""The search's decision behind a reply (the same three values as ``ask --json``)."""

IncomingKind = Literal["message", "follow", "unfollow", "unsupported", "edited", "group"]
"""What happened on the platform, as far as the bot cares:

- ``message``: text typed or a button pressed (exactly one of ``text`` and
  ``action``), for the engine;
- ``follow``: the person added the bot or opened a chat with it (greeted,
  with the menu);
- ``unfollow``: the person blocked or removed the bot (recorded; pushes to
  them stop);
- ``unsupported``: something the bot cannot read (a sticker, an image, a
  file, a location): the person is asked to write instead;
- ``edited``: the person edited a message they had sent the bot one-to-one.
  The edit is never read as a question: they are asked, once per edited
  message, to send the correction as a new message (its ``event_id`` names
  the message, not the edit, so a second edit of it is a redelivery);
- ``group``: the bot was addressed in a group, room or channel. Staff get
  the answer that it works one-to-one; in the DX team's own room (a
  setting) the team's commands are taken instead. ``text`` is what was
  said with the mention removed (None when the channel cannot tell), and
  ``room`` the platform's id of the group (Slack channel id, LINE WORKS
  channelId, LINE group or room id, Teams conversation id).
"""

RECORD_VERSION = 1
"""Version of the stored forms (`Reply.to_record`, `Incoming.to_record`); `Reply.from_record` also reads
the older unversioned form."""


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """Which conversation a message belongs to; the state is stored under it.

    Its text (``str``, ``repr``, so ``%s`` in a log line) is ``channel:digest``, the channel and a keyed
    digest of ``user_id`` and ``conversation_id`` (`bot.logkey.digest`): every log line names a
    conversation so, never by the platform's ids of the person, nor by a hash of them anyone could
    recompute from guessed ids (docs/operations.md says how to find it).
    """

    channel: str
    user_id: str
    conversation_id: str

    def __str__(self) -> str:
        return f"{self.channel}:{logkey.digest(self.user_id, self.conversation_id)}"

    def __repr__(self) -> str:
        return f"ConversationKey({self})"


@dataclass(frozen=True, slots=True)
class Incoming:
    """One event from a channel, channel-neutral.

    For a ``message``, exactly one of ``text`` and ``action`` is set; for
    every other kind neither is. ``received_at`` is timezone-aware.

    - ``event_id``: the platform's id of the event (LINE ``webhookEventId``,
      Teams ``activity.id``, …); a second event with the same id in the same
      channel is a redelivery and does nothing. None where a channel has no
      ids (the web chat: a request without an ``Idempotency-Key`` is its own event).
    - ``address``: where to reach the person later, in the channel's own
      form (the LINE user id; the Teams conversation reference as JSON);
      kept with the conversation so that an answer days later arrives.
    - ``reply_token``: a short-lived handle for answering this very event
      (LINE's reply token), valid about a minute; None where there is none.
      Not part of the record (`to_record`): the inbox keeps it beside it, in a
      column of its own, until the event is answered.
    - ``room``: for a ``group`` event, the platform's id of the group, room
      or channel it was said in; None in a one-to-one chat.
    """

    key: ConversationKey
    text: str | None = None
    action: str | None = None
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    kind: IncomingKind = "message"
    event_id: str | None = None
    address: str | None = None
    reply_token: str | None = None
    room: str | None = None

    def __post_init__(self) -> None:
        if self.kind == "message" and (self.text is None) == (self.action is None):
            raise ValueError("a message needs exactly one of text or action")
        if self.kind == "group" and self.action is not None:
            raise ValueError("a group event carries text, never an action")
        if self.kind not in ("message", "group") and (self.text is not None or self.action is not None):
            raise ValueError(f"an Incoming of kind {self.kind!r} carries neither text nor action")
        if self.received_at.tzinfo is None:
            raise ValueError("Incoming.received_at must be timezone-aware")

    def masked(self) -> Incoming:
        """This message with personal information masked (`bot.privacy.mask`) in its text or action.

        Every turn starts here (`bot.conversations.Conversations.handle`), so
        nothing a person typed reaches the engine, its state or the
        conversation log unmasked; the placeholders tell the engine what was
        masked (`bot.privacy.masked_kinds`).

        A text over `MAX_MESSAGE_CHARS` becomes `UNREAD_TEXT` and an action of
        more than `MAX_ACTION_BYTES` characters `UNKNOWN_ACTION`, unread: masking costs time in
        proportion to the length, and a request's body may hold tens of
        thousands of characters.
        """
        if self.text is not None:
            if len(self.text) > MAX_MESSAGE_CHARS or self.text == UNREAD_TEXT:
                return replace(self, text=UNREAD_TEXT)
            return replace(self, text=mask(self.text).text)
        if self.action is not None:
            if len(self.action) > MAX_ACTION_BYTES or self.action == UNKNOWN_ACTION:
                return replace(self, action=UNKNOWN_ACTION)
            return replace(self, action=mask(self.action).text)
        return self

    def to_record(self) -> dict[str, object]:
        """The stored form (the durable inbox, `bot.db.inbox`): the event `masked`, with ``"v"``.

        Masked here, whoever calls, so that no stored event ever holds what
        a person typed raw; the reply token is left out (the inbox keeps it
        beside the record, deleted with its row).
        """
        event = self.masked()
        return {
            "v": RECORD_VERSION,
            "channel": event.key.channel,
            "user_id": event.key.user_id,
            "conversation_id": event.key.conversation_id,
            "text": event.text,
            "action": event.action,
            "received_at": event.received_at.isoformat(),
            "kind": event.kind,
            "event_id": event.event_id,
            "address": event.address,
            "room": event.room,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Incoming:
        """Read `to_record`'s form back (without a reply token); ValueError when it is not one."""
        version = record.get("v")
        if version != RECORD_VERSION:
            raise ValueError(f"unknown event record version {version!r}")
        kind: IncomingKind = record.get("kind", "")
        if kind not in _INCOMING_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        received = datetime.fromisoformat(_string(record, "received_at"))
        return cls(
            ConversationKey(
                _string(record, "channel"), _string(record, "user_id"), _string(record, "conversation_id")
            ),
            text=_optional(record, "text"),
            action=_optional(record, "action"),
            received_at=received if received.tzinfo is not None else received.replace(tzinfo=UTC),
            kind=kind,
            event_id=_optional(record, "event_id"),
            address=_optional(record, "address"),
            room=_optional(record, "room"),
        )


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: what it says, and the action it sends back (at most 64 bytes)."""

    label: str
    action: str

    def __post_init__(self) -> None:
        if not self.label:
            raise ValueError("a choice needs a label")
        if not self.action or len(self.action.encode()) > MAX_ACTION_BYTES:
            raise ValueError(f"choice action must be 1-{MAX_ACTION_BYTES} bytes: {self.action!r}")

    def to_record(self) -> dict[str, str]:
        """The stored form: ``{"label", "action"}``."""
        return {"label": self.label, "action": self.action}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Choice:
        """Read `to_record`'s form back; ValueError when it is not one."""
        return cls(_string(record, "label"), _string(record, "action"))


CONSULTATION_BUTTONS: Mapping[str | None, str] = MappingProxyType(
    {
        None: "詳しく見る",
        "ok": "解決した",
        "ng": "まだ困っている",
        "add": "追記する",
        "wd": "取り下げる",
        "wdy": "取り下げる",
    }
)
"""A consultation's buttons by what they do (``cs:12`` opens No.12, ``cs:12:ok`` marks it solved, ``wdy``
confirms a withdrawal) and their labels: for the replies that offer them and the log that names a press."""


def consultation_button(number: int, verb: str | None = None) -> Choice:
    """The button doing ``verb`` (a key of `CONSULTATION_BUTTONS`) to consultation No.``number``."""
    action = f"cs:{number}" if verb is None else f"cs:{number}:{verb}"
    return Choice(CONSULTATION_BUTTONS[verb], action)


@dataclass(frozen=True, slots=True)
class Card:
    """A card in a carousel (a case, a chapter, a group of buttons).

    ``group``: the title of the list when this card holds a share of its buttons
    (`bot.dialogue.views.button_cards` sets it where it splits the list), else None. It is data, never
    read back from the title: a case or a chapter whose own title ends in 「（1/2）」 is no share of a list.
    """

    title: str
    text: str
    choices: tuple[Choice, ...] = ()
    group: str | None = None

    def continues(self, previous: Card | None) -> bool:
        """Whether this card holds more of the list whose buttons ``previous`` began (`group`).

        A channel that shows cards in one message heads such a run once (Slack, Telegram).
        """
        return (
            self.group is not None
            and previous is not None
            and (previous.group, previous.text) == (self.group, self.text)
        )

    def __post_init__(self) -> None:
        if len(self.choices) > MAX_CARD_CHOICES:
            raise ValueError(f"a card holds at most {MAX_CARD_CHOICES} choices")

    def to_record(self) -> dict[str, object]:
        """The stored form: ``{"title", "text", "choices"}``, and ``"group"`` on a share of a list."""
        record: dict[str, object] = {
            "title": self.title,
            "text": self.text,
            "choices": [c.to_record() for c in self.choices],
        }
        if self.group is not None:
            record["group"] = self.group
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Card:
        """Read `to_record`'s form back; ValueError when it is not one."""
        return cls(
            _string(record, "title"),
            _string(record, "text"),
            _choices(record.get("choices")),
            _optional(record, "group"),
        )


@dataclass(frozen=True, slots=True)
class Reply:
    """One message from the bot.

    ``source`` names where an answer comes from (an FAQ entry, a manual
    section, a case) and the action that opens it; ``ref`` is the entry the
    reply shows (``faq:<id>``, ``sec:<chapter>#<section>``, ``case:<id>``…).
    ``decision`` and ``confidence`` are the search's, on replies that come
    from a search (None on the others).
    """

    text: str
    choices: tuple[Choice, ...] = ()
    cards: tuple[Card, ...] = ()
    source: Choice | None = None
    kind: ReplyKind = "prompt"
    ref: str | None = None
    decision: Decision | None = None
    confidence: float | None = None

    def __post_init__(self) -> None:
        if not self.text:
            raise ValueError("a reply needs text")
        if len(self.choices) > MAX_CHOICES:
            raise ValueError(f"a reply holds at most {MAX_CHOICES} primary choices")
        if len(self.cards) > MAX_CARDS:
            raise ValueError(f"a reply holds at most {MAX_CARDS} cards")

    def to_record(self) -> dict[str, object]:
        """The stored form (outbox, conversation log): every field, with ``"v"`` = `RECORD_VERSION`."""
        return {
            "v": RECORD_VERSION,
            "text": self.text,
            "kind": self.kind,
            "ref": self.ref,
            "decision": self.decision,
            "confidence": self.confidence,
            "choices": [c.to_record() for c in self.choices],
            "cards": [c.to_record() for c in self.cards],
            "source": None if self.source is None else self.source.to_record(),
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Reply:
        """Read a stored reply back; ValueError for a form this version cannot read.

        Version 0 (no ``"v"``) is the web chat's JSON, which the outbox and
        the log held before records had versions: its replies come back as
        ``prompt`` with no reference, which is all it kept.
        """
        version = record.get("v", 0)
        if version not in (0, RECORD_VERSION):
            raise ValueError(f"unknown reply record version {version!r}")
        source = record.get("source")
        kind = record.get("kind", "prompt")
        if kind not in _REPLY_KINDS:
            raise ValueError(f"unknown reply kind {kind!r}")
        decision = record.get("decision")
        if decision not in (None, "answer", "clarify", "escalate"):
            raise ValueError(f"unknown decision {decision!r}")
        confidence = record.get("confidence")
        if confidence is not None and not isinstance(confidence, int | float):
            raise ValueError(f"confidence must be a number, not {confidence!r}")
        ref = record.get("ref")
        return cls(
            _string(record, "text"),
            _choices(record.get("choices")),
            tuple(Card.from_record(c) for c in _list(record.get("cards"))),
            None if source is None else Choice.from_record(_mapping(source)),
            kind,
            None if ref is None else str(ref),
            decision,
            None if confidence is None else float(confidence),
        )


_REPLY_KINDS = frozenset(get_args(ReplyKind))
_INCOMING_KINDS = frozenset(get_args(IncomingKind))


NOTICE_LINK_LABEL = "ダッシュボードで開く"
"""The label of a notice's one link, to its dashboard page, on every platform."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice to the DX team about one consultation, as plain text (masked when stored).

    ``event`` is ``new`` (it arrived), ``added``, ``reopened`` or
    ``withdrawn`` (what its staff member did) or ``waiting`` (it has waited
    too long); ``url`` is the dashboard page, None when no public address is set.
    Each channel makes the text plain for its platform: nothing in it ever
    renders as a link or a mention.
    """

    consultation: int
    event: str
    title: str
    text: str
    url: str | None = None

    def to_record(self) -> dict[str, object]:
        """The outbox payload form (what `bot.consult.notices` has always stored)."""
        return {
            "event": self.event,
            "consultation": self.consultation,
            "title": self.title,
            "text": self.text,
            "url": self.url,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Notice:
        """Read `to_record`'s form back; ValueError when it is not one."""
        consultation = record.get("consultation")
        if not isinstance(consultation, int):
            raise _invalid(f"'consultation' must be an integer in a notice, not {consultation!r}")
        url = record.get("url")
        return cls(
            consultation,
            _string(record, "event"),
            _string(record, "title"),
            _string(record, "text"),
            None if url is None else str(url),
        )


def _string(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    if not isinstance(value, str):
        raise _invalid(f"{name!r} must be a string in a stored reply, not {value!r}")
    return value


def _optional(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise _invalid(f"{name!r} must be a string or null in a stored record, not {value!r}")
    return value


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _invalid(f"expected a list in a stored reply, not {value!r}")
    return value


def _mapping(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _invalid(f"expected an object in a stored reply, not {value!r}")
    return value


def _choices(value: object) -> tuple[Choice, ...]:
    return tuple(Choice.from_record(_mapping(c)) for c in _list(value))


def _invalid(message: str) -> ValueError:
    """A malformed stored reply is a bad value, whatever the wrong type (one exception for callers)."""
    return ValueError(message)
