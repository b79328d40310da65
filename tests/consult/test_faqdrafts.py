"""FAQ drafts: from an answered consultation, edited, approved by an editor, exported as faq.yaml."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.consult.faqdrafts import DraftExists, DraftRefused, FaqDrafts
from bot.consult.service import ConsultationService
from bot.errors import Conflict, InvalidInput
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.schema import FaqEntry
from tests.auxil.consultations import Clock, new_consultation, open_consultation
from tests.conftest import FAQ_PATH, KNOWLEDGE_DIR


@pytest.fixture
def drafts(service: ConsultationService, clock: Clock, kb: KnowledgeBase) -> FaqDrafts:
    return FaqDrafts(service.engine, clock, lambda: {entry.id for entry in kb.faq})


FIELDS = {
    "entry_id": "method-meeting-minutes",
    "category": "進め方",
    "question": "会議録の作成を早くするにはどうすればよいですか？",
    "answer": "音声認識ソフトで下書きを作り、\n職員が確認して仕上げます。",
    "phrasings": "会議録を早く作りたい\n議事録作成の時短\n会議録を早く作りたい",
    "keywords": "会議録、議事録",
}


def test_a_draft_needs_an_answer_and_records_itself_on_the_consultation(
    service: ConsultationService, drafts: FaqDrafts
) -> None:
    open_consultation(service)
    with pytest.raises(InvalidInput, match="まだ回答がありません"):
        drafts.create_from(1, "tanaka")
    service.answer(1, "音声認識ソフトをお使いください。", "tanaka")
    draft = drafts.create_from(1, "tanaka")
    assert (draft.consultation_id, draft.status, draft.entry_id) == (1, "draft", "consult-1")
    assert draft.question == "会議録の作成に毎回半日かかっているので減らしたい"
    assert draft.answer == "音声認識ソフトをお使いください。"
    assert draft.phrasings == ("会議録の作り方",)
    assert service.events(1)[-1].kind == "faq"
    with pytest.raises(DraftExists) as exists:  # one draft a consultation, whatever version the form had
        drafts.create_from(1, "tanaka", expected=service.get(1).version - 1)
    assert exists.value.draft.id == draft.id
    drafts.reject(draft.id, "suzuki", draft.version)
    with pytest.raises(Conflict):
        drafts.create_from(1, "tanaka", expected=service.get(1).version - 1)
    assert drafts.create_from(1, "tanaka").id != draft.id, "set aside, it lets another be made"


def test_a_draft_from_a_wish_to_consult_asks_the_question_without_the_wish(
    service: ConsultationService, drafts: FaqDrafts
) -> None:
    wish = "相談したいです。毎月の給与明細の仕分けに丸2日かかっています。"
    open_consultation(service, new=replace(new_consultation(wish), query=wish))
    service.answer(1, "RPAで仕分けを自動化できます。", "tanaka")
    draft = drafts.create_from(1, "tanaka")
    assert (draft.question, draft.phrasings) == ("毎月の給与明細の仕分けに丸2日かかっています。", ())
    topic = "RPAの導入について相談したいです。対象は給与明細の仕分けです。"
    open_consultation(service, new=new_consultation(topic))
    service.answer(2, "RPAで仕分けを自動化できます。", "tanaka")
    assert drafts.create_from(2, "tanaka").question == topic  # the wish names what the question is about


def test_edit_approve_export_and_the_result_loads_as_faq(
    service: ConsultationService, drafts: FaqDrafts, tmp_path: Path
) -> None:
    open_consultation(service)
    service.answer(1, "回答です。", "tanaka")
    draft = drafts.create_from(1, "tanaka")
    saved = drafts.save(draft.id, FIELDS, "tanaka", draft.version)
    assert saved.phrasings == ("会議録を早く作りたい", "議事録作成の時短")
    assert saved.keywords == ("会議録", "議事録")
    with pytest.raises(Conflict):
        drafts.save(draft.id, FIELDS, "tanaka", draft.version)
    approved = drafts.approve(draft.id, "suzuki", saved.version)
    assert (approved.status, approved.reviewed_by) == ("approved", "suzuki")
    exported = drafts.export()
    assert exported.startswith("# 相談への回答から作成したFAQ")
    assert "  answer: |\n    音声認識ソフトで下書きを作り、\n    職員が確認して仕上げます。\n" in exported

    faq = tmp_path / "faq.yaml"
    shutil.copy(FAQ_PATH, faq)
    with faq.open("a", encoding="utf-8") as out:
        out.write("\n" + exported)
    kb = load_knowledge(faq, KNOWLEDGE_DIR)
    entry = next(e for e in kb.faq if e.id == "method-meeting-minutes")
    assert entry.category == "進め方"
    assert entry.answer.startswith("音声認識ソフトで下書きを作り、")

    assert [d.id for d in drafts.mark_appended("suzuki", kb.faq)] == [draft.id]
    assert drafts.get(draft.id).status == "exported"
    assert drafts.mark_appended("suzuki", kb.faq) == (), "approved drafts only"


def test_marking_covers_exactly_the_drafts_the_faq_holds_as_they_are(
    service: ConsultationService, drafts: FaqDrafts, kb: KnowledgeBase
) -> None:
    ids = []
    for number, entry_id in ((1, "method-a"), (2, "method-b"), (3, "method-c")):
        open_consultation(service)
        service.answer(number, "回答です。", "tanaka")
        draft = drafts.create_from(number, "tanaka")
        saved = drafts.save(draft.id, FIELDS | {"entry_id": entry_id}, "tanaka", draft.version)
        ids.append(drafts.approve(draft.id, "suzuki", saved.version).id)
    a, b = (drafts.get(i) for i in ids[:2])
    held = [FaqEntry.model_validate(d.entry()) for d in (a, b)]  # A and B appended; C approved later
    edited = drafts.save(
        b.id, FIELDS | {"entry_id": "method-b", "answer": "書き直しました。"}, "sato", b.version
    )
    drafts.approve(b.id, "suzuki", edited.version)
    assert [d.entry_id for d in drafts.mark_appended("suzuki", [*kb.faq, *held])] == ["method-a"]
    assert [drafts.get(i).status for i in ids] == ["exported", "approved", "approved"]


def test_a_draft_saved_with_cr_lf_line_breaks_still_exports_as_a_block(
    service: ConsultationService, drafts: FaqDrafts
) -> None:
    """Drafts saved before the dashboard read forms as LF kept a browser's CR LF."""
    open_consultation(service)
    service.answer(1, "回答です。", "tanaka")
    draft = drafts.create_from(1, "tanaka")
    typed = {**FIELDS, "answer": "音声認識ソフトで下書きを作り、\r\n職員が確認して仕上げます。\r\n"}
    saved = drafts.save(draft.id, typed, "tanaka", draft.version)
    drafts.approve(draft.id, "suzuki", saved.version)
    exported = drafts.export()
    assert "  answer: |\n    音声認識ソフトで下書きを作り、\n    職員が確認して仕上げます。\n" in exported
    assert "\r" not in exported


