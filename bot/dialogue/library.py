"""The knowledge as the engine looks it up: by reference, by link and by group.

A reference (``ref``) names one entry the way a button action does:
``faq:<id>``, ``sec:<chapter>#<section>``, ``case:<id>`` or ``ref:<id>``
(a referral). The same string is a button's action, so "show this entry" is
always the entry's ref.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.dialogue.courtesy import courtesies
from bot.dialogue.intents import key_of, smalltalk_keys
from bot.knowledge import Case, Chapter, FaqEntry, KnowledgeBase, Referral, Section, SmallTalk, Ward

if TYPE_CHECKING:  # only named: the engine that looks entries up has the search loaded
    from bot.search import Entry

__all__ = ["Library", "Shown", "entry_ref", "ref_of"]

Shown = FaqEntry | Section | Case | Referral
"""An entry that can be shown in detail."""

_PREFIX = {"faq": "faq", "manual": "sec", "case": "case", "referral": "ref"}


@dataclass(frozen=True)
class Library:
    """Lookups over one `KnowledgeBase`, built once; immutable like the knowledge."""

    kb: KnowledgeBase
    faq: dict[str, FaqEntry]
    cases: dict[str, Case]
    referrals: dict[str, Referral]
    smalltalk: dict[str, SmallTalk]
    chapters: dict[str, Chapter]
    cases_of_section: dict[str, tuple[Case, ...]]
    smalltalk_by_key: dict[str, str]

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Library:
        """Index ``kb`` for lookups."""
        talks = kb.smalltalk or courtesies(kb.ward)  # a ward's own FAQ alone still answers こんにちは
        linked: defaultdict[str, list[Case]] = defaultdict(list)
        for case in kb.cases:
            for ref in case.manual:
                linked[ref].append(case)
        return cls(
            kb=kb,
            faq={e.id: e for e in kb.faq},
            cases={c.id: c for c in kb.cases},
            referrals={r.id: r for r in kb.referrals},
            smalltalk={t.id: t for t in talks},
            chapters={c.id: c for c in kb.chapters},
            cases_of_section={ref: tuple(cases) for ref, cases in linked.items()},
            smalltalk_by_key=smalltalk_keys(talks),
        )

    @property
    def ward(self) -> Ward:
        """The ward's own names, as the knowledge gives them."""
        return self.kb.ward

    @property
    def sources(self) -> str:
        """What the bot answers from, as staff are told: よくある質問・手引き・改善事例, those it has only.

        A ward that brings its FAQ alone has no manual and no cases to send anyone looking in.
        """
        manual = (self.ward.manual_short,) if self.kb.chapters else ()
        return "・".join(("よくある質問", *manual, *(("改善事例",) if self.kb.cases else ())))

    def smalltalk_of(self, text: str) -> str | None:
        """The id of the small-talk entry one of whose phrasings is the message, punctuation aside."""
        return self.smalltalk_by_key.get(key_of(text))

    def get(self, ref: str) -> Shown | None:
        """The entry ``ref`` names, or None when it does not exist (any more)."""
        kind, _, key = ref.partition(":")
        if kind == "faq":
            return self.faq.get(key)
        if kind == "sec":
            return self.kb.section(key)
        if kind == "case":
            return self.cases.get(key)
        if kind == "ref":
            return self.referrals.get(key)
        return None

    def title(self, shown: Shown) -> str:
        """A title that names the entry on its own (a button label, a card title)."""
        if isinstance(shown, FaqEntry):
            return shown.question
        if isinstance(shown, Section):
            return f"{self.chapters[shown.chapter_id].title}「{shown.title}」"
        if isinstance(shown, Case):
            return shown.title
        return f"{shown.topic}のお問い合わせ先"

    def source_label(self, shown: Shown) -> str:
        """Where an answer comes from, as staff would cite it."""
        if isinstance(shown, FaqEntry):
            return f"よくある質問「{shown.question}」"
        if isinstance(shown, Section):
            return f"{self.ward.manual_title}{self.title(shown)}"
        if isinstance(shown, Case):
            return f"改善事例「{shown.title}」（{shown.section}）"
        return f"案内先一覧「{shown.topic}」"

    def neighbours(self, section: Section) -> tuple[Section | None, Section | None]:
        """The sections before and after ``section`` in its chapter."""
        sections = self.chapters[section.chapter_id].sections
        at = next(i for i, s in enumerate(sections) if s.id == section.id)
        before = sections[at - 1] if at > 0 else None
        after = sections[at + 1] if at + 1 < len(sections) else None
        return before, after


def ref_of(shown: Shown) -> str:
    """The ref (and button action) that shows ``shown``."""
    if isinstance(shown, FaqEntry):
        return f"faq:{shown.id}"
    if isinstance(shown, Section):
        return f"sec:{shown.ref}"
    if isinstance(shown, Case):
        return f"case:{shown.id}"
    return f"ref:{shown.id}"


def entry_ref(entry: Entry) -> str | None:
    """The ref of a search result; None for small talk, which is never shown as an entry."""
    prefix = _PREFIX.get(entry.kind)
    return f"{prefix}:{entry.id}" if prefix else None
