"""What a button does: the menu's pages, an entry, a token's pending step, or the consultation's buttons.

A button pressed elsewhere while the intake is open leaves it unsent,
kept, and says so with the button back to it. A button's action that is
unknown or whose token has expired gets a polite "start again" and the
menu, never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from bot.dialogue import browse, views
from bot.dialogue.answers import MAX_CANDIDATES, Answers, entry_page, refs_of
from bot.dialogue.desk import Desk
from bot.dialogue.intake import IntakeFlow, is_kept, is_status_action, leave, unsent_note
from bot.dialogue.library import Library, Shown, ref_of
from bot.dialogue.state import Pending, State
from bot.dialogue.turn import Turn
from bot.knowledge import Case, FaqEntry, Referral
from bot.values import START_ACTION, Choice, Reply

__all__ = ["Buttons"]


class Buttons:
    """Button presses over one library; stateless, shared between threads."""

    def __init__(self, lib: Library, answers: Answers, intake: IntakeFlow) -> None:
        self.lib = lib
        self.answers = answers
        self.intake = intake

    def on_action(self, action: str, state: State, desk: Desk, today: date) -> Turn:
        """A button: what it does; one elsewhere leaving a form with content says the form is kept.

        Unsaid, staff who looked at the side note's 回答を見る (shown with the form, to read before
        consulting) typed their section next as if still in the form, and it was searched instead.
        相談状況 says so itself, and a new form (相談する, 追記する) needs no word about the old one.
        """
        turn = self._pressed(action, state, desk, today)
        elsewhere = not action.startswith("in:") and not is_status_action(action)
        if not elsewhere or not is_kept(state.intake) or turn.state.intake is not None:
            return turn
        return replace(turn, replies=(*turn.replies, unsent_note()))

    def _pressed(self, action: str, state: State, desk: Desk, today: date) -> Turn:
        kind, _, arg = action.partition(":")
        if kind != "in" and state.intake is not None:
            state = leave(state)  # a button elsewhere leaves the intake, kept to offer again
        turn: Turn | None = None
        if kind in ("in", "cs"):
            turn = self.intake.on_action(kind, arg, state, desk, today)
        elif kind == "t":
            pending = state.pending(arg)
            turn = self._on_pending(pending, state, desk) if pending is not None else None
        elif kind in ("faq", "sec", "case", "ref"):
            shown = self.lib.get(action)
            turn = self._show(shown, state) if shown is not None else None
        elif action == "consult":
            turn = self.intake.start(state, desk)
        elif not arg:
            turn = self._on_plain(kind, state)
        else:
            turn = self._on_browse(kind, arg, state, desk)
        return turn if turn is not None else self.answers.restart(state)

    def _on_plain(self, kind: str, state: State) -> Turn | None:
        pages: dict[str, Callable[[Library], Reply]] = {
            START_ACTION: browse.menu,
            "cases": browse.case_menu,
        }
        view = pages.get(kind)
        if view is None:
            return self._on_list(kind, 1, state)
        return Turn((view(self.lib),), replace(state, shown=None, more=()))

    def _on_list(self, kind: str, page: int, state: State) -> Turn | None:
        """A list of buttons, at ``page`` (``menu:2``) when it has more than one reply's cards hold."""
        lists: dict[str, Callable[[Library, int], Reply]] = {
            "menu": browse.menu,
            "tools": browse.tool_list,
            "depts": browse.department_list,
            "manual": browse.chapters,
        }
        view = lists.get(kind)
        return Turn((view(self.lib, page),), replace(state, shown=None, more=())) if view else None

    def _on_browse(self, kind: str, arg: str, state: State, desk: Desk) -> Turn | None:
        kb = self.lib.kb
        if kind in ("menu", "tools", "depts", "manual"):
            page = _page_number(arg)
            return self._on_list(kind, page, state) if page else None
        if kind == "ch":
            chapter_id, paged, number = arg.partition(":")
            page = _page_number(number) if paged else 1
            shown = browse.chapter_page(self.lib, chapter_id, page) if page else None
            return Turn((shown,), replace(state, shown=None, more=())) if shown else None
        if kind == "consult":
            case = self.lib.get(arg)
            return self.intake.start(state, desk, case=case) if isinstance(case, Case) else None
        if kind == "tool":
            cases = tuple(c for c in kb.cases if arg in c.tools)
            return (
                self.answers.listing(f"「{arg}」を使った改善事例です（{len(cases)}件）。", cases, state)
                if cases
                else None
            )
        if kind == "dept":
            anchor = self.lib.cases.get(arg)
            if anchor is None:
                return None
            cases = tuple(c for c in kb.cases if c.section == anchor.section)
            return self.answers.listing(f"{anchor.section}の改善事例です（{len(cases)}件）。", cases, state)
        if kind in ("cat", "catof"):
            category = arg if kind == "cat" else browse.category_named_by(self.lib, arg)
            entries = tuple(e for e in kb.faq if category and e.category == category)
            label = browse.category_label(self.lib.ward, category or "")
            return (
                self.answers.listing(f"「{label}」のよくある質問です。", entries, state) if entries else None
            )
        return None

    def _show(self, shown: Shown, state: State) -> Turn:
        """An entry chosen by button.

        One of the candidates for the last question is an answer to it, with
        feedback buttons; so is any FAQ entry or referral (asked for through
        its title). A section or case picked while browsing is just shown.
        """
        ref = ref_of(shown)
        if ref in state.more:
            return self.answers.answer(shown, state.query, self.answers.entries(state.more), state)
        if isinstance(shown, FaqEntry | Referral):
            return self.answers.answer(shown, self.lib.title(shown), (), state)
        return Turn((entry_page(self.lib, shown),), replace(state, shown=ref, more=()))

    def _on_pending(self, pending: Pending, state: State, desk: Desk) -> Turn | None:
        if pending.op == "solved":
            reply = Reply(
                "お役に立ててよかったです。ほかにも気になることがあれば、いつでも入力してください。",
                (views.MENU,),
                kind="feedback",
                ref=pending.ref,
            )
            return Turn((reply,), state)
        if pending.op == "unsolved":
            return self._unsolved(pending, state)
        if pending.op == "none":
            state = replace(state, query=pending.query)
            return self.answers.offer_consult(
                "お探しの情報が見つからず、申し訳ありません。"
                f"{self.lib.ward.team}の担当者に直接ご相談いただけます。",
                state,
            )
        if pending.op == "consult":
            return self.intake.start(state, desk, query=pending.query)
        entries = self.answers.entries(pending.refs)
        return self.answers.listing("続きです。", entries, state) if entries else None

    def _unsolved(self, pending: Pending, state: State) -> Turn:
        state = replace(state, query=pending.query)
        others = self.answers.entries(pending.refs)
        if not others:
            return self.answers.offer_consult(
                f"お役に立てず申し訳ありません。{self.lib.ward.team}の担当者に直接ご相談いただけます。", state
            )
        state, consult = state.issue(Pending("consult", pending.query))
        reply = views.clarify(
            self.lib,
            others[:MAX_CANDIDATES],
            (Choice(self.lib.ward.consult_label, consult), views.MENU),
            "お役に立てず申し訳ありません。ほかに、次の情報が見つかっています。",
        )
        return Turn((reply,), replace(state, shown=None, more=refs_of(others)))


def _page_number(text: str) -> int | None:
    """A list's page from its button (``menu:2``): 1 to 999, or None for anything else."""
    return int(text) if text.isascii() and text.isdigit() and 0 < len(text) <= 3 and int(text) else None
