"""The conversation log: what staff wrote or pressed and what the bot replied, masked.

Written in the same transaction as the conversation's state (see
`ConversationStore.exchange`), read by the dashboard to show the
conversation that led to a consultation, and purged after the retention
period. What it is given is already masked: the message as it entered the
turn (`Incoming.masked`), and replies made of the knowledge and of masked
text. A button press is logged under the label the user saw: on one of the
bot's replies, or on a message pushed to them later (the DX team's answer,
in the outbox); failing both, by what the button does, never its internal
action id. An event the bot answers without reading it (a sticker, an image, an edit, a call in a
group, a text too long to read) is logged by its kind alone, as a fixed line (`UNREAD_LINES`): nothing
the person typed is kept, and the line counts against the per-minute limit (`bot.db.quota`). A bot line
keeps its reply's record (`bot.values.Reply.to_record`, the text in the
``text`` column) and is read back as a typed `Reply`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa

from bot.db.engine import aware
from bot.db.keys import of_conversation
from bot.db.schema import messages, outbox
from bot.values import CONSULTATION_BUTTONS, START_ACTION, UNREAD_TEXT, ConversationKey, Incoming, Reply

__all__ = ["UNREAD_LINES", "LogLine", "Role", "conversation", "last_id", "record"]

Role = Literal["user", "button", "bot"]

_RECENT_REPLIES = 8
"""Bot messages searched for the label of a pressed button."""

_PLAIN_LABELS = {
    "menu": "メニュー",
    START_ACTION: "メニュー",
    "consult": "担当課に相談する",
    "cs:list": "相談状況を見る",
}
"""Labels of buttons a client may send without the bot having offered them (the web chat's menu)."""

_CONSULTATION_BUTTON = re.compile(
    r"cs:(\d+)(?::(" + "|".join(verb for verb in CONSULTATION_BUTTONS if verb) + r"))?"
)
"""A consultation's button, for one whose message is gone: named by what it does."""

_UNKNOWN_BUTTON = "（ボタンを押しました）"

UNREAD_LINES = {
    "unsupported": "（スタンプ・画像・ファイルなどを送信しました）",
    "edited": "（送信済みのメッセージを編集しました）",
    "group": "（グループでbotを呼び出しました）",
    "too_long": "（長すぎて読み取れないメッセージを送信しました）",
}
"""The line logged for an event that was not read, by its kind (its payload ``{"unread": kind}``)."""


@dataclass(frozen=True, slots=True)
class LogLine:
    """One line of a conversation: ``choices`` are the labels of the buttons the bot offered.

    ``reply`` is the bot's reply read back (None on the staff member's lines).
    """

    id: int
    role: Role
    text: str
    choices: tuple[str, ...]
    created_at: datetime
    reply: Reply | None = None


def record(connection: sa.Connection, incoming: Incoming, replies: Sequence[Reply], now: datetime) -> None:
    """Log one turn inside the caller's transaction."""
    key = incoming.key
    where = {"channel": key.channel, "user_id": key.user_id, "conversation_id": key.conversation_id}
    unread = "too_long" if incoming.text == UNREAD_TEXT else incoming.kind
    if unread in UNREAD_LINES:
        rows: list[dict[str, Any]] = [
            {"role": "user", "text": UNREAD_LINES[unread], "payload": {"unread": unread}}
        ]
    elif incoming.text is not None:
        rows = [{"role": "user", "text": incoming.text, "payload": None}]
    else:
        label = _label(connection, key, incoming.action or "")
        rows = [{"role": "button", "text": label, "payload": {"action": incoming.action}}]
    for reply in replies:
        record = reply.to_record()
        del record["text"]  # the column holds it
        rows.append({"role": "bot", "text": reply.text, "payload": record})
    connection.execute(messages.insert(), [{**where, **row, "created_at": now} for row in rows])


def last_id(connection: sa.Connection, key: ConversationKey) -> int | None:
    """The id of the conversation's newest log line, or None for an empty log."""
    query = sa.select(sa.func.max(messages.c.id)).where(of_conversation(messages, key))
    found = connection.execute(query).scalar()
    return None if found is None else int(found)


def conversation(
    connection: sa.Connection, key: ConversationKey, *, until: int | None, limit: int
) -> list[LogLine]:
    """The last ``limit`` lines of the conversation up to the line ``until`` (all when None), oldest first.

    A conversation's opening (`START_ACTION`) is left out: nobody pressed it. It is logged all the same,
    and counted by the per-minute limit (`bot.db.quota`).
    """
    query = (
        sa.select(messages).where(of_conversation(messages, key)).order_by(messages.c.id.desc()).limit(limit)
    )
    if until is not None:
        query = query.where(messages.c.id <= until)
    lines = [
        LogLine(
            row.id,
            row.role,
            row.text,
            _choice_labels(row.payload),
            aware(row.created_at),
            _reply(row.text, row.payload) if row.role == "bot" else None,
        )
        for row in connection.execute(query).all()
        if not _opening(row.role, row.payload)
    ]
    return lines[::-1]


def _opening(role: str, payload: Any) -> bool:
    return role == "button" and isinstance(payload, dict) and payload.get("action") == START_ACTION


def _reply(text: str, payload: Any) -> Reply | None:
    """A bot line's reply; None for a payload no version of the log wrote (it is shown as text)."""
    try:
        return Reply.from_record({**(payload if isinstance(payload, dict) else {}), "text": text})
    except ValueError:
        return None


def _label(connection: sa.Connection, key: ConversationKey, action: str) -> str:
    """The label of the button that sends ``action``, as shown in the bot's recent replies or pushes."""
    replied = (
        sa.select(messages.c.payload)
        .where(of_conversation(messages, key), messages.c.role == "bot")
        .order_by(messages.c.id.desc())
        .limit(_RECENT_REPLIES)
    )
    pushed = (
        sa.select(outbox.c.payload)
        .where(outbox.c.channel == key.channel, outbox.c.user_id == key.user_id)
        .order_by(outbox.c.id.desc())
        .limit(_RECENT_REPLIES)
    )
    for query in (replied, pushed):
        for (payload,) in connection.execute(query).all():
            for choice, label in _labelled(payload):
                if choice.get("action") == action and isinstance(choice.get("label"), str):
                    return label
    if action in _PLAIN_LABELS:
        return _PLAIN_LABELS[action]
    if found := _CONSULTATION_BUTTON.fullmatch(action):
        return f"No.{found.group(1)}：{CONSULTATION_BUTTONS[found.group(2)]}"
    return _UNKNOWN_BUTTON


def _labelled(payload: Any) -> list[tuple[dict[str, Any], str]]:
    """A reply's buttons, each with the label its press is logged by.

    A card's button whose label others share (many cards have a 「詳しく見る」)
    is named with its card's title too: 「詳しく見る（児童手当の申請データ入力をRPAで自動化）」.
    """
    if not isinstance(payload, dict):
        return []
    found: list[tuple[Any, str | None]] = [(choice, None) for choice in payload.get("choices", [])]
    for card in payload.get("cards", []):
        title = card.get("title") if isinstance(card, dict) else None
        choices = card.get("choices", []) if isinstance(card, dict) else []
        found.extend((choice, title if isinstance(title, str) and title else None) for choice in choices)
    if "source" in payload:
        found.append((payload["source"], None))
    buttons = [(choice, card) for choice, card in found if isinstance(choice, dict)]
    shared = Counter(str(choice.get("label")) for choice, _ in buttons)
    named: list[tuple[dict[str, Any], str]] = []
    for choice, card in buttons:
        label = str(choice.get("label"))
        named.append((choice, label if card is None or shared[label] < 2 else f"{label}（{card}）"))
    return named


def _choice_labels(payload: Any) -> tuple[str, ...]:
    if not isinstance(payload, dict) or "action" in payload:
        return ()
    return tuple(str(c.get("label", "")) for c in payload.get("choices", []) if isinstance(c, dict))
