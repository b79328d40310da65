"""``python -m bot eval``: search quality on a labelled query set.

Each query has ``q`` and ``expect``, and may have ``style`` (its group in
the figures); other keys are ignored. ``expect`` is an FAQ id, a referral
id, ``smalltalk``, or ``none`` (nothing should be answered); or a list of
ids when several entries answer the query (real FAQs often hold several),
any of which counts as right. Ids written as numbers count as text. A query
expecting ``none`` is out of scope, whatever its style. ``smalltalk`` is met
by any small-talk entry, in every figure alike. A query set that cannot be
read, or a query that is wrong, is reported as ``file:line: message``
(`bot.knowledge.KnowledgeError`), before anything is searched; an expected
id the knowledge does not hold is found by `unknown_ids`, which ``eval``
prints as a warning before measuring (its query counts as missed).

Figures, per style and overall:

- answered right: decision ``answer`` with the expected entry first;
- found: answered right, or the expected entry among the first 3 candidates a ``clarify`` shows
  (`bot.search.offers.offered`: a runner-up far below the best is not shown, so it is not found);
- confident wrong: decision ``answer`` with anything other than what was expected, as a share of all
  queries and of the answered ones (the issue's two targets for knowledge the search was not tuned to);
- MRR: reciprocal rank of the expected entry among the results (0 when absent);
- the ranking alone, whatever the decision: top-1 and top-3 (an expected entry first, or among the first
  three candidates) and nDCG@10 (every expected entry relevant), the figures retrievers are compared by;
- for out-of-scope queries, *handled*: not answered, or answered with the
  expected referral or small talk;
- the reliability curve: per confidence bin, the share of queries whose first
  result was right (out-of-scope queries never are), to check that the
  decision's confidence means what it says on this knowledge.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from bot.config import PROJECT_ROOT
from bot.knowledge import KnowledgeBase, KnowledgeError, Problem
from bot.knowledge.loader import Located, load_list
from bot.knowledge.schema import Case, FaqEntry, Referral, SmallTalk, Text, number_as_text
from bot.search import Entry, Searcher, SearchResult
from bot.search.calibration import reliability
from bot.search.decide import DECISION_NAMES
from bot.search.offers import offered

__all__ = [
    "LabelledQuery",
    "Scores",
    "development_queries",
    "evaluate",
    "first_expected",
    "load_queries",
    "ndcg",
    "read_queries",
    "run_eval",
    "unknown_ids",
    "without_phrasings",
]

DEFAULT_QUERIES = PROJECT_ROOT / "tests" / "data" / "queries_dev.yaml"
"""The development set: in a source checkout only, as a packaged install has no tests/."""
NO_QUERY_FILE = (
    "評価する質問のファイルを指定してください（例: python -m bot eval queries.yaml）。"
    "ファイルは「- q: 質問」と「expect: 正解のFAQのid」の並びで、"
    "書き方は README の「Search quality」にあります。"
    "指定しないときに使う開発用の質問集（tests/data/queries_dev.yaml）は、ソースのチェックアウトにだけあり、"
    "インストールした版にはありません。"
)
"""Why ``eval`` without a file stops where there is no development set (a line for people)."""
OUT_OF_SCOPE = "out-of-scope"
SMALLTALK, NONE = "smalltalk", "none"
"""The expectations that are not ids: any small talk, and nothing answered."""
_NO_QUERIES = "評価する質問がありません（「- q: …」と「expect: …」の並び）"
_LEGEND = (
    "right = 回答して正解, found = 回答、または表示した候補の上位3件に正解, "
    "top1/top3 = 判定によらず1位／3位以内に正解, nDCG = nDCG@10,\n"
    "wrong = 誤った回答の割合（全件中）, w/ans = 誤った回答の割合（回答したうち）, "
    "oos ok = 対象外を回答しなかった割合"
)
NDCG_DEPTH = 10


def _expectation(value: object) -> tuple[str, ...]:
    """One id or a list of them, each as the FAQ reads it (one written as a number, 12, is the id "12")."""
    ids = [number_as_text(v) for v in (value if isinstance(value, list) else [value])]
    if not ids or not all(isinstance(i, str) and i.strip() for i in ids):
        raise PydanticCustomError(
            "expectation",
            "正解の項目のid（文字か数字）か、smalltalk・none を書いてください（いくつかなら [id1, id2]）",
        )
    return tuple(i.strip() for i in ids if isinstance(i, str))


class LabelledQuery(BaseModel):
    """One query of a labelled set (see the module docstring)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    q: Text
    expect: Annotated[tuple[str, ...], BeforeValidator(_expectation)]
    style: str = ""

    @property
    def expected(self) -> tuple[str, ...]:
        """The ids that count as right (or ``smalltalk``, or ``none``)."""
        return self.expect

    @property
    def out_of_scope(self) -> bool:
        """Whether nothing, or only a referral or small talk, should answer it (handled, not found)."""
        return self.style == OUT_OF_SCOPE or self.expected == (NONE,)

    def label(self, entry: Entry) -> str:
        """What ``entry`` counts as: ``smalltalk`` for any small talk when that is expected, else its id."""
        if entry.id not in self.expected and entry.kind == "smalltalk" and SMALLTALK in self.expected:
            return SMALLTALK
        return entry.id

    @property
    def group(self) -> str:
        """The row of the figures it counts in: its style, or ``out-of-scope`` / ``query`` without one."""
        return self.style or (OUT_OF_SCOPE if self.out_of_scope else "query")


