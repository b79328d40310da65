"""The bot's own exceptions: one small tree, so error boundaries can route by type.

``BotError`` → ``InvalidRequest`` (a request that cannot be read at all),
``StoreError`` (the database; ``MissingDatabase``, a SQLite file that is not there),
``Busy`` (too many turns waiting), ``DuplicateEvent``
(a redelivery), ``ConsultationError`` (a request about a consultation that cannot
be done: `NotFound`, `InvalidInput`, `InvalidTransition`, `Conflict`). A
consultation error's message is written for people, in Japanese, since the
dashboard and the admin API show it as is.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BotError",
    "Busy",
    "Conflict",
    "ConsultationError",
    "DuplicateEvent",
    "InvalidInput",
    "InvalidRequest",
    "InvalidTransition",
    "MissingDatabase",
    "NotFound",
    "StoreError",
]


class BotError(Exception):
    """Base of every error the bot raises on purpose."""


class InvalidRequest(BotError):
    """A request that cannot be read: malformed JSON or form, unreadable text, a number out of range.

    ``code`` is stable, for programs; the message is for people, in Japanese. The
    error boundaries answer it with 400: JSON on the API, a page on the dashboard.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class StoreError(BotError):
    """The database could not be reached or refused the operation; the caller may retry later."""


class MissingDatabase(StoreError):
    """A command that only reads or deletes was pointed at a SQLite file that does not exist.

    Opening it would create an empty database and report success on nothing (a
    mistyped ``DATABASE_URL``); ``path`` is the file looked for.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(f"no database file at {path}")
        self.path = path


class Busy(BotError):
    """A turn waited longer than it may for a free turn thread, and was not run; the caller may retry soon.

    ``retry_after`` is how many seconds to wait before trying again.
    """

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"no turn thread was free for {retry_after} s")
        self.retry_after = retry_after


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
