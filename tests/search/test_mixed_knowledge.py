"""`benchmarks.mixed_knowledge`: the union of knowledge bases, and scoring that counts other bases apart."""

from __future__ import annotations

from dataclasses import replace

from benchmarks.mixed_knowledge import DATA, Figures, measure, union
from bot.evaluation import evaluate, load_queries
from bot.knowledge import KnowledgeBase
from bot.search import Searcher
from bot.search.index import sources_of


def test_the_union_holds_every_entry_of_every_base(kb: KnowledgeBase) -> None:
    other = replace(kb, faq=tuple(e.model_copy(update={"id": f"other-{e.id}"}) for e in kb.faq[:3]))
    other = replace(other, chapters=(), cases=(), referrals=(), smalltalk=(), sections={})
    both = union([kb, other])
    ids = [source.entry.id for source in sources_of(both)]
    assert len(ids) == len(sources_of(kb)) + 3
    assert {"other-" + e.id for e in kb.faq[:3]} <= set(ids)
    assert both.sections == kb.sections
    assert both.ward == kb.ward


def test_on_its_own_knowledge_it_scores_as_eval_does(searcher: Searcher, kb: KnowledgeBase) -> None:
    queries = load_queries(DATA / "queries_holdout.yaml")
    figures = measure(searcher, queries, kb)
    shipped = evaluate(searcher, queries)["overall"].figures()
    assert figures.elsewhere == 0
    assert round(figures.right / figures.in_scope, 3) == shipped["answered_right"]
    assert round(figures.found / figures.in_scope, 3) == shipped["found"]
    assert round(figures.wrong / figures.queries, 3) == shipped["confident_wrong"]
    assert round(figures.wrong / figures.answered, 3) == shipped["wrong_of_answers"]


def test_an_answer_from_another_base_is_neither_right_nor_wrong(
    searcher: Searcher, kb: KnowledgeBase
) -> None:
    queries = load_queries(DATA / "queries_holdout.yaml")
    answered = [q for q in queries if searcher.search(q.q).decision == "answer"]
    mine = measure(searcher, answered, kb)
    nothing_mine = measure(searcher, answered, replace(kb, faq=(), chapters=(), cases=(), referrals=()))
    assert mine.answered == len(answered) > 100
    assert nothing_mine.elsewhere == len(answered) - sum(
        searcher.search(q.q).hits[0].entry.kind == "smalltalk" for q in answered
    )
    assert nothing_mine.wrong == nothing_mine.right == 0


def test_a_row_says_whether_the_targets_are_met() -> None:
    met = Figures(queries=100, in_scope=80, right=40, found=60, answered=50, wrong=5)
    assert met.row("set", 500, 0.75).split()[1:] == [
        "500",
        "0.500",
        "0.750",
        "0.050",
        "0.100",
        "0.000",
        "0.75",
        "ok",
    ]
    assert replace(met, found=55).row("set", 500, 0.75).endswith("over")  # found 0.69
    assert replace(met, wrong=6).row("set", 500, 0.75).endswith("over")  # 6 % of all
    assert replace(met, answered=30).row("set", 500, 0.75).endswith("over")  # 17 % of answers
