"""The error boundary of one message: engine failures get a polite fallback, database failures propagate."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
import sqlalchemy as sa

from bot.consult.notices import Notices
from bot.consult.service import ConsultationService
from bot.conversations import EDITED, GROUP_ONLY, TEXT_ONLY, TURN_THREADS, Conversations, fallback, greeting
from bot.db import ConversationStore, inbox, journal
from bot.db.schema import inbox as inbox_table
from bot.db.schema import messages
from bot.dialogue import ConversationKey, Incoming, Reply
from bot.dialogue.engine import Engine
from bot.dialogue.views import TOO_LONG, TOO_LONG_IN_FORM
from bot.errors import Busy, StoreError
from bot.knowledge import KnowledgeBase, Ward
from bot.privacy import Masked, mask
from bot.search import Searcher, SearchResult
from bot.values import MAX_ACTION_BYTES, MAX_MESSAGE_CHARS, UNREAD_TEXT, IncomingKind
from tests.auxil.searchers import BrokenSearcher
from tests.conftest import SAMPLE_SOURCES

KEY = ConversationKey("web", "staff-1", "staff-1")


def desks(store: ConversationStore) -> ConsultationService:
    return ConsultationService(store.engine, Notices())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(f"sqlite:///{tmp_path / 'kaizen.db'}")
    yield opened
    opened.close()


def test_replies_and_state_go_through_the_store(store: ConversationStore, searcher: Searcher) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    (answer,) = conversations.handle(Incoming(KEY, text="RPAとは何ですか？"))
    assert answer.ref == "faq:tool-rpa-basics"
    assert store.load(KEY).shown == "faq:tool-rpa-basics"


@pytest.mark.parametrize(
    ("kind", "said"), [("unsupported", TEXT_ONLY), ("edited", EDITED), ("group", GROUP_ONLY)]
)
def test_a_sticker_edit_or_group_reply_is_kept_in_the_events_inbox_row_until_sent(
    store: ConversationStore, searcher: Searcher, kind: IncomingKind, said: Reply
) -> None:
    """As a turn's replies are: a process killed before sending it leaves it to be pushed."""
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    event = Incoming(ConversationKey("line", "U1", "U1"), kind=kind, event_id="ev-1")
    inbox.write(store.engine, [("line", (event,))], (), datetime.now(UTC), "p1", timedelta(seconds=60))
    assert conversations.event(event) == (said,)
    with store.engine.connect() as connection:
        (kept,) = connection.execute(sa.select(inbox_table.c.replies)).scalars().all()
    assert [Reply.from_record(r) for r in kept] == [said]
    assert conversations.event(event) == (), "a redelivery"


def test_a_ward_with_its_faq_alone_is_welcomed_without_a_manual_or_cases_it_lacks(
    store: ConversationStore, kb: KnowledgeBase
) -> None:
    """The welcome promised answers from 「よくある質問・手引き・改善事例」 whatever the ward brought."""
    own = Engine(Searcher.build(replace(kb, cases=(), chapters=()), semantic=False))
    conversations = Conversations(store, own, desks(store).desk)
    (welcome, *_menu) = conversations.event(Incoming(ConversationKey("line", "U1", "U1"), kind="follow"))
    assert "よくある質問からお答えし" in welcome.text
    assert "手引き" not in welcome.text
    assert "改善事例" not in welcome.text


def test_a_follows_greeting_and_menu_are_kept_in_the_events_inbox_row_until_sent(
    store: ConversationStore, searcher: Searcher
) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    event = Incoming(ConversationKey("line", "U1", "U1"), kind="follow", event_id="ev-1")
    inbox.write(store.engine, [("line", (event,))], (), datetime.now(UTC), "p1", timedelta(seconds=60))
    replies = conversations.event(event)
    assert replies[0] == greeting(Ward(), SAMPLE_SOURCES)
    assert replies[1].text.startswith("ご用件をお選びください")
    with store.engine.connect() as connection:
        (kept,) = connection.execute(sa.select(inbox_table.c.replies)).scalars().all()
    assert tuple(Reply.from_record(r) for r in kept) == replies
    assert conversations.event(event) == (), "a redelivery"
    with store.engine.connect() as connection:
        logged = journal.conversation(connection, event.key, until=None, limit=10)
    assert [line.role for line in logged] == ["bot", "bot"], "nobody pressed 「メニュー」"


