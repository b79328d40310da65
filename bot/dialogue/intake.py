"""The staff side of consultations: the intake and 相談状況.

Additions, withdrawal and feedback on consultations already sent are in
`bot.dialogue.sent`; whether a typed answer names a section or a time is
decided in `bot.dialogue.formtext`.

The intake asks only what is missing, in this order: what the staff member
wants to improve (unless the question that led here already says it), their
section (remembered from their last consultation), and by when (unless
already stated; detail typed at the section's or the time's question is
added to the content, never lost); then it shows a summary to confirm, creates the
consultation through the `Desk` and gives its number. While it waits for an
answer, typed text answers the question asked; "やめる" or "メニュー" stops,
"相談状況" leaves it for the list, and a way out that is no answer ("戻る",
"終了") asks the question again, and so does はい, いいえ or an emoji alone,
which answers nothing (at the summary, はい or 了解 sends it; いいえ does not).
A form left unsent is kept (`State.left`), so that its old summary's
「この内容で相談する」 offers it again rather than saying it was sent; only
the button of the one sent says so (`State.sent`). Each form has its own
number, which its summary's button carries: a button never sends, resumes or
speaks for another form than its own.

Everything staff type arrives masked (`Incoming.masked`, as each message
enters the turn); the placeholders say what was masked
(`bot.privacy.masked_kinds`), and the summary, the receipt and an addition
tell the staff member so.

The desk keeps a daily limit per person: over it, no intake starts; reached
while one was being written, the summary is kept to send the next day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.dialogue import limits, tickets
from bot.dialogue.deadline import due_date, find_deadline
from bot.dialogue.desk import Candidate, Desk, LimitReached, NewConsultation, Ticket
from bot.dialogue.formtext import (
    is_confirmation,
    is_status,
    looks_like_deadline,
    looks_like_section,
    names_a_section,
    section_name,
)
from bot.dialogue.intents import Reaction, is_back, is_cancel, is_goodbye, is_menu, key_of, reaction
from bot.dialogue.library import Library, entry_ref, ref_of
from bot.dialogue.sent import SentConsultations
from bot.dialogue.state import Intake, State
from bot.dialogue.turn import Search, Turn
from bot.dialogue.views import MENU, consult, excerpt
from bot.knowledge import Case
from bot.privacy import masked_kinds
from bot.values import Choice, Reply

__all__ = ["IntakeFlow", "is_kept", "is_status_action", "leave", "unsent_note"]

MIN_CONTENT_CHARS = 12
"""A question at least this long already says what the staff member wants; a shorter one is asked about."""

TAKEN_EXCERPT_CHARS = 60
"""How much of the question taken as the consultation's content the intake repeats."""
NOT_A_SECTION = "いただいた内容は、ご所属ではなくご相談の補足のようでしたので、ご相談内容に追加しました。"
STILL_HERE = (
    "ご相談の入力を続けています（ここまでの内容はそのままです）。中止する場合は「やめる」と入力してください。"
)
"""The answer to 「戻る」 or 「終了」 typed in the form: taken as an answer, it would become the content."""
NOT_SENT = (
    "このご相談は、まだお送りしていません（送信の前に入力を中止されたか、別の操作をされたため）。"
    "入力していただいた内容から続けます。"
)
"""The old summary's 送信 after the form was left unsent: the form comes back, nothing is sent unasked."""
OTHER_FORM = "このボタンは、以前に表示したご相談の確認画面のものです。いま入力中のご相談を続けます。"
"""An old summary's 送信 while another form is open: that one is not sent unasked."""
NO_RECORD = (
    "このボタンのご相談の内容は、こちらに残っていません。お送りいただいたかどうかは「相談状況」でご確認ください。"
    "まだの場合は、お手数ですが改めてご相談ください。"
)
"""The old summary's 送信 when the conversation remembers neither sending it nor leaving it."""
NOT_CONFIRMED = (
    "このご相談は、まだお送りしていません。直したいところはボタンから直すか、補足を入力してください。"
    "中止する場合は「やめる」と入力してください。"
)
"""The answer to 「いいえ」 at the summary."""
NOT_A_DEADLINE = (
    "いただいた内容は、ご希望の時期ではなくご相談の補足のようでしたので、ご相談内容に追加しました。"
)

MAX_CANDIDATES = 5
MAX_TICKETS = 10

_WANTED_BY = {"w": "今週中", "m": "今月中", "n": "特に急ぎません"}


