"""The engine's `Desk` over the database, bound to one staff member and one transaction.

`bot.conversations.Conversations` builds one per turn, on the connection
that also stores the conversation's state, so a consultation created in a
turn commits (or not) with that turn. Every channel opens consultations
here, so this is where the daily limit per person is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from bot.consult import actions, store
from bot.consult.model import Consultation
from bot.consult.notices import Notices
from bot.db import journal, quota
from bot.db.locks import serialize
from bot.dialogue import ConversationKey, Limit, LimitReached, NewConsultation, Ticket
from bot.errors import NotFound

__all__ = ["SqlDesk", "ticket_of"]


def ticket_of(
    consultation: Consultation, answer: str | None = None, additions: tuple[str, ...] = ()
) -> Ticket:
    """What the staff member sees of a consultation."""
    return Ticket(
        number=consultation.id,
        status=consultation.status.value,
        section=consultation.section,
        content=consultation.content,
        wanted_by=consultation.wanted_by,
        created_at=consultation.created_at,
        answer=answer,
        additions=additions,
    )


class SqlDesk:
    """The consultations of the staff member ``owner``, inside the transaction of ``connection``.

    ``address`` is the channel's address of the event being handled: a
    consultation opened now keeps it, so the team's answer goes back there.
    """

    def __init__(
        self,
        connection: sa.Connection,
        owner: ConversationKey,
        now: datetime,
        notices: Notices,
        per_day: int = 0,
        address: str | None = None,
    ) -> None:
        self.connection = connection
        self.owner = owner
        self.address = address
        self.now = now
        self.notices = notices
        self.per_day = per_day

    def section(self) -> str:
        """The section given last time."""
        return store.last_section(self.connection, self.owner)

    def consultation_limit(self) -> Limit | None:
        """The daily limit, if the staff member has reached it (``per_day`` of 0: no limit)."""
        return quota.consultation_limit(self.connection, self.owner, self.per_day, self.now)

    def open(self, new: NewConsultation) -> Ticket:
        """Create the consultation, remember how far the conversation had got, and notify the team.

        `LimitReached` when the staff member has opened ``per_day`` today, on
        any channel or conversation: counted under their lock, so that two
        processes cannot both let the last one through.
        """
        serialize(self.connection, quota.person_lock(self.owner))
        limit = self.consultation_limit()
        if limit is not None:
            raise LimitReached(limit)
        until = journal.last_id(self.connection, self.owner)
        consultation = store.create(self.connection, self.owner, new, until, self.now, self.address)
        self.notices.arrived(self.connection, consultation, self.now)
        return ticket_of(consultation)

    def tickets(self, limit: int) -> list[Ticket]:
        """The staff member's consultations, newest first."""
        filters = store.Filters(status="all", owner=self.owner, limit=limit)
        return [ticket_of(c) for c in store.find(self.connection, filters, self.now)]

    def ticket(self, number: int) -> Ticket | None:
        """One of theirs, with the latest answer."""
        try:
            consultation = store.get(self.connection, number)
        except NotFound:
            return None
        if (consultation.key.channel, consultation.key.user_id) != (self.owner.channel, self.owner.user_id):
            return None
        additions = store.staff_additions(self.connection, number)
        return ticket_of(consultation, store.last_answer(self.connection, number), additions)

    def add(self, number: int, text: str) -> Ticket | None:
        """Add to one of theirs; the team is told (`Notices.added`)."""

        def add() -> None:
            changed = actions.staff_add(self.connection, number, self.owner, text, self.now)
            added = store.staff_additions(self.connection, number)[-1]  # as stored: masked
            self.notices.added(self.connection, changed, added, self.now)

        return self._then(number, add)

    def withdraw(self, number: int) -> Ticket | None:
        """Withdraw one of theirs; the team is told, so that nobody works on it any longer."""

        def withdraw() -> None:
            changed = actions.staff_withdraw(self.connection, number, self.owner, self.now)
            self.notices.withdrawn(self.connection, changed, self.now)

        return self._then(number, withdraw)

    def feedback(self, number: int, *, solved: bool) -> Ticket | None:
        """解決した or まだ困っている on one of theirs; the team is told of the latter (it waits on them)."""

        def feedback() -> None:
            changed = actions.staff_feedback(self.connection, number, self.owner, solved=solved, now=self.now)
            if not solved:
                self.notices.reopened(self.connection, changed, self.now)

        return self._then(number, feedback)

    def _then(self, number: int, change: Callable[[], None]) -> Ticket | None:
        """Make ``change`` if the consultation is theirs; return it as changed."""
        if self.ticket(number) is None:
            return None
        change()
        return self.ticket(number)