def load_queries(path: Path) -> list[LabelledQuery]:
    """Read a query set (a YAML list of q/expect[/style]).

    Raises `KnowledgeError` when it cannot be read, a query is wrong, or it holds no query.
    """
    return [query for query, _ in read_queries(path)]


def development_queries() -> Path | None:
    """The development set when this is a source checkout, None in a packaged install (pip, wheel, Docker)."""
    return DEFAULT_QUERIES if DEFAULT_QUERIES.is_file() else None


def read_queries(path: Path) -> list[tuple[LabelledQuery, Located]]:
    """`load_queries`, each query with where it stands (for `unknown_ids`)."""
    problems: list[Problem] = []
    loaded = load_list(path, LabelledQuery, problems)
    if problems:
        raise KnowledgeError(problems)
    if not loaded:
        raise KnowledgeError([Problem(path, 1, _NO_QUERIES)])
    return loaded


def unknown_ids(queries: Iterable[tuple[LabelledQuery, Located]], kb: KnowledgeBase) -> list[Problem]:
    """A problem for each expected id that ``kb`` does not hold: a mislabelled query would count as a miss."""
    entries: list[FaqEntry | Referral | SmallTalk | Case] = [*kb.faq, *kb.referrals, *kb.smalltalk, *kb.cases]
    known = {e.id for e in entries} | set(kb.sections) | {SMALLTALK, NONE}
    return [
        Problem(
            path, line, f"「expect」の「{id_}」という項目は知識にありません（idの書き間違いではありませんか）"
        )
        for query, (path, line) in queries
        for id_ in query.expected
        if id_ not in known
    ]


