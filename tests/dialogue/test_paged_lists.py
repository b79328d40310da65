"""Lists of buttons longer than one reply holds: every item reachable through 「続きを見る」, none dropped."""

from __future__ import annotations

import pytest

from bot.dialogue import MAX_ACTION_BYTES, MAX_CARD_CHOICES, MAX_CARDS, Incoming, Reply, State
from bot.dialogue.engine import Engine
from bot.knowledge import load_knowledge
from bot.search import Searcher
from tests.auxil.desk import MemoryDesk
from tests.auxil.transcript import KEY

COUNT = 40
"""More categories, sections with cases and sections of a chapter than a reply's ten cards of three hold."""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("large-ward")
    faq = "".join(
        f"- id: f{n:02d}\n  category: 分野{n:02d}\n  question: 分野{n:02d}の手続きは？\n"
        f"  answer: 分野{n:02d}の窓口で受け付けています。\n"
        for n in range(1, COUNT + 1)
    )
    (root / "faq.yaml").write_text(faq, encoding="utf-8")
    knowledge = root / "knowledge"
    (knowledge / "cases").mkdir(parents=True)
    for n in range(1, COUNT + 1):
        (knowledge / "cases" / f"case-{n:02d}.yaml").write_text(
            f"id: case-{n:02d}\ntitle: 事例{n:02d}\nsection: 第{n:02d}課\nproblem: 手作業が多かった。\n"
            "actions: 電子申請にした。\ntools: [電子申請]\neffect: [作業 月10時間削減]\n"
            f"period: 2026年4月〜2026年9月\ncontact: 第{n:02d}課（内線 {3000 + n}）\n",
            encoding="utf-8",
        )
    (knowledge / "manual").mkdir()
    sections = "".join(
        f"\n## 手順{n:02d} {{#step{n:02d}}}\n\n手順{n:02d}では書類を確かめます。\n"
        for n in range(1, COUNT + 1)
    )
    (knowledge / "manual" / "01-steps.md").write_text(
        f"# 第1章 手順\n\n手順を順に説明します。\n{sections}", encoding="utf-8"
    )
    return Engine(Searcher.build(load_knowledge(root / "faq.yaml", knowledge), semantic=False))


def press(engine: Engine, action: str) -> Reply:
    return engine.step(Incoming(KEY, action=action), State(), MemoryDesk()).replies[0]


def every_page(engine: Engine, action: str) -> list[str]:
    """The labels of every list button on ``action``'s reply and the pages 「続きを見る」 leads to."""
    labels: list[str] = []
    pages = 0
    while action:
        reply = press(engine, action)
        pages += 1
        assert reply.kind == "menu", reply.text
        assert len(reply.cards) <= MAX_CARDS
        assert all(len(card.choices) <= MAX_CARD_CHOICES for card in reply.cards)
        assert all(len(c.action.encode()) <= MAX_ACTION_BYTES for card in reply.cards for c in card.choices)
        buttons = [c for card in reply.cards for c in card.choices]
        labels += [c.label for c in buttons if c.label not in ("続きを見る", "相談状況を見る")]
        action = next((c.action for c in buttons if c.label == "続きを見る"), "")
    assert pages > 1, "the list did not fit in one reply"
    return labels


def test_every_category_of_a_large_faq_is_reachable_from_the_menu(engine: Engine) -> None:
    assert every_page(engine, "menu") == [f"分野{n:02d}" for n in range(1, COUNT + 1)]
    (listing,) = engine.step(Incoming(KEY, action="cat:分野40"), State(), MemoryDesk()).replies
    assert [card.title for card in listing.cards] == ["分野40の手続きは？"]


def test_every_section_with_cases_and_every_section_of_a_long_chapter_is_reachable(engine: Engine) -> None:
    assert every_page(engine, "depts") == [f"第{n:02d}課（1件）" for n in range(1, COUNT + 1)]
    assert every_page(engine, "ch:steps") == [f"手順{n:02d}" for n in range(1, COUNT + 1)]


def test_a_page_no_longer_there_shows_the_first_and_a_malformed_one_restarts(engine: Engine) -> None:
    first = press(engine, "menu")
    assert press(engine, "menu:99").cards == first.cards, "the knowledge reloaded with fewer categories"
    for forged in ("menu:x", "menu:0", "depts:1234", "ch:steps:x", "ch:nothing:2"):
        replies = engine.step(Incoming(KEY, action=forged), State(), MemoryDesk()).replies
        assert [reply.kind for reply in replies] == ["restart"], forged


def test_card_titles_count_the_cards_of_the_whole_list(engine: Engine) -> None:
    titles = [card.title for card in press(engine, "menu").cards]
    assert titles[0] == "よくある質問から探す（1/14）"
    assert "よくある質問から探す（続き）" in titles
    assert press(engine, "menu:2").cards[0].title == "よくある質問から探す（9/14）"
