"""Typed keys for what the aiohttp application shares between handlers.

Each resource is set by its own cleanup context in `bot.app` and read
through these keys only: no module globals, no ``app["string"]``.
"""

from __future__ import annotations

from aiohttp import web

from bot.config import Settings
from bot.conversations import Conversations
from bot.db import ConversationStore
from bot.search import Searcher

__all__ = ["CONVERSATIONS", "SEARCHER", "SETTINGS", "STORE"]

SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", ConversationStore)
SEARCHER = web.AppKey("searcher", Searcher)
CONVERSATIONS = web.AppKey("conversations", Conversations)
