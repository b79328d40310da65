"""The team room's replies are kept in their event's inbox row, in the transaction that saw the event.

So a process killed after a command was carried out, before its confirmation
went out, leaves the confirmation to be pushed rather than lost.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.config import TeamSettings
from bot.consult.accounts import Accounts
from bot.consult.notices import Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore, inbox, reach
from bot.db.schema import inbox as inbox_table
from bot.db.schema import outbox
from bot.dialogue import Turn
from bot.knowledge import KnowledgeBase
from bot.teamroom.desk import TeamDesk
from bot.values import ConversationKey, Incoming, Reply
from tests.auxil.consultations import STAFF, open_consultation

ROOM = "C-TEAM"
MEMBER = ConversationKey("slack", "U-TANAKA", ROOM)


@pytest.fixture
def desk(store: ConversationStore) -> TeamDesk:
    service = ConsultationService(store.engine, Notices())
    accounts = Accounts(store.engine, lambda: datetime.now(UTC), 8)
    accounts.add_user("tanaka", "correct horse battery staple", "田中")
    return TeamDesk(service, TeamSettings("slack", ROOM, {("slack", "U-TANAKA"): "tanaka"}))


def said_in_room(store: ConversationStore, text: str, event_id: str) -> Incoming:
    incoming = Incoming(MEMBER, text=text, kind="group", event_id=event_id, room=ROOM)
    inbox.write(store.engine, [("slack", (incoming,))], (), datetime.now(UTC), "p1", timedelta(seconds=60))
    return incoming


def kept(store: ConversationStore, event_id: str) -> list[Reply]:
    with store.engine.connect() as connection:
        records = connection.execute(
            sa.select(inbox_table.c.replies).where(inbox_table.c.event_id == event_id)
        ).scalar_one()
    return [Reply.from_record(record) for record in records]


def test_a_commands_confirmation_is_kept_with_the_action(store: ConversationStore, desk: TeamDesk) -> None:
    number = open_consultation(desk.service).id
    incoming = said_in_room(store, f"#{number} 担当", "room-1")
    (confirmation,) = desk.handle(incoming)
    assert confirmation.text.startswith(f"No.{number} を田中さんの担当にしました")
    assert kept(store, "room-1") == [confirmation]
    assert desk.handle(incoming) == (), "a redelivery is carried out once"


def test_a_shown_consultation_and_the_help_are_kept_too(store: ConversationStore, desk: TeamDesk) -> None:
    number = open_consultation(desk.service).id
    (shown,) = desk.handle(said_in_room(store, f"#{number}", "room-1"))
    assert shown.text.startswith(f"No.{number}（")
    assert kept(store, "room-1") == [shown]
    (help_,) = desk.handle(said_in_room(store, "こんにちは", "room-2"))
    assert kept(store, "room-2") == [help_]


def test_a_refused_command_keeps_nothing_and_leaves_the_event_unseen(
    store: ConversationStore, desk: TeamDesk
) -> None:
    """Nothing was done: the reason is answered, and a replay would answer it again."""
    incoming = said_in_room(store, "#999 担当", "room-1")
    (refusal,) = desk.handle(incoming)
    assert refusal.text.startswith("申し訳ありません。")
    with store.engine.connect() as connection:
        (row,) = connection.execute(sa.select(inbox_table)).all()
    assert row.replies is None
    assert desk.handle(incoming) == (refusal,)


def test_what_the_room_sends_someone_who_blocked_the_bot_is_said_not_to_reach_them(
    store: ConversationStore, desk: TeamDesk
) -> None:
    """The room is not told 「回答を送りました」 for an answer the outbox dropped at once."""
    number = open_consultation(desk.service).id
    store.exchange(Incoming(STAFF, text="こんにちは"), lambda state, connection: Turn((Reply("ok"),), state))
    reach.block(store.engine, STAFF, datetime.now(UTC))
    (answered,) = desk.handle(said_in_room(store, f"#{number} 回答 手順書を添付します", "room-1"))
    assert answered.text.startswith(
        f"No.{number} の回答を記録しましたが、相談者がbotをブロックしているため届きません"
    )
    (asked,) = desk.handle(said_in_room(store, f"#{number} 確認 締切はいつですか", "room-2"))
    assert asked.text.startswith(f"No.{number} の確認のお願いを記録しましたが、")
    (closed,) = desk.handle(said_in_room(store, f"#{number} 解決", "room-3"))
    assert "お知らせは届きません" in closed.text
    with store.engine.connect() as connection:
        statuses = connection.execute(
            sa.select(outbox.c.status).where(outbox.c.user_id == STAFF.user_id)
        ).all()
    assert [status for (status,) in statuses] == ["dropped"] * 3, "answer, request and notice dropped"


def test_the_wards_published_contacts_stay_as_written_in_what_the_room_sends_and_stores(
    store: ConversationStore, kb: KnowledgeBase
) -> None:
    """As from the dashboard: the team's own address, published in its FAQ, is no personal data to mask."""
    service = ConsultationService(store.engine, Notices(), knowledge=lambda: kb)
    Accounts(store.engine, lambda: datetime.now(UTC), 8).add_user(
        "tanaka", "correct horse battery staple", "田中"
    )
    desk = TeamDesk(service, TeamSettings("slack", ROOM, {("slack", "U-TANAKA"): "tanaka"}))
    number = open_consultation(service).id
    published, personal = "dx-kaizen@city.sample.lg.jp", "080-1234-5678"
    for verb, event_id in (("回答", "room-1"), ("確認", "room-2"), ("メモ", "room-3")):
        said = f"#{number} {verb} {published} へどうぞ。急ぎは携帯 {personal} まで"
        desk.handle(said_in_room(store, said, event_id))
    stored = [event.text or "" for event in service.events(number)[-3:]]
    with store.engine.connect() as connection:
        payloads = connection.execute(sa.select(outbox.c.payload).where(outbox.c.user_id == STAFF.user_id))
        sent = [Reply.from_record(payload).text for (payload,) in payloads]
    assert len(sent) == 2, "the answer and the request, not the note"
    for text in stored + sent:
        assert published in text, text
        assert personal not in text, text
