"""The DX team's commands in their room, carried out as the dashboard carries them out.

`TeamDesk.handle` takes a ``group`` event said in the team's room
(`TeamDesk.is_room`) and returns the room's reply:

- the bot added to the room gets an introduction with the commands;
- someone not in ``KAIZEN_TEAM_MEMBERS`` is refused politely, and the
  attempt is logged (who, where; never the text);
- a member's command (`bot.teamroom.commands`) runs through
  `bot.consult.actions`, the functions behind the dashboard's forms and the
  admin API, with the member's dashboard account as the actor: the same
  state checks, the same masking of what the team typed (the ward's
  published contacts kept as written, `ConsultationService.public`), the same audit
  trail, and the same outbox message to the staff member's own channel;
- the event's id is recorded in the same transaction as the change, so a
  redelivered command does nothing; a refused one changes nothing and may
  be sent again;
- a reason the command could not be done (no such number, already closed,
  a dashboard account that no longer exists) is the reply, in the words the
  dashboard uses.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from bot.config import TeamSettings
from bot.consult import accounts, actions, store
from bot.consult.model import Consultation, Status
from bot.consult.service import ConsultationService
from bot.db import inbox, reach
from bot.db.engine import reading, writing
from bot.dialogue.views import excerpt_whole
from bot.errors import ConsultationError, DuplicateEvent
from bot.knowledge import Ward
from bot.teamroom.commands import Command, help_text, parse
from bot.values import Incoming, Reply

__all__ = ["TeamDesk", "joined", "not_a_member"]

log = logging.getLogger(__name__)

_EXCERPT_CHARS = 300


def not_a_member(ward: Ward) -> str:
    """The polite refusal to someone in the room who is not one of the team."""
    return (
        f"申し訳ありません。このルームから相談に対応できるのは、登録された{ward.team}のメンバーだけです。"
        f"ご用件は{ward.team}の担当者に直接お問い合わせください。"
    )


def joined(ward: Ward) -> str:
    """The thanks when the bot is added to the team's room (the commands follow)."""
    return (
        f"{ward.team}のルームに追加していただきありがとうございます。"
        "新しいご相談、相談者からの追記・再開・取り下げ、対応を待っているご相談をここでお知らせします。"
    )


