"""The outbox's delivery state, on SQLite and PostgreSQL: claimed once, retried later, never lost."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.db import ConversationStore
from bot.db.outbox import claim, enqueue, mark_sent, pending_counts, retry_later
from bot.db.schema import conversations, outbox
from bot.dialogue import ConversationKey, Reply

WEB = ConversationKey("web", "staff-1", "staff-1")
HOOK = ConversationKey("notify-webhook", "dx-team", "dx-team")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def put(store: ConversationStore, key: ConversationKey, text: str, at: datetime = NOW) -> int:
    with store.engine.begin() as connection:
        return enqueue(connection, key, {"text": text}, at)


def test_web_chat_messages_are_listed_for_the_page_at_once(store: ConversationStore) -> None:
    put(store, WEB, "回答です")
    assert [m.reply.text for m in store.pushed("web", "staff-1")] == ["回答です"]
    assert pending_counts(store.engine) == {"web": 1}


def test_a_claimed_message_is_not_claimed_again_until_its_lease_runs_out(store: ConversationStore) -> None:
    number = put(store, HOOK, "通知")
    first = claim(store.engine, {"notify-webhook"}, NOW, LEASE)
    assert first is not None
    assert (first.id, first.attempts, first.payload) == (number, 1, {"text": "通知"})
    assert claim(store.engine, {"notify-webhook"}, NOW + timedelta(seconds=59), LEASE) is None
    again = claim(store.engine, {"notify-webhook"}, NOW + timedelta(seconds=61), LEASE)
    assert again is not None
    assert again.attempts == 2
    assert again.name == first.name, "every attempt names the same message"


def test_a_message_is_named_beyond_its_database_by_its_id_and_when_it_was_written(
    store: ConversationStore,
) -> None:
    """A database restored from a backup numbers its messages from the same ids again: a platform that
    remembers a name (LINE's retry key, an idempotency key, Gmail's Message-ID) must not take the new one
    for a repeat of the old."""
    number = put(store, HOOK, "通知")
    delivery = claim(store.engine, {"notify-webhook"}, NOW, LEASE)
    assert delivery is not None
    assert delivery.created_at is not None
    assert delivery.name.startswith(f"kaizen-outbox-{number}-")
    restored = replace(delivery, created_at=delivery.created_at + timedelta(hours=3))
    assert restored.name != delivery.name


def test_a_sent_message_is_never_claimed_again(store: ConversationStore) -> None:
    put(store, HOOK, "通知")
    delivery = claim(store.engine, {"notify-webhook"}, NOW, LEASE)
    assert delivery is not None
    mark_sent(store.engine, delivery, NOW)
    assert claim(store.engine, {"notify-webhook"}, NOW + timedelta(days=1), LEASE) is None
    assert pending_counts(store.engine) == {}


def test_a_failed_message_waits_for_its_retry_time(store: ConversationStore) -> None:
    put(store, HOOK, "通知")
    delivery = claim(store.engine, {"notify-webhook"}, NOW, LEASE)
    assert delivery is not None
    retry_later(store.engine, delivery, NOW + timedelta(seconds=5), "HTTP 503")
    assert claim(store.engine, {"notify-webhook"}, NOW + timedelta(seconds=4), LEASE) is None
    retried = claim(store.engine, {"notify-webhook"}, NOW + timedelta(seconds=5), LEASE)
    assert retried is not None
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(outbox.c.last_error).where(outbox.c.id == retried.id)).one()
    assert row.last_error == "HTTP 503"


def test_a_persons_message_waits_while_an_earlier_one_of_theirs_is_pending(store: ConversationStore) -> None:
    """Each person's messages go out in the order they were written, even when one waits for a retry."""
    line, other = ConversationKey("line", "U1", "U1"), ConversationKey("line", "U2", "U2")
    first = put(store, line, "メニュー")
    second = put(store, line, "RPAの回答")
    elsewhere = put(store, other, "別の方への回答")
    delivery = claim(store.engine, {"line"}, NOW, LEASE)
    assert delivery is not None
    assert delivery.id == first
    retry_later(store.engine, delivery, NOW + timedelta(seconds=5), "HTTP 429")  # Retry-After: 5
    later = claim(store.engine, {"line"}, NOW + timedelta(seconds=1), LEASE)
    assert later is not None
    assert later.id == elsewhere, "another person's message does not wait"
    assert claim(store.engine, {"line"}, NOW + timedelta(seconds=1), LEASE) is None, "the second overtook"
    retried = claim(store.engine, {"line"}, NOW + timedelta(seconds=5), LEASE)
    assert retried is not None
    assert retried.id == first
    assert claim(store.engine, {"line"}, NOW + timedelta(seconds=5), LEASE) is None, "sent beside the first"
    mark_sent(store.engine, retried, NOW + timedelta(seconds=5))
    then = claim(store.engine, {"line"}, NOW + timedelta(seconds=5), LEASE)
    assert then is not None
    assert then.id == second


