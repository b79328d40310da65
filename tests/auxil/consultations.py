"""Consultations for tests: a controllable clock, and a consultation opened as the intake would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.consult.model import Consultation
from bot.consult.service import ConsultationService
from bot.dialogue import Candidate, ConversationKey, NewConsultation

STAFF = ConversationKey("web", "staff-1", "staff-1")
OTHER = ConversationKey("web", "staff-2", "staff-2")


@dataclass
class Clock:
    """The time a service sees; tests move it forward."""

    now: datetime = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def new_consultation(content: str = "会議録の作成に毎回半日かかっているので減らしたい") -> NewConsultation:
    return NewConsultation(
        section="総務課 庶務係",
        query="会議録の作り方",
        content=content,
        wanted_by="今月中",
        masked=("電話番号",),
        candidates=(Candidate("faq:tool-rpa-basics", "RPAとは何ですか？", 0.42),),
    )


def open_consultation(
    service: ConsultationService,
    key: ConversationKey = STAFF,
    new: NewConsultation | None = None,
    address: str | None = None,
) -> Consultation:
    """Create a consultation through the engine's desk in its own transaction, opened from ``address``."""
    with service.engine.begin() as connection:
        ticket = service.desk(connection, key, address).open(new or new_consultation())
    return service.get(ticket.number)
