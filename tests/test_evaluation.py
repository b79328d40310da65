"""The figures of ``eval`` that rank alone measures: nDCG@10 with several right entries, top-1 and top-3."""

from __future__ import annotations

import math

import pytest

from bot.evaluation import LabelledQuery, evaluate, ndcg
from bot.search import Searcher


@pytest.mark.parametrize(
    ("ranked", "expected", "value"),
    [
        (["a", "b", "c"], ["a"], 1.0),
        (["b", "a", "c"], ["a"], 1 / math.log2(3)),
        (["a", "b", "c"], ["a", "b"], 1.0),
        (["a", "x", "b"], ["a", "b"], (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))),
        (["a", "x"], ["a", "b"], 1 / (1 + 1 / math.log2(3))),
        ([*"xxxxxxxxxx", "a"], ["a"], 0.0),
        ([], ["a"], 0.0),
    ],
    ids=["first", "second", "both first", "one of two lower", "one of two missing", "past 10", "nothing"],
)
def test_ndcg_counts_every_right_entry_by_its_rank(
    ranked: list[str], expected: list[str], value: float
) -> None:
    assert ndcg(ranked, expected) == pytest.approx(value)


def test_ranking_figures_do_not_depend_on_the_decision_and_wrong_answers_count_against_answers(
    searcher: Searcher,
) -> None:
    answered = {"q": "RPAとは何ですか？", "expect": "tool-rpa-basics"}
    offered = {
        "q": "DXチームってどこまでやってくれるの？システム作ってくれたりする？",
        "expect": "consult-scope",
    }
    near_miss = {"q": "ECRSを最初に考えた人は誰で、何年ごろ？", "expect": "none"}
    queries = [LabelledQuery.model_validate(q) for q in (answered, offered, near_miss)]
    decisions = [searcher.search(q.q).decision for q in queries]
    assert decisions == ["answer", "clarify", "answer"], (
        "the set-up: one right answer, one offer, one wrong answer"
    )
    overall = evaluate(searcher, queries)["overall"]
    figures = overall.figures()
    assert (figures["answered_right"], figures["top1"], figures["top3"], figures["ndcg10"]) == (
        0.5,
        1.0,
        1.0,
        1.0,
    )
    assert (overall.answered, figures["confident_wrong"], figures["wrong_of_answers"]) == (2, 0.333, 0.5)
