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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from bot.dialogue import browse, tickets, views
from bot.dialogue.desk import Desk
from bot.dialogue.intake import (
    IntakeFlow,
    is_kept,
    is_status,
    is_status_action,
    leave,
    unsent_note,
)
from bot.dialogue.intents import (
    ConsultWish,
    Reaction,
    asks_after_own,
    case_query,
    consult_wish,
    followup,
    is_back,
    is_cancel,
    is_goodbye,
    is_menu,
    key_of,
    match_cases,
    reaction,
)
from bot.dialogue.library import Library, Shown, entry_ref, ref_of
from bot.dialogue.state import Pending, State
from bot.dialogue.turn import Known, Search, Turn
from bot.knowledge import Case, FaqEntry, Referral, Section
from bot.localtime import local_date
from bot.search import Hit, SearchResult
from bot.values import MAX_CARDS, START_ACTION, Choice, Incoming, Reply

__all__ = ["Engine", "Search", "Turn"]

MAX_CANDIDATES = 5
CLOSE_SHARE = 0.65
CLOSE_SHARE_EXPLAINED = 0.4
"""Shares of the best score a candidate needs to be offered, in general and when it mentions every
content noun of the question (`close_hits`)."""
SIDE_NOTES = 2
"""Entries shown beside the intake when staff ask to consult outright."""
MAX_STORED_QUERY = 300
"""Characters of a question kept in the state, to quote it back when the user consults."""
FAINT = 0.1
"""Below this confidence the candidates offered are a long shot: the reply says nothing fits and offers the
consultation beside them (a question from elsewhere, 駅前でおすすめのラーメン屋を教えて, lands here)."""


