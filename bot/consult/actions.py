"""Changes to a consultation, each checked, recorded in the audit trail, and delivered where needed.

Every function works inside the caller's transaction (a connection), locks
the consultation, checks that the change is possible (`check_transition`),
and records it through `store.change`, with the actor (a dashboard user's
name, ``api`` for the admin API, ``staff`` for the staff member) and the
time. ``expected`` is the version the caller's form showed: a second submit
of the same form is a `Conflict` and changes nothing.

Whatever concerns the staff member (an answer, a request for more
information, the DX team closing the consultation) is also written to the
outbox for their channel, in the same transaction: it is delivered even if
the process stops right after.

Whatever the DX team types (answers, requests for information, notes,
tags) is masked here (`bot.privacy.mask`) before it is stored or sent; the
audit event names what was masked (`store.change`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, datetime

import sqlalchemy as sa

from bot.consult import store
from bot.consult.model import Consultation, Status, check_transition
from bot.db.outbox import enqueue
from bot.dialogue import ConversationKey
from bot.dialogue.tickets import answer_delivered, closed_by_team, info_requested
from bot.errors import InvalidInput, InvalidTransition, NotFound
from bot.privacy import mask
from bot.values import Reply

__all__ = [
    "API",
    "MAX_TAGS",
    "MAX_TEXT_CHARS",
    "STAFF",
    "answer",
    "assign",
    "checked_text",
    "note",
    "parse_tags",
    "request_info",
    "set_due",
    "set_tags",
    "staff_add",
    "staff_feedback",
    "staff_withdraw",
    "take",
    "transition",
]

STAFF = "staff"
API = "api"
MAX_TEXT_CHARS = 4000
MAX_TAGS = 10
MAX_TAG_CHARS = 32

_TAG_SPLIT = re.compile(r"[,、，\s]+")

_MANUAL_TARGETS = frozenset({Status.NEW, Status.IN_PROGRESS, Status.RESOLVED, Status.REOPENED})
"""States the DX team sets by hand: 回答済み comes with an answer, 取り下げ from the staff member."""


def transition(
    connection: sa.Connection,
    number: int,
    target: Status,
    actor: str,
    now: datetime,
    expected: int | None,
    team: str,
) -> Consultation:
    """Move a consultation to ``target`` by hand (対応中, 解決, 再開, back to 未対応)."""
    current = store.get(connection, number, lock=True)
    if target not in _MANUAL_TARGETS:
        how = "回答を送ると" if target == Status.ANSWERED else "相談した職員が取り下げると"
        raise InvalidTransition(f"「{current.label}」から手動で変更することはできません。{how}変わります。")
    check_transition(number, current.status, target)
    data = {"from": current.status.value, "to": target.value}
    changed = store.change(
        connection,
        current,
        actor,
        "status",
        now,
        data=data,
        values={"status": target.value},
        expected=expected,
    )
    if target == Status.RESOLVED:
        _tell(connection, current, closed_by_team(number, current.content, team), now)
    return changed


def answer(
    connection: sa.Connection,
    number: int,
    text: str,
    actor: str,
    now: datetime,
    expected: int | None,
    team: str,
    public: Collection[str] = frozenset(),
) -> Consultation:
    """Answer the staff member: record it, mark 回答済み, and queue it for their channel.

    The ward's ``public`` contacts in it stay as written (`checked_text`).
    """
    body = checked_text(text, "回答", public)
    current = store.get(connection, number, lock=True)
    if current.status == Status.WITHDRAWN:  # final: nothing reopens it (TRANSITIONS)
        raise InvalidTransition(f"No.{number} の相談は、相談者が取り下げたため、回答できません。")
    if current.status == Status.RESOLVED:
        raise InvalidTransition(
            f"No.{number} の相談は「解決」のため回答できません。回答するには、先に「再開」にしてください。"
        )
    check_transition(number, current.status, Status.ANSWERED)
    sent = _tell(connection, current, answer_delivered(number, current.content, body, team), now)
    data = {"from": current.status.value, "to": Status.ANSWERED.value, "outbox": sent}
    return store.change(
        connection,
        current,
        actor,
        "answer",
        now,
        text=body,
        data=data,
        values={"status": Status.ANSWERED.value},
        expected=expected,
    )


def request_info(
    connection: sa.Connection,
    number: int,
    text: str,
    actor: str,
    now: datetime,
    expected: int | None,
    team: str,
    public: Collection[str] = frozenset(),
) -> Consultation:
    """Ask the staff member for more information: record it, mark 対応中, and queue it for their channel.

    The consultation then waits on the staff member, not on the team, so it
    is no longer among those the team is reminded of; their reply
    (「追記する」) is recorded as usual.
    """
    body = checked_text(text, "確認したいこと", public)
    current = store.get(connection, number, lock=True)
    if current.status in (Status.RESOLVED, Status.WITHDRAWN):
        raise InvalidTransition(
            f"No.{number} の相談は「{current.label}」のため、相談者に確認することはできません。"
        )
    values: dict[str, str] = {}
    data: dict[str, str | int] = {}
    if current.status != Status.IN_PROGRESS:
        check_transition(number, current.status, Status.IN_PROGRESS)
        values["status"] = Status.IN_PROGRESS.value
        data = {"from": current.status.value, "to": Status.IN_PROGRESS.value}
    data["outbox"] = _tell(connection, current, info_requested(number, current.content, body, team), now)
    return store.change(
        connection, current, actor, "request", now, text=body, data=data, values=values, expected=expected
    )


def _tell(connection: sa.Connection, consultation: Consultation, reply: Reply, now: datetime) -> int:
    """Queue ``reply`` for the staff member, in reply to where they opened ``consultation``; its outbox id.

    So on Slack the team's answer lands in the thread of the question, even
    if the person has written since (`bot.db.outbox.Delivery.reply_to`).
    The answer's or request's event keeps the id (``data["outbox"]``), so
    the dashboard shows whether it reached them, as the outbox records it.
    """
    return enqueue(connection, consultation.key, reply.to_record(), now, reply_to=consultation.address)


def take(
    connection: sa.Connection, number: int, actor: str, now: datetime, expected: int | None
) -> Consultation:
    """The actor takes the consultation: assigned to them, and 対応中 if nobody was working on it."""
    current = store.get(connection, number, lock=True)
    if not current.is_open:
        raise InvalidTransition(f"No.{number} の相談は「{current.label}」のため、担当できません。")
    values: dict[str, str] = {"assignee": actor}
    data = {"from": current.assignee, "to": actor}
    if current.status in (Status.NEW, Status.REOPENED):
        values["status"] = Status.IN_PROGRESS.value
        data |= {"status_from": current.status.value, "status_to": Status.IN_PROGRESS.value}
    return store.change(
        connection, current, actor, "assigned", now, data=data, values=values, expected=expected
    )


def assign(
    connection: sa.Connection,
    number: int,
    assignee: str | None,
    actor: str,
    now: datetime,
    expected: int | None,
    known: Callable[[str], bool],
) -> Consultation:
    """Assign to ``assignee`` (a dashboard user that ``known`` accepts), or to nobody with None."""
    if assignee is not None and not known(assignee):
        raise InvalidInput(f"「{assignee}」という担当者は登録されていません。")
    current = store.get(connection, number, lock=True)
    data = {"from": current.assignee, "to": assignee}
    values = {"assignee": assignee}
    return store.change(
        connection, current, actor, "assigned", now, data=data, values=values, expected=expected
    )


def note(
    connection: sa.Connection,
    number: int,
    text: str,
    actor: str,
    now: datetime,
    expected: int | None,
    public: Collection[str] = frozenset(),
) -> Consultation:
    """An internal note: never shown to the staff member."""
    body = checked_text(text, "メモ", public)
    current = store.get(connection, number, lock=True)
    return store.change(connection, current, actor, "note", now, text=body, expected=expected)


def parse_tags(text: str) -> list[str]:
    """Tags from what the DX team typed: separated by commas, 、 or spaces; each at most 32 characters.

    The text is masked before it is split, so that 090 1234 5678 is one phone number, not three tags.
    """
    tags = list(dict.fromkeys(t for t in _TAG_SPLIT.split(mask(text).text) if t))
    if len(tags) > MAX_TAGS:
        raise InvalidInput(f"タグは{MAX_TAGS}個までにしてください。")
    if any(len(t) > MAX_TAG_CHARS for t in tags):
        raise InvalidInput(f"タグは1つ{MAX_TAG_CHARS}文字以内にしてください。")
    return tags


def set_tags(
    connection: sa.Connection, number: int, tags: list[str], actor: str, now: datetime, expected: int | None
) -> Consultation:
    """Replace the consultation's tags."""
    current = store.get(connection, number, lock=True)
    store.replace_tags(connection, number, tags)
    data = {"from": list(current.tags), "to": tags}
    return store.change(connection, current, actor, "tags", now, data=data, expected=expected)


