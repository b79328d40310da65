"""Consultations in the database: reading them, creating one, and recording a change with its event.

Functions take the caller's connection, so that a change, its audit event
and whatever it causes (an outbox message) commit together. Every change
goes through `change`, which bumps ``version`` only if it is still the one
the caller saw; a form submitted twice therefore changes things once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bot.consult.model import (
    OPEN,
    WAITING,
    Candidate,
    Consultation,
    Event,
    EventKind,
    NewConsultation,
    Status,
    parse_status,
)
from bot.db import aware
from bot.db.schema import admin_users, answer_drafts, consultation_events, consultation_tags, consultations
from bot.dialogue import ConversationKey
from bot.errors import Conflict, InvalidInput, NotFound
from bot.privacy import masked_kinds

__all__ = [
    "UNASSIGNED",
    "Filters",
    "all_tags",
    "change",
    "counts",
    "create",
    "events",
    "find",
    "get",
    "last_answer",
    "last_section",
    "replace_tags",
]

UNASSIGNED = "-"
"""The assignee filter for consultations nobody has taken."""

_C = consultations


@dataclass(frozen=True, slots=True)
class Filters:
    """What the queue shows: ``status`` is ``open``, ``closed``, ``all`` or one state's code or name.

    ``limit``, ``offset`` and ``after`` choose a page of what the others select:
    ``after`` starts it after that consultation's number in the listing's order
    (a keyset, which stays in place while consultations are added or leave the
    selection, where an offset would shift); `count` ignores all three.
    ``by_due``: the listing goes by due date, soonest first, those without one
    last (the dashboard's sort; ``after`` is not taken with it).
    """

    status: str = "open"
    assignee: str | None = None
    min_age_days: int | None = None
    tag: str | None = None
    words: tuple[str, ...] = ()
    """Each must be in the consultation's content, trigger question or section, or be its number."""
    owner: ConversationKey | None = None
    limit: int = 200
    offset: int = 0
    after: int | None = None
    by_due: bool = False


def get(connection: sa.Connection, number: int, *, lock: bool = False) -> Consultation:
    """The consultation ``number``; `NotFound` when there is none. ``lock`` locks it for a change."""
    query = sa.select(_C).where(_C.c.id == number)
    if lock:
        query = query.with_for_update()
    row = connection.execute(query).first()
    if row is None:
        raise NotFound(f"No.{number} の相談は見つかりません。")
    return _consultation(row._mapping, _tags(connection, [number]).get(number, ()))


def find(connection: sa.Connection, filters: Filters, now: datetime) -> list[Consultation]:
    """The consultations ``filters`` select: ``closed`` and ``all`` newest first, the others oldest first.

    With ``filters.by_due``, by due date instead: soonest first, those without
    one last, each day's oldest first. At most ``filters.limit`` of them, after
    skipping ``filters.offset`` and those up to ``filters.after`` in that order.
    """
    if filters.by_due and filters.after is not None:
        raise ValueError("a listing by due date is paged by offset, not after a number")
    newest_first = filters.status in ("closed", "all")
    query = _selected(sa.select(_C), filters, now)
    if filters.after is not None:
        query = query.where(_C.c.id < filters.after if newest_first else _C.c.id > filters.after)
    if filters.by_due:
        undated = sa.case((_C.c.due_date.is_(None), 1), else_=0)
        query = query.order_by(undated, _C.c.due_date, _C.c.id)
    else:
        query = query.order_by(_C.c.id.desc() if newest_first else _C.c.id)
    rows = connection.execute(query.limit(filters.limit).offset(filters.offset)).all()
    tags = _tags(connection, [row.id for row in rows])
    return [_consultation(row._mapping, tags.get(row.id, ())) for row in rows]


def count(connection: sa.Connection, filters: Filters, now: datetime) -> int:
    """How many consultations ``filters`` select, whatever their limit, offset and ``after``."""
    query = _selected(sa.select(sa.func.count()).select_from(_C), filters, now)
    return int(connection.execute(query).scalar_one())


def _one_status(value: str) -> Status:
    """The one state a listing asks for; its refusal also names the groups a listing may ask for."""
    try:
        return parse_status(value)
    except InvalidInput as exc:
        groups = "未完了のものすべて（open）、完了したもの（closed）、すべて（all）"
        raise InvalidInput(f"{exc}。まとめて選ぶには：{groups}") from None


def _selected(query: sa.Select[Any], filters: Filters, now: datetime) -> sa.Select[Any]:
    """``query`` narrowed to the consultations ``filters`` select."""
    if filters.status == "open":
        query = query.where(_C.c.status.in_([s.value for s in OPEN]))
    elif filters.status == "closed":
        query = query.where(_C.c.status.not_in([s.value for s in OPEN]))
    elif filters.status != "all":
        query = query.where(_C.c.status == _one_status(filters.status).value)
    if filters.assignee == UNASSIGNED:
        query = query.where(_C.c.assignee.is_(None))
    elif filters.assignee:
        query = query.where(_C.c.assignee == filters.assignee)
    if filters.min_age_days:
        query = query.where(_C.c.created_at <= now - timedelta(days=filters.min_age_days))
    if filters.tag:
        tagged = sa.select(consultation_tags.c.consultation_id).where(consultation_tags.c.tag == filters.tag)
        query = query.where(_C.c.id.in_(tagged))
    for word in filters.words:
        query = query.where(_containing(word))
    if filters.owner is not None:
        query = query.where(_C.c.channel == filters.owner.channel, _C.c.user_id == filters.owner.user_id)
    return query


def _containing(word: str) -> sa.ColumnElement[bool]:
    """Consultations whose text holds ``word`` (in any letter case), or numbered ``word`` (12, No.12, #12)."""
    lowered = word.lower()
    found = sa.or_(
        *(
            sa.func.lower(column).contains(lowered, autoescape=True)
            for column in (_C.c.content, _C.c.query, _C.c.section)
        )
    )
    number = lowered.removeprefix("no.").removeprefix("#")
    if number.isdecimal() and len(number) <= 18:
        return sa.or_(found, _C.c.id == int(number))
    return found


def counts(connection: sa.Connection) -> dict[Status, int]:
    """How many consultations are in each state (every state present, zero when none)."""
    query = sa.select(_C.c.status, sa.func.count()).group_by(_C.c.status)
    found = {Status(status): int(count) for status, count in connection.execute(query).all()}
    return {status: found.get(status, 0) for status in Status}


def all_tags(connection: sa.Connection) -> list[str]:
    """Every tag in use, sorted."""
    query = sa.select(consultation_tags.c.tag).distinct().order_by(consultation_tags.c.tag)
    return [tag for (tag,) in connection.execute(query).all()]


def events(connection: sa.Connection, number: int) -> list[Event]:
    """The audit trail of a consultation, oldest first."""
    query = (
        sa.select(consultation_events)
        .where(consultation_events.c.consultation_id == number)
        .order_by(consultation_events.c.id)
    )
    return [
        Event(row.id, aware(row.at), row.actor, row.kind, row.text, dict(row.data or {}))
        for row in connection.execute(query).all()
    ]


def last_answer(connection: sa.Connection, number: int) -> str | None:
    """The DX team's latest answer to a consultation, or None before the first."""
    query = (
        sa.select(consultation_events.c.text)
        .where(consultation_events.c.consultation_id == number, consultation_events.c.kind == "answer")
        .order_by(consultation_events.c.id.desc())
        .limit(1)
    )
    return connection.execute(query).scalar()


def staff_additions(connection: sa.Connection, number: int) -> tuple[str, ...]:
    """What the staff member added to a consultation after sending it (追記), oldest first."""
    query = (
        sa.select(consultation_events.c.text)
        .where(consultation_events.c.consultation_id == number, consultation_events.c.kind == "staff")
        .order_by(consultation_events.c.id)
    )
    return tuple(text for (text,) in connection.execute(query).all() if text)


def last_section(connection: sa.Connection, owner: ConversationKey) -> str:
    """The section the staff member gave in their latest consultation ("" before the first)."""
    query = (
        sa.select(_C.c.section)
        .where(_C.c.channel == owner.channel, _C.c.user_id == owner.user_id)
        .order_by(_C.c.id.desc())
        .limit(1)
    )
    return connection.execute(query).scalar() or ""


def create(
    connection: sa.Connection,
    key: ConversationKey,
    new: NewConsultation,
    log_until: int | None,
    now: datetime,
    address: str | None = None,
) -> Consultation:
    """Store a new consultation (未対応) and its ``created`` event; return it.

    ``address`` is the channel's address of the event that opened it (`Consultation.address`).
    """
    result = connection.execute(
        _C.insert().values(
            channel=key.channel,
            user_id=key.user_id,
            conversation_id=key.conversation_id,
            section=new.section,
            query=new.query,
            content=new.content,
            wanted_by=new.wanted_by,
            due_date=new.due_date,
            status=Status.NEW.value,
            assignee=None,
            masked=list(new.masked),
            candidates=[{"ref": c.ref, "title": c.title, "score": c.score} for c in new.candidates],
            log_until=log_until,
            version=1,
            created_at=now,
            updated_at=now,
            waiting_since=now,
            address=address,
        )
    )
    inserted = result.inserted_primary_key
    if inserted is None:
        raise sa.exc.InvalidRequestError("the database returned no id for the new consultation")
    number = int(inserted[0])
    _event(connection, number, "staff", "created", now, None, {"masked": list(new.masked)})
    return get(connection, number)


def change(
    connection: sa.Connection,
    consultation: Consultation,
    actor: str,
    kind: EventKind,
    now: datetime,
    *,
    text: str | None = None,
    data: Mapping[str, Any] | None = None,
    values: Mapping[str, Any] | None = None,
    expected: int | None = None,
) -> Consultation:
    """Apply ``values`` and record the event, if the consultation is still at version ``expected``.

    ``expected`` defaults to the version of ``consultation`` as read; a
    changed status also moves ``waiting_since``. Raise `Conflict` when
    someone changed the consultation in between (or the form was stale).
    """
    version = consultation.version if expected is None else expected
    updates: dict[str, Any] = dict(values or {})
    if "status" in updates:
        waiting = Status(updates["status"]) in WAITING
        updates["waiting_since"] = now if waiting else None
        updates["reminded_at"] = None
    result = connection.execute(
        _C.update()
        .where(_C.c.id == consultation.id, _C.c.version == version)
        # Counted up by the database: a form's version (up to MAX_INTEGER) that no row holds is a Conflict,
        # never a number one past what the column can hold.
        .values(version=_C.c.version + 1, updated_at=now, **updates)
    )
    if result.rowcount != 1:
        raise Conflict(
            f"No.{consultation.id} の相談は、この画面を開いた後に更新されています"
            "（二重送信か、ほかの担当者の操作です）。最新の内容をご確認ください。"
        )
    _event(connection, consultation.id, actor, kind, now, text, data)
    _drop_moot_drafts(connection, consultation.id, actor, kind, updates.get("status"))
    return get(connection, consultation.id)


_SENT_FROM_THE_ANSWER_BOX = ("answer", "request")
"""Events that send what the answer box held (「回答を送信」, 「この内容で相談者に確認する」)."""


def _drop_moot_drafts(
    connection: sa.Connection, number: int, actor: str, kind: EventKind, status: str | None
) -> None:
    """Drop the answers kept for a login that expired (`bot.consult.answerdrafts`) that a change makes moot.

    The actor's own once they send from the answer box; everyone's once the consultation is closed
    (解決, 取り下げ), when it can no longer be answered.
    """
    drafts = answer_drafts.c
    if status in (Status.RESOLVED.value, Status.WITHDRAWN.value):
        connection.execute(answer_drafts.delete().where(drafts.consultation_id == number))
    elif kind in _SENT_FROM_THE_ANSWER_BOX:
        user = sa.select(admin_users.c.id).where(admin_users.c.name == actor).scalar_subquery()
        connection.execute(
            answer_drafts.delete().where(drafts.consultation_id == number, drafts.user_id == user)
        )


def replace_tags(connection: sa.Connection, number: int, tags: Iterable[str]) -> None:
    """Make ``tags`` the consultation's tags (the caller records the change)."""
    connection.execute(consultation_tags.delete().where(consultation_tags.c.consultation_id == number))
    rows = [{"consultation_id": number, "tag": tag} for tag in dict.fromkeys(tags)]
    if rows:
        connection.execute(consultation_tags.insert(), rows)


def _event(
    connection: sa.Connection,
    number: int,
    actor: str,
    kind: EventKind,
    now: datetime,
    text: str | None,
    data: Mapping[str, Any] | None,
) -> None:
    """Record an event; one whose text had personal information masked names the kinds in ``masked``."""
    recorded = dict(data or {})
    kinds = masked_kinds(text or "")
    if kinds:
        recorded.setdefault("masked", list(kinds))
    connection.execute(
        consultation_events.insert().values(
            consultation_id=number, at=now, actor=actor, kind=kind, text=text, data=recorded
        )
    )


def _tags(connection: sa.Connection, numbers: Sequence[int]) -> dict[int, tuple[str, ...]]:
    if not numbers:
        return {}
    query = (
        sa.select(consultation_tags.c.consultation_id, consultation_tags.c.tag)
        .where(consultation_tags.c.consultation_id.in_(numbers))
        .order_by(consultation_tags.c.tag)
    )
    found: dict[int, list[str]] = {}
    for number, tag in connection.execute(query).all():
        found.setdefault(number, []).append(tag)
    return {number: tuple(tags) for number, tags in found.items()}


def _consultation(row: sa.RowMapping, tags: tuple[str, ...]) -> Consultation:
    due: date | None = row["due_date"]
    waiting = row["waiting_since"]
    return Consultation(
        id=row["id"],
        key=ConversationKey(row["channel"], row["user_id"], row["conversation_id"]),
        section=row["section"],
        query=row["query"],
        content=row["content"],
        wanted_by=row["wanted_by"],
        due_date=due,
        status=Status(row["status"]),
        assignee=row["assignee"],
        tags=tags,
        masked=tuple(row["masked"] or ()),
        candidates=tuple(
            Candidate(str(c["ref"]), str(c["title"]), float(c["score"])) for c in row["candidates"] or ()
        ),
        log_until=row["log_until"],
        version=row["version"],
        created_at=aware(row["created_at"]),
        updated_at=aware(row["updated_at"]),
        waiting_since=aware(waiting) if waiting is not None else None,
        address=row["address"],
    )
