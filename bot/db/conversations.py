"""The conversation store: each conversation's state, and messages pushed to users later.

The store is synchronous (SQLAlchemy Core over a connection pool); async
callers run it with `asyncio.to_thread`. Every method either succeeds or
raises `bot.errors.StoreError`. Each turn is also written to the
conversation log (`bot.db.journal`), in the same transaction as the state,
and so is the platform's event id (`bot.db.reach.first_sighting`), so a
redelivered event raises `bot.errors.DuplicateEvent` and changes nothing;
the event's row in the durable inbox keeps the turn's replies until they
are sent (`bot.db.inbox.answered`), in the same transaction too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot import logkey
from bot.config import DB_TIMEOUT_SECONDS, Settings
from bot.db import inbox, installation, journal, reach
from bot.db.engine import aware, create_engine, reading, sqlite_file
from bot.db.keys import of_conversation
from bot.db.migrate import upgrade
from bot.db.outbox import enqueue, with_parts_shown
from bot.db.schema import consultations, conversations, messages, outbox
from bot.dialogue import ConversationKey, Incoming, Reply, State, Turn
from bot.errors import DuplicateEvent, MissingDatabase, StoreError
from bot.oserrors import described

__all__ = ["ConversationStore", "PushedMessage"]

log = logging.getLogger(__name__)

_ATTEMPTS = 3

Step = Callable[[State, sa.Connection], Turn]
"""One turn of the engine over the stored state, inside the store's transaction."""


@dataclass(frozen=True, slots=True)
class PushedMessage:
    """A message sent to a user after the fact, read back: its id orders the messages."""

    id: int
    created_at: datetime
    reply: Reply


