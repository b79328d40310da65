"""The FAQ's categories in the menu: those ward.yaml labels in its order, the others as they come."""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue import Incoming, State
from bot.dialogue.browse import categories_of
from bot.dialogue.engine import Engine
from bot.dialogue.library import Library
from bot.knowledge import KnowledgeBase, Ward
from bot.knowledge.schema import FaqEntry
from bot.search import Searcher
from tests.auxil.desk import MemoryDesk
from tests.auxil.transcript import KEY


def ward_kb(kb: KnowledgeBase) -> KnowledgeBase:
    own = (
        FaqEntry(id="g-1", category="ごみ", question="粗大ごみの出し方は？", answer="申込みが要ります。"),
        FaqEntry(id="t-1", category="税金", question="納付書をなくした", answer="再発行できます。"),
        FaqEntry(id="g-2", category="ごみ", question="資源ごみの日は？", answer="毎週水曜日です。"),
        FaqEntry(id="n-1", question="分類のない質問", answer="分類がなくても読み込めます。"),
    )
    return replace(kb, faq=(*kb.faq[:1], *own))


def test_a_wards_categories_follow_the_labelled_ones_in_the_order_they_appear(kb: KnowledgeBase) -> None:
    assert categories_of(Library.of(ward_kb(kb))) == [kb.faq[0].category, "ごみ", "税金"]


def test_a_wards_own_faq_is_not_given_the_samples_labels_or_order(kb: KnowledgeBase) -> None:
    """A ward's 研修 is shown as 研修, in its own FAQ's order, unless its ward.yaml says otherwise."""
    own = tuple(
        FaqEntry(id=f"w-{n}", category=category, question=f"{category}の質問{n}", answer="回答です。")
        for n, category in enumerate(("税金", "研修", "ごみ", "相談"))
    )
    menu = browse_menu(replace(kb, faq=own, ward=Ward()))
    assert menu == ["税金", "研修", "ごみ", "相談"]
    labelled = Ward(categories={"ごみ": "ごみ・リサイクル", "研修": "職員研修"})
    shown = browse_menu(replace(kb, faq=own, ward=labelled))
    assert shown == ["ごみ・リサイクル", "職員研修", "税金", "相談"]


def browse_menu(kb: KnowledgeBase) -> list[str]:
    """The labels of the menu's category buttons, in order."""
    engine = Engine(Searcher.build(kb))
    menu = engine.step(Incoming(KEY, action="menu"), State(), MemoryDesk()).replies[0]
    return [c.label for card in menu.cards for c in card.choices if c.action.startswith(("cat:", "catof:"))]


def test_a_wards_category_can_be_browsed_from_the_menu(kb: KnowledgeBase) -> None:
    searcher = Searcher.build(ward_kb(kb))
    engine = Engine(searcher)
    menu = engine.step(Incoming(KEY, action="menu"), State(), MemoryDesk()).replies[0]
    labels = {c.label: c.action for card in menu.cards for c in card.choices}
    assert labels["ごみ"] == "cat:ごみ"
    (listing,) = engine.step(Incoming(KEY, action="cat:ごみ"), State(), MemoryDesk()).replies
    assert [card.title for card in listing.cards] == ["粗大ごみの出し方は？", "資源ごみの日は？"]


LONG = "子育て・教育（保育園・幼稚園・学童クラブ・児童館）"


def test_a_category_too_long_for_a_buttons_payload_is_named_by_its_first_entry(kb: KnowledgeBase) -> None:
    own = tuple(
        e.model_copy(update={"category": LONG}) if e.category == "ごみ" else e for e in ward_kb(kb).faq
    )
    engine = Engine(Searcher.build(replace(kb, faq=own)))
    menu = engine.step(Incoming(KEY, action="menu"), State(), MemoryDesk()).replies[0]
    actions = {c.label: c.action for card in menu.cards for c in card.choices}
    assert actions[LONG] == "catof:g-1"
    (listing,) = engine.step(Incoming(KEY, action="catof:g-1"), State(), MemoryDesk()).replies
    assert listing.text == f"「{LONG}」のよくある質問です。"
    assert [card.title for card in listing.cards] == ["粗大ごみの出し方は？", "資源ごみの日は？"]
    for stale in ("catof:n-1", "catof:gone"):  # an entry without a category, or no longer there
        replies = engine.step(Incoming(KEY, action=stale), State(), MemoryDesk()).replies
        assert [reply.kind for reply in replies] == ["restart"]