def test_a_search_answer_keeps_its_decision_and_confidence_in_the_log(
    store: ConversationStore, searcher: Searcher
) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    (answer,) = conversations.handle(Incoming(KEY, text="RPAとは何ですか？"))
    assert answer.decision == "answer"
    assert answer.confidence is not None
    assert answer.confidence > 0.5
    with store.engine.connect() as connection:
        (_, logged) = journal.conversation(connection, KEY, until=None, limit=10)
    assert logged.reply == answer


def test_an_engine_failure_is_logged_with_the_key_and_answered_politely(
    store: ConversationStore, searcher: Searcher, caplog: pytest.LogCaptureFixture
) -> None:
    """The failure's line printed the key's repr, ConversationKey(channel='line', user_id='U4af…', …).

    Every record of the turn names the conversation as the other lines do (``line:`` and a digest), and
    holds neither the platform's ids of the person nor what was typed (docs/operations.md).
    """
    person = ConversationKey("line", "U4af4980629a8f9d5e6b7c8d9e0f1a2b3", "U4af4980629a8f9d5e6b7c8d9e0f1a2b3")
    text = "田中太郎さんの転入届、電話 090-1234-5678 の件です"
    conversations = Conversations(store, Engine(BrokenSearcher(searcher)), desks(store).desk)
    working = Conversations(store, Engine(searcher), desks(store).desk)
    with caplog.at_level(logging.DEBUG):
        replies = conversations.handle(Incoming(person, text=text))
        for _ in range(2):  # the second is a redelivery
            working.handle(Incoming(person, text="RPAとは何ですか？", event_id="ev-9"))
    assert replies == (fallback(Ward()),)
    assert "DX推進課（内線 2345）" in replies[0].text
    lines = [caplog.handler.format(record) for record in caplog.records]
    failure, redelivery = [line for line in lines if "engine failed" in line or "redelivered" in line]
    assert "search exploded" in failure
    assert f"the engine failed on a message of {person}" in failure
    assert f"ignored a redelivered event ev-9 of {person}" in redelivery
    assert re.fullmatch(r"line:[0-9a-f]{12}", str(person))
    for line in lines:
        assert person.user_id[:8] not in line
        for said in ("田中", "090-1234-5678"):  # the searcher's error quotes the query: masked, as stored
            assert said not in line


def test_a_database_failure_propagates(store: ConversationStore, searcher: Searcher) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE conversations"))
    with pytest.raises(StoreError):
        conversations.handle(Incoming(KEY, text="こんにちは"))


def backdate_log(store: ConversationStore, seconds: float) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            messages.update().values(created_at=messages.c.created_at - timedelta(seconds=seconds))
        )


def logged(store: ConversationStore) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(messages)).scalar_one())


def test_over_the_message_limit_staff_hear_when_to_go_on_and_nothing_is_kept(
    store: ConversationStore, searcher: Searcher
) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk, per_minute=3)
    for text in ("こんにちは", "RPAとは何ですか？", "ありがとう"):
        conversations.handle(Incoming(KEY, text=text))
    state, lines = store.load(KEY), logged(store)
    (refused,) = conversations.handle(Incoming(KEY, action="menu"))
    assert "1分間に3件まで" in refused.text
    assert re.search(r"(60|59)秒ほどたってから、もう一度お送りください", refused.text), refused.text
    assert "DX推進課（内線 2345）" in refused.text
    assert store.load(KEY) == state, "the refused message changed nothing"
    assert logged(store) == lines, "and was not logged, so it does not count"
    for text in ("まだですか", "RPAとは何ですか？"):
        assert conversations.handle(Incoming(KEY, text=text)) == (), "told once a window, not again"
    assert store.load(KEY) == state
    assert logged(store) == lines
    other = ConversationKey("web", "staff-2", "staff-2")
    assert conversations.handle(Incoming(other, text="こんにちは"))[0].kind == "smalltalk"
    backdate_log(store, 61)
    assert conversations.handle(Incoming(KEY, text="こんにちは"))[0].kind == "smalltalk"