class ConversationStore:
    """Conversation state and pushed messages in one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, timeout: float = DB_TIMEOUT_SECONDS, create: bool = True) -> ConversationStore:
        """Connect to ``url``, migrate the database to the newest schema and key the log with its secret.

        The conversation names in this process's log are keyed from then on with
        the secret stored in the database (`bot.db.installation`, `bot.logkey`),
        drawn by the first process to open it: every process on one database,
        and every restart, names a conversation alike.

        No later wait on the database lasts longer than ``timeout`` seconds.
        A SQLite file that is not there is created, or with ``create`` false
        refused with `MissingDatabase` before anything is created (a command
        that only reads or deletes, pointed at a mistyped path).
        """
        path = sqlite_file(url)
        try:
            if not create and path is not None and not path.exists():
                raise MissingDatabase(path)
            engine = create_engine(url, timeout=timeout)
        except OSError as exc:  # the file's name or folder refused by the system (over 255 bytes, no access)
            where = exc.filename or path
            raise StoreError(
                f"データベースのファイル {where} を開けません（{described(exc)}）。"
                "DATABASE_URL のファイルの場所と名前を確かめてください"
            ) from exc
        try:
            upgrade(engine)
            logkey.configure(installation.secret(engine, installation.LOG_KEY))
        except (SQLAlchemyError, StoreError) as exc:
            engine.dispose()
            raise StoreError(f"could not prepare the database: {exc}") from exc
        return cls(engine)

    @classmethod
    def configured(cls, settings: Settings, *, create: bool = True) -> ConversationStore:
        """`open` the configured database (``DATABASE_URL``, ``KAIZEN_DB_TIMEOUT_SECONDS``): blocking."""
        return cls.open(settings.database_url, timeout=settings.db_timeout_seconds, create=create)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def ping(self) -> None:
        """Check that the database answers (a read: on SQLite it never waits for a writer)."""
        with reading(self.engine, "the database") as connection:
            connection.execute(sa.text("SELECT 1"))

    def conversations_named(self, name: str) -> list[ConversationKey]:
        """The conversations whose log name (``str(key)``, ``line:3f9a1c02b7e4``) is ``name``.

        The name is a keyed digest the database cannot compute, so every distinct key of the
        conversations, the conversation log and the consultations is read and compared here.
        """
        keyed = [conversations, messages, consultations]
        union = sa.union(
            *(sa.select(t.c.channel, t.c.user_id, t.c.conversation_id) for t in keyed)
        ).subquery()
        with reading(self.engine, "the conversations") as connection:
            rows = connection.execute(sa.select(union).where(union.c.channel == name.partition(":")[0]))
            found = [ConversationKey(r.channel, r.user_id, r.conversation_id) for r in rows]
        return sorted((k for k in found if str(k) == name), key=lambda k: (k.user_id, k.conversation_id))

    def load(self, key: ConversationKey) -> State:
        """The conversation's current state (a fresh one for a new conversation)."""
        with reading(self.engine, "the conversation") as connection:
            row = connection.execute(
                sa.select(conversations.c.state).where(of_conversation(conversations, key))
            ).first()
        return State.from_json(row.state if row is not None else None)

    def exchange(self, incoming: Incoming, step: Step) -> Turn:
        """Run ``step`` on the conversation's state and store the state it returns, atomically.

        ``step`` gets the state and the transaction's connection, so whatever
        else it writes (a consultation) commits or rolls back with the state.
        Turns of one conversation never interleave, even across processes:
        the row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite
        the one writer of `bot.db.sqlite`, then ``BEGIN IMMEDIATE``) from the
        read to the write, so ``step`` should be quick: do slow work (the
        search) before. The turn is logged (masked) with the state. If
        ``step`` raises, nothing is stored and the exception propagates.
        """
        key = incoming.key
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return self._exchange(incoming, step)
            except IntegrityError as exc:  # two first messages raced to create the row: retry
                if attempt == _ATTEMPTS:
                    raise StoreError(f"could not store the conversation: {exc}") from exc
                log.info("conversation %s created concurrently; retrying", key)
            except SQLAlchemyError as exc:
                raise StoreError(f"could not store the conversation: {exc}") from exc
        raise AssertionError("unreachable")

    def _exchange(self, incoming: Incoming, step: Step) -> Turn:
        key = incoming.key
        with self.engine.begin() as connection:
            query = (
                sa.select(conversations.c.state).where(of_conversation(conversations, key)).with_for_update()
            )
            row = connection.execute(query).first()
            now = datetime.now(UTC)
            if incoming.event_id is not None and not reach.first_sighting(
                connection, key.channel, incoming.event_id, now, settle_inbox=False
            ):
                raise DuplicateEvent(f"event {incoming.event_id} of {key.channel} was handled already")
            turn = step(State.from_json(row.state if row is not None else None), connection)
            state = turn.state.to_json()
            reachable = {"blocked_at": None} | ({"address": incoming.address} if incoming.address else {})
            if row is None:
                connection.execute(
                    conversations.insert().values(
                        channel=key.channel,
                        user_id=key.user_id,
                        conversation_id=key.conversation_id,
                        state=state,
                        created_at=now,
                        updated_at=now,
                        **reachable,
                    )
                )
            else:
                connection.execute(
                    conversations.update()
                    .where(of_conversation(conversations, key))
                    .values(state=state, updated_at=now, **reachable)
                )
            journal.record(connection, incoming, turn.replies, now)
            if incoming.event_id is not None:
                inbox.answered(connection, key.channel, incoming.event_id, turn.replies)
        return turn

    def push(
        self, key: ConversationKey, reply: Reply, due: datetime | None = None, parts_shown: int = 0
    ) -> int:
        """Queue ``reply`` for the user of ``key`` (not sent before ``due``); return the message id.

        ``parts_shown``: how many of its parts the platform showed already (`bot.db.outbox.PARTS_SHOWN`).
        """
        payload = with_parts_shown(reply.to_record(), parts_shown)
        try:
            with self.engine.begin() as connection:
                return enqueue(connection, key, payload, datetime.now(UTC), due=due)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not queue the message: {exc}") from exc

    def history(self, key: ConversationKey, limit: int) -> list[journal.LogLine]:
        """The conversation's last ``limit`` lines as logged (masked), oldest first."""
        with reading(self.engine, "the conversation") as connection:
            return journal.conversation(connection, key, until=None, limit=limit)

    def pushed(self, channel: str, user_id: str, *, after: int = 0, limit: int = 100) -> list[PushedMessage]:
        """Messages pushed to a user with an id above ``after``, oldest first, at most ``limit``."""
        query = (
            sa.select(outbox.c.id, outbox.c.created_at, outbox.c.payload)
            .where(outbox.c.channel == channel, outbox.c.user_id == user_id, outbox.c.id > after)
            .order_by(outbox.c.id)
            .limit(limit)
        )
        with reading(self.engine, "the messages") as connection:
            rows = connection.execute(query).all()
        return [PushedMessage(row.id, aware(row.created_at), Reply.from_record(row.payload)) for row in rows]
