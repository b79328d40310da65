"""The replies that show knowledge for the conversation's state: search results, follow-ups, lists.

`Answers` turns what the search decided (`Answers.on_result`) into an
answer with feedback buttons, candidates (もしかして) or the offer to
consult, and answers the follow-ups on the previous reply (もっと詳しく,
他には, はい/いいえ). It issues the buttons' tokens in the state it returns;
the views it uses are pure (`bot.dialogue.views`). The engine
(`bot.dialogue.engine`) and the buttons (`bot.dialogue.buttons`) share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.dialogue import browse, views
from bot.dialogue.intents import Reaction, match_cases
from bot.dialogue.library import Library, Shown, entry_ref, ref_of
from bot.dialogue.state import Pending, State
from bot.dialogue.turn import Search, Turn
from bot.knowledge import Case, FaqEntry, Section
from bot.search import SearchResult
from bot.search.offers import close_hits
from bot.values import MAX_CARDS, Choice, Reply

__all__ = ["FAINT", "MAX_CANDIDATES", "MAX_STORED_QUERY", "Answers", "entry_page", "refs_of"]

MAX_CANDIDATES = 5
MAX_STORED_QUERY = 300
"""Characters of a question kept in the state, to quote it back when the user consults."""
FAINT = 0.1
"""Below this confidence the candidates offered are a long shot: the reply says nothing fits and offers the
consultation beside them (a question from elsewhere, 駅前でおすすめのラーメン屋を教えて, lands here)."""


class Answers:
    """The knowledge's replies over one library and search; stateless, shared between threads."""

    def __init__(self, lib: Library, searcher: Search) -> None:
        self.lib = lib
        self.searcher = searcher

    def on_result(self, result: SearchResult, state: State) -> Turn:
        """What the search decided: the answer, candidates (もしかして) or the offer to consult."""
        query = result.query[:MAX_STORED_QUERY]
        top = result.hits[0].entry if result.hits else None
        if result.decision == "answer" and top is not None and top.kind == "smalltalk":
            talk = self.lib.smalltalk[top.id]
            return Turn((views.smalltalk(talk, browse.menu(self.lib)),), state)
        found = self.entries(entry_ref(h.entry) for h in close_hits(result.hits))
        if result.decision == "answer" and found:
            return self.answer(found[0], query, found[1:], state)
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
            return Turn((reply,), replace(state, shown=None, more=refs_of(found), query=query))
        state, consult = state.issue(Pending("consult", query))
        choices = (Choice(self.lib.ward.consult_label, consult), views.MENU)
        not_found = (
            f"申し訳ありません。「{views.excerpt(query, 40)}」にぴったり合う情報は、"
            f"{self.lib.sources}の中に見つかりませんでした。"
        )
        if result.decision == "clarify" and found:  # a long shot: the candidates and the consultation
            lead = (
                f"{not_found}近いかもしれない項目を挙げます。"
                f"{'こちらでなければ' if one else 'どれでもなければ'}、"
                f"{self.lib.ward.team}の担当者に直接ご相談いただけます。"
            )
            reply = views.clarify(self.lib, found[:MAX_CANDIDATES], choices, lead)
            return Turn((reply,), replace(state, shown=None, more=refs_of(found), query=query))
        reply = Reply(
            f"{not_found}言い換えて入力していただくと見つかることもあります。\n"
            f"{self.lib.ward.team}の担当者に直接ご相談いただくこともできます。",
            choices,
            kind="escalate",
        )
        return Turn((reply,), replace(state, shown=None, more=(), query=query))

    def answer(self, shown: Shown, query: str, others: Sequence[Shown], state: State) -> Turn:
        """``shown`` as the answer to ``query``, with 解決した / 解決しない (which offers ``others``)."""
        ref = ref_of(shown)
        rest = tuple(r for r in refs_of(others) if r != ref)
        state, solved = state.issue(Pending("solved", query, ref))
        state, unsolved = state.issue(Pending("unsolved", query, ref, rest))
        feedback = (Choice("解決した", solved), Choice("解決しない", unsolved))
        reply = views.answer(self.lib, shown, feedback)
        return Turn((reply,), replace(state, shown=ref, more=rest, query=query))

    def find_cases(self, topic: str, text: str, state: State) -> Turn:
        """The cases about ``topic`` (〇〇の事例; ``text`` searched when none names it), or the way in."""
        if not topic:
            return Turn((browse.case_menu(self.lib),), replace(state, shown=None, more=()))
        name, cases = match_cases(self.lib.kb, topic)
        if not cases:
            found = self.entries(entry_ref(h.entry) for h in self.searcher.search(text).hits)
            cases = tuple(e for e in found if isinstance(e, Case))
        if not cases:
            reply = Reply(
                "お探しの改善事例は見つかりませんでした。ツールや担当の課から探してみてください。",
                (Choice("ツールから探す", "tools"), Choice("課から探す", "depts"), views.MENU),
                kind="list",
            )
            return Turn((reply,), replace(state, shown=None, more=()))
        return self.listing(f"「{name}」の改善事例が{len(cases)}件見つかりました。", cases, state)

    def detail(self, state: State) -> Turn:
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
        linked = self.linked(shown)
        if not linked:
            return self.offer_consult(
                f"「{self.lib.title(shown)}」について、これ以上詳しい資料は用意していません。"
                f"{self.lib.ward.team}の担当者に直接ご相談いただけます。",
                state,
            )
        lead = f"「{self.lib.title(shown)}」について、関連する資料をご紹介します。"
        if len(linked) > 1:
            lead += "ほかにもあります。「他には」と入力するとご覧いただけます。"
        page = entry_page(self.lib, linked[0])
        return Turn(
            (Reply(lead, kind="prompt"), page), replace(state, shown=page.ref, more=refs_of(linked[1:]))
        )

    def other(self, state: State) -> Turn:
        """Answer "他には？": the entries found but not shown yet, or an offer to consult.

        The list offers the consultation too, as every other answer does: what is wanted may not be in it.
        """
        entries = self.entries(state.more)
        if not entries:
            return self.offer_consult(
                "申し訳ありません。ほかにお示しできる情報は見つかりませんでした。"
                f"言い換えて入力していただくか、{self.lib.ward.team}に直接ご相談ください。",
                state,
            )
        lead = (
            "ほかに、次の情報があります。この中にお探しの内容がなければ、"
            f"{self.lib.ward.team}の担当者に直接ご相談いただけます。"
        )
        turn = self.listing(lead, entries, state)
        (page,) = turn.replies
        state, consult = turn.state.issue(Pending("consult", state.query))
        choices = (*page.choices[:-1], Choice(self.lib.ward.consult_label, consult), views.MENU)
        return Turn((replace(page, choices=choices),), state)

    def react(self, felt: Reaction, state: State) -> Turn:
        """はい, いいえ or emoji alone that the knowledge's small talk does not answer: never searched.

        いいえ most often turns down what was just offered, so it offers the consultation about the
        last question, as どれでもない does.
        """
        if felt != "no":
            return Turn((views.reacted(felt, browse.menu(self.lib)),), state)
        state, consult = state.issue(Pending("consult", state.query))
        return Turn((views.declined(self.lib.ward, consult),), state)

    def offer_consult(self, text: str, state: State) -> Turn:
        """``text`` with the button to consult about the last question, and the menu."""
        state, consult = state.issue(Pending("consult", state.query))
        reply = Reply(text, (Choice(self.lib.ward.consult_label, consult), views.MENU), kind="escalate")
        return Turn((reply,), state)

    def listing(self, text: str, entries: Sequence[Shown], state: State) -> Turn:
        """Up to ten entries as cards; the rest behind "続きを見る" (and "他には")."""
        page = browse.list_page(self.lib, text, entries)
        rest = refs_of(entries[MAX_CARDS:])
        if rest:
            state, more = state.issue(Pending("list", refs=rest))
            page = replace(
                page,
                text=f"{page.text}\n（ほかに{len(rest)}件あります。「続きを見る」でご覧いただけます。）",
                choices=(Choice("続きを見る", more), views.MENU),
            )
        return Turn((page,), replace(state, shown=None, more=rest))

    def menu(self, state: State) -> Turn:
        """The menu; the previous answer is no longer the one follow-ups refer to."""
        return Turn((browse.menu(self.lib),), replace(state, shown=None, more=()))

    def restart(self, state: State) -> Turn:
        """A polite "start again" with the menu's buttons, for a button unknown or expired."""
        return Turn((browse.restart(self.lib),), replace(state, shown=None, more=()))

    def entries(self, refs: Iterable[str | None]) -> list[Shown]:
        """The entries that still exist for ``refs`` (knowledge may have been reloaded since)."""
        found: list[Shown] = []
        for ref in refs:
            entry = self.lib.get(ref) if ref else None
            if entry is not None and entry not in found:
                found.append(entry)
        return found

    def linked(self, shown: Shown) -> list[Section | Case]:
        """What an entry links to (manual sections, cases), for "もっと詳しく"."""
        if isinstance(shown, FaqEntry):
            refs = [f"sec:{r}" for r in shown.manual] + [f"case:{c}" for c in shown.cases]
        elif isinstance(shown, Case):
            refs = [f"sec:{r}" for r in shown.manual]
        elif isinstance(shown, Section):
            refs = [f"case:{c.id}" for c in self.lib.cases_of_section.get(shown.ref, ())]
        else:
            refs = []
        return [e for e in self.entries(refs) if isinstance(e, Section | Case)]


def entry_page(lib: Library, shown: Section | Case) -> Reply:
    """A section or case in detail, read while browsing."""
    if isinstance(shown, Case):
        return views.case_detail(lib, shown)
    return views.section_page(lib, shown)


def refs_of(entries: Sequence[Shown]) -> tuple[str, ...]:
    """The refs of ``entries``, in order."""
    return tuple(ref_of(e) for e in entries)