class Engine:
    """Turns messages into replies over one knowledge base; safe to share between threads."""

    def __init__(self, searcher: Search, lib: Library | None = None) -> None:
        self.searcher = searcher
        self.lib = lib if lib is not None else Library.of(searcher.kb)
        self.intake = IntakeFlow(self.lib, searcher)

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
            return self._on_action(incoming.action.strip(), state, desk, today)
        return self._on_text(incoming.text or "", state, desk, today)

    def unreadable(self, state: State) -> tuple[Reply, ...]:
        """The answer to a sticker, an image, a file or a location: please write instead.

        While the consultation form waits for an answer, its question is asked again with it, so that
        staff see where they were; the state is not changed (the form waits where it was).
        """
        if state.intake is None:
            return (views.TEXT_ONLY,)
        return self.intake.ask_again(state, views.TEXT_ONLY_IN_FORM).replies

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
            return self._menu(state)
        if is_status(text):
            return self.intake.status(state, desk)
        pressed = self._menu_button(text)
        if pressed is not None:
            return self._on_action(pressed, state, desk, today)
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
            return self._react(felt, state)
        match followup(text):
            case "detail":
                return self._detail(state)
            case "other":
                return self._other(state)
        wanted = case_query(text)
        if wanted is not None:
            return self._find_cases(wanted.topic, text, state)
        result = self.searcher.search(text)
        turn = self._on_result(result, state)
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

    def _on_result(self, result: SearchResult, state: State) -> Turn:
        query = result.query[:MAX_STORED_QUERY]
        top = result.hits[0].entry if result.hits else None
        if result.decision == "answer" and top is not None and top.kind == "smalltalk":
            talk = self.lib.smalltalk[top.id]
            return Turn((views.smalltalk(talk, browse.menu(self.lib)),), state)
        found = self._entries(entry_ref(h.entry) for h in close_hits(result.hits))
        if result.decision == "answer" and found:
            return self._answer(found[0], query, found[1:], state)
        one = len(found) == 1
        if result.decision == "clarify" and found and result.confidence >= FAINT:
            state, none = state.issue(Pending("none", query))
            reply = views.clarify(
                self.lib,
                found[:MAX_CANDIDATES],
                (Choice("違います" if one else "どれでもない", none), views.MENU),
                "もしかして、こちらについてのご質問でしょうか？"
                if one
                else "もしかして、次のどれかについてのご質問でしょうか？",
            )
            return Turn((reply,), replace(state, shown=None, more=_refs(found), query=query))
        state, consult = state.issue(Pending("consult", query))
        choices = (Choice(self.lib.ward.consult_label, consult), views.MENU)
        not_found = (
            f"申し訳ありません。「{views.excerpt(query, 40)}」にぴったり合う情報は、よくある質問・"
            f"{self.lib.ward.manual_short}・改善事例の中に見つかりませんでした。"
        )
        if result.decision == "clarify" and found:  # a long shot: the candidates and the consultation
            lead = (
                f"{not_found}近いかもしれない項目を挙げます。"
                f"{'こちらでなければ' if one else 'どれでもなければ'}、"
                f"{self.lib.ward.team}の担当者に直接ご相談いただけます。"
            )
            reply = views.clarify(self.lib, found[:MAX_CANDIDATES], choices, lead)
            return Turn((reply,), replace(state, shown=None, more=_refs(found), query=query))
        reply = Reply(
            f"{not_found}言い換えて入力していただくと見つかることもあります。\n"
            f"{self.lib.ward.team}の担当者に直接ご相談いただくこともできます。",
            choices,
            kind="escalate",
        )
        return Turn((reply,), replace(state, shown=None, more=(), query=query))

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
        found = self._entries(entry_ref(h.entry) for h in close_hits(result.hits))
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

    def _answer(self, shown: Shown, query: str, others: Sequence[Shown], state: State) -> Turn:
        ref = ref_of(shown)
        rest = tuple(r for r in _refs(others) if r != ref)
        state, solved = state.issue(Pending("solved", query, ref))
        state, unsolved = state.issue(Pending("unsolved", query, ref, rest))
        feedback = (Choice("解決した", solved), Choice("解決しない", unsolved))
        reply = views.answer(self.lib, shown, feedback)
        return Turn((reply,), replace(state, shown=ref, more=rest, query=query))

    def _find_cases(self, topic: str, text: str, state: State) -> Turn:
        if not topic:
            return Turn((browse.case_menu(self.lib),), replace(state, shown=None, more=()))
        name, cases = match_cases(self.lib.kb, topic)
        if not cases:
            found = self._entries(entry_ref(h.entry) for h in self.searcher.search(text).hits)
            cases = tuple(e for e in found if isinstance(e, Case))
        if not cases:
            reply = Reply(
                "お探しの改善事例は見つかりませんでした。ツールや担当の課から探してみてください。",
                (Choice("ツールから探す", "tools"), Choice("課から探す", "depts"), views.MENU),
                kind="list",
            )
            return Turn((reply,), replace(state, shown=None, more=()))
        return self._list(f"「{name}」の改善事例が{len(cases)}件見つかりました。", cases, state)

    def _detail(self, state: State) -> Turn:
        """Answer "もっと詳しく": what the previous answer links to, or an offer to consult."""
        shown = self.lib.get(state.shown) if state.shown else None
        if shown is None:
            reply = Reply(
                "どの内容について詳しくお知りになりたいか、分かりませんでした。"
                "知りたいことを入力するか、メニューからお選びください。",
                browse.menu(self.lib).choices,
                kind="prompt",
            )
            return Turn((reply,), state)
        linked = self._linked(shown)
        if not linked:
            return self._offer_consult(
                f"「{self.lib.title(shown)}」について、これ以上詳しい資料は用意していません。"
                f"{self.lib.ward.team}の担当者に直接ご相談いただけます。",
                state,
            )
        lead = f"「{self.lib.title(shown)}」について、関連する資料をご紹介します。"
        if len(linked) > 1:
            lead += "ほかにもあります。「他には」と入力するとご覧いただけます。"
        page = _page(self.lib, linked[0])
        return Turn(
            (Reply(lead, kind="prompt"), page), replace(state, shown=page.ref, more=_refs(linked[1:]))
        )

    def _other(self, state: State) -> Turn:
        """Answer "他には？": the entries found but not shown yet, or an offer to consult.

        The list offers the consultation too, as every other answer does: what is wanted may not be in it.
        """
        entries = self._entries(state.more)
        if not entries:
            return self._offer_consult(
                "申し訳ありません。ほかにお示しできる情報は見つかりませんでした。"
                f"言い換えて入力していただくか、{self.lib.ward.team}に直接ご相談ください。",
                state,
            )
        lead = (
            "ほかに、次の情報があります。この中にお探しの内容がなければ、"
            f"{self.lib.ward.team}の担当者に直接ご相談いただけます。"
        )
        turn = self._list(lead, entries, state)
        (page,) = turn.replies
        state, consult = turn.state.issue(Pending("consult", state.query))
        choices = (*page.choices[:-1], Choice(self.lib.ward.consult_label, consult), views.MENU)
        return Turn((replace(page, choices=choices),), state)

    def _react(self, felt: Reaction, state: State) -> Turn:
        """はい, いいえ or emoji alone that the knowledge's small talk does not answer: never searched.

        いいえ most often turns down what was just offered, so it offers the consultation about the
        last question, as どれでもない does.
        """
        if felt != "no":
            return Turn((views.reacted(felt, browse.menu(self.lib)),), state)
        state, consult = state.issue(Pending("consult", state.query))
        return Turn((views.declined(self.lib.ward, consult),), state)

    def _offer_consult(self, text: str, state: State) -> Turn:
        state, consult = state.issue(Pending("consult", state.query))
        reply = Reply(text, (Choice(self.lib.ward.consult_label, consult), views.MENU), kind="escalate")
        return Turn((reply,), state)

    def _list(self, text: str, entries: Sequence[Shown], state: State) -> Turn:
        """Up to ten entries as cards; the rest behind "続きを見る" (and "他には")."""
        page = browse.list_page(self.lib, text, entries)
        rest = _refs(entries[MAX_CARDS:])
        if rest:
            state, more = state.issue(Pending("list", refs=rest))
            page = replace(
                page,
                text=f"{page.text}\n（ほかに{len(rest)}件あります。「続きを見る」でご覧いただけます。）",
                choices=(Choice("続きを見る", more), views.MENU),
            )
        return Turn((page,), replace(state, shown=None, more=rest))

    # -- buttons ------------------------------------------------------------

    def _on_action(self, action: str, state: State, desk: Desk, today: date) -> Turn:
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
        return turn if turn is not None else self._restart(state)

    def _on_plain(self, kind: str, state: State) -> Turn | None:
        pages: dict[str, Callable[[Library], Reply]] = {
            "menu": browse.menu,
            START_ACTION: browse.menu,
            "cases": browse.case_menu,
            "tools": browse.tool_list,
            "depts": browse.department_list,
            "manual": browse.chapters,
        }
        view = pages.get(kind)
        return Turn((view(self.lib),), replace(state, shown=None, more=())) if view else None

    def _on_browse(self, kind: str, arg: str, state: State, desk: Desk) -> Turn | None:
        kb = self.lib.kb
        if kind == "ch":
            page = browse.chapter_page(self.lib, arg)
            return Turn((page,), replace(state, shown=None, more=())) if page else None
        if kind == "consult":
            case = self.lib.get(arg)
            return self.intake.start(state, desk, case=case) if isinstance(case, Case) else None
        if kind == "tool":
            cases = tuple(c for c in kb.cases if arg in c.tools)
            return (
                self._list(f"「{arg}」を使った改善事例です（{len(cases)}件）。", cases, state)
                if cases
                else None
            )
        if kind == "dept":
            anchor = self.lib.cases.get(arg)
            if anchor is None:
                return None
            cases = tuple(c for c in kb.cases if c.section == anchor.section)
            return self._list(f"{anchor.section}の改善事例です（{len(cases)}件）。", cases, state)
        if kind in ("cat", "catof"):
            category = arg if kind == "cat" else browse.category_named_by(self.lib, arg)
            entries = tuple(e for e in kb.faq if category and e.category == category)
            label = browse.category_label(self.lib.ward, category or "")
            return self._list(f"「{label}」のよくある質問です。", entries, state) if entries else None
        return None

    def _show(self, shown: Shown, state: State) -> Turn:
        """An entry chosen by button.

        One of the candidates for the last question is an answer to it, with
        feedback buttons; so is any FAQ entry or referral (asked for through
        its title). A section or case picked while browsing is just shown.
        """
        ref = ref_of(shown)
        if ref in state.more:
            return self._answer(shown, state.query, self._entries(state.more), state)
        if isinstance(shown, FaqEntry | Referral):
            return self._answer(shown, self.lib.title(shown), (), state)
        return Turn((_page(self.lib, shown),), replace(state, shown=ref, more=()))

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
            return self._offer_consult(
                "お探しの情報が見つからず、申し訳ありません。"
                f"{self.lib.ward.team}の担当者に直接ご相談いただけます。",
                state,
            )
        if pending.op == "consult":
            return self.intake.start(state, desk, query=pending.query)
        entries = self._entries(pending.refs)
        return self._list("続きです。", entries, state) if entries else None

    def _unsolved(self, pending: Pending, state: State) -> Turn:
        state = replace(state, query=pending.query)
        others = self._entries(pending.refs)
        if not others:
            return self._offer_consult(
                f"お役に立てず申し訳ありません。{self.lib.ward.team}の担当者に直接ご相談いただけます。", state
            )
        state, consult = state.issue(Pending("consult", pending.query))
        reply = views.clarify(
            self.lib,
            others[:MAX_CANDIDATES],
            (Choice(self.lib.ward.consult_label, consult), views.MENU),
            "お役に立てず申し訳ありません。ほかに、次の情報が見つかっています。",
        )
        return Turn((reply,), replace(state, shown=None, more=_refs(others)))

    def _menu(self, state: State) -> Turn:
        return Turn((browse.menu(self.lib),), replace(state, shown=None, more=()))

    def _restart(self, state: State) -> Turn:
        return Turn((browse.restart(), browse.menu(self.lib)), replace(state, shown=None, more=()))

    # -- lookups ------------------------------------------------------------

    def _entries(self, refs: Iterable[str | None]) -> list[Shown]:
        """The entries that still exist for ``refs`` (knowledge may have been reloaded since)."""
        found: list[Shown] = []
        for ref in refs:
            entry = self.lib.get(ref) if ref else None
            if entry is not None and entry not in found:
                found.append(entry)
        return found

    def _linked(self, shown: Shown) -> list[Section | Case]:
        """What an entry links to (manual sections, cases), for "もっと詳しく"."""
        if isinstance(shown, FaqEntry):
            refs = [f"sec:{r}" for r in shown.manual] + [f"case:{c}" for c in shown.cases]
        elif isinstance(shown, Case):
            refs = [f"sec:{r}" for r in shown.manual]
        elif isinstance(shown, Section):
            refs = [f"case:{c.id}" for c in self.lib.cases_of_section.get(shown.ref, ())]
        else:
            refs = []
        return [e for e in self._entries(refs) if isinstance(e, Section | Case)]


def _page(lib: Library, shown: Section | Case) -> Reply:
    """A section or case in detail, read while browsing."""
    if isinstance(shown, Case):
        return views.case_detail(lib, shown)
    return views.section_page(lib, shown)


def close_hits(hits: Sequence[Hit]) -> Sequence[Hit]:
    """The hits worth offering beside or instead of the best one.

    A hit is close when it scores nearly as well as the best one, or when it
    mentions every content noun of the question and still scores fairly. A
    runner-up that merely shares a common word with the question looks like
    noise after 解決しない or among もしかして.
    """
    if not hits:
        return hits
    best = hits[0].score
    return [
        h
        for h in hits
        if h.score >= CLOSE_SHARE * best or (h.explained >= 1.0 and h.score >= CLOSE_SHARE_EXPLAINED * best)
    ]


def _refs(entries: Sequence[Shown]) -> tuple[str, ...]:
    return tuple(ref_of(e) for e in entries)


def _is_command(text: str) -> bool:
    """A message that is a command, never a question: the menu, a way back, a cancel or a goodbye.

    Outside the consultation form there is nothing to go back from or call
    off, so every one of them but the goodbye shows the menu.
    """
    return is_menu(text) or is_back(text) or is_cancel(text) or is_goodbye(text)
