"""The channel-neutral values the engine takes and returns.

Every value is a frozen, slotted dataclass: adapters build an `Incoming`
from a platform payload, and render `Reply` values into the platform's own
format. The limits below are what every channel can show (see the channel
notes, section 7), so a reply that constructs is a reply every adapter can
render: at most 3 primary choices, at most 10 cards, and button payloads of
at most 64 bytes (Telegram's callback data), which is why payloads are short
server-side tokens such as ``faq:<id>`` or ``t:<n>``, never JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal

from bot.privacy import mask

__all__ = [
    "MAX_ACTION_BYTES",
    "MAX_CARDS",
    "MAX_CARD_CHOICES",
    "MAX_CHOICES",
    "Card",
    "Choice",
    "ConversationKey",
    "Incoming",
    "Reply",
    "ReplyKind",
]

MAX_CHOICES = 3
"""Primary choices per reply: Teams shows only the first three suggested actions."""

MAX_CARDS = 10
"""Cards per reply: LINE WORKS carousels hold at most ten."""

MAX_CARD_CHOICES = 3
"""Buttons per card: LINE WORKS carousel columns share one small action count."""

MAX_ACTION_BYTES = 64
"""Telegram's callback data limit, the tightest of all channels."""

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
]
"""What a reply is, for tests, logs and later analytics; adapters need not look at it."""


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """Which conversation a message belongs to; the state is stored under it."""

    channel: str
    user_id: str
    conversation_id: str


@dataclass(frozen=True, slots=True)
class Incoming:
    """One thing the user did: typed ``text`` or pressed a button carrying ``action``.

    Exactly one of the two is set; `received_at` is timezone-aware.
    """

    key: ConversationKey
    text: str | None = None
    action: str | None = None
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        if (self.text is None) == (self.action is None):
            raise ValueError("Incoming needs exactly one of text or action")
        if self.received_at.tzinfo is None:
            raise ValueError("Incoming.received_at must be timezone-aware")

    def masked(self) -> Incoming:
        """This message with personal information masked (`bot.privacy.mask`) in its text or action.

        Every turn starts here (`bot.conversations.Conversations.handle`), so
        nothing a person typed reaches the engine, its state or the
        conversation log unmasked; the placeholders tell the engine what was
        masked (`bot.privacy.masked_kinds`).
        """
        if self.text is not None:
            return replace(self, text=mask(self.text).text)
        return replace(self, action=mask(self.action or "").text)


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

    def as_json(self) -> dict[str, str]:
        """The API form: ``{"label", "action"}``."""
        return {"label": self.label, "action": self.action}


@dataclass(frozen=True, slots=True)
class Card:
    """A card in a carousel (a case, a chapter, a group of buttons)."""

    title: str
    text: str
    choices: tuple[Choice, ...] = ()

    def __post_init__(self) -> None:
        if len(self.choices) > MAX_CARD_CHOICES:
            raise ValueError(f"a card holds at most {MAX_CARD_CHOICES} choices")

    def as_json(self) -> dict[str, object]:
        """The API form: ``{"title", "text", "choices"}``."""
        return {"title": self.title, "text": self.text, "choices": [c.as_json() for c in self.choices]}


@dataclass(frozen=True, slots=True)
class Reply:
    """One message from the bot.

    ``source`` names where an answer comes from (an FAQ entry, a manual
    section, a case) and the action that opens it; ``ref`` is the entry the
    reply shows (``faq:<id>``, ``sec:<chapter>#<section>``, ``case:<id>``…).
    """

    text: str
    choices: tuple[Choice, ...] = ()
    cards: tuple[Card, ...] = ()
    source: Choice | None = None
    kind: ReplyKind = "prompt"
    ref: str | None = None

    def __post_init__(self) -> None:
        if not self.text:
            raise ValueError("a reply needs text")
        if len(self.choices) > MAX_CHOICES:
            raise ValueError(f"a reply holds at most {MAX_CHOICES} primary choices")
        if len(self.cards) > MAX_CARDS:
            raise ValueError(f"a reply holds at most {MAX_CARDS} cards")

    def as_json(self) -> dict[str, object]:
        """The HTTP API form of DESIGN.md: ``text``, and ``choices``/``cards``/``source`` when present."""
        payload: dict[str, object] = {"text": self.text}
        if self.choices:
            payload["choices"] = [c.as_json() for c in self.choices]
        if self.cards:
            payload["cards"] = [c.as_json() for c in self.cards]
        if self.source is not None:
            payload["source"] = self.source.as_json()
        return payload
