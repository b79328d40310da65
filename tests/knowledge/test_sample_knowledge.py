"""The shipped sample knowledge covers what a ward expects of it (topics, cases, manual) consistently."""

from __future__ import annotations

import re

from bot.knowledge import TOOLS, KnowledgeBase
from tests.conftest import FAQ_PATH, KNOWLEDGE_DIR

SPEC_FAQ_IDS = """
consult-how-to consult-scope consult-cost consult-lead-time consult-status consult-small
method-first-step method-inventory method-flow method-ecrs method-prioritize method-small-start
method-measure method-manager method-team method-rollout method-manual method-user-view
tool-rpa-basics tool-rpa-request tool-rpa-maintenance tool-ocr-basics tool-ocr-accuracy
tool-online-form tool-survey tool-nocode tool-excel tool-online-meeting tool-chat tool-genai
tool-paperless tool-line-info tool-mobile rule-personal-info rule-network rule-cloud
rule-software rule-records training-study training-elearning training-dx-talent
training-manager case-browse case-submit case-report policy-dx policy-defensive policy-ebpm
""".split()

MANUAL_CHAPTERS = ["intro", "inventory", "flow", "ecrs", "remedy", "trial", "measure", "rollout", "support"]


def all_text(kb: KnowledgeBase) -> str:
    parts = [e.answer for e in kb.faq] + [r.answer + r.contact for r in kb.referrals]
    parts += [s.body for c in kb.chapters for s in c.sections]
    parts += [c.contact + c.actions for c in kb.cases]
    return "\n".join(parts)


def test_every_spec_faq_id_exists_with_a_real_answer(kb: KnowledgeBase) -> None:
    entries = {e.id: e for e in kb.faq}
    missing = [i for i in SPEC_FAQ_IDS if i not in entries]
    assert not missing
    for faq_id in SPEC_FAQ_IDS:
        entry = entries[faq_id]
        sentences = [s for s in re.split(r"[。！？]", entry.answer) if s.strip()]
        assert 2 <= len(sentences) <= 7, (faq_id, len(sentences))
        assert len(entry.phrasings) >= 4, faq_id


def test_cases_cover_every_tool(kb: KnowledgeBase) -> None:
    assert len(kb.cases) >= 20
    used = {tool for case in kb.cases for tool in case.tools}
    assert used == set(TOOLS)
    for case in kb.cases:
        assert any(ch.isdigit() for line in case.effect for ch in line), case.id


def test_referrals_and_small_talk(kb: KnowledgeBase) -> None:
    assert len(kb.referrals) >= 15
    for referral in kb.referrals:
        assert "内線" in referral.contact or "ポータル" in referral.contact, referral.id
    assert {"greeting", "thanks"} <= {t.id for t in kb.smalltalk}


def test_manual_has_every_chapter(kb: KnowledgeBase) -> None:
    assert [c.id for c in kb.chapters] == MANUAL_CHAPTERS
    for chapter in kb.chapters:
        assert chapter.sections
        assert all(s.body for s in chapter.sections)


def test_one_dx_team_one_extension_one_portal(kb: KnowledgeBase) -> None:
    text = all_text(kb)
    extensions = set(re.findall(r"DX推進課[^。\n]{0,25}?内線\s*(\d{4})", text))
    assert extensions == {"2345"}
    assert "庁内ポータル" not in text
    assert "職員ポータル" in text


def test_files_are_marked_as_sample_data() -> None:
    assert "サンプル" in FAQ_PATH.read_text(encoding="utf-8").splitlines()[0]
    for path in [*KNOWLEDGE_DIR.glob("cases/*.yaml"), *KNOWLEDGE_DIR.glob("manual/*.md")]:
        assert "サンプルデータ" in path.read_text(encoding="utf-8").splitlines()[0], path
