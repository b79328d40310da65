"""The conversation engine: one `Incoming` and the conversation's `State` in, replies and new state out.

`Engine.step` does no I/O of its own: it reads the knowledge, runs the
(CPU-bound, in-memory) search, asks the `Desk` it is given about
consultations, and returns a `Turn`. Callers load and store the state
(with the desk's changes, in one transaction) and deliver the replies; the
server runs `step` off the event loop. A caller that holds a lock during
the step (the conversation's row) first calls `Engine.ahead`, so that the
search, which depends only on the text and the knowledge, runs before the
lock is taken.

Text is handled in this order: an answer to the consultation intake's
question while it waits for one (`bot.dialogue.intake`); blank → a prompt;
"メニュー"/"ヘルプ" → the menu; "相談状況" → the staff member's
consultations; a menu button's label (手引きを読む), or 入力中の相談に戻る,
→ what the button does; an explicit wish to consult ("RPAの導入について相談したい")
→ the intake, with what the search finds about its topic as a side note (a
wish alone, "相談したい": the intake alone); a question after one's own consultation
(相談の返事まだ？) from someone who has one → 相談状況; an exact small-talk phrasing →
its answer (no search); はい, いいえ or emoji alone that none answers → a
prompt (いいえ: with the consultation);
"もっと詳しく" / "他には？" → a follow-up to the previous answer; "〇〇の事例" →
matching cases; anything else → a search, whose decision (answer / clarify
/ escalate) is taken as given. Every way to the DX team (escalate, 解決しない,
どれでもない, 他には's list, a case's 相談する, the menu) starts the intake. A button
pressed elsewhere while the intake is open leaves it unsent, kept, and says
so with the button back to it. A button's
action that is unknown or whose token has expired gets a polite "start
again" and the menu, never an error.

The engine reads the text and dispatches; what a button does is in
`bot.dialogue.buttons`, the replies that show knowledge (a search's
decision, the follow-ups) in `bot.dialogue.answers`, the consultation
intake in `bot.dialogue.intake`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Literal

from bot.dialogue import browse, tickets, views
from bot.dialogue.answers import FAINT, Answers
from bot.dialogue.buttons import Buttons
from bot.dialogue.desk import Desk
from bot.dialogue.formtext import is_status
from bot.dialogue.intake import MAX_TICKETS, IntakeFlow
from bot.dialogue.intents import (
    ConsultWish,
    asks_after_own,
    case_query,
    consult_wish,
    followup,
    is_back,
    is_cancel,
    is_goodbye,
    is_menu,
    key_of,
    reaction,
    typed_feedback,
)
from bot.dialogue.library import Library, entry_ref
from bot.dialogue.state import State
from bot.dialogue.turn import Known, Search, Turn
from bot.localtime import local_date
from bot.search.offers import close_hits
from bot.values import Incoming, Reply

__all__ = ["FAINT", "Engine", "Search", "Turn"]  # FAINT: `bot.dialogue.answers`, where it is used

SIDE_NOTES = 2
"""Entries shown beside the intake when staff ask to consult outright."""


class Engine:
    """Turns messages into replies over one knowledge base; safe to share between threads."""

    def __init__(self, searcher: Search, lib: Library | None = None) -> None:
        self.searcher = searcher
        self.lib = lib if lib is not None else Library.of(searcher.kb)
        self.intake = IntakeFlow(self.lib, searcher)
        self.answers = Answers(self.lib, searcher)
        self.buttons = Buttons(self.lib, self.answers, self.intake)

    def ahead(self, incoming: Incoming) -> Engine:
        """This engine with the searches ``incoming`` will need already done: call it before taking a lock.

        `step` on the engine returned gives the same turn as on this one; it
        finds the results ready instead of searching. Only a typed message
        that no fixed phrase answers is searched; during the consultation
        intake such a text is searched even though only its first answer uses
        it (a millisecond or two, and it keeps this free of the state). A
        button that needs a search (consulting about an earlier question)
        still searches in `step`.
        """
        text = incoming.text
        queries = self._searched(text) if incoming.action is None and text is not None else ()
        if not queries:
            return self
        return Engine(Known(self.searcher, {q: self.searcher.search(q) for q in queries}), self.lib)

    def step(self, incoming: Incoming, state: State, desk: Desk) -> Turn:
        """Answer one message or button press of the staff member ``desk`` serves."""
        today = local_date(incoming.received_at)
        if incoming.action is not None:
            return self.buttons.on_action(incoming.action.strip(), state, desk, today)
        return self._on_text(incoming.text or "", state, desk, today)

    def unreadable(self, state: State) -> tuple[Reply, ...]:
        """The answer to a sticker, an image, a file or a location: please write instead.

        While the consultation form waits for an answer, its question is asked again with it, so that
        staff see where they were; the state is not changed (the form waits where it was).
        """
        if state.intake is None:
            return (views.TEXT_ONLY,)
        return self.intake.ask_again(state, views.TEXT_ONLY_IN_FORM).replies

    def too_long(self, state: State) -> tuple[Reply, ...]:
        """The answer to a text too long to be read (`bot.values.UNREAD_TEXT`): please send it in parts.

        Like `unreadable`, the form's question is asked again with it and the state is not changed.
        """
        if state.intake is None:
            return (views.TOO_LONG,)
        return self.intake.ask_again(state, views.TOO_LONG_IN_FORM).replies

    # -- text ---------------------------------------------------------------

    def _on_text(self, text: str, state: State, desk: Desk, today: date) -> Turn:
        if state.intake is not None:
            return self.intake.on_text(text, state, desk, today)
        if not text.strip():
            menu = browse.menu(self.lib)
            prompt = Reply("ご質問やご用件を入力してください。", menu.choices, kind="prompt")
            return Turn((prompt,), state)
        if is_goodbye(text):
            goodbye = views.goodbye(self.lib, browse.menu(self.lib))
            return Turn((goodbye,), replace(state, shown=None, more=()))
        if _is_command(text):
            return self.answers.menu(state)
        if is_status(text):
            return self.intake.status(state, desk)
        verdict = typed_feedback(text)
        if verdict is not None:  # with no answer awaiting it, about the bot's own: glad, or the consultation
            own = _own_feedback(state, verdict)
            if own is not None:  # the bot's answer on screen waits for 解決した / 解決しない
                return self.buttons.on_action(own, state, desk, today)
            fed_back = self.intake.sent.typed_feedback(verdict, state, desk, MAX_TICKETS)
            if fed_back is not None:
                return fed_back
            if verdict == "ng":
                return self.answers.react("no", state)
            return Turn((views.glad(browse.menu(self.lib)),), state)
        pressed = self._menu_button(text)
        if pressed is not None:
            return self.buttons.on_action(pressed, state, desk, today)
        wish = consult_wish(text)
        if wish is not None:
            return self._consult_directly(text, wish, state, desk)
        if asks_after_own(text) and desk.tickets(1):
            return self.intake.status(state, desk)
        talk = self.lib.smalltalk_of(text)
        if talk is not None:
            return Turn((views.smalltalk(self.lib.smalltalk[talk], browse.menu(self.lib)),), state)
        felt = reaction(text)
        if felt is not None:
            return self.answers.react(felt, state)
        match followup(text):
            case "detail":
                return self.answers.detail(state)
            case "other":
                return self.answers.other(state)
        wanted = case_query(text)
        if wanted is not None:
            return self.answers.find_cases(wanted.topic, text, state)
        result = self.searcher.search(text)
        turn = self.answers.on_result(result, state)
        decided = (replace(r, decision=result.decision, confidence=result.confidence) for r in turn.replies)
        return Turn(tuple(decided), turn.state)

    def _searched(self, text: str) -> tuple[str, ...]:
        """What `_on_text` searches for ``text`` outside the intake, in its order of checks."""
        if not text.strip() or _is_command(text) or is_status(text) or self._menu_button(text) is not None:
            return ()
        wish = consult_wish(text)
        if wish is not None:  # the intake's candidates, and the side note; neither for a wish alone
            if wish.topic:
                return (text, wish.topic)
            return (text,) if wish.goes_on else ()
        if (
            self.lib.smalltalk_of(text) is not None
            or reaction(text) is not None
            or typed_feedback(text) is not None
            or followup(text) is not None
            or case_query(text) is not None
        ):
            return ()
        return (text,)

    def _menu_button(self, text: str) -> str | None:
        """The action of the menu's button whose label ``text`` is (ガイドを読む typed in), else None.

        Staff type what they see on a button as often as they press it (a channel without buttons, or
        the menu scrolled away); searched, the label found the FAQ entry that names it (手引きを読む:
        where the manual is kept, not the manual). 「入力中の相談に戻る」, which the bot tells staff to
        use when it keeps a form unsent, counts as one too: searched, it found how to apply by form.
        """
        key = key_of(text)
        buttons = (*browse.menu(self.lib).choices, tickets.RESUME)
        return next((c.action for c in buttons if key_of(c.label) == key), None)

    def _consult_directly(self, text: str, wish: ConsultWish, state: State, desk: Desk) -> Turn:
        """Start the intake at once, with the best finds (if any) about its topic as a side note before it.

        The side note is searched for by what the wish is about alone: the
        frame (について相談したい) would only find entries about consulting.
        A wish with nothing about what (相談したいです) just opens the form:
        what it found was about consulting in general, beside the point.
        """
        said = bool(wish.topic or wish.goes_on)
        turn = self.intake.start(state, desk, query=text if said else "")
        if not said:
            return turn
        result = self.searcher.search(wish.topic or text)
        found = self.answers.entries(entry_ref(h.entry) for h in close_hits(result.hits))
        if result.decision == "escalate" or not found:
            return turn
        # What follows the wish (相談したいです。毎月の…) was searched with it: only the closest find is sure.
        shown = found[: SIDE_NOTES if wish.topic else 1]
        note = Reply(
            "ご参考までに、関係がありそうな情報です。相談の前にご覧いただくと、すぐに解決するかもしれません。",
            (),
            tuple(views.card_of(self.lib, entry) for entry in shown),
            kind="list",
        )
        return replace(turn, replies=(note, *turn.replies))


def _is_command(text: str) -> bool:
    """A message that is a command, never a question: the menu, a way back, a cancel or a goodbye.

    Outside the consultation form there is nothing to go back from or call
    off, so every one of them but the goodbye shows the menu.
    """
    return is_menu(text) or is_back(text) or is_cancel(text) or is_goodbye(text)


def _own_feedback(state: State, verdict: Literal["ok", "ng"]) -> str | None:
    """The action of the 解決した / 解決しない button of the bot's answer on screen, if one waits for it.

    Typed feedback goes to the bot's own answer first: taken for a consultation's, 「解決しない」 (that
    answer's button, typed) would reopen a consultation the DX team had answered.
    """
    if state.shown is None:
        return None
    op = "solved" if verdict == "ok" else "unsolved"
    tokens = reversed(state.tokens)
    return next((f"t:{key}" for key, p in tokens if p.op == op and p.ref == state.shown), None)
