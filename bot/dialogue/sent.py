"""Consultations already sent, as their staff member acts on them: look, add, withdraw, give feedback.

The ``cs:12:…`` buttons (`bot.values.consultation_button`) name the
consultation, so they work on an answer delivered days later; the desk
finds only the staff member's own. An addition is typed at the question
it asks (`Intake` step ``add``), which `bot.dialogue.intake` hands back
here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from bot.dialogue import tickets
from bot.dialogue.desk import Desk, Ticket
from bot.dialogue.library import Library
from bot.dialogue.state import Intake, State
from bot.dialogue.turn import Turn
from bot.dialogue.views import MENU, consult
from bot.knowledge import Ward
from bot.values import Choice, Reply, consultation_button

__all__ = ["SentConsultations"]


class SentConsultations:
    """The staff side of consultations already sent; stateless, shared between threads."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def on_action(self, arg: str, state: State, desk: Desk) -> Turn | None:
        """A button about one consultation (``arg``: what follows ``cs:``, ``12:add``); None if unknown."""
        number, _, verb = arg.partition(":")
        if not number.isdecimal() or len(number) > 12:
            return None
        ticket = desk.ticket(int(number))
        if ticket is None:
            return Turn((_not_found(int(number)),), state)
        if verb == "":
            return Turn((tickets.ticket_detail(ticket, self.lib.ward),), state)
        if verb == "add":
            return self._ask_addition(ticket, state)
        if verb in ("wd", "wdy"):
            return self._withdraw(ticket, state, desk, confirmed=verb == "wdy")
        if verb in ("ok", "ng"):
            return self._feedback(ticket, state, desk, solved=verb == "ok")
        return None

    def typed_feedback(
        self, verdict: Literal["ok", "ng"], state: State, desk: Desk, listed: int
    ) -> Turn | None:
        """「解決しました」 or 「まだ困っています」 typed after an answer, as its button would do.

        About the one answered consultation among the latest ``listed``; with several, their list to
        choose from (each with its buttons); with none, None: the text is read as any other message.
        """
        answered = [t for t in desk.tickets(listed) if t.status == "answered"]
        if not answered:
            return None
        if len(answered) > 1:
            reply = tickets.ticket_list(answered, self.lib.ward)
            text = (
                f"回答をお送りしたご相談が{len(answered)}件あります。"
                "どのご相談のことか、「詳しく見る」から選んでお答えください。"
            )
            return Turn((replace(reply, text=text),), state)
        return self._feedback(answered[0], state, desk, solved=verdict == "ok")

    def _ask_addition(self, ticket: Ticket, state: State) -> Turn:
        if ticket.status == "withdrawn":
            return Turn((_withdrawn(ticket, self.lib.ward),), state)
        reply = Reply(
            f"No.{ticket.number} のご相談に追記する内容を入力してください。担当者にお伝えします。",
            (tickets.STOP_ADDING,),
            kind="prompt",
        )
        return Turn((reply,), replace(state, intake=Intake("add", number=ticket.number)))

    def add(self, number: int, text: str, masked: tuple[str, ...], state: State, desk: Desk) -> Turn:
        """Add ``text`` to consultation No.``number``; ``masked``: the kinds masked in it, to say so."""
        ticket = desk.ticket(number)
        if ticket is None:
            return Turn((_not_found(number),), state)
        if ticket.status == "withdrawn":
            return Turn((_withdrawn(ticket, self.lib.ward),), state)
        desk.add(number, text)
        message = f"No.{number} のご相談に追記しました。担当者にお伝えします。"
        if ticket.status in ("answered", "resolved"):
            message += "ご相談は「再開」となり、担当者が改めて確認します。"
        if masked:
            message += f"\n{tickets.masked_notice(masked)}"
        return Turn((Reply(message, (tickets.STATUS, MENU), kind="prompt"),), state)

    def _withdraw(self, ticket: Ticket, state: State, desk: Desk, *, confirmed: bool) -> Turn:
        if ticket.status == "withdrawn":  # a second press of an old 「取り下げる」: say it is done
            return Turn((_withdrawn(ticket, self.lib.ward),), state)
        if not ticket.is_open:
            return Turn((_resolved(ticket, self.lib.ward),), state)
        if not confirmed:
            reply = Reply(
                f"No.{ticket.number} のご相談を取り下げます。よろしいですか？",
                # Not 「やめる」: beside 「取り下げる」 it read as quitting the consultation, the same thing.
                (consultation_button(ticket.number, "wdy"), Choice("取り下げない", "cs:list")),
                kind="prompt",
            )
            return Turn((reply,), state)
        desk.withdraw(ticket.number)
        reply = Reply(
            f"No.{ticket.number} のご相談を取り下げました。またいつでもご相談ください。",
            (tickets.STATUS, MENU),
            kind="feedback",
        )
        return Turn((reply,), state)

    def _feedback(self, ticket: Ticket, state: State, desk: Desk, *, solved: bool) -> Turn:
        n = ticket.number
        if ticket.status == "withdrawn":
            return Turn((_withdrawn(ticket, self.lib.ward),), state)
        if solved:
            if ticket.status == "resolved":
                text = f"No.{n} のご相談は、すでに解決済みとなっています。ご確認ありがとうございます。"
            else:
                desk.feedback(n, solved=True)
                text = (
                    f"ご確認ありがとうございます。No.{n} のご相談を「解決」としました。"
                    "またいつでもご相談ください。"
                )
            return Turn((Reply(text, (tickets.STATUS, MENU), kind="feedback"),), state)
        if ticket.status in ("answered", "resolved"):
            desk.feedback(n, solved=False)
            text = (
                f"No.{n} のご相談を再開しました。担当者が改めて確認します。\n"
                "まだお困りの点を、このまま入力してお送りください。"
            )
        else:
            text = (
                f"No.{n} のご相談は現在「{ticket.label}」です。補足があれば、このまま入力してお送りください。"
            )
        reply = Reply(text, (tickets.STOP_ADDING,), kind="prompt")
        return Turn((reply,), replace(state, intake=Intake("add", number=n)))


def _not_found(number: int) -> Reply:
    return Reply(
        f"受付番号 No.{number} のご相談は見つかりませんでした。"
        "「相談状況」でご自分のご相談をご確認ください。",
        (tickets.STATUS, MENU),
        kind="prompt",
    )


def _withdrawn(ticket: Ticket, ward: Ward) -> Reply:
    """What happened, not a refusal: the consultation was withdrawn already (a button pressed again, late)."""
    return Reply(
        f"No.{ticket.number} のご相談は、すでに取り下げています。"
        "改めてご相談になる場合は、お手数ですが新しいご相談としてお送りください。",
        (consult(ward), tickets.STATUS, MENU),
        kind="prompt",
    )


def _resolved(ticket: Ticket, ward: Ward) -> Reply:
    """A resolved consultation needs no withdrawing; a new one is the way to ask again."""
    return Reply(
        f"No.{ticket.number} のご相談は、すでに解決済みとなっていますので、取り下げの必要はありません。"
        "まだお困りのことがあれば、新しいご相談としてお送りください。",
        (consult(ward), tickets.STATUS, MENU),
        kind="prompt",
    )
