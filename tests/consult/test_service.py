"""The consultation desk on SQLite and PostgreSQL: states, audit trail, delivery, filters, reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from bot.consult.model import Status
from bot.consult.notices import NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.consult.store import UNASSIGNED, Filters
from bot.db import ConversationStore, reach
from bot.db.outbox import claim, mark_sent
from bot.db.retention import purge
from bot.db.schema import outbox
from bot.dialogue import Incoming, Reply, State, Turn
from bot.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from bot.knowledge import KnowledgeBase
from bot.values import Choice
from tests.auxil.consultations import OTHER, STAFF, Clock, new_consultation, open_consultation
from tests.consult.conftest import PUBLIC_URL


def outbox_rows(service: ConsultationService) -> list[sa.Row[tuple[object, ...]]]:
    with service.engine.connect() as connection:
        return list(connection.execute(sa.select(outbox).order_by(outbox.c.id)).all())


def test_a_new_consultation_is_open_recorded_and_announced(
    service: ConsultationService, clock: Clock
) -> None:
    consultation = open_consultation(service)
    assert consultation.id == 1
    assert consultation.status == Status.NEW
    assert consultation.label == "未対応"
    assert consultation.key == STAFF
    assert consultation.created_at == clock.now
    assert consultation.candidates[0].ref == "faq:tool-rpa-basics"
    (event,) = service.events(1)
    assert (event.kind, event.actor, event.at) == ("created", "staff", clock.now)
    (notice,) = outbox_rows(service)
    assert notice.channel == NOTIFY_WEBHOOK
    assert notice.status == "pending"
    assert notice.payload["title"] == "新しいご相談が届きました（No.1）"
    assert "会議録の作成" in notice.payload["text"]
    assert notice.payload["url"] == f"{PUBLIC_URL}/admin/consultations/1"


def test_every_message_to_the_staff_member_answers_where_the_consultation_was_opened(
    service: ConsultationService,
) -> None:
    opened = open_consultation(service, address="the-question")
    assert opened.address == "the-question"
    unplaced = open_consultation(service, OTHER)
    assert unplaced.address is None
    service.request_info(opened.id, "資料名を教えてください。", "tanaka")
    service.answer(opened.id, "音声認識をお使いください。", "tanaka")
    service.transition(opened.id, Status.RESOLVED, "tanaka")
    service.answer(unplaced.id, "回答です。", "tanaka")
    to_staff = [(row.user_id, row.address) for row in outbox_rows(service) if row.channel == STAFF.channel]
    assert to_staff == [(STAFF.user_id, "the-question")] * 3 + [(OTHER.user_id, None)]


def test_take_answer_and_resolve_with_who_and_when_for_every_change(
    service: ConsultationService, clock: Clock
) -> None:
    open_consultation(service)
    clock.advance(hours=1)
    taken = service.take(1, "tanaka")
    assert (taken.status, taken.assignee) == (Status.IN_PROGRESS, "tanaka")
    clock.advance(hours=1)
    answered = service.answer(1, "会議録は音声認識ソフトで下書きできます。", "tanaka")
    assert answered.status == Status.ANSWERED
    clock.advance(hours=1)
    resolved = service.transition(1, Status.RESOLVED, "suzuki")
    assert resolved.status == Status.RESOLVED
    trail = [(e.kind, e.actor, e.at.hour, e.data.get("to")) for e in service.events(1)]
    assert trail == [
        ("created", "staff", 0, None),
        ("assigned", "tanaka", 1, "tanaka"),
        ("answer", "tanaka", 2, "answered"),
        ("status", "suzuki", 3, "resolved"),
    ]
    assert service.events(1)[2].text == "会議録は音声認識ソフトで下書きできます。"


def test_the_answer_goes_to_the_staff_members_channel_with_feedback_buttons(
    service: ConsultationService,
) -> None:
    open_consultation(service)
    service.answer(1, "<b>音声認識</b>をお使いください。", "tanaka")
    delivered = [row for row in outbox_rows(service) if row.channel == "web"]
    (message,) = delivered
    assert (message.user_id, message.status) == ("staff-1", "pending")
    reply = Reply.from_record(message.payload)
    assert reply.text.startswith("【DX推進課からの回答】No.1「")
    assert "<b>音声認識</b>をお使いください。" in reply.text
    assert reply.choices == (Choice("解決した", "cs:1:ok"), Choice("まだ困っている", "cs:1:ng"))


def test_what_became_of_each_answer_is_read_from_the_outbox_not_assumed(
    store: ConversationStore, service: ConsultationService, clock: Clock
) -> None:
    """The answer's event names its message; the receipt says sent, waiting, or dropped and why."""
    store.exchange(Incoming(STAFF, text="会議録で困っています"), lambda state, _: Turn((), state))
    open_consultation(service)
    service.answer(1, "一つ目の回答です。", "tanaka")
    first = claim(service.engine, ["web"], clock.now, timedelta(minutes=2))
    assert first is not None
    mark_sent(service.engine, first, clock.now)
    service.answer(1, "二つ目の回答です。", "tanaka")  # waits for the worker
    reach.block(service.engine, STAFF, clock.now)  # they blocked the bot: the second is dropped
    service.answer(1, "三つ目の回答です。", "tanaka")  # written dropped at once
    events = service.events(1)
    receipts = service.receipts(events)
    answers = [e for e in events if e.kind == "answer"]
    assert [receipts[e.id].status for e in answers] == ["sent", "dropped", "dropped"]
    assert receipts[answers[0].id].sent_at == clock.now
    assert [receipts[e.id].blocked for e in answers] == [False, True, True]
    assert events[0].id not in receipts, "an event that sent nothing has no receipt"
    purge(service.engine, 0, clock.now + timedelta(days=1))
    assert service.receipts(events) == {}, "the purge deleted the messages: no receipt, not a guess"