def without_phrasings(kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge with every FAQ entry's phrasings and keywords removed.

    This is how a ward's own FAQ usually comes (one question and its answer),
    so the search is measured here on knowledge it was not tuned to.
    """
    bare = tuple(e.model_copy(update={"phrasings": [], "keywords": []}) for e in kb.faq)
    return replace(kb, faq=bare, fingerprint="")


@dataclass(frozen=True, slots=True)
class Miss:
    """A query not handled right: what was expected and what the search did (its first three results)."""

    group: str
    query: str
    expected: tuple[str, ...]
    decision: str
    results: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.results) or "なし"
        return (
            f"[{self.group}] 「{self.query}」: 正解 {' | '.join(self.expected)}、"
            f"結果 {DECISION_NAMES[self.decision]}（{shown}）"
        )


@dataclass
class Scores:
    """Counters for one group of queries."""

    in_scope: int = 0
    right: int = 0
    found: int = 0
    wrong: int = 0
    answered: int = 0
    reciprocal_ranks: float = 0.0
    first: int = 0
    """In-scope queries whose first result is expected, whatever the decision (and so for `top3`)."""
    top3: int = 0
    ndcg: float = 0.0
    out_of_scope: int = 0
    handled: int = 0
    total: int = 0
    errors: list[Miss] = field(default_factory=list)
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    """Per query, the decision's confidence and whether the first result was right (for `reliability`)."""

    def add(self, query: LabelledQuery, result: SearchResult) -> None:
        """Score one query."""
        self.total += 1
        answered = result.decision == "answer"
        expected = query.expected
        rank = next((n for n, hit in enumerate(result.hits, 1) if query.label(hit.entry) in expected), 0)
        expected_first = rank == 1
        if query.out_of_scope:
            self.out_of_scope += 1
            ok = not answered or (expected != (NONE,) and expected_first)
            self.handled += ok
        else:
            self.in_scope += 1
            self.reciprocal_ranks += 1 / rank if rank else 0.0
            ok = answered and expected_first
            self.right += ok
            self.found += ok or (result.decision == "clarify" and _shown(query, result, expected))
            self.first += expected_first
            self.top3 += 0 < rank <= 3
            self.ndcg += ndcg([query.label(c.entry) for c in result.ranking.candidates], expected)
        self.confidences.append((result.confidence, expected_first))
        self.answered += answered
        if answered and not expected_first:
            self.wrong += 1
        if not ok:
            shown = tuple(h.entry.id for h in result.hits[:3])
            self.errors.append(Miss(query.group, query.q, tuple(expected), result.decision, shown))

    def figures(self) -> dict[str, float | int]:
        """Shares rather than counts."""
        return {
            "queries": self.total,
            "answered_right": _share(self.right, self.in_scope),
            "found": _share(self.found, self.in_scope),
            "mrr": _share(self.reciprocal_ranks, self.in_scope),
            "top1": _share(self.first, self.in_scope),
            "top3": _share(self.top3, self.in_scope),
            "ndcg10": _share(self.ndcg, self.in_scope),
            "confident_wrong": _share(self.wrong, self.total),
            "wrong_of_answers": _share(self.wrong, self.answered),
            "out_of_scope_handled": _share(self.handled, self.out_of_scope),
        }


def first_expected(query: LabelledQuery, result: SearchResult) -> bool:
    """Whether the first result is one ``query`` expects (any small talk, for ``expect: smalltalk``)."""
    return bool(result.hits) and query.label(result.hits[0].entry) in query.expected


def ndcg(ranked: Sequence[str], expected: Sequence[str], depth: int = NDCG_DEPTH) -> float:
    """nDCG@``depth`` of the ids ``ranked``, every id in ``expected`` relevant (1) and the rest not (0).

    The ideal ranking puts all the expected ids first, so a query with two right entries found only once
    scores below 1. An id ranked twice gains once (``smalltalk`` stands for every small-talk entry).
    """
    relevant = set(expected)
    pending, gained = set(relevant), 0.0
    for at, id_ in enumerate(ranked[:depth], 1):
        if id_ in pending:
            gained += 1 / math.log2(at + 1)
            pending.discard(id_)
    ideal = sum(1 / math.log2(at + 1) for at in range(1, min(len(relevant), depth) + 1))
    return gained / ideal if ideal else 0.0


FOUND_AMONG = 3
"""Candidates a found query's entry may be among: the issue's measure, though the chat shows up to five."""


def _shown(query: LabelledQuery, result: SearchResult, expected: tuple[str, ...]) -> bool:
    """Whether an expected entry is among the first candidates the chat shows for ``result``."""
    return any(query.label(hit.entry) in expected for hit in offered(result.hits)[:FOUND_AMONG])


def _share(count: float, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def evaluate(searcher: Searcher, queries: Iterable[LabelledQuery]) -> dict[str, Scores]:
    """Scores per style, plus ``overall``."""
    groups: dict[str, Scores] = defaultdict(Scores)
    for query in queries:
        result = searcher.search(query.q)
        groups[query.group].add(query, result)
        groups["overall"].add(query, result)
    return dict(groups)


_COLUMNS = (
    ("right", "answered_right"),
    ("found", "found"),
    ("top1", "top1"),
    ("top3", "top3"),
    ("MRR", "mrr"),
    ("nDCG", "ndcg10"),
)


def _table(groups: dict[str, Scores]) -> str:
    header = f"{'style':<14}{'n':>5}" + "".join(f"{label:>7}" for label, _ in _COLUMNS)
    header += f"{'wrong':>7}{'w/ans':>7}{'oos ok':>8}"
    rows = [header, "-" * len(header)]
    order = sorted((s for s in groups if s != "overall"), key=lambda s: (s == OUT_OF_SCOPE, s))
    for style in [*order, "overall"]:
        f = groups[style].figures()
        scores = groups[style]
        in_scope = (
            "".join(f"{f[key]:>7.3f}" for _, key in _COLUMNS) if scores.in_scope else " " * 7 * len(_COLUMNS)
        )
        oos = f"{f['out_of_scope_handled']:>8.3f}" if scores.out_of_scope else ""
        answers = f"{f['wrong_of_answers']:>7.3f}" if scores.answered else " " * 7
        rows.append(f"{style:<14}{scores.total:>5}{in_scope}{f['confident_wrong']:>7.3f}{answers}{oos}")
    return "\n".join(rows)


def run_eval(
    searcher: Searcher, queries: Sequence[LabelledQuery], *, show_errors: bool, as_json: bool
) -> int:
    """Print the figures of ``queries`` (`load_queries`); exit code 0 (the test suite holds the floors)."""
    groups = evaluate(searcher, queries)
    errors = groups["overall"].errors
    if as_json:
        report: dict[str, object] = {style: s.figures() for style, s in groups.items()}
        report["reliability"] = [asdict(row) for row in reliability(groups["overall"].confidences)]
        if show_errors:
            report["errors"] = [asdict(miss) for miss in errors]
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(_table(groups))
    print(_LEGEND)
    print()
    print(_reliability_table(searcher, groups["overall"]))
    if show_errors and errors:
        print()
        print(f"正しく扱えなかった質問が{len(errors)}件あります:")
        for miss in errors:
            print(miss)
    return 0


def _reliability_table(searcher: Searcher, scores: Scores) -> str:
    """The reliability curve: per confidence bin, how often the first result was right."""
    policy = searcher.policy
    source = f"{policy.samples}件の自己評価から較正" if policy.samples else "既定値"
    if policy.samples and not policy.proven:
        source = f"{policy.samples}件の自己評価では基準を確かめきれないため、基準は既定値"
    rows = [
        f"判定の信頼度（{source}: 回答 ≥ {policy.answer:.2f}, 候補提示 ≥ {policy.clarify:.2f}, "
        f"僅差 < {policy.tie:.2f} は候補提示）",
        f"{'confidence':<12}{'n':>5}{'mean':>8}{'right':>8}",
    ]
    for row in reliability(scores.confidences):
        rows.append(
            f"{row.low:.1f}–{row.high:.1f}{'':<5}{row.count:>5}{row.confidence:>8.3f}{row.accuracy:>8.3f}"
        )
    return "\n".join(rows)
