"""Web chat sessions: the identity the server issues to a browser.

A session is a random token (256 bits) that the browser keeps in an HttpOnly
cookie; the database keeps only its SHA-256, so a leaked table lets no one
in. The session stands for an anonymous user id, random and unrelated to the
token, under which its conversation and consultations are kept.

A session lasts ``lifetime`` from its last use: a use more than `RENEW_AFTER`
after the last renewal pushes the expiry forward (so a page that polls
writes once an hour, not on every poll). Ending a session deletes it: the
next request starts a new session with a new user id, so nothing of the
previous conversation is reachable from that browser any more. Nor from
anywhere else: a message still waiting for its user is dropped (`ENDED`),
and so is every message written to them later (`bot.db.reach.unreachable`),
so that the dashboard says the answer never reaches them.

The limits per person (messages a minute, consultations a day) count per
user id, and a browser that drops its cookie gets a new one; so the
sessions started from one client address are counted too, over a sliding
`START_WINDOW` (ending a session does not give its start back): past
``starts_per_day`` (0: no budget), `start` raises `StartsExhausted` until
the oldest start in the window is a day old. Someone who keeps dropping the
cookie thus gets at most that many fresh allowances a day.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.db.engine import aware, reading, writing
from bot.db.schema import outbox, web_session_starts, web_sessions

__all__ = [
    "ANONYMOUS_PREFIX",
    "CHANNEL",
    "ENDED",
    "RENEW_AFTER",
    "START_WINDOW",
    "StartsExhausted",
    "WebSession",
    "WebSessions",
]

CHANNEL = "web"
"""The channel whose people these sessions are: what is dropped when one ends is only the web chat's."""

ANONYMOUS_PREFIX = "anon:"
"""Every session's user id starts with this; a name given by single sign-on or the API never does."""

ENDED = "the web chat session ended"
"""Why a message to an anonymous user was dropped: their session ended or expired, so no one can read it."""

RENEW_AFTER = timedelta(hours=1)
START_WINDOW = timedelta(days=1)
"""How long a session's start counts against its client address."""


@dataclass(frozen=True, slots=True)
class WebSession:
    """A live session: its user id, its expiry, and whether this use renewed it (set the cookie again)."""

    user: str
    expires_at: datetime
    renewed: bool = False


class StartsExhausted(Exception):
    """`WebSessions.start` refused: the client address has started ``allowed`` sessions in a day."""

    def __init__(self, allowed: int, until: datetime) -> None:
        super().__init__(f"{allowed} sessions started from one address; the next at {until.isoformat()}")
        self.allowed = allowed
        self.until = until


class WebSessions:
    """Sessions in the database; every method is blocking."""

    def __init__(
        self,
        engine: sa.Engine,
        clock: Callable[[], datetime],
        lifetime: timedelta,
        *,
        starts_per_day: int = 0,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.lifetime = lifetime
        self.starts_per_day = starts_per_day

    def start(self, client: str = "unknown") -> tuple[str, WebSession]:
        """A new session for a new anonymous user: the cookie's token and the session.

        ``client`` is the client's address as throttled (`bot.consult.throttle.client_key`);
        `StartsExhausted` when it has spent its budget of starts.
        """
        token = secrets.token_urlsafe(32)
        now = self.clock()
        session = WebSession(ANONYMOUS_PREFIX + secrets.token_hex(16), now + self.lifetime, renewed=True)
        with writing(self.engine, "the web chat sessions") as connection:
            self._count_start(connection, client[:64], now)
            connection.execute(
                web_sessions.insert().values(
                    id=_digest(token), user_id=session.user, created_at=now, expires_at=session.expires_at
                )
            )
        return token, session

    def find(self, token: str) -> WebSession | None:
        """The live session of a cookie's token, renewed if due; None when unknown or expired."""
        digest, now = _digest(token), self.clock()
        with reading(self.engine, "the web chat sessions") as connection:
            row = connection.execute(sa.select(web_sessions).where(web_sessions.c.id == digest)).first()
        if row is None or aware(row.expires_at) <= now:
            return None
        expires = now + self.lifetime
        if expires - aware(row.expires_at) < RENEW_AFTER:
            return WebSession(row.user_id, aware(row.expires_at))
        with writing(self.engine, "the web chat sessions") as connection:
            connection.execute(
                web_sessions.update()
                .where(web_sessions.c.id == digest, web_sessions.c.expires_at > now)
                .values(expires_at=expires)
            )
        return WebSession(row.user_id, expires, renewed=True)

    def _count_start(self, connection: sa.Connection, client: str, now: datetime) -> None:
        """Record a start from ``client``, or raise `StartsExhausted` if its budget is spent."""
        since = now - START_WINDOW
        starts = web_session_starts.c
        connection.execute(web_session_starts.delete().where(starts.client == client, starts.at <= since))
        if self.starts_per_day:
            window = sa.select(sa.func.count(), sa.func.min(starts.at)).where(starts.client == client)
            count, oldest = connection.execute(window).one()
            if count >= self.starts_per_day:
                raise StartsExhausted(self.starts_per_day, aware(oldest) + START_WINDOW)
        connection.execute(web_session_starts.insert().values(client=client, at=now))

    def end(self, token: str) -> bool:
        """End the session of a cookie's token and drop what waits for its user; whether there was one."""
        session = web_sessions.c.id == _digest(token)
        with writing(self.engine, "the web chat sessions") as connection:
            user = connection.execute(sa.select(web_sessions.c.user_id).where(session)).scalar()
            if user is None:
                return False
            connection.execute(web_sessions.delete().where(session))
            mine = sa.and_(outbox.c.channel == CHANNEL, outbox.c.user_id == user)
            waiting = sa.and_(mine, outbox.c.status == "pending")
            connection.execute(outbox.update().where(waiting).values(status="dropped", last_error=ENDED))
        return True


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