def test_a_form_submitted_twice_makes_one_change(service: ConsultationService) -> None:
    version = open_consultation(service).version
    service.answer(1, "回答です。", "tanaka", expected=version)
    with pytest.raises(Conflict, match="二重送信"):
        service.answer(1, "回答です。", "tanaka", expected=version)
    assert [e.kind for e in service.events(1)] == ["created", "answer"]
    assert sum(row.channel == "web" for row in outbox_rows(service)) == 1


def test_impossible_and_unknown_changes_get_clear_errors(service: ConsultationService) -> None:
    open_consultation(service)
    with pytest.raises(InvalidTransition, match="回答を送ると"):
        service.transition(1, Status.ANSWERED, "tanaka")
    with pytest.raises(InvalidTransition, match="職員が取り下げる"):
        service.transition(1, Status.WITHDRAWN, "tanaka")
    with pytest.raises(InvalidTransition, match="すでに「未対応」"):
        service.transition(1, Status.NEW, "tanaka")
    service.transition(1, Status.RESOLVED, "tanaka")
    with pytest.raises(
        InvalidTransition, match="「解決」のため、「対応中」にはできません。変更できるのは「再開」"
    ):
        service.transition(1, Status.IN_PROGRESS, "tanaka")
    with pytest.raises(InvalidTransition, match="回答できません"):
        service.answer(1, "回答", "tanaka")
    with pytest.raises(InvalidInput, match="回答を入力してください"):
        service.answer(1, "   ", "tanaka")
    with pytest.raises(NotFound):
        service.answer(99, "回答", "tanaka")
    with pytest.raises(InvalidInput, match="という担当者は登録されていません"):
        service.assign(1, "nobody", "tanaka")
    assert service.transition(1, Status.REOPENED, "tanaka").status == Status.REOPENED


def test_notes_tags_and_due_dates(service: ConsultationService) -> None:
    open_consultation(service)
    service.note(1, "先週、庶務係長と電話で話した。", "tanaka")
    service.set_tags(1, "会議録、音声認識 , 会議録", "tanaka")
    service.set_due(1, date(2026, 12, 25), "tanaka")
    consultation = service.get(1)
    assert consultation.tags == ("会議録", "音声認識")
    assert consultation.due_date == date(2026, 12, 25)
    assert consultation.status == Status.NEW, "notes and tags do not change the state"
    kinds = [(e.kind, e.text) for e in service.events(1)][1:]
    assert kinds == [("note", "先週、庶務係長と電話で話した。"), ("tags", None), ("due", None)]
    with pytest.raises(InvalidInput, match="10個まで"):
        service.set_tags(1, " ".join(f"t{n}" for n in range(11)), "tanaka")
    service.set_due(1, None, "tanaka")
    assert service.get(1).due_date is None