@pytest.mark.parametrize("kind", ["unsupported", "edited", "group", "too_long"])
def test_an_event_answered_unread_counts_against_the_message_limit_logged_by_its_kind_alone(
    database_url: str, searcher: Searcher, kind: str
) -> None:
    """A sticker, an edit, a call in a group or a text too long to read costs a reply, as a message does."""
    store = ConversationStore.open(database_url)
    try:
        conversations = Conversations(store, Engine(searcher), desks(store).desk, per_minute=3)
        key = ConversationKey("line", "U1", "U1")

        def unread(event_id: str) -> Incoming:
            if kind == "too_long":
                return Incoming(key, text="電話090-1234-5678 " * 500, event_id=event_id)
            text = "090-1234-5678の件です" if kind == "group" else None  # said with the bot's mention
            return Incoming(key, kind=cast(IncomingKind, kind), text=text, event_id=event_id)

        conversations.handle(Incoming(key, text="こんにちは", event_id="ev-0"))
        assert conversations.event(unread("ev-1")), "answered under the limit"
        assert conversations.event(unread("ev-1")) == (), "a redelivery, not counted again"
        assert conversations.event(unread("ev-2"))
        state, lines = store.load(key), logged(store)
        (refused,) = conversations.event(unread("ev-3"))
        assert "1分間に3件まで" in refused.text
        assert conversations.event(unread("ev-4")) == (), "told once a window"
        assert conversations.event(Incoming(key, text="こんにちは", event_id="ev-5")) == ()
        assert (store.load(key), logged(store)) == (state, lines), "nothing of the refused events is kept"
        with store.engine.connect() as connection:
            query = sa.select(messages.c.text).where(messages.c.role == "user").order_by(messages.c.id)
            kept = connection.execute(query).scalars().all()
        assert kept == ["こんにちは", journal.UNREAD_LINES[kind], journal.UNREAD_LINES[kind]]
    finally:
        store.close()


