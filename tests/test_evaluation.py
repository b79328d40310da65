"""``eval``: the figures rank alone measures (nDCG@10 with several right entries, top-1 and top-3), alike for
``smalltalk``; a query set's problems, told once each in Japanese, unknown ids among them."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from bot.evaluation import LabelledQuery, Scores, evaluate, load_queries, ndcg, read_queries, unknown_ids
from bot.knowledge import KnowledgeBase, KnowledgeError
from bot.search import Entry, Searcher
from bot.search.service import Hit


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


def test_found_counts_only_the_candidates_the_chat_shows(searcher: Searcher) -> None:
    """An offer counts as found only when the entry is among the first three candidates shown: a runner-up far
    below the best is not shown (`bot.search.offers`), and small talk is never offered as an entry."""
    query = LabelledQuery.model_validate(
        {"q": "DXチームってどこまでやってくれるの？", "expect": "consult-scope"}
    )
    result = searcher.search(query.q)

    def hit(kind: str, entry_id: str, score: float, explained: float = 0.5) -> Hit:
        return Hit(Entry(kind, entry_id, entry_id), score, explained)  # type: ignore[arg-type]

    def scored(*hits: Hit) -> dict[str, float | int]:
        scores = Scores()
        scores.add(query, replace(result, decision="clarify", hits=hits))
        return scores.figures()

    rivals = (hit("faq", "tool-rpa-basics", 1.0), hit("faq", "tool-ai-ocr", 0.9))
    far = scored(*rivals, hit("faq", "consult-scope", 0.3))
    close = scored(*rivals, hit("faq", "consult-scope", 0.8))
    behind_talk = scored(
        rivals[0], hit("smalltalk", "greeting", 0.95), rivals[1], hit("faq", "consult-scope", 0.8)
    )
    fourth = scored(*rivals, hit("faq", "tool-forms", 0.85), hit("faq", "consult-scope", 0.8))
    assert (far["top3"], far["found"]) == (1.0, 0.0)
    assert (close["found"], behind_talk["found"], fourth["found"]) == (1.0, 1.0, 0.0)


def test_small_talk_expected_counts_alike_in_every_figure(searcher: Searcher) -> None:
    """Any small-talk entry meets ``expect: smalltalk`` for the rank too, not only for top-1."""
    queries = [
        LabelledQuery.model_validate({"q": q, "expect": "smalltalk"}) for q in ("こんにちは", "ありがとう")
    ]
    assert all(searcher.search(q.q).hits[0].entry.kind == "smalltalk" for q in queries), "the set-up"
    figures = evaluate(searcher, queries)["query"].figures()
    assert [figures[k] for k in ("top1", "top3", "mrr", "ndcg10")] == [1.0, 1.0, 1.0, 1.0]


def test_ndcg_gains_once_for_an_expectation_met_twice() -> None:
    assert ndcg(["smalltalk", "smalltalk", "x"], ["smalltalk"]) == 1.0


def test_a_wrong_expectation_is_one_problem_in_japanese_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "queries.yaml"
    path.write_text(
        "- q: RPAとは何ですか？\n  expect: [401, null]\n- q: 在庫\n  expect: []\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError) as caught:
        load_queries(path)
    assert [(p.line, p.message.split(":")[0]) for p in caught.value.problems] == [
        (2, "「expect」"),
        (4, "「expect」"),
    ]
    assert all("id（文字か数字）" in p.message for p in caught.value.problems)


def test_a_missing_query_set_names_no_line(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_queries(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: ファイルが見つかりません"


def test_an_expected_id_the_knowledge_does_not_hold_is_a_problem_on_its_query(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    path = tmp_path / "queries.yaml"
    path.write_text(
        "- q: RPAとは何ですか？\n  expect: tool-rpa-basics\n"
        "- q: こんにちは\n  expect: [smalltalk, greeting]\n"
        "- q: 明日の天気は？\n  expect: none\n"
        "- q: RPAの研修\n  expect: [training-study, '999']\n",
        encoding="utf-8",
    )
    found = unknown_ids(read_queries(path), kb)
    assert [str(p) for p in found] == [
        f"{path}:7: 「expect」の「999」という項目は知識にありません（idの書き間違いではありませんか）"
    ]