def test_approval_checks_the_entry_like_the_knowledge_checker(
    service: ConsultationService, drafts: FaqDrafts
) -> None:
    open_consultation(service)
    service.answer(1, "回答です。", "tanaka")
    draft = drafts.create_from(1, "tanaka")
    bad = drafts.save(draft.id, {**FIELDS, "entry_id": "会議録", "question": ""}, "tanaka", draft.version)
    with pytest.raises(DraftRefused, match=r"ID：半角の英数字と「-」「_」「\.」で") as caught:
        drafts.approve(draft.id, "suzuki", bad.version)
    assert "質問：入力してください" in str(caught.value)
    assert caught.value.fields == ("entry_id", "question"), "the form's fields to mark, in its order"
    taken = drafts.save(draft.id, {**FIELDS, "entry_id": "tool-rpa-basics"}, "tanaka", bad.version)
    with pytest.raises(DraftRefused, match="すでにFAQにあります") as again:
        drafts.approve(draft.id, "suzuki", taken.version)
    assert again.value.fields == ("entry_id",)
    rejected = drafts.reject(draft.id, "suzuki", taken.version)
    assert rejected.status == "rejected"
    with pytest.raises(InvalidInput, match="編集できません"):
        drafts.save(draft.id, FIELDS, "tanaka", rejected.version)


def test_a_draft_with_masked_text_is_not_approved_and_published_contacts_survive_an_edit(
    service: ConsultationService, clock: Clock, kb: KnowledgeBase
) -> None:
    drafts = FaqDrafts(service.engine, clock, lambda: {e.id for e in kb.faq}, lambda: kb.public_contacts)
    open_consultation(service)
    service.answer(1, "田中（携帯 080-1234-5678）までお電話ください。", "tanaka")
    draft = drafts.create_from(1, "tanaka")
    assert "［氏名］" in draft.answer
    with pytest.raises(DraftRefused) as held:
        drafts.approve(draft.id, "suzuki", draft.version)
    assert str(held.value).startswith("伏せ字が残っています（回答の［氏名］［電話番号］）")
    assert held.value.fields == ("answer",)
    assert drafts.get(draft.id).status == "draft"
    edited = drafts.save(
        draft.id,
        {**FIELDS, "answer": "dx-kaizen@city.sample.lg.jp までメールでご連絡ください。"},
        "tanaka",
        draft.version,
    )
    assert edited.answer == "dx-kaizen@city.sample.lg.jp までメールでご連絡ください。", (
        "the team's published address"
    )
    assert drafts.approve(draft.id, "suzuki", edited.version).status == "approved"


def test_a_consultations_drafts_are_found_through_its_index(drafts: FaqDrafts) -> None:
    """Migration 0046: the page of a consultation asks for its drafts by an index, not by reading them all."""
    if drafts.engine.dialect.name != "sqlite":
        pytest.skip("the plan is read with SQLite's EXPLAIN QUERY PLAN")
    with drafts.engine.connect() as connection:
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM faq_drafts WHERE consultation_id = 1 ORDER BY id DESC"
        ).all()
    assert any("USING INDEX ix_faq_drafts_consultation" in row[-1] for row in plan), plan