def test_the_staff_member_adds_withdraws_and_gives_feedback_on_their_own_only(
    service: ConsultationService,
) -> None:
    open_consultation(service)
    open_consultation(service, OTHER)
    service.answer(1, "回答です。", "tanaka")
    with service.engine.begin() as connection:
        mine, theirs = service.desk(connection, STAFF), service.desk(connection, OTHER)
        assert theirs.ticket(1) is None
        assert theirs.add(1, "横から") is None
        assert theirs.feedback(1, solved=True) is None
        assert [t.number for t in mine.tickets(10)] == [1]
        ticket = mine.ticket(1)
        assert ticket is not None
        assert ticket.answer == "回答です。"
        added = mine.add(1, "補足です。")
        assert added is not None
        assert added.status == "reopened"
        assert added.additions == ("補足です。",), "the staff member sees what they added"
    with service.engine.begin() as connection:
        theirs = service.desk(connection, OTHER)
        withdrawn = theirs.withdraw(2)
        assert withdrawn is not None
        assert withdrawn.label == "取り下げ済み", "as the staff member who asked reads it"
    staff_events = [(e.kind, e.text, e.data.get("to")) for e in service.events(1) if e.actor == "staff"]
    assert staff_events[1] == ("staff", "補足です。", "reopened")


def test_feedback_resolves_and_reopens(service: ConsultationService) -> None:
    open_consultation(service)
    service.answer(1, "回答です。", "tanaka")
    with service.engine.begin() as connection:
        service.desk(connection, STAFF).feedback(1, solved=True)
    assert service.get(1).status == Status.RESOLVED
    with service.engine.begin() as connection:
        service.desk(connection, STAFF).feedback(1, solved=False)
    assert service.get(1).status == Status.REOPENED
    assert service.events(1)[-1].data == {"from": "resolved", "to": "reopened", "feedback": True}


def team_notices(service: ConsultationService) -> list[tuple[str, str, str]]:
    """(event, title, text) of every notice to the DX team, oldest first."""
    rows = [row.payload for row in outbox_rows(service) if row.channel == NOTIFY_WEBHOOK]
    return [(str(p["event"]), str(p["title"]), str(p["text"])) for p in rows]


def test_the_team_is_told_when_the_staff_member_replies_reopens_or_withdraws(
    service: ConsultationService,
) -> None:
    open_consultation(service)
    open_consultation(service, OTHER)
    service.request_info(1, "対象の様式は何種類ありますか？", "tanaka")
    with service.engine.begin() as connection:
        service.desk(connection, STAFF).add(1, "3種類です。担当は090-1234-5678の山田です。")
    service.answer(1, "回答です。", "tanaka")
    with service.engine.begin() as connection:
        service.desk(connection, STAFF).feedback(1, solved=False)
        service.desk(connection, STAFF).feedback(1, solved=True)
        service.desk(connection, OTHER).withdraw(2)
    new_one, new_two, added, reopened, withdrawn = team_notices(service)
    assert (new_one[0], new_two[0]) == ("new", "new")
    assert added[:2] == ("added", "No.1 のご相談に相談者から追記がありました（対応中）")
    assert "追記：3種類です。" in added[2]
    assert "090-1234-5678" not in added[2], "the notice carries the addition as stored: masked"
    assert "元のご相談：会議録" in added[2]
    assert reopened[:2] == ("reopened", "No.1 のご相談は、相談者が「まだ困っている」を選び、再開されました")
    assert withdrawn[:2] == ("withdrawn", "No.2 のご相談は、相談者が取り下げました（対応は不要です）")


def test_the_queue_filters_by_state_assignee_age_and_tag(service: ConsultationService, clock: Clock) -> None:
    for _ in range(3):
        open_consultation(service)
        clock.advance(days=2)
    service.take(1, "tanaka")
    service.set_tags(2, "RPA", "tanaka")
    service.transition(3, Status.RESOLVED, "tanaka")

    def ids(**filters: object) -> list[int]:
        return [c.id for c in service.find(Filters(**filters))]  # type: ignore[arg-type]

    assert ids() == [1, 2]
    assert ids(status="closed") == [3]
    assert ids(status="all") == [3, 2, 1]
    assert ids(status="in_progress") == [1]
    assert ids(status="対応中") == [1]
    assert ids(assignee="tanaka") == [1]
    assert ids(assignee=UNASSIGNED) == [2]
    assert ids(tag="RPA") == [2]
    assert ids(min_age_days=3) == [1, 2]
    assert ids(min_age_days=5) == [1]
    assert ids(owner=OTHER) == []
    with pytest.raises(InvalidInput, match="という状態はありません"):
        ids(status="bogus")
    counts = service.counts()
    assert (counts[Status.NEW], counts[Status.IN_PROGRESS], counts[Status.RESOLVED]) == (1, 1, 1)
    assert service.tags() == ["RPA"]