def set_due(
    connection: sa.Connection, number: int, due: date | None, actor: str, now: datetime, expected: int | None
) -> Consultation:
    """Set (or clear, with None) the DX team's due date."""
    current = store.get(connection, number, lock=True)
    before = current.due_date.isoformat() if current.due_date else None
    data = {"from": before, "to": due.isoformat() if due else None}
    values = {"due_date": due}
    return store.change(connection, current, actor, "due", now, data=data, values=values, expected=expected)


def staff_add(
    connection: sa.Connection, number: int, owner: ConversationKey, text: str, now: datetime
) -> Consultation:
    """The staff member adds to their consultation; an answered or resolved one is reopened."""
    current = _own(connection, number, owner)
    if current.status == Status.WITHDRAWN:
        raise InvalidTransition(f"No.{number} の相談は取り下げられています。")
    values: dict[str, str] = {}
    data: dict[str, str] = {}
    if current.status in (Status.ANSWERED, Status.RESOLVED):
        values["status"] = Status.REOPENED.value
        data = {"from": current.status.value, "to": Status.REOPENED.value}
    return store.change(
        connection, current, STAFF, "staff", now, text=checked_text(text, "追記"), data=data, values=values
    )


def staff_withdraw(
    connection: sa.Connection, number: int, owner: ConversationKey, now: datetime
) -> Consultation:
    """The staff member withdraws their consultation."""
    current = _own(connection, number, owner)
    check_transition(number, current.status, Status.WITHDRAWN)
    data = {"from": current.status.value, "to": Status.WITHDRAWN.value}
    return store.change(
        connection, current, STAFF, "status", now, data=data, values={"status": Status.WITHDRAWN.value}
    )


