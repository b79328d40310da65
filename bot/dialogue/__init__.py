"""The conversation engine's channel-neutral values (no channel I/O in here).

Only values are exported here, so that the database can import them without
loading the search stack (a test checks it); the engine itself is
`bot.dialogue.engine.Engine`, and what it needs from the search
`bot.dialogue.turn.Search`.
"""

from bot.dialogue.desk import Candidate, Desk, Limit, LimitReached, NewConsultation, Ticket
from bot.dialogue.state import Intake, Pending, State
from bot.dialogue.turn import Turn
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
    "Incoming",
    "Intake",
    "Limit",
    "LimitReached",
    "NewConsultation",
    "Pending",
    "Reply",
    "ReplyKind",
    "State",
    "Ticket",
    "Turn",
]
