"""The bot's own exceptions: one small tree, so error boundaries can route by type."""

from __future__ import annotations

__all__ = ["BotError", "StoreError"]


class BotError(Exception):
    """Base of every error the bot raises on purpose."""


class StoreError(BotError):
    """The database could not be reached or refused the operation; the caller may retry later."""