def staff_feedback(
    connection: sa.Connection, number: int, owner: ConversationKey, *, solved: bool, now: datetime
) -> Consultation:
    """解決した (→ 解決) or まだ困っている (→ 再開) from the staff member."""
    current = _own(connection, number, owner)
    target = Status.RESOLVED if solved else Status.REOPENED
    check_transition(number, current.status, target)
    data = {"from": current.status.value, "to": target.value, "feedback": True}
    return store.change(connection, current, STAFF, "status", now, data=data, values={"status": target.value})


def _own(connection: sa.Connection, number: int, owner: ConversationKey) -> Consultation:
    """The consultation, if it belongs to ``owner``; otherwise it does not exist for them."""
    current = store.get(connection, number, lock=True)
    if (current.key.channel, current.key.user_id) != (owner.channel, owner.user_id):
        raise NotFound(f"No.{number} の相談は見つかりません。")
    return current


def checked_text(text: str, what: str, public: Collection[str] = frozenset()) -> str:
    """Typed text, checked and masked; the contact details the ward publishes (``public``) stay."""
    body = text.strip()
    if not body:
        raise InvalidInput(f"{what}を入力してください。")
    if len(body) > MAX_TEXT_CHARS:
        raise InvalidInput(f"{what}は{MAX_TEXT_CHARS}文字以内にしてください。")
    return mask(body, public).text
