"""Consultations: what the bot could not answer, as the DX team works through it.

`service.ConsultationService` is the desk for the dashboard and the admin
API; `desk.SqlDesk` is the engine's view of one staff member's
consultations inside a turn; `accounts` holds the dashboard's users and
sessions, `faqdrafts` the FAQ entries drafted from answers, and `notices`
what the team is told.
"""

from bot.consult.accounts import Accounts, Session, User
from bot.consult.faqdrafts import Draft, FaqDrafts
from bot.consult.model import LABELS, Consultation, Event, Status
from bot.consult.notices import Notices
from bot.consult.service import ConsultationService

__all__ = [
    "LABELS",
    "Accounts",
    "Consultation",
    "ConsultationService",
    "Draft",
    "Event",
    "FaqDrafts",
    "Notices",
    "Session",
    "Status",
    "User",
]
