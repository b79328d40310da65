"""What the engine needs from the consultation desk, and the values they exchange.

The engine never touches the database: `Engine.step` gets a `Desk` bound to
the staff member who wrote and to the transaction that stores the
conversation's state (`bot.consult.desk.SqlDesk`), so a consultation is
created, added to or withdrawn exactly when the turn is stored. Tests use an
in-memory desk.

A desk only ever shows a staff member their own consultations: any other
number is "not found" (None), like a number that does not exist. It also
keeps the limit on how many consultations one person opens a day
(`Desk.consultation_limit`, and `LimitReached` from `Desk.open`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Protocol

__all__ = ["STATUS_FOR_ASKER", "Candidate", "Desk", "Limit", "LimitReached", "NewConsultation", "Ticket"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry the bot found for the question, and its score: where the DX team may start."""

    ref: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class NewConsultation:
    """What the intake collected, personal information already masked (``masked`` names what was)."""

    section: str
    query: str
    content: str
    wanted_by: str
    due_date: date | None = None
    masked: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()


STATUS_FOR_ASKER: Mapping[str, str] = MappingProxyType(
    {
        "new": "受付済み・担当者の確認待ち",
        "in_progress": "担当者が対応中",
        "answered": "回答済み・ご確認ください",
        "resolved": "解決済み",
        "reopened": "再開・担当者の確認待ち",
        "withdrawn": "取り下げ済み",
    }
)
"""Each state as the staff member who asked reads it. The DX team's own names (未対応, 対応中…,
`bot.consult.model.LABELS`) are the dashboard's: 【未対応】 read to the asker as if nobody cared."""


@dataclass(frozen=True, slots=True)
class Ticket:
    """A consultation as its staff member sees it: ``status`` is the state's code, ``label`` its name."""

    number: int
    status: str
    section: str
    content: str
    wanted_by: str
    created_at: datetime
    answer: str | None = None
    additions: tuple[str, ...] = ()
    """What the staff member added after sending it (追記), oldest first."""

    @property
    def label(self) -> str:
        """The state's name as the staff member who asked reads it (`STATUS_FOR_ASKER`)."""
        return STATUS_FOR_ASKER.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        """Not resolved or withdrawn."""
        return self.status not in ("resolved", "withdrawn")


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit one person has reached: ``allowed`` per period, and when they may go on."""

    allowed: int
    until: datetime


class LimitReached(Exception):
    """`Desk.open` refused: the staff member has opened as many consultations as a day allows."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(f"limit of {limit.allowed} reached until {limit.until.isoformat()}")
        self.limit = limit


class Desk(Protocol):
    """The consultations of one staff member, within one turn."""

    def section(self) -> str:
        """The section given last time ("" before the first consultation)."""

    def consultation_limit(self) -> Limit | None:
        """The daily limit on new consultations, if the staff member has reached it; else None."""

    def open(self, new: NewConsultation) -> Ticket:
        """Create a consultation (and notify the DX team); return it. `LimitReached` over the limit."""

    def tickets(self, limit: int) -> list[Ticket]:
        """The staff member's consultations, newest first, at most ``limit``."""

    def ticket(self, number: int) -> Ticket | None:
        """One of the staff member's consultations, with the latest answer; None if not theirs."""

    def add(self, number: int, text: str) -> Ticket | None:
        """Add to a consultation (an answered or resolved one is reopened); None if not theirs."""

    def withdraw(self, number: int) -> Ticket | None:
        """Withdraw an open consultation; None if not theirs."""

    def feedback(self, number: int, *, solved: bool) -> Ticket | None:
        """解決した (resolve) or まだ困っている (reopen) after an answer; None if not theirs."""