def test_every_process_counts_the_same_messages_and_tells_the_refusal_once(
    tmp_path: Path, searcher: Searcher
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = ConversationStore.open(url), ConversationStore.open(url)
    try:
        processes = [Conversations(s, Engine(searcher), desks(s).desk, per_minute=4) for s in (first, second)]
        another_chat = ConversationKey(KEY.channel, KEY.user_id, "group-chat-7")
        for n in range(4):
            (reply,) = processes[n % 2].handle(Incoming(KEY if n < 2 else another_chat, text="こんにちは"))
            assert reply.kind == "smalltalk"
        (refused,) = processes[0].handle(Incoming(KEY, text="こんにちは"))
        assert "1分間に4件まで" in refused.text
        assert processes[1].handle(Incoming(KEY, text="こんにちは")) == (), "the refusal is said once in all"
    finally:
        first.close()
        second.close()


class _Reading:
    """`bot.privacy.mask` as the turns call it, noting the length of every text it was given to read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, refuse: bool = False) -> None:
        self.lengths: list[int] = []
        self.refuse = refuse
        monkeypatch.setattr("bot.values.mask", self)

    def __call__(self, text: str) -> Masked:
        if self.refuse:
            raise AssertionError(f"a message of {len(text)} characters was read")
        self.lengths.append(len(text))
        return mask(text)


def test_a_person_over_the_message_limit_is_refused_before_the_message_is_read(
    store: ConversationStore, searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Masking and searching cost time in proportion to a text's length: a refused message costs none."""
    conversations = Conversations(store, Engine(searcher), desks(store).desk, per_minute=3)
    for text in ("こんにちは", "RPAとは何ですか？", "ありがとう"):
        conversations.handle(Incoming(KEY, text=text))
    _Reading(monkeypatch, refuse=True)
    (refused,) = conversations.handle(Incoming(KEY, text="電話090-1234-5678 " * 100))
    assert "1分間に3件まで" in refused.text
    assert conversations.handle(Incoming(KEY, action="menu")) == ()


def test_a_text_too_long_to_read_is_asked_again_in_parts_and_nothing_of_it_is_kept(
    store: ConversationStore, searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk, per_minute=30)
    conversations.handle(Incoming(KEY, text="RPAとは何ですか？"))
    state, lines = store.load(KEY), logged(store)
    reading = _Reading(monkeypatch)
    pasted = "電話090-1234-5678、" + "業務の手順を書きます。" * 500
    assert len(pasted) > MAX_MESSAGE_CHARS
    assert conversations.handle(Incoming(KEY, text=pasted)) == (TOO_LONG,)
    assert "5,000文字以内に分けて" in TOO_LONG.text
    assert max(reading.lengths, default=0) <= MAX_MESSAGE_CHARS, "the text was never read"
    assert store.load(KEY) == state
    with store.engine.connect() as connection:
        said = connection.execute(sa.select(messages.c.text).where(messages.c.id > lines)).scalars().all()
    assert said == [journal.UNREAD_LINES["too_long"], TOO_LONG.text], "logged by its kind alone"
    assert Incoming(KEY, text=pasted).to_record()["text"] == UNREAD_TEXT, "the inbox keeps none of it"
    (ok,) = conversations.handle(Incoming(KEY, text="業務の手順を書きます。" * 450))
    assert ok != TOO_LONG, "up to the limit a text is read"


def test_a_text_too_long_in_the_consultation_form_leaves_the_form_waiting_on_its_question(
    store: ConversationStore, searcher: Searcher
) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    conversations.handle(Incoming(KEY, action="consult"))
    state = store.load(KEY)
    assert state.intake is not None
    (again,) = conversations.handle(Incoming(KEY, text="あ" * (MAX_MESSAGE_CHARS + 1)))
    assert again.text.startswith(TOO_LONG_IN_FORM)
    assert store.load(KEY) == state


def test_an_action_longer_than_any_button_is_answered_as_an_unknown_one_unread(
    store: ConversationStore, searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forged client may send tens of thousands of characters as a button's action."""
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    reading = _Reading(monkeypatch)
    (reply, *_) = conversations.handle(Incoming(KEY, action="cs:1:" + "1-" * 30000))
    assert "このボタンは有効期限が切れたか" in reply.text
    assert max(reading.lengths, default=0) <= MAX_ACTION_BYTES


def test_no_message_limit_when_the_setting_is_zero(store: ConversationStore, searcher: Searcher) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk, per_minute=0)
    for _ in range(40):
        assert conversations.handle(Incoming(KEY, text="こんにちは"))[0].kind == "smalltalk"


class _Watching:
    """The real searcher, noting how many database connections were in use at each search."""

    def __init__(self, real: Searcher, store: ConversationStore) -> None:
        self.real, self.store = real, store
        self.in_use: list[int] = []

    @property
    def kb(self) -> KnowledgeBase:
        return self.real.kb

    def search(self, query: str) -> SearchResult:
        pool = self.store.engine.pool
        assert isinstance(pool, sa.QueuePool)
        self.in_use.append(pool.checkedout())
        return self.real.search(query)


def test_the_search_runs_before_the_transaction(store: ConversationStore, searcher: Searcher) -> None:
    watching = _Watching(searcher, store)
    conversations = Conversations(store, Engine(watching), desks(store).desk)
    (answer,) = conversations.handle(Incoming(KEY, text="RPAとは何ですか？"))
    assert answer.ref == "faq:tool-rpa-basics"
    assert watching.in_use == [0]  # searched once, holding no connection (so no lock)


def test_what_the_staff_member_typed_is_masked_before_the_turn_stores_anything(
    store: ConversationStore, searcher: Searcher
) -> None:
    conversations = Conversations(store, Engine(searcher), desks(store).desk)
    raw = ("472019860395", "090-1234-5678", "taro@example.jp")
    conversations.handle(Incoming(KEY, text=f"マイナンバー{raw[0]}、電話{raw[1]}の住民から{raw[2]}で照会"))
    conversations.handle(Incoming(KEY, action=f"t:{raw[1]}"))
    state = store.load(KEY)
    assert "［マイナンバー］" in state.query
    assert all("［電話番号］" in pending.query for _, pending in state.tokens)
    with store.engine.connect() as connection:
        stored = [str(row) for row in connection.execute(sa.text("SELECT * FROM conversations")).all()]
        stored += [str(row) for row in connection.execute(sa.text("SELECT * FROM messages")).all()]
    assert stored
    for value in raw:
        assert not any(value in row for row in stored), value


class _Gate:
    """The real searcher, held at a gate: notes which threads search and how many at once."""

    def __init__(self, real: Searcher) -> None:
        self.real = real
        self.open = threading.Event()
        self.full = threading.Event()
        self.threads: set[str] = set()
        self.running = 0
        self.most = 0
        self._guard = threading.Lock()

    @property
    def kb(self) -> KnowledgeBase:
        return self.real.kb

    def search(self, query: str) -> SearchResult:
        with self._guard:
            self.running += 1
            self.most = max(self.most, self.running)
            if self.running == TURN_THREADS:
                self.full.set()
            self.threads.add(threading.current_thread().name)
        try:
            self.open.wait(timeout=30)
            return self.real.search(query)
        finally:
            with self._guard:
                self.running -= 1


@pytest.mark.asyncio
async def test_the_server_runs_at_most_turn_threads_turns_at_once_off_the_loop(
    store: ConversationStore, searcher: Searcher
) -> None:
    gate = _Gate(searcher)
    conversations = Conversations(store, Engine(gate), desks(store).desk)
    people = [ConversationKey("web", f"staff-{n}", f"staff-{n}") for n in range(TURN_THREADS + 3)]
    turns: list[asyncio.Future[tuple[Reply, ...]]] = [
        asyncio.create_task(conversations.reply(Incoming(key, text="RPAとは何ですか？"))) for key in people
    ]
    turns.append(conversations.queue(Incoming(KEY, kind="follow", event_id="e-1")))
    assert await asyncio.to_thread(gate.full.wait, 30)
    await asyncio.sleep(0.2)  # a third turn, were it allowed to start, would be searching by now
    assert gate.running == TURN_THREADS
    gate.open.set()
    replies = await asyncio.gather(*turns)
    conversations.close()
    assert [r[0].ref for r in replies[:-1]] == ["faq:tool-rpa-basics"] * len(people)
    assert replies[-1][0] == greeting(Ward(), SAMPLE_SOURCES)
    assert gate.most == TURN_THREADS
    assert all(name.startswith("turn") for name in gate.threads)


def _asking(
    conversations: Conversations, keys: list[ConversationKey]
) -> list[asyncio.Task[tuple[Reply, ...]]]:
    """Each person of ``keys`` asking the same question in the web chat, as tasks."""
    return [asyncio.create_task(conversations.reply(Incoming(key, text="RPAとは何ですか？"))) for key in keys]


async def _every_thread_held(
    store: ConversationStore, searcher: Searcher, turn_wait: float
) -> tuple[_Gate, Conversations, list[ConversationKey], list[asyncio.Task[tuple[Reply, ...]]]]:
    """Conversations whose every turn thread holds a web chat turn at the gate (closed): the gate, the
    conversations, the people of those turns and their tasks."""
    gate = _Gate(searcher)
    conversations = Conversations(store, Engine(gate), desks(store).desk, turn_wait=turn_wait)
    running = [ConversationKey("web", f"first-{n}", f"first-{n}") for n in range(TURN_THREADS)]
    first = _asking(conversations, running)
    assert await asyncio.to_thread(gate.full.wait, 30)
    return gate, conversations, running, first


@pytest.mark.asyncio
async def test_a_web_chat_turn_no_thread_took_in_time_is_refused_as_busy_and_nothing_of_it_stored(
    store: ConversationStore, searcher: Searcher
) -> None:
    gate, conversations, running, first = await _every_thread_held(store, searcher, turn_wait=0.3)
    waiting = [ConversationKey("web", f"later-{n}", f"later-{n}") for n in range(3)]
    later = _asking(conversations, waiting)
    event = conversations.queue(Incoming(KEY, kind="follow", event_id="e-busy"))
    refused = await asyncio.gather(*later, return_exceptions=True)
    assert all(isinstance(r, Busy) and r.retry_after == 1 for r in refused), refused
    gate.open.set()
    answered = await asyncio.gather(*first)  # turns already running were left to finish
    assert [r[0].ref for r in answered] == ["faq:tool-rpa-basics"] * TURN_THREADS
    # A channel's event waits its turn, never refused.
    assert (await event)[0] == greeting(Ward(), SAMPLE_SOURCES)
    conversations.close()
    with store.engine.connect() as connection:
        logged = set(connection.execute(sa.select(messages.c.user_id)).scalars())
    assert logged == {key.user_id for key in running} | {KEY.user_id}
    assert all(store.load(key).query == "" for key in waiting)


@pytest.mark.asyncio
async def test_a_web_chat_turn_whose_caller_went_away_while_it_waited_never_runs(
    store: ConversationStore, searcher: Searcher
) -> None:
    gate, conversations, running, first = await _every_thread_held(store, searcher, turn_wait=30)
    gone = ConversationKey("web", "gone", "gone")
    (waiting,) = _asking(conversations, [gone])
    await asyncio.sleep(0.1)
    waiting.cancel()  # the request was dropped (the person closed the page)
    with pytest.raises(asyncio.CancelledError):
        await waiting
    gate.open.set()
    await asyncio.gather(*first)
    conversations.close()
    with store.engine.connect() as connection:
        logged = set(connection.execute(sa.select(messages.c.user_id)).scalars())
    assert logged == {key.user_id for key in running}
