"""The one path every channel's message takes: load the state, step the engine, store the state.

`Conversations.handle` is the error boundary of one message: a failure of
the engine is logged with the conversation key and answered with a polite
fallback, so the user is never left without a reply; a failure of the
database (`StoreError`) propagates, since the caller must then answer
"try again later" in its own way (503 for HTTP).
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from bot.db import ConversationStore
from bot.dialogue import Choice, Engine, Incoming, Reply
from bot.errors import BotError

__all__ = ["FALLBACK", "Conversations"]

log = logging.getLogger(__name__)

FALLBACK = Reply(
    "申し訳ありません。システムの不具合のため、お答えできませんでした。"
    "時間をおいてもう一度お試しいただくか、DX推進課（内線 2345）までご連絡ください。",
    (Choice("メニュー", "menu"),),
    kind="escalate",
)


class Conversations:
    """Conversation turns over one store and one engine; safe to call from several threads."""

    def __init__(self, store: ConversationStore, engine: Engine) -> None:
        self.store = store
        self.engine = engine

    def handle(self, incoming: Incoming) -> tuple[Reply, ...]:
        """The replies to one message, with the conversation's state updated atomically (blocking)."""
        try:
            return self.store.exchange(incoming.key, partial(self.engine.step, incoming)).replies
        except BotError:
            raise
        except Exception:
            log.exception("the engine failed on a message of %s", incoming.key)
            return (FALLBACK,)

    async def reply(self, incoming: Incoming) -> tuple[Reply, ...]:
        """`handle` in a worker thread, so the search and the database stay off the event loop."""
        return await asyncio.to_thread(self.handle, incoming)