def test_a_message_is_not_due_before_the_wait_the_platform_asked_for(store: ConversationStore) -> None:
    with store.engine.begin() as connection:
        enqueue(connection, HOOK, {"text": "通知"}, NOW, due=NOW + timedelta(seconds=5))
    assert claim(store.engine, {"notify-webhook"}, NOW + timedelta(seconds=4), LEASE) is None
    assert claim(store.engine, {"notify-webhook"}, NOW + timedelta(seconds=5), LEASE) is not None


def test_only_channels_with_a_sender_are_claimed_and_the_rest_are_counted(store: ConversationStore) -> None:
    put(store, ConversationKey("line", "U1", "U1"), "LINEへの回答")
    put(store, HOOK, "通知")
    assert pending_counts(store.engine) == {"line": 1, "notify-webhook": 1}
    delivery = claim(store.engine, {"notify-webhook"}, NOW, LEASE)
    assert delivery is not None
    assert delivery.key == HOOK
    assert claim(store.engine, {"notify-webhook"}, NOW, LEASE) is None


def test_concurrent_workers_never_claim_the_same_message(database_url: str) -> None:
    stores = [ConversationStore.open(database_url) for _ in range(2)]
    # thirty people's: one person's messages are claimed one at a time (below)
    numbers = {put(stores[0], ConversationKey("notify-webhook", f"p{n}", f"p{n}"), "通知") for n in range(30)}
    claimed: list[int] = []
    lock = threading.Lock()

    def worker(store: ConversationStore) -> None:
        while (delivery := claim(store.engine, {"notify-webhook"}, NOW, LEASE)) is not None:
            with lock:
                claimed.append(delivery.id)

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(numbers)
    for opened in stores:
        opened.close()


def test_pushing_to_the_web_chat_still_works(store: ConversationStore) -> None:
    first = store.push(WEB, Reply("一通目"))
    assert [m.id for m in store.pushed("web", "staff-1")] == [first]


def test_a_message_in_reply_carries_its_address_beside_the_conversations(store: ConversationStore) -> None:
    key = ConversationKey("slack", "U1", "D1")
    with store.engine.begin() as connection:
        connection.execute(
            conversations.insert().values(
                channel="slack",
                user_id="U1",
                conversation_id="D1",
                state={},
                created_at=NOW,
                updated_at=NOW,
                address="latest",
            )
        )
        enqueue(connection, key, {"text": "回答です"}, NOW, reply_to="question")
        enqueue(connection, key, {"text": "お知らせです"}, NOW)
    first = claim(store.engine, {"slack"}, NOW, LEASE)
    assert first is not None
    mark_sent(store.engine, first, NOW)  # the person's next message waits until then
    second = claim(store.engine, {"slack"}, NOW, LEASE)
    assert second is not None
    assert (first.address, first.reply_to) == ("latest", "question")
    assert (second.address, second.reply_to) == ("latest", None)
