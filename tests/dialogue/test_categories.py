"""The FAQ's categories in the menu: the sample's in their order, a ward's own as they come."""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue import Incoming, State
from bot.dialogue.browse import categories_of
from bot.dialogue.engine import Engine
from bot.dialogue.library import Library
from bot.knowledge import KnowledgeBase
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


def test_a_wards_categories_follow_the_samples_in_the_order_they_appear(kb: KnowledgeBase) -> None:
    assert categories_of(Library.of(ward_kb(kb))) == [kb.faq[0].category, "ごみ", "税金"]


def test_a_wards_category_can_be_browsed_from_the_menu(kb: KnowledgeBase) -> None:
    searcher = Searcher.build(ward_kb(kb))
    engine = Engine(searcher)
    menu = engine.step(Incoming(KEY, action="menu"), State(), MemoryDesk()).replies[0]
    labels = {c.label: c.action for card in menu.cards for c in card.choices}
    assert labels["ごみ"] == "cat:ごみ"
    (listing,) = engine.step(Incoming(KEY, action="cat:ごみ"), State(), MemoryDesk()).replies
    assert [card.title for card in listing.cards] == ["粗大ごみの出し方は？", "資源ごみの日は？"]
