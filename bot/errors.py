"""The bot's own exceptions: one small tree, so error boundaries can route by type.

``BotError`` → ``StoreError`` (the database), ``DuplicateEvent`` (a redelivery), ``ConsultationError`` (a
request about a consultation that cannot be done: `NotFound`,
`InvalidInput`, `InvalidTransition`, `Conflict`). A consultation error's message is written
for people, in Japanese, since the dashboard and the admin API show it as is.
"""

from __future__ import annotations

__all__ = [
    "BotError",
    "Conflict",
    "ConsultationError",
    "DuplicateEvent",
    "InvalidInput",
    "InvalidTransition",
    "NotFound",
    "StoreError",
]


class BotError(Exception):
    """Base of every error the bot raises on purpose."""


class StoreError(BotError):
    """The database could not be reached or refused the operation; the caller may retry later."""


class DuplicateEvent(BotError):
    """The platform delivered an event again (the same event id): it was handled once, and is ignored."""


class ConsultationError(BotError):
    """A request about a consultation that cannot be carried out; the message says why, in Japanese."""


class NotFound(ConsultationError):
    """No such consultation (or draft), or not one the asker may see."""


class InvalidInput(ConsultationError):
    """What was sent is missing, too long or malformed (an empty answer, too many tags)."""


class InvalidTransition(ConsultationError):
    """The change asked for does not exist, or is not possible from the consultation's state."""


class Conflict(ConsultationError):
    """The consultation changed since the form was shown (a double submit, or a colleague's change)."""
