"""Answers kept for a DX member whose login expired: only with that session's own cookie and CSRF token,
masked as an answer, one per member and consultation, gone once sent, closed or a week old."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.consult.accounts import Accounts, Attempt, LoggedIn
from bot.consult.answerdrafts import AnswerDrafts
from bot.consult.model import Status
from bot.consult.service import ConsultationService
from bot.db import ConversationStore
from bot.db.retention import purge
from bot.db.schema import answer_drafts
from tests.auxil.consultations import Clock, open_consultation

PASSWORD = "correct horse battery"
HOURS = 12
TYPED = "担当の山田太郎さん（090-1234-5678）に確認のうえ、テンプレートをお送りします。"


@pytest.fixture
def accounts(store: ConversationStore, clock: Clock) -> Accounts:
    accounts = Accounts(store.engine, clock, session_hours=HOURS)
    accounts.add_user("tanaka", PASSWORD, "田中")
    accounts.add_user("suzuki", PASSWORD, "鈴木")
    return accounts


@pytest.fixture
def drafts(store: ConversationStore, clock: Clock) -> AnswerDrafts:
    return AnswerDrafts(store.engine, clock)


def log_in(accounts: Accounts, name: str) -> LoggedIn:
    result = accounts.login(Attempt(name, "192.0.2.1", ""), PASSWORD)
    assert isinstance(result, LoggedIn)
    return result


def user_id(accounts: Accounts, name: str) -> int:
    found = accounts.user(name)
    assert found is not None
    return found.id


def stored_rows(service: ConsultationService) -> int:
    with service.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(answer_drafts)).scalar_one())


def test_an_answer_sent_after_the_login_expired_is_kept_masked_for_its_writer_alone(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    tanaka = log_in(accounts, "tanaka")
    clock.advance(hours=HOURS, minutes=1)
    assert accounts.session(tanaka.token) is None  # the form is refused: the login expired
    assert drafts.keep(tanaka.token, tanaka.session.csrf, number, TYPED)
    kept = drafts.of(number, user_id(accounts, "tanaka"))
    assert kept is not None
    assert "090-1234-5678" not in kept.text
    assert "山田" not in kept.text
    assert "［電話番号］" in kept.text
    assert "電話番号" in kept.masked
    assert kept.saved_at == clock.now
    assert drafts.of(number, user_id(accounts, "suzuki")) is None


def test_a_kept_answer_is_masked_exactly_as_the_answer_is_stored(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    tanaka = log_in(accounts, "tanaka")
    clock.advance(hours=HOURS, minutes=1)
    assert drafts.keep(tanaka.token, tanaka.session.csrf, number, f"  {TYPED}\n")
    kept = drafts.of(number, user_id(accounts, "tanaka"))
    assert kept is not None
    service.answer(number, kept.text, "suzuki")
    answered = [event.text for event in service.events(number) if event.kind == "answer"]
    assert answered == [kept.text]  # masking it again changes nothing: it holds what an answer holds


def test_a_form_without_the_expired_sessions_own_token_and_csrf_is_not_kept(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    tanaka, suzuki = log_in(accounts, "tanaka"), log_in(accounts, "suzuki")
    clock.advance(hours=HOURS, minutes=1)
    assert not drafts.keep("made-up-token", tanaka.session.csrf, number, TYPED)
    assert not drafts.keep(tanaka.token, "", number, TYPED)
    assert not drafts.keep(tanaka.token, suzuki.session.csrf, number, TYPED)  # another session's CSRF
    assert not drafts.keep(suzuki.token, tanaka.session.csrf, number, TYPED)  # and the other way round
    assert stored_rows(service) == 0


def test_a_live_session_or_one_ended_on_purpose_keeps_nothing(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    live = log_in(accounts, "tanaka")
    assert not drafts.keep(live.token, live.session.csrf, number, TYPED)  # it would have been let in
    ended = log_in(accounts, "suzuki")
    accounts.logout_everywhere("suzuki")  # say, after a lost PC: its cookie must plant nothing
    clock.advance(hours=HOURS, minutes=1)
    assert not drafts.keep(ended.token, ended.session.csrf, number, TYPED)
    logged_out = log_in(accounts, "suzuki")
    accounts.logout(logged_out.token)
    assert not drafts.keep(logged_out.token, logged_out.session.csrf, number, TYPED)
    assert drafts.of(number, user_id(accounts, "suzuki")) is None


def test_a_session_expired_more_than_a_day_ago_keeps_nothing(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    tanaka = log_in(accounts, "tanaka")
    clock.advance(hours=HOURS + 23)
    assert drafts.keep(tanaka.token, tanaka.session.csrf, number, "一日以内なら残ります。")
    clock.advance(hours=2)
    assert not drafts.keep(tanaka.token, tanaka.session.csrf, number, "一日を過ぎると残りません。")
    kept = drafts.of(number, user_id(accounts, "tanaka"))
    assert kept is not None
    assert kept.text == "一日以内なら残ります。"


def test_the_purge_keeps_an_expired_session_a_day_so_its_answer_can_still_be_kept(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    tanaka = log_in(accounts, "tanaka")
    clock.advance(hours=HOURS, minutes=5)
    assert purge(service.engine, 365, clock.now)["admin_sessions"] == 0
    assert drafts.keep(tanaka.token, tanaka.session.csrf, number, TYPED)
    clock.advance(days=1)
    assert purge(service.engine, 365, clock.now)["admin_sessions"] == 1


def test_one_answer_per_member_and_consultation_the_later_replaces_it(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    first, second = open_consultation(service).id, open_consultation(service).id
    tanaka, suzuki = log_in(accounts, "tanaka"), log_in(accounts, "suzuki")
    clock.advance(hours=HOURS, minutes=1)
    assert drafts.keep(tanaka.token, tanaka.session.csrf, first, "最初の回答です。")
    assert drafts.keep(tanaka.token, tanaka.session.csrf, first, "書き直した回答です。")
    assert drafts.keep(tanaka.token, tanaka.session.csrf, second, "別の相談への回答です。")
    assert drafts.keep(suzuki.token, suzuki.session.csrf, first, "もう一人の回答です。")
    me, other = user_id(accounts, "tanaka"), user_id(accounts, "suzuki")
    assert [
        getattr(drafts.of(n, u), "text", None) for n, u in [(first, me), (second, me), (first, other)]
    ] == [
        "書き直した回答です。",
        "別の相談への回答です。",
        "もう一人の回答です。",
    ]
    assert stored_rows(service) == 3


def test_sending_from_the_answer_box_drops_the_senders_answer_and_closing_drops_everyones(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    answered, asked, closed = (open_consultation(service).id for _ in range(3))
    tanaka, suzuki = log_in(accounts, "tanaka"), log_in(accounts, "suzuki")
    clock.advance(hours=HOURS, minutes=1)
    for number in (answered, asked, closed):
        for session in (tanaka, suzuki):
            assert drafts.keep(session.token, session.session.csrf, number, TYPED)
    me, other = user_id(accounts, "tanaka"), user_id(accounts, "suzuki")
    service.answer(answered, "回答です。", "tanaka")
    service.request_info(asked, "確認させてください。", "tanaka")
    assert drafts.of(answered, me) is None
    assert drafts.of(asked, me) is None
    assert drafts.of(answered, other) is not None
    assert drafts.of(asked, other) is not None
    service.transition(closed, Status.RESOLVED, "suzuki")
    assert drafts.of(closed, me) is None
    assert drafts.of(closed, other) is None
    # Nor is an answer to a closed consultation kept: it could not be sent.
    assert not drafts.keep(tanaka.token, tanaka.session.csrf, closed, TYPED)
    assert not drafts.keep(tanaka.token, tanaka.session.csrf, 999, TYPED)


def test_an_empty_or_over_long_answer_is_not_kept(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    tanaka = log_in(accounts, "tanaka")
    clock.advance(hours=HOURS, minutes=1)
    assert not drafts.keep(tanaka.token, tanaka.session.csrf, number, "  \n")
    assert not drafts.keep(tanaka.token, tanaka.session.csrf, number, "あ" * 4001)
    assert drafts.of(number, user_id(accounts, "tanaka")) is None


def test_a_kept_answer_is_given_back_for_a_week_then_purged(
    accounts: Accounts, drafts: AnswerDrafts, service: ConsultationService, clock: Clock
) -> None:
    number = open_consultation(service).id
    tanaka = log_in(accounts, "tanaka")
    clock.advance(hours=HOURS, minutes=1)
    assert drafts.keep(tanaka.token, tanaka.session.csrf, number, TYPED)
    clock.advance(days=7, minutes=-1)
    assert drafts.of(number, user_id(accounts, "tanaka")) is not None
    assert purge(service.engine, 365, clock.now)["answer_drafts"] == 0
    clock.advance(minutes=2)
    assert drafts.of(number, user_id(accounts, "tanaka")) is None  # too old, even before the purge
    assert purge(service.engine, 365, clock.now)["answer_drafts"] == 1
    assert stored_rows(service) == 0
