"""Notifications to the DX team: a consultation arrived, its staff member acted on it, or it waits.

Its staff member's actions are adding to it, reopening it and withdrawing it.

A notice is an outbox message to the team on each configured notification
channel (``notify-webhook``, ``notify-email``, ``notify-room`` for the team's
own room on a messenger, `bot.teamroom`), written in the transaction
that causes it; `bot.delivery` formats it for the platform and delivers it.
The text names the messenger the staff member wrote from, as the dashboard
does, and quotes the consultation as stored, cut where a word or sentence
ends (`excerpt_whole`), so personal information is
already masked; it is plain text here, and `bot.plaintext` keeps
it plain on each platform (no staff-typed link, mention or HTML renders).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from bot.consult.model import Consultation
from bot.db.outbox import enqueue
from bot.dialogue import ConversationKey
from bot.dialogue.views import excerpt_whole
from bot.values import Notice

__all__ = ["NOTIFY_EMAIL", "NOTIFY_ROOM", "NOTIFY_WEBHOOK", "TEAM", "Notices"]

NOTIFY_WEBHOOK = "notify-webhook"
NOTIFY_EMAIL = "notify-email"
NOTIFY_ROOM = "notify-room"
TEAM = "dx-team"
"""The recipient of team notices in the outbox (the URL and addresses are settings)."""

_EXCERPT_CHARS = 200
_QUOTE_CHARS = 60
"""How much of the consultation a notice about an addition quotes, to say which one it is."""


@dataclass(frozen=True, slots=True)
class Notices:
    """Which notification channels are on, the dashboard's public address, and the messengers' names.

    ``titles`` names each messenger as the team calls it (``LINE``, ``Webチャット``:
    `bot.handlers.registry.team_titles`); a channel it lacks is named as stored.
    """

    channels: tuple[str, ...] = ()
    public_url: str = ""
    titles: Mapping[str, str] = field(default_factory=dict)

    def messenger(self, consultation: Consultation) -> str:
        """The messenger ``consultation`` came from, as the team calls it (``LINE``, ``Webチャット``)."""
        channel = consultation.key.channel
        return self.titles.get(channel, channel)

    def dashboard_url(self, number: int) -> str | None:
        """The dashboard's page of consultation ``number``; None when no public address is set."""
        if not self.public_url:
            return None
        return f"{self.public_url.rstrip('/')}/admin/consultations/{number}"

    def arrived(self, connection: sa.Connection, consultation: Consultation, now: datetime) -> None:
        """A consultation arrived."""
        title = f"新しいご相談が届きました（No.{consultation.id}）"
        self._send(connection, "new", title, consultation, now)

    def added(self, connection: sa.Connection, consultation: Consultation, text: str, now: datetime) -> None:
        """The staff member added ``text`` (their reply to a request, say); a closed one is reopened by it.

        Said at once: the team's request for information waits on this reply,
        and nothing else would tell the team before the waiting reminder.
        """
        title = f"No.{consultation.id} のご相談に相談者から追記がありました（{consultation.label}）"
        quoted = excerpt_whole(consultation.content, _QUOTE_CHARS)
        body = f"追記：{excerpt_whole(text, _EXCERPT_CHARS)}\n元のご相談：{quoted}"
        self._send(connection, "added", title, consultation, now, body)

    def reopened(self, connection: sa.Connection, consultation: Consultation, now: datetime) -> None:
        """The staff member pressed 「まだ困っている」 on an answered or resolved consultation."""
        title = f"No.{consultation.id} のご相談は、相談者が「まだ困っている」を選び、再開されました"
        self._send(connection, "reopened", title, consultation, now)

    def withdrawn(self, connection: sa.Connection, consultation: Consultation, now: datetime) -> None:
        """The staff member withdrew the consultation: nobody need work on it any longer."""
        title = f"No.{consultation.id} のご相談は、相談者が取り下げました（対応は不要です）"
        self._send(connection, "withdrawn", title, consultation, now)

    def waiting(
        self, connection: sa.Connection, consultation: Consultation, hours: int, now: datetime
    ) -> None:
        """A consultation has waited ``hours`` or more for the DX team."""
        title = f"No.{consultation.id} のご相談が{hours}時間以上、対応を待っています（{consultation.label}）"
        self._send(connection, "waiting", title, consultation, now)

    def _send(
        self,
        connection: sa.Connection,
        event: str,
        title: str,
        consultation: Consultation,
        now: datetime,
        body: str = "",
    ) -> None:
        """Queue the notice; ``body`` replaces the consultation's content and timing when given."""
        content = excerpt_whole(consultation.content, _EXCERPT_CHARS)
        text = f"所属：{consultation.section}\n連絡手段：{self.messenger(consultation)}\n" + (
            body or f"内容：{content}\n希望する時期：{consultation.wanted_by}"
        )
        payload = Notice(consultation.id, event, title, text, self.dashboard_url(consultation.id)).to_record()
        for channel in self.channels:
            enqueue(connection, ConversationKey(channel, TEAM, TEAM), payload, now)
