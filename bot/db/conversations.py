"""The conversation store: each conversation's state, and messages pushed to users later.

The store is synchronous (SQLAlchemy Core over a connection pool); async
callers run it with `asyncio.to_thread`. Every method either succeeds or
raises `bot.errors.StoreError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.db.engine import create_engine
from bot.db.migrate import upgrade
from bot.db.schema import conversations, outbox
from bot.dialogue import ConversationKey, Reply, State, Turn
from bot.errors import StoreError

__all__ = ["ConversationStore", "PushedMessage"]

log = logging.getLogger(__name__)

_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class PushedMessage:
    """A message sent to a user after the fact, as stored: its id orders the messages."""

    id: int
    created_at: datetime
    payload: dict[str, Any]


class ConversationStore:
    """Conversation state and pushed messages in one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> ConversationStore:
        """Connect to ``url`` and migrate the database to the newest schema."""
        engine = create_engine(url)
        try:
            upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"could not prepare the database: {exc}") from exc
        return cls(engine)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def ping(self) -> None:
        """Check that the database answers."""
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise StoreError(f"database unavailable: {exc}") from exc

    def load(self, key: ConversationKey) -> State:
        """The conversation's current state (a fresh one for a new conversation)."""
        try:
            with self.engine.connect() as connection:
                row = connection.execute(sa.select(conversations.c.state).where(_is(key))).first()
        except SQLAlchemyError as exc:
            raise StoreError(f"could not read the conversation: {exc}") from exc
        return State.from_json(row.state if row is not None else None)

    def exchange(self, key: ConversationKey, step: Callable[[State], Turn]) -> Turn:
        """Run ``step`` on the conversation's state and store the state it returns, atomically.

        Turns of one conversation never interleave, even across processes:
        the row is locked (``SELECT … FOR UPDATE`` on PostgreSQL, ``BEGIN
        IMMEDIATE`` on SQLite) from the read to the write. If ``step`` raises,
        nothing is stored and the exception propagates.
        """
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return self._exchange(key, step)
            except IntegrityError as exc:  # two first messages raced to create the row: retry
                if attempt == _ATTEMPTS:
                    raise StoreError(f"could not store the conversation: {exc}") from exc
                log.info("conversation %s created concurrently; retrying", key)
            except SQLAlchemyError as exc:
                raise StoreError(f"could not store the conversation: {exc}") from exc
        raise AssertionError("unreachable")

    def _exchange(self, key: ConversationKey, step: Callable[[State], Turn]) -> Turn:
        with self.engine.begin() as connection:
            query = sa.select(conversations.c.state).where(_is(key)).with_for_update()
            row = connection.execute(query).first()
            turn = step(State.from_json(row.state if row is not None else None))
            now = datetime.now(UTC)
            state = turn.state.to_json()
            if row is None:
                connection.execute(
                    conversations.insert().values(
                        channel=key.channel,
                        user_id=key.user_id,
                        conversation_id=key.conversation_id,
                        state=state,
                        created_at=now,
                        updated_at=now,
                    )
                )
            else:
                connection.execute(conversations.update().where(_is(key)).values(state=state, updated_at=now))
        return turn

    def push(self, key: ConversationKey, reply: Reply) -> int:
        """Queue ``reply`` for the user of ``key``; return the message id."""
        try:
            with self.engine.begin() as connection:
                result = connection.execute(
                    outbox.insert().values(
                        channel=key.channel,
                        user_id=key.user_id,
                        conversation_id=key.conversation_id,
                        payload=reply.as_json(),
                        created_at=datetime.now(UTC),
                    )
                )
                inserted = result.inserted_primary_key
        except SQLAlchemyError as exc:
            raise StoreError(f"could not queue the message: {exc}") from exc
        if inserted is None:
            raise StoreError("the database returned no id for the queued message")
        return int(inserted[0])

    def pushed(self, channel: str, user_id: str, *, after: int = 0, limit: int = 100) -> list[PushedMessage]:
        """Messages pushed to a user with an id above ``after``, oldest first, at most ``limit``."""
        query = (
            sa.select(outbox.c.id, outbox.c.created_at, outbox.c.payload)
            .where(outbox.c.channel == channel, outbox.c.user_id == user_id, outbox.c.id > after)
            .order_by(outbox.c.id)
            .limit(limit)
        )
        try:
            with self.engine.connect() as connection:
                rows = connection.execute(query).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"could not read the messages: {exc}") from exc
        return [PushedMessage(row.id, _aware(row.created_at), row.payload) for row in rows]


def _is(key: ConversationKey) -> sa.ColumnElement[bool]:
    return sa.and_(
        conversations.c.channel == key.channel,
        conversations.c.user_id == key.user_id,
        conversations.c.conversation_id == key.conversation_id,
    )


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
