"""Web chat sessions on each database: hashed tokens, anonymous ids, sliding expiry, ending, purging."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from bot.db import ConversationStore
from bot.db.retention import purge
from bot.db.schema import outbox, web_session_starts, web_sessions
from bot.db.websessions import (
    ANONYMOUS_PREFIX,
    CHANNEL,
    RENEW_AFTER,
    START_WINDOW,
    StartsExhausted,
    WebSessions,
)
from bot.values import ConversationKey, Reply
from tests.auxil.consultations import Clock

LIFETIME = timedelta(days=30)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sessions(store: ConversationStore, clock: Clock) -> WebSessions:
    return WebSessions(store.engine, clock, LIFETIME)


def test_a_session_is_a_new_anonymous_user_and_only_its_hash_is_stored(
    sessions: WebSessions, store: ConversationStore, clock: Clock
) -> None:
    token, session = sessions.start()
    other_token, other = sessions.start()
    assert len(token) >= 43, "256 random bits"
    assert token != other_token
    assert session.user.startswith(ANONYMOUS_PREFIX)
    assert session.user != other.user
    assert token not in session.user, "the user id says nothing about the token"
    assert session.expires_at == clock.now + LIFETIME
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(web_sessions)).all()
    assert len(rows) == 2
    assert all(token not in (row.id, row.user_id) for row in rows)
    found = sessions.find(token)
    assert found is not None
    assert (found.user, found.renewed) == (session.user, False)


def test_unknown_and_expired_tokens_find_nothing(sessions: WebSessions, clock: Clock) -> None:
    token, _ = sessions.start()
    assert sessions.find("not-a-token") is None
    assert sessions.find("") is None
    clock.advance(days=30)
    assert sessions.find(token) is None


def test_use_extends_a_session_at_most_once_an_hour(sessions: WebSessions, clock: Clock) -> None:
    token, session = sessions.start()
    clock.advance(minutes=59)
    unchanged = sessions.find(token)
    assert unchanged is not None
    assert not unchanged.renewed
    assert unchanged.expires_at == session.expires_at
    clock.advance(seconds=RENEW_AFTER.total_seconds())
    renewed = sessions.find(token)
    assert renewed is not None
    assert renewed.renewed
    assert renewed.expires_at == clock.now + LIFETIME
    clock.advance(days=29)
    assert sessions.find(token) is not None, "thirty days from the last use, not from the start"


def test_ending_a_session_leaves_the_others(sessions: WebSessions) -> None:
    token, _ = sessions.start()
    other, _ = sessions.start()
    assert sessions.end(token)
    assert not sessions.end(token)
    assert sessions.find(token) is None
    assert sessions.find(other) is not None


def test_ending_a_session_drops_only_the_web_chats_waiting_messages(
    sessions: WebSessions, store: ConversationStore
) -> None:
    token, session = sessions.start()
    web = ConversationKey(CHANNEL, session.user, session.user)
    elsewhere = ConversationKey("teams", session.user, session.user)  # an id another channel's client chose
    store.push(web, Reply("お待たせしました"))
    store.push(elsewhere, Reply("別のチャネルへの回答"))
    assert sessions.end(token)
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(outbox.c.channel, outbox.c.status).order_by(outbox.c.id)).all()
    assert [tuple(row) for row in rows] == [(CHANNEL, "dropped"), ("teams", "pending")]
    store.push(elsewhere, Reply("その後の回答"))
    with store.engine.connect() as connection:
        last = connection.execute(sa.select(outbox.c.status).order_by(outbox.c.id.desc())).scalars().first()
    assert last == "pending", "only a web chat user is gone with their session"


def test_expired_sessions_are_purged(sessions: WebSessions, store: ConversationStore, clock: Clock) -> None:
    old, _ = sessions.start()
    clock.advance(days=20)
    live, _ = sessions.start()
    clock.advance(days=11)
    assert purge(store.engine, 365, clock.now)["web_sessions"] == 1
    assert sessions.find(live) is not None
    assert sessions.find(old) is None


def test_one_address_starts_a_bounded_number_of_sessions_a_day(
    store: ConversationStore, clock: Clock
) -> None:
    sessions = WebSessions(store.engine, clock, LIFETIME, starts_per_day=3)
    first, _ = sessions.start("192.0.2.1")
    clock.advance(hours=1)
    sessions.start("192.0.2.1")
    sessions.start("192.0.2.1")
    assert sessions.end(first), "ending a session does not give its start back"
    with pytest.raises(StartsExhausted) as exhausted:
        sessions.start("192.0.2.1")
    assert exhausted.value.allowed == 3
    assert exhausted.value.until == clock.now - timedelta(hours=1) + START_WINDOW, (
        "when the oldest is a day old"
    )
    sessions.start("198.51.100.7")  # another address has its own budget
    clock.advance(hours=23)
    sessions.start("192.0.2.1")  # the first start left the window
    with pytest.raises(StartsExhausted):
        sessions.start("192.0.2.1")


def test_without_a_budget_starts_are_only_recorded(store: ConversationStore, clock: Clock) -> None:
    sessions = WebSessions(store.engine, clock, LIFETIME)
    for _ in range(5):
        sessions.start("192.0.2.1")
    clock.advance(days=1, seconds=1)
    sessions.start("192.0.2.1")
    with store.engine.connect() as connection:
        kept = connection.execute(sa.select(sa.func.count()).select_from(web_session_starts)).scalar()
    assert kept == 1, "a start older than a day is forgotten"
