"""The one path every channel's message takes: load the state, step the engine, store the state.

Personal information is masked here, as the message enters the turn
(`Incoming.masked`): the engine, its state (the last question, the
buttons' tokens, the consultation being written up), the consultations and
the conversation log only ever see the masked text. The engine's
consultation desk is bound to the same transaction as the state, so a
consultation created in a turn is stored exactly when the turn is, and the
turn goes into the conversation log with it.

`Conversations.handle` is the error boundary of one message: a failure of
the engine is logged with the conversation key and answered with a polite
fallback, so the user is never left without a reply; a failure of the
database (`StoreError`) propagates, since the caller must then answer
"try again later" in its own way (503 for HTTP).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import sqlalchemy as sa

from bot.db import ConversationStore
from bot.dialogue import Choice, ConversationKey, Desk, Engine, Incoming, Reply, State, Turn
from bot.errors import StoreError

__all__ = ["FALLBACK", "Conversations", "DeskFactory"]

log = logging.getLogger(__name__)

FALLBACK = Reply(
    "申し訳ありません。システムの不具合のため、お答えできませんでした。"
    "時間をおいてもう一度お試しいただくか、DX推進課（内線 2345）までご連絡ください。",
    (Choice("メニュー", "menu"),),
    kind="escalate",
)


DeskFactory = Callable[[sa.Connection, ConversationKey], Desk]
"""The consultation desk of a staff member, inside a turn's transaction."""


class Conversations:
    """Conversation turns over one store, one engine and one desk; safe to call from several threads."""

    def __init__(self, store: ConversationStore, engine: Engine, desk: DeskFactory) -> None:
        self.store = store
        self.engine = engine
        self.desk = desk

    def handle(self, incoming: Incoming) -> tuple[Reply, ...]:
        """The replies to one message, with the conversation's state updated atomically (blocking)."""
        incoming = incoming.masked()

        def step(state: State, connection: sa.Connection) -> Turn:
            return self.engine.step(incoming, state, self.desk(connection, incoming.key))

        try:
            return self.store.exchange(incoming, step).replies
        except StoreError:
            raise
        except Exception:
            log.exception("the engine failed on a message of %s", incoming.key)
            return (FALLBACK,)

    async def reply(self, incoming: Incoming) -> tuple[Reply, ...]:
        """`handle` in a worker thread, so the search and the database stay off the event loop."""
        return await asyncio.to_thread(self.handle, incoming)
