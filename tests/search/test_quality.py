"""Search quality floors, set a little under what was measured (see README "Search quality").

The development set tunes the search; the held-out set is never used for tuning, so its
floors show that the tuning generalises. Raise the floors when the search improves.
"""

from __future__ import annotations

import pytest

from bot.evaluation import evaluate, load_queries, without_phrasings
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search import Searcher
from tests.conftest import DATA_DIR

FLOORS = {
    "queries_dev.yaml": {"answered_right": 0.84, "found": 0.97, "mrr": 0.96, "out_of_scope_handled": 0.94},
    "queries_holdout.yaml": {
        "answered_right": 0.83,
        "found": 0.97,
        "mrr": 0.97,
        "out_of_scope_handled": 0.95,
    },
}
MAX_CONFIDENT_WRONG = 0.02
"""Since coverage and explained nouns add to the ranking's score (`bot.search.ranker.COVERAGE_WEIGHT`),
the development set answers 0.863 right (0.821 before; 0.848 since an FAQ answer is compared in meaning by its
first sentence) and handles 0.943 of its out-of-scope questions (0.952 before: one more,
LINEのスタンプの作り方, is answered with the LINE entry)."""

BARE_FLOORS = {
    "queries_dev.yaml": {"answered_right": 0.56, "found": 0.88, "out_of_scope_handled": 0.95},
    "queries_holdout.yaml": {"answered_right": 0.59, "found": 0.88, "out_of_scope_handled": 0.95},
}
"""The FAQ without its phrasings and keywords, as a ward's own would come (README "Search quality")."""
BARE_MAX_CONFIDENT_WRONG = 0.03
"""The issue's target; measured 1.6% and 2.2% since an FAQ entry ranks above the manual section it
links to at a quarter of its score (`BARE_CURATED_RATIO`; 4.3% and 4.4% before, at 0.6)."""

WARD_MAX_CONFIDENT_WRONG = 0.05
WARD_MAX_WRONG_OF_ANSWERS = 0.15
WARD_MIN_FOUND = 0.70
"""The targets on knowledge the search was never fitted to (tests/data/ward, staff, city, helpdesk, kosodate
and zeimu: no weight or threshold is fitted on any; the ward set's figures were looked at in choosing two
ranking changes, the city set was written on 2026-12-05, the helpdesk set on 2026-12-06, the kosodate set
on 2026-12-07 and the zeimu set on 2026-12-08, each after every change to the search before it; the kosodate
set's misses were read from 2026-12-08 on, so it has been studied since)."""


@pytest.fixture(scope="module")
def bare_searcher(kb: KnowledgeBase) -> Searcher:
    return Searcher.build(without_phrasings(kb))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_floors(searcher: Searcher, name: str) -> None:
    figures = evaluate(searcher, load_queries(DATA_DIR / name))["overall"].figures()
    for key, floor in FLOORS[name].items():
        assert figures[key] >= floor, (name, key, figures)
    assert figures["confident_wrong"] <= MAX_CONFIDENT_WRONG, (name, figures)


@pytest.mark.parametrize("name", sorted(BARE_FLOORS))
def test_quality_floors_without_phrasings(bare_searcher: Searcher, name: str) -> None:
    figures = evaluate(bare_searcher, load_queries(DATA_DIR / name))["overall"].figures()
    for key, floor in BARE_FLOORS[name].items():
        assert figures[key] >= floor, (name, key, figures)
    assert figures["confident_wrong"] <= BARE_MAX_CONFIDENT_WRONG, (name, figures)


@pytest.mark.parametrize("name", ["ward", "staff", "city", "helpdesk", "kosodate", "zeimu"])
def test_the_generalisation_sets_meet_the_targets_for_unseen_knowledge(name: str) -> None:
    folder = DATA_DIR / name
    searcher = Searcher.build(load_knowledge(folder / "faq.yaml", folder / "knowledge"))
    figures = evaluate(searcher, load_queries(folder / "queries.yaml"))["overall"].figures()
    assert figures["confident_wrong"] <= WARD_MAX_CONFIDENT_WRONG, figures
    assert figures["found"] >= WARD_MIN_FOUND, figures
    assert figures["wrong_of_answers"] <= WARD_MAX_WRONG_OF_ANSWERS, figures


def test_every_style_is_found(searcher: Searcher) -> None:
    groups = evaluate(searcher, load_queries(DATA_DIR / "queries_dev.yaml"))
    for style, scores in groups.items():
        if scores.in_scope:
            assert scores.figures()["found"] >= 0.93, (style, scores.figures())


def test_query_sets_are_well_formed() -> None:
    dev = load_queries(DATA_DIR / "queries_dev.yaml")
    per_id: dict[str, set[str]] = {}
    for query in dev:
        if query.style != "out-of-scope":
            (expected,) = query.expected
            per_id.setdefault(expected, set()).add(query.style)
    assert len(per_id) >= 48
    assert all(len(styles) >= 5 for styles in per_id.values())
    assert sum(q.style == "out-of-scope" for q in dev) >= 80


@pytest.mark.parametrize(
    ("name", "entries", "asked", "outside"),
    [
        ("ward", 500, 300, 50),
        ("staff", 300, 250, 50),
        ("city", 350, 400, 70),
        ("helpdesk", 250, 390, 70),
        ("kosodate", 250, 300, 40),
        ("zeimu", 240, 310, 40),
    ],
)
def test_the_generalisation_sets_load_and_their_labels_name_real_entries(
    name: str, entries: int, asked: int, outside: int
) -> None:
    folder = DATA_DIR / name
    kb = load_knowledge(folder / "faq.yaml", folder / "knowledge")
    ids = {entry.id for entry in kb.faq}
    queries = load_queries(folder / "queries.yaml")
    assert len(kb.faq) >= entries
    assert len(queries) >= asked
    assert sum(q.style == "out-of-scope" for q in queries) >= outside
    for query in queries:
        assert query.expected == ("none",) or set(query.expected) <= ids, query
