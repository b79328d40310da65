"""Consultations as values: their states and the changes between them, and what the store returns.

States (``Status``) and their Japanese names::

    未対応 (new) → 対応中 (in_progress) → 回答済み (answered) → 解決 (resolved)
                                                  ↘ 再開 (reopened) → …
    取り下げ (withdrawn): the staff member took it back.

`TRANSITIONS` lists every change of state there is; anything else is an
`InvalidTransition` with a message that says what is possible instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from bot.dialogue import ConversationKey
from bot.dialogue.desk import Candidate, NewConsultation
from bot.errors import InvalidInput, InvalidTransition

__all__ = [
    "LABELS",
    "OPEN",
    "TRANSITIONS",
    "WAITING",
    "Candidate",
    "Consultation",
    "Event",
    "EventKind",
    "NewConsultation",
    "Status",
    "check_transition",
    "parse_status",
]


class Status(StrEnum):
    """Where a consultation stands."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    WITHDRAWN = "withdrawn"


LABELS: dict[Status, str] = {
    Status.NEW: "未対応",
    Status.IN_PROGRESS: "対応中",
    Status.ANSWERED: "回答済み",
    Status.RESOLVED: "解決",
    Status.REOPENED: "再開",
    Status.WITHDRAWN: "取り下げ",
}

OPEN = frozenset({Status.NEW, Status.IN_PROGRESS, Status.ANSWERED, Status.REOPENED})
"""Not finished: the API's ``status=open``."""

WAITING = frozenset({Status.NEW, Status.REOPENED})
"""The DX team owes a reply: these are reminded of when they wait too long."""

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.ANSWERED, Status.RESOLVED, Status.WITHDRAWN}),
    Status.IN_PROGRESS: frozenset({Status.NEW, Status.ANSWERED, Status.RESOLVED, Status.WITHDRAWN}),
    Status.ANSWERED: frozenset(
        {Status.ANSWERED, Status.IN_PROGRESS, Status.RESOLVED, Status.REOPENED, Status.WITHDRAWN}
    ),
    Status.REOPENED: frozenset({Status.IN_PROGRESS, Status.ANSWERED, Status.RESOLVED, Status.WITHDRAWN}),
    Status.RESOLVED: frozenset({Status.REOPENED}),
    Status.WITHDRAWN: frozenset(),
}
"""Every change of state: answering moves to 回答済み (again, for a further answer)."""

EventKind = Literal[
    "created", "status", "assigned", "answer", "request", "note", "staff", "tags", "due", "faq"
]


def parse_status(value: str) -> Status:
    """The state named by its code (``in_progress``) or its Japanese name (対応中)."""
    for status in Status:
        if value in (status.value, LABELS[status]):
            return status
    names = "、".join(f"{LABELS[s]}（{s.value}）" for s in Status)
    raise InvalidInput(f"「{value}」という状態はありません。使える状態：{names}")


def check_transition(number: int, current: Status, target: Status) -> None:
    """Raise `InvalidTransition` unless ``current`` may change to ``target``."""
    if target in TRANSITIONS[current]:
        return
    if current == target:
        raise InvalidTransition(f"No.{number} の相談はすでに「{LABELS[current]}」です。")
    allowed = "、".join(LABELS[s] for s in Status if s in TRANSITIONS[current] and s != current)
    hint = f"変更できるのは「{allowed}」です。" if allowed else "この状態からは変更できません。"
    raise InvalidTransition(
        f"No.{number} の相談は「{LABELS[current]}」のため、「{LABELS[target]}」にはできません。{hint}"
    )


@dataclass(frozen=True, slots=True)
class Consultation:
    """A consultation as stored; ``key`` is where the staff member asked, and where answers go."""

    id: int
    key: ConversationKey
    section: str
    query: str
    content: str
    wanted_by: str
    due_date: date | None
    status: Status
    assignee: str | None
    tags: tuple[str, ...]
    masked: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    log_until: int | None
    version: int
    created_at: datetime
    updated_at: datetime
    waiting_since: datetime | None
    address: str | None = None
    """The channel's address of the event that opened it: the team's messages answer there."""

    @property
    def label(self) -> str:
        """The state's Japanese name."""
        return LABELS[self.status]

    @property
    def is_open(self) -> bool:
        """Not resolved or withdrawn."""
        return self.status in OPEN

    def summary_json(self) -> dict[str, Any]:
        """The admin API's form in lists."""
        return {
            "id": self.id,
            "status": self.status.value,
            "status_label": self.label,
            "section": self.section,
            "content": self.content,
            "wanted_by": self.wanted_by,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "assignee": self.assignee,
            "tags": list(self.tags),
            "channel": self.key.channel,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of the audit trail: who did what, when; ``text`` for answers, notes and additions."""

    id: int
    at: datetime
    actor: str
    kind: EventKind
    text: str | None
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The admin API's form."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "kind": self.kind,
            "text": self.text,
            "data": self.data,
        }
