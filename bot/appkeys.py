"""Typed keys for what the aiohttp application shares between handlers.

Each resource is set by its own cleanup context in `bot.app` and read
through these keys only: no module globals, no ``app["string"]``. The
dashboard sub-application reads them through ``request.config_dict``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from aiohttp import web

from bot.config import Settings
from bot.consult.accounts import Accounts
from bot.consult.answerdrafts import AnswerDrafts
from bot.consult.faqdrafts import FaqDrafts
from bot.consult.service import ConsultationService
from bot.conversations import Conversations
from bot.db import ConversationStore
from bot.db.websessions import WebSessions
from bot.health import DatabaseOutage
from bot.metrics import Metrics
from bot.reloading import LiveKnowledge

if TYPE_CHECKING:  # the handlers import these keys: name their types without importing them here
    from bot.handlers.dispatch import Dispatcher
    from bot.handlers.registry import Channels

__all__ = [
    "ACCOUNTS",
    "ANSWER_DRAFTS",
    "CHANNELS",
    "CONSULT",
    "CONVERSATIONS",
    "DISPATCHER",
    "FAQ_DRAFTS",
    "HEALTH",
    "HEALTH_CHECKS",
    "KNOWLEDGE",
    "METRICS",
    "PASSWORD_CHECKS",
    "SETTINGS",
    "STORE",
    "WEB_SESSIONS",
]

SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", ConversationStore)
HEALTH_CHECKS = web.AppKey("health_checks", ThreadPoolExecutor)
"""The health check's own thread: requests queued for the shared threads (writes waiting for a busy
database) never delay it."""
HEALTH = web.AppKey("health", DatabaseOutage)
"""What the last health check found, so that the log says an outage and its end once each."""
KNOWLEDGE = web.AppKey("knowledge", LiveKnowledge)
"""The knowledge in service (`LiveKnowledge.current`), replaced by a reload; never cache what it holds."""
CONVERSATIONS = web.AppKey("conversations", Conversations)
CONSULT = web.AppKey("consult", ConsultationService)
ACCOUNTS = web.AppKey("accounts", Accounts)
PASSWORD_CHECKS = web.AppKey("password_checks", ThreadPoolExecutor)
"""The one low-priority thread that checks logins (`bot.consult.accounts.password_checker`)."""
FAQ_DRAFTS = web.AppKey("faq_drafts", FaqDrafts)
ANSWER_DRAFTS = web.AppKey("answer_drafts", AnswerDrafts)
WEB_SESSIONS = web.AppKey("web_sessions", WebSessions)
METRICS = web.AppKey("metrics", Metrics)
CHANNELS: web.AppKey[Channels] = web.AppKey("channels")
DISPATCHER: web.AppKey[Dispatcher] = web.AppKey("dispatcher")
