"""Lookups over the knowledge, and payloads that fit every channel for every entry."""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue import MAX_ACTION_BYTES
from bot.dialogue.library import Library, entry_ref, ref_of
from bot.knowledge import KnowledgeBase, Ward
from bot.search import Entry


def test_every_entry_of_the_sample_knowledge_fits_a_button(kb: KnowledgeBase) -> None:
    """Long ids would make buttons that Telegram refuses: catch them here, not in production."""
    lib = Library.of(kb)
    actions = [f"faq:{e.id}" for e in kb.faq] + [f"ref:{r.id}" for r in kb.referrals]
    actions += [f"sec:{s.ref}" for c in kb.chapters for s in c.sections] + [f"ch:{c.id}" for c in kb.chapters]
    actions += [a for c in kb.cases for a in (f"case:{c.id}", f"consult:case:{c.id}", f"dept:{c.id}")]
    actions += [f"tool:{t}" for c in kb.cases for t in c.tools] + [f"cat:{e.category}" for e in kb.faq]
    too_long = [a for a in actions if len(a.encode()) > MAX_ACTION_BYTES]
    assert too_long == []
    for action in actions:
        if action.split(":")[0] in ("faq", "ref", "sec", "case"):
            shown = lib.get(action)
            assert shown is not None
            assert ref_of(shown) == action


def test_refs_of_search_results(kb: KnowledgeBase) -> None:
    assert entry_ref(Entry("manual", "inventory#why", "t")) == "sec:inventory#why"
    assert entry_ref(Entry("referral", "ref-leave", "t")) == "ref:ref-leave"
    assert entry_ref(Entry("smalltalk", "greeting", "t")) is None
    assert Library.of(kb).get("nothing:here") is None


def test_sections_know_their_neighbours_and_cases_their_sections(kb: KnowledgeBase) -> None:
    lib = Library.of(kb)
    first = kb.chapters[0].sections[0]
    before, after = lib.neighbours(first)
    assert before is None
    assert after == kb.chapters[0].sections[1]
    remedy_ocr = lib.cases_of_section["remedy#ocr"]
    assert "ocr-kaigo-application" in [c.id for c in remedy_ocr]
    assert lib.title(first).startswith("第1章")


def test_a_section_is_cited_under_the_wards_own_manual_title(kb: KnowledgeBase) -> None:
    section = kb.section("inventory#steps")
    assert section is not None
    assert Library.of(kb).source_label(section) == "『業務改善の手引き』第2章 業務の棚卸し「棚卸しの進め方」"
    own = Library.of(replace(kb, ward=Ward(manual="しごと改善ガイド")))
    assert own.source_label(section) == "『しごと改善ガイド』第2章 業務の棚卸し「棚卸しの進め方」"
