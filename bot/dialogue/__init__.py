"""The conversation engine and its channel-neutral values (no channel I/O in here)."""

from bot.dialogue.desk import Candidate, Desk, Limit, LimitReached, NewConsultation, Ticket
from bot.dialogue.engine import Engine, Search, Turn
from bot.dialogue.state import Intake, Pending, State
from bot.values import (
    MAX_ACTION_BYTES,
    MAX_CARD_CHOICES,
    MAX_CARDS,
    MAX_CHOICES,
    Card,
    Choice,
    ConversationKey,
    Incoming,
    Reply,
    ReplyKind,
)

__all__ = [
    "MAX_ACTION_BYTES",
    "MAX_CARDS",
    "MAX_CARD_CHOICES",
    "MAX_CHOICES",
    "Candidate",
    "Card",
    "Choice",
    "ConversationKey",
    "Desk",
    "Engine",
    "Incoming",
    "Intake",
    "Limit",
    "LimitReached",
    "NewConsultation",
    "Pending",
    "Reply",
    "ReplyKind",
    "Search",
    "State",
    "Ticket",
    "Turn",
]
