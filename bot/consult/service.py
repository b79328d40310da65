"""The consultation desk as the dashboard and the admin API use it: one transaction per call.

Every method is blocking (async callers use `asyncio.to_thread`), commits
or rolls back as a whole, and raises `bot.errors.StoreError` when the
database fails, or a `ConsultationError` (not found, impossible change,
stale form) with a message for people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from functools import partial

import sqlalchemy as sa

from bot.consult import accounts, actions, store
from bot.consult.desk import SqlDesk
from bot.consult.model import WAITING, Consultation, Event, Status
from bot.consult.notices import Notices
from bot.db import LogLine, journal, outbox
from bot.db.engine import reading, writing
from bot.db.outbox import Receipt
from bot.db.schema import consultations
from bot.dialogue import ConversationKey
from bot.knowledge import KnowledgeBase, Ward

__all__ = ["ConsultationService", "utcnow"]

CONVERSATION_LINES = 40
"""Lines of the conversation that led to a consultation shown to the DX team."""


def utcnow() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


class ConsultationService:
    """Consultations over one database engine."""

    def __init__(
        self,
        engine: sa.Engine,
        notices: Notices,
        clock: Callable[[], datetime] = utcnow,
        *,
        per_day: int = 0,
        knowledge: Callable[[], KnowledgeBase] | None = None,
    ) -> None:
        """Consultations in ``engine``, the team told through ``notices``.

        ``knowledge`` gives the knowledge in service: the ward's names, which the messages pushed to
        staff sign with, and the contacts it publishes, which the team's answers keep unmasked.
        """
        self.knowledge = knowledge
        self.engine = engine
        self.notices = notices
        self.clock = clock
        self.per_day = per_day

    def ward(self) -> Ward:
        """The ward's names in service (the sample ward's without knowledge)."""
        return self.knowledge().ward if self.knowledge is not None else Ward()

    def public(self) -> frozenset[str]:
        """The contact details the knowledge in service publishes (`bot.privacy.public_contacts`)."""
        return self.knowledge().public_contacts if self.knowledge is not None else frozenset()

    def desk(self, connection: sa.Connection, owner: ConversationKey, address: str | None = None) -> SqlDesk:
        """The engine's desk for ``owner`` inside the conversation's transaction.

        It opens at most ``per_day`` consultations a day per person (0: no
        limit); one it opens keeps ``address``, the event's delivery address.
        """
        return SqlDesk(connection, owner, self.clock(), self.notices, self.per_day, address)

    # -- reading --------------------------------------------------------------

    def find(self, filters: store.Filters) -> list[Consultation]:
        """The consultations ``filters`` select."""
        with reading(self.engine, "the consultations") as connection:
            return store.find(connection, filters, self.clock())

    def count(self, filters: store.Filters) -> int:
        """How many consultations ``filters`` select, beyond one page too."""
        with reading(self.engine, "the consultations") as connection:
            return store.count(connection, filters, self.clock())

    def counts(self) -> dict[Status, int]:
        """How many consultations are in each state."""
        with reading(self.engine, "the consultations") as connection:
            return store.counts(connection)

    def tags(self) -> list[str]:
        """Every tag in use."""
        with reading(self.engine, "the consultations") as connection:
            return store.all_tags(connection)

    def get(self, number: int) -> Consultation:
        """One consultation; `NotFound` when there is none."""
        with reading(self.engine, "the consultations") as connection:
            return store.get(connection, number)

    def events(self, number: int) -> list[Event]:
        """Its audit trail, oldest first."""
        with reading(self.engine, "the consultations") as connection:
            return store.events(connection, number)

    def receipts(self, events: Iterable[Event]) -> dict[int, Receipt]:
        """What became of the messages ``events`` sent to the staff member, by event id.

        An answer's or request's event names its outbox message
        (``data["outbox"]``); an event recorded before it did, or whose
        message the purge has deleted, has no receipt.
        """
        sent = {
            event.id: event.data["outbox"] for event in events if isinstance(event.data.get("outbox"), int)
        }
        with reading(self.engine, "the outbox") as connection:
            found = outbox.receipts(connection, sent.values())
        return {event: found[message] for event, message in sent.items() if message in found}

    def conversation(self, consultation: Consultation) -> list[LogLine]:
        """The conversation that led to it (what the retention period has kept), oldest first."""
        if consultation.log_until is None:
            return []
        with reading(self.engine, "the consultations") as connection:
            return journal.conversation(
                connection, consultation.key, until=consultation.log_until, limit=CONVERSATION_LINES
            )

    # -- changing -------------------------------------------------------------

    def answer(self, number: int, text: str, actor: str, expected: int | None = None) -> Consultation:
        """Answer the staff member (delivered through the outbox)."""
        with writing(self.engine, "the consultation") as connection:
            return actions.answer(
                connection, number, text, actor, self.clock(), expected, self.ward().team, self.public()
            )

    def request_info(self, number: int, text: str, actor: str, expected: int | None = None) -> Consultation:
        """Ask the staff member for more information (delivered through the outbox)."""
        with writing(self.engine, "the consultation") as connection:
            return actions.request_info(
                connection, number, text, actor, self.clock(), expected, self.ward().team, self.public()
            )

    def transition(
        self, number: int, target: Status, actor: str, expected: int | None = None
    ) -> Consultation:
        """Change the state by hand."""
        with writing(self.engine, "the consultation") as connection:
            return actions.transition(
                connection, number, target, actor, self.clock(), expected, self.ward().team
            )

    def take(self, number: int, actor: str, expected: int | None = None) -> Consultation:
        """Assign to the actor, and start work on it."""
        with writing(self.engine, "the consultation") as connection:
            return actions.take(connection, number, actor, self.clock(), expected)

    def assign(
        self, number: int, assignee: str | None, actor: str, expected: int | None = None
    ) -> Consultation:
        """Assign to a dashboard user, or to nobody."""
        with writing(self.engine, "the consultation") as connection:
            known = partial(accounts.exists, connection)
            return actions.assign(connection, number, assignee, actor, self.clock(), expected, known)

    def note(self, number: int, text: str, actor: str, expected: int | None = None) -> Consultation:
        """Add an internal note."""
        with writing(self.engine, "the consultation") as connection:
            return actions.note(connection, number, text, actor, self.clock(), expected, self.public())

    def set_tags(self, number: int, text: str, actor: str, expected: int | None = None) -> Consultation:
        """Replace the tags with those in ``text`` (comma- or space-separated)."""
        tags = actions.parse_tags(text)
        with writing(self.engine, "the consultation") as connection:
            return actions.set_tags(connection, number, tags, actor, self.clock(), expected)

    def set_due(self, number: int, due: date | None, actor: str, expected: int | None = None) -> Consultation:
        """Set or clear the due date."""
        with writing(self.engine, "the consultation") as connection:
            return actions.set_due(connection, number, due, actor, self.clock(), expected)

    def remind_waiting(self, hours: int) -> int:
        """Notify the team of every consultation waiting ``hours`` or more; return how many.

        A consultation is reminded of once per period of waiting: the
        reminder's time is recorded with the notice, in one transaction, and
        a consultation that several instances look at together is reminded
        of once (the update only succeeds for the first).
        """
        if hours <= 0 or not self.notices.channels:
            return 0
        now = self.clock()
        since = now - timedelta(hours=hours)
        due = sa.and_(
            consultations.c.status.in_([s.value for s in WAITING]),
            consultations.c.waiting_since <= since,
            sa.or_(consultations.c.reminded_at.is_(None), consultations.c.reminded_at <= since),
        )
        reminded = 0
        with writing(self.engine, "the consultation") as connection:
            numbers = connection.execute(sa.select(consultations.c.id).where(due)).scalars().all()
            for number in numbers:
                claimed = connection.execute(
                    consultations.update().where(consultations.c.id == number, due).values(reminded_at=now)
                )
                if claimed.rowcount == 1:
                    self.notices.waiting(connection, store.get(connection, number), hours, now)
                    reminded += 1
        return reminded
