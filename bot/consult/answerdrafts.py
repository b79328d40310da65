"""Answers kept for a DX member whose login expired while they wrote them.

The answer form sent after the login expired is refused (the dashboard
does nothing without a live session), but what it held is kept here, for
its writer and that consultation only, and given back in their answer box
when they next open the consultation, logged in again. It is masked
exactly as an answer is before it is stored (`bot.consult.actions.checked_text`),
so the table holds nothing an answer would not.

Nobody else can put text in someone's answer box: a form is kept only if
it carries the cookie of a session that expired (at most
`bot.db.retention.EXPIRED_SESSION_KEPT` ago) together with that session's
own CSRF token, which only the page it showed holds
(`bot.consult.accounts.expired_session_user`); a session ended on purpose
(logged out, a new password, 「すべての端末でログアウト」) is deleted at once, so
what its cookie sends is never kept. A member keeps one answer per
consultation (a later one replaces it); it goes when they send from the
answer box or the consultation is closed (`bot.consult.store.change`), and
after `bot.db.retention.ANSWER_DRAFTS_KEPT` (the purge; an older one is
never given back).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.consult.accounts import expired_session_user
from bot.consult.actions import checked_text
from bot.consult.model import OPEN, Status
from bot.db import aware
from bot.db.engine import reading, writing
from bot.db.retention import ANSWER_DRAFTS_KEPT
from bot.db.schema import answer_drafts, consultations
from bot.errors import InvalidInput
from bot.privacy import masked_kinds

__all__ = ["AnswerDraft", "AnswerDrafts"]


@dataclass(frozen=True, slots=True)
class AnswerDraft:
    """An answer kept for its writer: its masked text, when it was sent, and the kinds masked in it."""

    text: str
    saved_at: datetime
    masked: tuple[str, ...]


class AnswerDrafts:
    """The answers kept for DX members whose login expired; every method is blocking."""

    def __init__(
        self,
        engine: sa.Engine,
        clock: Callable[[], datetime],
        public: Callable[[], Collection[str]] = frozenset,
    ) -> None:
        """Over ``engine``; ``public`` gives the contacts the knowledge publishes, which answers keep."""
        self.engine = engine
        self.clock = clock
        self.public = public

    def keep(self, token: str, csrf: str, number: int, text: str) -> bool:
        """Keep ``text`` for the writer of a refused answer to No.``number``; whether it was kept.

        ``token`` and ``csrf`` are the session cookie and the CSRF token the
        form carried: only an expired session's own pair names the writer
        (see the module's doc). Not kept either: an empty or over-long text
        (it could not be sent as it is), or a consultation that is closed or missing.
        """
        try:
            body = checked_text(text, "回答", self.public())
        except InvalidInput:
            return False
        now = self.clock()
        with writing(self.engine, "the answers kept after a login expired") as connection:
            user = expired_session_user(connection, token, csrf, now)
            status = connection.execute(
                sa.select(consultations.c.status).where(consultations.c.id == number)
            ).scalar()
            if user is None or status is None or Status(status) not in OPEN:
                return False
            mine = sa.and_(answer_drafts.c.consultation_id == number, answer_drafts.c.user_id == user)
            connection.execute(answer_drafts.delete().where(mine))
            connection.execute(
                answer_drafts.insert().values(consultation_id=number, user_id=user, text=body, saved_at=now)
            )
        return True

    def of(self, number: int, user: int) -> AnswerDraft | None:
        """The answer kept for the user ``user`` (their id) on No.``number``, unless it is too old."""
        oldest = self.clock() - ANSWER_DRAFTS_KEPT
        query = sa.select(answer_drafts.c.text, answer_drafts.c.saved_at).where(
            answer_drafts.c.consultation_id == number,
            answer_drafts.c.user_id == user,
            answer_drafts.c.saved_at > oldest,
        )
        with reading(self.engine, "the answers kept after a login expired") as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        return AnswerDraft(str(row.text), aware(row.saved_at), masked_kinds(str(row.text)))
