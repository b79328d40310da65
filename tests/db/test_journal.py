"""The conversation log: every turn, with pressed buttons under the label the user saw."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.db import ConversationStore, Step, journal
from bot.db.outbox import enqueue
from bot.db.retention import purge, purge_and_log
from bot.db.schema import (
    conversations,
    login_failures,
    messages,
    outbox,
    seen_events,
    web_session_starts,
    web_sessions,
)
from bot.dialogue import Choice, ConversationKey, Incoming, Reply, State, Turn

KEY = ConversationKey("web", "staff-1", "staff-1")


def reply_with(*replies: Reply) -> Step:
    def step(state: State, connection: sa.Connection) -> Turn:
        return Turn(replies, state)

    return step


def test_turns_are_logged_with_buttons_by_their_label(store: ConversationStore) -> None:
    question = Reply(
        "どちらですか？", (Choice("RPAについて", "faq:tool-rpa-basics"), Choice("メニュー", "menu"))
    )
    store.exchange(Incoming(KEY, text="電話 ［電話番号］ の件です"), reply_with(question))
    store.exchange(Incoming(KEY, action="faq:tool-rpa-basics"), reply_with(Reply("RPAとは…")))
    store.exchange(Incoming(KEY, action="t:zz"), reply_with(Reply("期限切れです")))
    store.push(KEY, Reply("回答です。", (Choice("まだ困っている", "cs:1:ng"),)))  # the DX team's answer
    store.exchange(Incoming(KEY, action="cs:1:ng"), reply_with(Reply("続けてお書きください。")))
    store.exchange(Incoming(KEY, action="cs:2:ok"), reply_with(Reply("見つかりませんでした。")))
    with store.engine.connect() as connection:
        lines = journal.conversation(connection, KEY, until=None, limit=10)
        last = journal.last_id(connection, KEY)
    assert [(line.role, line.text) for line in lines] == [
        ("user", "電話 ［電話番号］ の件です"),
        ("bot", "どちらですか？"),
        ("button", "RPAについて"),
        ("bot", "RPAとは…"),
        ("button", "（ボタンを押しました）"),
        ("bot", "期限切れです"),
        ("button", "まだ困っている"),
        ("bot", "続けてお書きください。"),
        ("button", "No.2：解決した"),
        ("bot", "見つかりませんでした。"),
    ]
    assert lines[1].choices == ("RPAについて", "メニュー")
    assert lines[0].reply is None
    assert lines[1].reply is not None
    assert lines[1].reply.choices[0].label == "RPAについて"
    assert last == lines[-1].id
    with store.engine.connect() as connection:
        assert len(journal.conversation(connection, KEY, until=lines[2].id, limit=2)) == 2
        assert journal.last_id(connection, ConversationKey("web", "other", "other")) is None


def test_the_retention_purge_removes_old_logs_states_and_sent_messages(store: ConversationStore) -> None:
    store.exchange(Incoming(KEY, text="こんにちは", event_id="old"), reply_with(Reply("こんにちは")))
    store.exchange(Incoming(KEY, text="こんにちは", event_id="new"), reply_with(Reply("こんにちは")))
    now = datetime.now(UTC)
    old = now - timedelta(days=400)
    with store.engine.begin() as connection:
        connection.execute(messages.update().values(created_at=old))
        connection.execute(seen_events.update().where(seen_events.c.event_id == "old").values(seen_at=old))
        connection.execute(conversations.update().values(updated_at=old))
        enqueue(connection, KEY, {"text": "古い回答"}, old)
        connection.execute(outbox.update().values(status="sent"))  # handed over by a worker
        enqueue(connection, ConversationKey("line", "U1", "U1"), {"text": "未配信"}, old)
        for at in (now - timedelta(days=2), now - timedelta(minutes=5)):
            connection.execute(login_failures.insert().values(account="x", address="192.0.2.1", at=at))
            connection.execute(web_session_starts.insert().values(client="192.0.2.1", at=at))
    counts = purge(store.engine, 365, now)
    assert counts == {
        "messages": 4,
        "conversations": 1,
        "outbox": 1,
        "admin_sessions": 0,
        "answer_drafts": 0,
        "web_sessions": 0,
        "web_session_starts": 1,
        "login_failures": 1,
        "seen_events": 1,
    }
    with store.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(outbox)).scalar() == 1
    assert purge(store.engine, 365, now)["messages"] == 0


def test_the_workers_purge_says_in_the_log_what_went_and_when_nothing_did(
    store: ConversationStore, caplog: pytest.LogCaptureFixture
) -> None:
    store.exchange(Incoming(KEY, text="こんにちは", event_id="old"), reply_with(Reply("こんにちは")))
    now = datetime.now(UTC)
    with store.engine.begin() as connection:
        connection.execute(messages.update().values(created_at=now - timedelta(days=400)))
    with caplog.at_level(logging.INFO, logger="bot.db.retention"):
        counts = purge_and_log(store.engine, 365, now)
        purge_and_log(store.engine, 365, now)
    first, second = (record.getMessage() for record in caplog.records)
    assert "older than 365 days" in first
    assert f"deleted messages {counts['messages']}" in first
    assert counts["messages"] == 2
    assert second.endswith("deleted nothing")


def test_a_purge_in_batches_deletes_every_old_row_and_nothing_else(store: ConversationStore) -> None:
    for key in [ConversationKey("web", f"staff-{n}", f"staff-{n}") for n in range(4)]:
        store.exchange(Incoming(key, text="こんにちは"), reply_with(Reply("こんにちは")))
    now = datetime.now(UTC)
    old = now - timedelta(days=400)
    with store.engine.begin() as connection:
        connection.execute(messages.update().where(messages.c.user_id != "staff-3").values(created_at=old))
        connection.execute(
            conversations.update().where(conversations.c.user_id != "staff-3").values(updated_at=old)
        )
        for n, expires in enumerate([old, old, old, now + timedelta(days=1)]):
            connection.execute(
                web_sessions.insert().values(
                    id=f"s{n}", user_id=f"anon:{n}", created_at=old, expires_at=expires
                )
            )
    counts = purge(store.engine, 365, now, batch=2)
    assert counts == {
        "messages": 6,
        "conversations": 3,
        "outbox": 0,
        "admin_sessions": 0,
        "answer_drafts": 0,
        "web_sessions": 3,
        "web_session_starts": 0,
        "login_failures": 0,
        "seen_events": 0,
    }
    with store.engine.connect() as connection:
        assert connection.execute(sa.select(messages.c.user_id).distinct()).scalars().all() == ["staff-3"]
        assert connection.execute(sa.select(conversations.c.user_id)).scalars().all() == ["staff-3"]
        assert connection.execute(sa.select(web_sessions.c.user_id)).scalars().all() == ["anon:3"]
