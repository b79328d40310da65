"""An in-memory consultation desk for engine tests: the `Desk` contract without a database."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from bot.dialogue import Limit, LimitReached, NewConsultation, Ticket


@dataclass
class MemoryDesk:
    """One staff member's consultations; ``others`` belong to someone else (never shown)."""

    remembered: str = ""
    mine: dict[int, Ticket] = field(default_factory=dict)
    others: dict[int, Ticket] = field(default_factory=dict)
    opened: list[NewConsultation] = field(default_factory=list)
    additions: list[tuple[int, str]] = field(default_factory=list)
    next_number: int = 1
    limit: Limit | None = None
    """Set by a test: the day's consultations are used up."""

    def section(self) -> str:
        return self.remembered

    def consultation_limit(self) -> Limit | None:
        return self.limit

    def open(self, new: NewConsultation) -> Ticket:
        if self.limit is not None:
            raise LimitReached(self.limit)
        number = self.next_number
        self.next_number += 1
        self.opened.append(new)
        self.remembered = new.section
        ticket = Ticket(number, "new", new.section, new.content, new.wanted_by, datetime.now(UTC))
        self.mine[number] = ticket
        return ticket

    def tickets(self, limit: int) -> list[Ticket]:
        return sorted(self.mine.values(), key=lambda t: -t.number)[:limit]

    def ticket(self, number: int) -> Ticket | None:
        return self.mine.get(number)

    def add(self, number: int, text: str) -> Ticket | None:
        ticket = self.mine.get(number)
        if ticket is None:
            return None
        self.additions.append((number, text))
        self.mine[number] = replace(ticket, additions=(*ticket.additions, text))
        if ticket.status in ("answered", "resolved"):
            self.set(number, "reopened")
        return self.mine[number]

    def withdraw(self, number: int) -> Ticket | None:
        return self.set(number, "withdrawn") if number in self.mine else None

    def feedback(self, number: int, *, solved: bool) -> Ticket | None:
        return self.set(number, "resolved" if solved else "reopened") if number in self.mine else None

    def set(self, number: int, status: str, answer: str | None = None) -> Ticket:
        """Change a ticket's state (as the DX team would); tests use it to set the scene."""
        ticket = replace(self.mine[number], status=status)
        if answer is not None:
            ticket = replace(ticket, answer=answer)
        self.mine[number] = ticket
        return ticket