def test_the_manuals_title_and_the_policy_label_are_the_wards_own(searcher: Searcher) -> None:
    ward = Ward(manual="しごと改善ガイド", manual_short="ガイド", categories={"方針": "区の改革方針"})
    own = Searcher(
        replace(searcher.kb, ward=ward), searcher.index, searcher.analyzer, searcher.policy, searcher.semantic
    )
    engine = Engine(own)
    said: list[str] = []
    steps = [
        Incoming(KEY, action=a) for a in ("menu", "manual", "cat:方針", "faq:method-inventory", "ch:flow")
    ]
    steps.append(Incoming(KEY, text="棚卸しの進め方の節"))  # a section as the answer, with its neighbours
    for step in steps:
        for reply in engine.step(step, State(), MemoryDesk()).replies:
            said += [reply.text, *(c.label for c in reply.choices)]
            said += [
                text
                for card in reply.cards
                for text in (card.title, card.text, *(c.label for c in card.choices))
            ]
    everything = "\n".join(said)
    assert "区の改革方針" in everything, "the menu's button for the category 方針"
    assert "「区の改革方針」のよくある質問です" in everything
    assert "『しごと改善ガイド』は全9章です" in everything
    assert "『しごと改善ガイド』で詳しく説明しています" in everything, "an answer's manual card"
    assert "『業務改善の手引き』は" not in everything
    assert "『業務改善の手引き』で" not in everything
    assert "DXの方針" not in everything
    assert {"ガイドを読む", "ガイドの目次", "ガイドの関連する節", "ガイドの前後の節"} <= set(said)
    assert not [text for text in said if text.startswith("手引き")], "buttons and card titles"
    # The menu button's label typed in opens the manual, as pressing it does (an FAQ answer at 0.69).
    (typed,) = engine.step(Incoming(KEY, text="ガイドを読む"), State(), MemoryDesk()).replies
    assert typed.text.startswith("『しごと改善ガイド』は全9章です"), typed.text


def test_a_ward_without_cases_or_a_manual_is_offered_neither_and_its_own_examples(kb: KnowledgeBase) -> None:
    ward = Ward(examples=("粗大ごみの出し方", "住民票の取り方"))
    own = replace(ward_kb(kb), cases=(), chapters=(), sections={}, ward=ward)
    engine = Engine(Searcher.build(own))
    menu = engine.step(Incoming(KEY, action="menu"), State(), MemoryDesk()).replies[0]
    assert [c.label for c in menu.choices] == ["DX推進課に相談する"]
    assert "（例：「粗大ごみの出し方」「住民票の取り方」）" in menu.text
    for action, says in (
        ("cases", "改善事例は、まだ登録されていません。"),
        ("manual", "は、まだ登録されていません。"),
    ):
        (reply,) = engine.step(Incoming(KEY, action=action), State(), MemoryDesk()).replies
        assert says in reply.text
        assert [c.label for c in reply.choices] == ["DX推進課に相談する", "メニュー"]


def test_the_case_menus_examples_come_from_the_cases(kb: KnowledgeBase) -> None:
    (reply,) = Engine(Searcher.build(kb)).step(Incoming(KEY, action="cases"), State(), MemoryDesk()).replies
    first_tool = next(t for t in ("RPA", "AI-OCR") if any(t in c.tools for c in kb.cases))
    assert f"「{first_tool}の事例」「{kb.cases[0].section}の事例」のように入力" in reply.text