class TeamDesk:
    """The team's room on one channel, over the consultation service."""

    def __init__(self, service: ConsultationService, settings: TeamSettings) -> None:
        self.service = service
        self.settings = settings

    def is_room(self, incoming: Incoming) -> bool:
        """Whether ``incoming`` was said in the team's room."""
        return (
            self.settings.on
            and incoming.kind == "group"
            and incoming.key.channel == self.settings.channel
            and incoming.room == self.settings.room
        )

    def handle(self, incoming: Incoming) -> tuple[Reply, ...]:
        """The room's reply to ``incoming`` (blocking); () for a redelivered event."""
        key = incoming.key
        if incoming.text is None:  # the bot was added to the room: say what it does there
            ward = self.service.ward()
            return self._once(incoming, f"{joined(ward)}\n{help_text(ward)}")
        account = self.settings.members.get((key.channel, key.user_id))
        if account is None:
            log.warning(
                "team room: %s:%s, who is not in KAIZEN_TEAM_MEMBERS, addressed the bot; refused",
                key.channel,
                key.user_id,
            )
            return self._once(incoming, not_a_member(self.service.ward()))
        command = parse(incoming.text)
        if command is None:
            return self._once(incoming, help_text(self.service.ward()))
        try:
            return (self._run(incoming, command, account),)
        except DuplicateEvent:
            return ()
        except ConsultationError as exc:
            log.info("team room: %s could not %s No.%d: %s", account, command.verb, command.number, exc)
            return (_said(f"申し訳ありません。{exc}"),)

    def _once(self, incoming: Incoming, text: str) -> tuple[Reply, ...]:
        """``text`` as the reply, unless the event was seen before (kept in its inbox row until sent)."""
        now, replies = self.service.clock(), (_said(text),)
        if not reach.seen_once(self.service.engine, incoming.key.channel, incoming.event_id, now, replies):
            return ()
        return replies

    def _run(self, incoming: Incoming, command: Command, account: str) -> Reply:
        """Carry out ``command`` as ``account``; the confirmation. Raises what the actions raise."""
        number, now = command.number, self.service.clock()
        if command.verb == "show":
            with reading(self.service.engine, "the consultation") as connection:
                consultation = store.get(connection, number)
                assignee = consultation.assignee and accounts.display_name(connection, consultation.assignee)
                summary = self._summary(consultation, assignee or consultation.assignee)
            shown = self._once(incoming, summary)
            if not shown:
                raise DuplicateEvent(incoming.event_id or "")
            return shown[0]
        with writing(self.service.engine, "the consultation") as connection:
            if incoming.event_id is not None and not reach.first_sighting(
                connection, incoming.key.channel, incoming.event_id, now, settle_inbox=False
            ):
                raise DuplicateEvent(incoming.event_id)
            actor = accounts.display_name(connection, account)
            if actor is None:
                log.error("team room: KAIZEN_TEAM_MEMBERS names %r, which is no dashboard user", account)
                raise ConsultationError(
                    f"あなたに割り当てられたダッシュボードのアカウント「{account}」が登録されていません。"
                    "管理者にご連絡ください。"
                )
            team, public = self.service.ward().team, self.service.public()
            match command.verb:
                case "answer":
                    done = actions.answer(connection, number, command.text, account, now, None, team, public)
                    said = f"No.{number} の相談者に回答を送りました"
                    if _blocked(connection, done):
                        said = f"No.{number} の回答を記録しましたが、{_UNREACHABLE}"
                case "request":
                    done = actions.request_info(
                        connection, number, command.text, account, now, None, team, public
                    )
                    said = f"No.{number} の相談者に追加の情報をお願いしました"
                    if _blocked(connection, done):
                        said = f"No.{number} の確認のお願いを記録しましたが、{_UNREACHABLE}"
                case "close":
                    done = actions.transition(connection, number, Status.RESOLVED, account, now, None, team)
                    said = f"No.{number} を解決として閉じ、相談者にもお知らせしました"
                    if _blocked(connection, done):
                        said = f"No.{number} を解決として閉じました（{_UNREACHABLE_NOTICE}）"
                case "take":
                    done = actions.take(connection, number, account, now, None)
                    said = f"No.{number} を{actor}さんの担当にしました"
                case "note":
                    done = actions.note(connection, number, command.text, account, now, None, public)
                    said = f"No.{number} にメモを残しました（相談者には送られません）"
                case "show":
                    raise AssertionError("shown above, without a change")
            confirmed = _said(f"{said}。（対応者：{actor}、状態：{done.label}）")
            if incoming.event_id is not None:  # kept in its inbox row until sent, in the action's transaction
                inbox.answered(connection, incoming.key.channel, incoming.event_id, (confirmed,))
        log.info("team room: %s did %s on No.%d", account, command.verb, number)
        return confirmed

    def _summary(self, consultation: Consultation, assignee: str | None) -> str:
        """``consultation`` as the room shows it; ``assignee`` is its assignee as the team calls them."""
        notices = self.service.notices
        lines = [
            f"No.{consultation.id}（{consultation.label}）",
            f"所属：{consultation.section}",
            f"連絡手段：{notices.messenger(consultation)}",
            f"内容：{excerpt_whole(consultation.content, _EXCERPT_CHARS)}",
            f"希望する時期：{consultation.wanted_by}",
            f"担当：{assignee or '未割り当て'}",
        ]
        url = notices.dashboard_url(consultation.id)
        if url is not None:
            lines.append(url)
        return "\n".join(lines)


_UNREACHABLE = "相談者がbotをブロックしているため届きません。電話やメールなど、別の方法でお伝えください"
"""Why what the room sent does not reach the staff member: the outbox dropped it at once (`reach.block`)."""
_UNREACHABLE_NOTICE = "相談者がbotをブロックしているため、お知らせは届きません"


def _blocked(connection: sa.Connection, consultation: Consultation) -> bool:
    """Whether the staff member of ``consultation`` has blocked the bot, so nothing sent reaches them."""
    return reach.blocked(connection, consultation.key.channel, consultation.key.user_id)


def _said(text: str) -> Reply:
    """What the bot says in the room."""
    return Reply(text, kind="prompt")