def test_the_queue_finds_consultations_by_their_words_section_or_number(service: ConsultationService) -> None:
    open_consultation(service, new=new_consultation("RPAで住民票の交付件数を集計したい"))
    open_consultation(service, new=new_consultation("会議録の作成に半日かかる（100%手作業）"))
    open_consultation(service, new=new_consultation("会議の資料をペーパーレスにしたい"))
    service.transition(3, Status.RESOLVED, "tanaka")

    def ids(text: str, status: str = "all") -> list[int]:
        filters = Filters(status=status, words=tuple(text.split()))
        found = [c.id for c in service.find(filters)]
        assert service.count(filters) == len(found)
        return found

    assert ids("会議の") == [3]
    assert ids("会議の", status="open") == [], "with the other filters"
    assert ids("集計") == [1]
    assert ids("住民票 集計") == [1]
    assert ids("住民票 ペーパーレス") == [], "every word narrows"
    assert ids("rpa") == [1], "letters in any case"
    assert ids("総務課") == ids("作り方") == [3, 2, 1], "the section and the question that led to it too"
    assert ids("No.2") == ids("#2") == ids("2") == [2]
    assert ids("100%") == [2], "a % or _ is a character, not a wildcard"
    assert ids("1_0") == []


def test_a_page_starts_after_a_consultation_in_the_listings_order_and_the_count_ignores_it(
    service: ConsultationService,
) -> None:
    """``after`` is a keyset: the next page stays in place when a consultation leaves the selection."""
    for _ in range(5):
        open_consultation(service)

    def ids(**filters: object) -> list[int]:
        return [c.id for c in service.find(Filters(**filters))]  # type: ignore[arg-type]

    assert ids(limit=2) == [1, 2]
    assert ids(limit=2, after=2) == [3, 4], "open ones oldest first: after No.2 come No.3 and No.4"
    assert ids(status="all", limit=2, after=4) == [3, 2], "newest first: after No.4 come No.3 and No.2"
    assert ids(status="new", after=4) == [5], "one state is oldest first too"
    service.transition(2, Status.RESOLVED, "tanaka")
    assert ids(limit=2, after=2) == [3, 4], "No.2 leaving the open ones moves no page"
    assert ids(limit=2, offset=2) == [4, 5], "where an offset would skip No.3"
    assert ids(after=5) == []
    assert service.count(Filters(limit=1, after=4)) == 4, "every open one, whatever the page"
    assert service.count(Filters(status="closed", after=1)) == 1


def test_waiting_consultations_are_reminded_of_once_per_period(
    service: ConsultationService, clock: Clock
) -> None:
    open_consultation(service)
    open_consultation(service)
    service.take(2, "tanaka")
    clock.advance(hours=23)
    assert service.remind_waiting(24) == 0
    clock.advance(hours=2)
    assert service.remind_waiting(24) == 1
    assert service.remind_waiting(24) == 0
    clock.advance(hours=24)
    assert service.remind_waiting(24) == 1
    reminders = [r.payload for r in outbox_rows(service) if r.payload.get("event") == "waiting"]
    assert [r["consultation"] for r in reminders] == [1, 1]
    assert reminders[0]["title"] == "No.1 のご相談が24時間以上、対応を待っています（未対応）"
    assert service.remind_waiting(0) == 0


def test_the_section_is_remembered_and_the_conversation_is_kept(
    store: ConversationStore, service: ConsultationService
) -> None:
    def step(state: State, connection: sa.Connection) -> Turn:
        return Turn((Reply("承知しました"),), state)

    store.exchange(Incoming(STAFF, text="会議録で困っています"), step)
    open_consultation(service)
    store.exchange(Incoming(STAFF, text="その後の話"), step)
    with service.engine.connect() as connection:
        assert service.desk(connection, STAFF).section() == "総務課 庶務係"
        assert service.desk(connection, OTHER).section() == ""
    lines = service.conversation(service.get(1))
    assert [line.text for line in lines] == ["会議録で困っています", "承知しました"]


def test_notices_wait_in_the_outbox_for_the_worker(service: ConsultationService, clock: Clock) -> None:
    open_consultation(service, new=new_consultation("別の相談"))
    delivery = claim(service.engine, {NOTIFY_WEBHOOK}, clock.now, timedelta(seconds=60))
    assert delivery is not None
    assert delivery.payload["event"] == "new"