class IntakeFlow:
    """Consultation conversations over one knowledge base; stateless, shared between threads."""

    def __init__(self, lib: Library, searcher: Search) -> None:
        self.lib = lib
        self.searcher = searcher
        self.sent = SentConsultations(lib)

    def start(self, state: State, desk: Desk, *, query: str = "", case: Case | None = None) -> Turn:
        """Begin an intake about ``query`` (what the staff member asked) or a case.

        Not when the staff member has used up the day's consultations: better
        said before they write it all than after.
        """
        limit = desk.consultation_limit()
        if limit is not None:
            return Turn((limits.consultations_full(limit, self.lib.ward),), replace(state, intake=None))
        query, form = query.strip(), state.counter + 1
        state = replace(state, counter=form)  # the counter numbers tokens too: neither repeats
        if case is not None:
            question = f"改善事例『{case.title}』について"
            candidates: tuple[Candidate, ...] = (Candidate(ref_of(case), case.title, 1.0),)
        else:
            question, candidates = query, self._candidates(query) if query else ()
        content = question if case is None and len(question) >= MIN_CONTENT_CHARS else ""
        intake = Intake(
            "content",
            query=question,
            content=content,
            section=desk.section(),
            wanted_by=find_deadline(content) or "",
            masked=masked_kinds(question),
            candidates=candidates,
            form=form,
        )
        lead = (
            f"{self.lib.ward.team}へのご相談を承ります。"
            "いくつか確認させてください（「やめる」と入力すると中止できます）。"
        )
        if content:
            lead += f"\nご相談の内容は「{excerpt(content, TAKEN_EXCERPT_CHARS)}」としてお預かりします。"
        return self._next(intake, state, lead)

    def on_text(self, text: str, state: State, desk: Desk, today: date) -> Turn:
        """Typed text while the intake waits for an answer ("はい" at the summary sends it)."""
        intake = state.intake
        assert intake is not None
        if is_cancel(text) or is_menu(text):
            return self._cancel(state)
        if is_status(text):
            return self.status(state, desk)
        if intake.step == "confirm" and is_confirmation(text):
            return self._send(intake, state, desk, today)
        if not text.strip():
            return self._next(intake, state, "入力が空のようです。")
        if is_back(text) or is_goodbye(text):
            return self._next(intake, state, STILL_HERE)
        felt = reaction(text)
        if felt is not None:
            return self._on_reaction(felt, text, intake, state, desk, today)
        text = text.strip()
        found = masked_kinds(text)
        kinds = tuple(dict.fromkeys((*intake.masked, *found)))
        if intake.step == "add":
            return self.sent.add(intake.number, text, found, replace(state, intake=None), desk)
        if intake.step == "content":
            wanted = intake.wanted_by or find_deadline(text) or ""
            candidates = intake.candidates or self._candidates(text)
            intake = replace(intake, content=text, wanted_by=wanted, candidates=candidates)
        elif intake.step == "section":
            if not looks_like_section(text):  # what they want, typed where the section was asked: keep it
                intake = replace(intake, content=f"{intake.content}\n（補足）{text}", masked=kinds)
                return self._next(intake, state, NOT_A_SECTION)
            intake = replace(intake, section=section_name(text))
        elif intake.step == "deadline":
            if names_a_section(text):  # 「市民課」 at 「いつごろまでに？」: the remembered section corrected
                section = section_name(text)
                same = section == intake.section
                lead = (
                    f"ご所属は「{section}」で承っています。"
                    if same
                    else f"ご所属を「{section}」に変更しました。"
                )
                return self._next(replace(intake, section=section, masked=kinds), state, lead)
            if not looks_like_deadline(
                text
            ):  # detail typed where the time was asked: keep it, and a time said
                content = f"{intake.content}\n（補足）{text}"
                intake = replace(intake, content=content, wanted_by=find_deadline(text) or "", masked=kinds)
                return self._next(intake, state, NOT_A_DEADLINE)
            intake = replace(intake, wanted_by=text)
        else:
            intake = replace(intake, content=f"{intake.content}\n（補足）{text}")
        return self._next(replace(intake, masked=kinds), state, "")

    def on_action(self, kind: str, arg: str, state: State, desk: Desk, today: date) -> Turn | None:
        """A button of the intake (``in:…``) or about a consultation (``cs:…``); None if unknown."""
        if kind == "in":
            return self._on_intake_button(arg, state, desk, today)
        if arg == "list":
            return self.status(state, desk)
        return self.sent.on_action(arg, state, desk)

    def _on_reaction(
        self, felt: Reaction, text: str, intake: Intake, state: State, desk: Desk, today: date
    ) -> Turn:
        """はい, いいえ or an emoji typed in the form: never taken as its answer.

        Taken, 「👍」 became the time wanted and 「了解」 a line of the content. At the summary, assent
        sends it as 「はい」 does, and dissent says nothing was sent.
        """
        if intake.step == "confirm" and felt == "yes":
            return self._send(intake, state, desk, today)
        if intake.step == "confirm" and felt == "no":
            return self._next(intake, state, NOT_CONFIRMED)
        lead = f"「{excerpt(text.strip(), 10)}」だけでは、お答えとして受け取れませんでした。"
        if intake.step != "add":
            lead += "中止する場合は「やめる」と入力してください。"
        return self.ask_again(state, lead)

    def ask_again(self, state: State, lead: str) -> Turn:
        """The question the form open in ``state`` waits on, asked again after ``lead``; the form stays.

        For what answers nothing (an emoji, a sticker): the form must not lose its question to it.
        """
        intake = state.intake
        assert intake is not None
        if intake.step == "add":
            reply = Reply(
                f"{lead}\nNo.{intake.number} のご相談に追記する内容を、文字で入力してください。",
                (tickets.STOP_ADDING,),
                kind="prompt",
            )
            return Turn((reply,), state)
        return self._next(intake, state, lead)

    def status(self, state: State, desk: Desk) -> Turn:
        """相談状況: the staff member's consultations; a form open or left unsent is kept, and said so."""
        reply = tickets.ticket_list(desk.tickets(MAX_TICKETS), self.lib.ward)
        if is_kept(state.intake) or (state.intake is None and is_kept(state.left)):
            reply = replace(
                reply,
                text=f"{reply.text}\n{tickets.UNSENT}",
                choices=(tickets.RESUME, *reply.choices),
            )
        return Turn((reply,), leave(state))

    # -- the intake -----------------------------------------------------------

    def _on_intake_button(self, arg: str, state: State, desk: Desk, today: date) -> Turn | None:
        intake = state.intake
        verb, _, form = arg.partition(":")
        if verb == "send" and form:  # a summary's button, naming its form
            if not form.isdecimal() or len(form) > 12:
                return None
            arg = verb
        if intake is None:
            return self._on_left(arg, int(form or 0), state, desk) if arg in ("send", "resume") else None
        if arg == "send" and form and int(form) != intake.form:
            return self._next(intake, state, OTHER_FORM)
        if arg == "stop":
            return self._cancel(state)
        if arg == "sec":
            return self._next(replace(intake, section=""), state, "")
        if arg == "content":
            return self._next(replace(intake, content=""), state, "")
        if arg.startswith("by:") and arg[3:] in _WANTED_BY:
            return self._next(replace(intake, wanted_by=_WANTED_BY[arg[3:]]), state, "")
        if arg in ("send", "again") and intake.step == "confirm":
            return self._send(intake, state, desk, today, again=arg == "again")
        return self._next(intake, state, "")

    def _send(self, intake: Intake, state: State, desk: Desk, today: date, *, again: bool = False) -> Turn:
        """Open the consultation; first, unless ``again``, point at an open one of theirs saying the same."""
        same = None if again else _same_open(desk.tickets(MAX_TICKETS), intake)
        if same is not None:
            return Turn((tickets.already_sent(same),), replace(state, intake=intake))
        new = NewConsultation(
            section=intake.section,
            query=intake.query,
            content=intake.content,
            wanted_by=intake.wanted_by,
            due_date=due_date(intake.wanted_by, today),
            masked=intake.masked,
            candidates=intake.candidates,
        )
        try:
            ticket = desk.open(new)
        except LimitReached as reached:  # the limit came while they wrote: keep it for later
            return Turn(
                (limits.consultations_deferred(reached.limit, self.lib.ward),), replace(state, intake=intake)
            )
        done = replace(state, intake=None, sent=ticket.number, sent_form=intake.form)
        return Turn((tickets.receipt(ticket, intake.masked, self.lib.ward),), done)

    def _on_left(self, arg: str, form: int, state: State, desk: Desk) -> Turn:
        """送信 of ``form`` or 入力に戻る with no form open: the form left unsent again, or what became of it.

        A button from before forms had numbers (``form`` 0) takes the form
        left unsent first, then the one sent; either way the answer quotes its
        words, so that a mix-up shows.
        """
        left, sent_form = state.left, state.sent_form
        if left is not None and (not form or form == left.form):
            return self._next(left, replace(state, left=None), NOT_SENT if arg == "send" else "")
        sent = desk.ticket(state.sent) if state.sent and (not form or form == sent_form) else None
        if sent is not None:
            text = (
                f"「{excerpt(sent.content, TAKEN_EXCERPT_CHARS)}」のご相談は、"
                f"受付番号 No.{sent.number} としてすでに受け付けています。「相談状況」でご確認いただけます。"
            )
            return Turn((Reply(text, (tickets.STATUS, MENU), kind="prompt"),), state)
        reply = Reply(NO_RECORD, (tickets.STATUS, consult(self.lib.ward), MENU), kind="prompt")
        return Turn((reply,), state)

    def _next(self, intake: Intake, state: State, lead: str) -> Turn:
        """Ask for the first missing item, or show the summary when nothing is missing."""
        if not intake.content:
            intake, reply = replace(intake, step="content"), Reply(self._ask_content(intake), (tickets.STOP,))
        elif not intake.section:
            # The content is known by now, maybe taken from the question that led here: it can be rewritten.
            choices = (tickets.REWRITE, tickets.STOP)
            intake, reply = replace(intake, step="section"), Reply(tickets.ASK_SECTION, choices)
        elif not intake.wanted_by:
            intake, reply = replace(intake, step="deadline"), tickets.ask_deadline()
        else:
            intake, reply = replace(intake, step="confirm"), tickets.summary(intake, self.lib.ward)
        if lead:
            reply = replace(reply, text=f"{lead}\n{reply.text}")
        return Turn((reply,), replace(state, shown=None, more=(), intake=intake))

    def _ask_content(self, intake: Intake) -> str:
        if intake.candidates and intake.query.startswith("改善事例『"):
            return (
                f"{intake.query}、どのようなことをご相談になりたいですか？"
                "（例：自分の課でも同じような取り組みができるか知りたい）"
            )
        if intake.query:
            return (
                f"「{intake.query}」について、どの業務で、どのようなことを改善したいか、"
                "もう少し詳しく教えてください。"
            )
        return tickets.ASK_CONTENT

    def _cancel(self, state: State) -> Turn:
        if state.intake is not None and state.intake.step == "add":
            text = (
                f"No.{state.intake.number} のご相談への追記をやめました。"
                "ご相談の状況は「相談状況を見る」からご確認いただけます。"
            )
            return Turn((Reply(text, (tickets.STATUS, MENU), kind="prompt"),), leave(state))
        if is_kept(state.intake):
            text = f"ご相談の入力を中止しました（まだお送りしていません）。\n{tickets.UNSENT}"
            choices: tuple[Choice, ...] = (tickets.RESUME, MENU)
        else:
            text, choices = (
                "ご相談の入力を中止しました。またいつでもお声がけください。",
                (consult(self.lib.ward), MENU),
            )
        return Turn((Reply(text, choices, kind="prompt"),), leave(state))

    def _candidates(self, query: str) -> tuple[Candidate, ...]:
        """The bot's best finds for the question, for the DX team to start from."""
        found: list[Candidate] = []
        for hit in self.searcher.search(query).hits[:MAX_CANDIDATES]:
            ref = entry_ref(hit.entry)
            shown = self.lib.get(ref) if ref else None
            if ref and shown is not None:
                found.append(Candidate(ref, self.lib.title(shown), round(hit.score, 3)))
        return tuple(found)


def leave(state: State) -> State:
    """``state`` without the form open in it; what was written, if anything, is kept to offer again."""
    if not is_kept(state.intake):
        return replace(state, intake=None)
    return replace(state, intake=None, left=state.intake)


def is_kept(intake: Intake | None) -> bool:
    """A consultation being written with its content: losing it would lose what was typed."""
    return intake is not None and intake.step != "add" and bool(intake.content)


def is_status_action(action: str) -> bool:
    """Whether the button ``action`` shows 相談状況, which itself says that a form is kept unsent."""
    return action == tickets.STATUS.action


def unsent_note() -> Reply:
    """Said after a form was left unsent by a button elsewhere: it is kept, and how to go back to it."""
    return Reply(tickets.UNSENT, (tickets.RESUME,), kind="prompt")


def _same_open(mine: list[Ticket], intake: Intake) -> Ticket | None:
    """An open consultation of theirs with the same content: sent twice, usually by mistake."""
    said = key_of(intake.content)
    return next((t for t in mine if t.is_open and key_of(t.content) == said), None)