def staff_messages(service: ConsultationService) -> list[dict[str, object]]:
    return [row.payload for row in outbox_rows(service) if row.channel == STAFF.channel]


def test_closing_by_the_team_tells_the_staff_member_and_keeps_the_way_back(
    service: ConsultationService,
) -> None:
    open_consultation(service)
    service.answer(1, "回答です。", "tanaka")
    service.transition(1, Status.RESOLVED, "tanaka")
    answered, closed = staff_messages(service)
    assert str(answered["text"]).startswith("【DX推進課からの回答】")
    assert str(closed["text"]).startswith("【DX推進課からのお知らせ】No.1「")
    assert "終了しました" in str(closed["text"])
    assert closed["choices"] == [
        {"label": "まだ困っている", "action": "cs:1:ng"},
        {"label": "相談状況を見る", "action": "cs:list"},
    ]


def test_other_changes_by_hand_send_the_staff_member_nothing(service: ConsultationService) -> None:
    open_consultation(service)
    service.transition(1, Status.IN_PROGRESS, "tanaka")
    service.transition(1, Status.NEW, "tanaka")
    assert staff_messages(service) == []


def test_asking_the_staff_member_for_more_information(service: ConsultationService) -> None:
    open_consultation(service)
    asked = service.request_info(1, "対象の様式は何種類ありますか？", "tanaka")
    assert asked.status == Status.IN_PROGRESS, "it now waits on the staff member, not on the team"
    (message,) = staff_messages(service)
    assert str(message["text"]).startswith("【DX推進課からのお願い】No.1「")
    assert "対象の様式は何種類ありますか？" in str(message["text"])
    assert message["choices"] == [
        {"label": "追記する", "action": "cs:1:add"},
        {"label": "相談状況を見る", "action": "cs:list"},
    ]
    event = service.events(1)[-1]
    assert (event.kind, event.actor, event.text) == ("request", "tanaka", "対象の様式は何種類ありますか？")
    again = service.request_info(1, "もう一点、締め切りはいつですか？", "tanaka")
    assert again.status == Status.IN_PROGRESS
    first, second = (row.id for row in outbox_rows(service) if row.channel == STAFF.channel)
    assert event.data == {"from": "new", "to": "in_progress", "outbox": first}, "names its message"
    assert service.events(1)[-1].data == {"outbox": second}
    assert len(staff_messages(service)) == 2


def test_asking_needs_a_text_and_an_open_consultation(service: ConsultationService) -> None:
    open_consultation(service)
    with pytest.raises(InvalidInput, match="確認したいこと"):
        service.request_info(1, "  ", "tanaka")
    service.transition(1, Status.RESOLVED, "tanaka")
    with pytest.raises(InvalidTransition, match="確認することはできません"):
        service.request_info(1, "まだありますか？", "tanaka")
    with pytest.raises(NotFound):
        service.request_info(99, "まだありますか？", "tanaka")


def test_the_contacts_the_knowledge_publishes_reach_the_staff_member_and_personal_ones_do_not(
    store: ConversationStore, clock: Clock, kb: KnowledgeBase
) -> None:
    service = ConsultationService(
        store.engine, Notices((NOTIFY_WEBHOOK,), PUBLIC_URL), clock, knowledge=lambda: kb
    )
    open_consultation(service)
    service.answer(
        1,
        "詳しくは dx-kaizen@city.sample.lg.jp へ。お急ぎなら田中（携帯 080-1234-5678）まで。",
        "tanaka",
    )
    service.note(1, "控え：dx-kaizen@city.sample.lg.jp、自宅 090-8765-4321", "tanaka")
    (message,) = [row for row in outbox_rows(service) if row.channel == "web"]
    text = Reply.from_record(message.payload).text
    assert "dx-kaizen@city.sample.lg.jp" in text, "the team's own address, published in its FAQ"
    assert "080-1234-5678" not in text
    assert "田中" not in text, "a name is never public"
    note = service.events(1)[-1]
    assert "dx-kaizen@city.sample.lg.jp" in (note.text or "")
    assert "090-8765-4321" not in (note.text or "")
    without = ConsultationService(store.engine, Notices((NOTIFY_WEBHOOK,), PUBLIC_URL), clock)
    open_consultation(without)
    assert without.answer(2, "dx-kaizen@city.sample.lg.jp へ", "tanaka")
    assert "［メールアドレス］" in (without.events(2)[-1].text or ""), "no knowledge, nothing public"
