"""Calibrate the decision to the knowledge it serves, when its index is built.

Constants fitted to one FAQ do not hold on another: a ward's FAQ full of
sibling sub-questions (【粗大ごみ】申込み, 【粗大ごみ】手数料) makes a wrong entry
look as good as a right one did in the sample. So the knowledge is its own
test set (`calibrate`):

- *held out*: one phrasing of each entry (up to `MAX_HELD_OUT` entries,
  spread evenly) is removed from a copy of the index and asked against it;
  the entry is then found only by what is left of it (its question, other
  phrasings, its answer), as a user's own wording finds it. An entry without
  phrasings (a ward's FAQ) is asked the topic words of its question instead
  (【粗大ごみ】手数料はいくらですか → 粗大ごみ 手数料), without its frame or wording;
- *absent*: the same texts are asked against the full index with their own
  entry taken out of the ranking: whatever comes first is wrong, and it is
  usually a sibling, the hardest case;
- *out of scope*: generic questions from other domains (`out_of_scope.txt`,
  shipped with the package): any answer is wrong.

A logistic model over `bot.search.decide.FEATURES` is fitted to these,
pulled towards `DEFAULT_POLICY` (so a small knowledge base stays near it),
and the thresholds are chosen so that answered samples are right at least as
often as their kinds' targets (`PRECISION`), judged by a lower confidence
bound, so that a small knowledge base is not trusted on a few lucky samples.
The result is stored with the index.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from bot.search.analyzer import Analyzer
from bot.search.decide import DEFAULT_POLICY, Policy, features
from bot.search.index import Analyses, SearchIndex, Source, build_index
from bot.search.ranker import Ranking, rank
from bot.search.semantic import MODEL, Closeness, SemanticIndex

__all__ = [
    "Reliability",
    "Sample",
    "SampleKind",
    "calibrate",
    "calibration_samples",
    "fit_policy",
    "out_of_scope_questions",
    "reliability",
]

MAX_HELD_OUT = 400
"""Entries whose question or phrasing is held out: enough for a stable fit, bounded build time."""
MAX_REBUILD_ENTRIES = 5000
"""Above this many entries, holding phrasings out would cost a second index build of a minute or more at
50,000: every entry is then asked its question's topic words against the full index instead."""
MAX_FOLDS = 4
"""Folds of held-out phrasings for a small knowledge base (each costs one more index build)."""
MIN_SAMPLES = 40
"""Fewer samples than this (a tiny knowledge base) keep the default policy."""
PRIOR = 0.05
"""Pull of the weights towards the default policy's (L2)."""
CLARIFY = 0.05
"""Below this confidence nothing is offered, only a consultation. Offering the closest entries costs staff
a glance, and a noun the knowledge does not know (副業 for 兼業) lowers the confidence of a right first
candidate to 0.05–0.1: at 0.1, 3 of the staff helpdesk's queries and 3 of the stripped held-out set's had
their entry among the three and were offered none; an out-of-scope query offered candidates is still not
answered."""
STRICTEST = 0.95
"""The highest answer threshold the fit may choose (`_thresholds`)."""
TRUST_SCALE = 15
"""Calibration questions over which a threshold's pull towards `STRICTEST` falls by a factor e (`_shrunk`)."""
MAX_TIE = 0.3
"""The widest near-tie margin the fit may choose."""
Z = 1.28
"""One-sided 90% for `_precision_bound`."""
ABSENT_SHARE = 0.1
OUT_OF_SCOPE_SHARE = 0.3
"""Weight of a question whose entry is absent, and of all generic out-of-scope ones together, against
the held-out questions: most queries have their entry in the knowledge, some do not (0.15 let the
sample FAQ answer one question in fourteen from outside its scope)."""
WORDS_ALONE_ABSENT_SHARE = 0.2
"""The weight of a question whose entry is absent when the search compares words alone (no meaning index).

A calibration question is its own entry's words (a held-out phrasing, or its question's topic words), so
words alone put that entry first far more surely than a real query's everyday words do: 8-15 % of these
samples had a wrong first candidate on the bare sets, 27-43 % of the real queries. With meaning, the semantic
feature tells such a wrong first entry apart; words alone nothing does, and `ABSENT_SHARE` let a bare FAQ
answer from 0.50, 3.3-4.4 % of all queries confidently wrong. Twice the share: 1.0-2.9 %, no set's confident
wrong answers rose and none found fewer (0.15 raised two sets'; docs/search-quality.md)."""
OUT_OF_SCOPE_FILE = Path(__file__).with_name("out_of_scope.txt")

SampleKind = Literal["held", "topic", "absent", "out_of_scope"]
"""Where a sample comes from: a held-out phrasing against the rest, a question's topic words against
the full index, the same texts with their entry taken out of the ranking, or a shipped question from
another domain."""

PRECISION: dict[SampleKind, float] = {"held": 0.84, "topic": 0.94}
"""Share of answered samples of each kind that must be right (`fit_policy`).

A held-out phrasing is a real paraphrase and its entry is found only by the
rest of it, harder than most staff queries: 0.84 on them keeps the sample
FAQ's answers right on the development set. A question's topic words still
find the question they came from, easier than a real query, so they are held
to more. An absent or out-of-scope sample, never right, is held to the
strictest target: answering a question the knowledge does not cover is the
worst mistake."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One ranked calibration query: its features, its margin, and whether its first candidate is right."""

    x: tuple[float, ...]
    right: bool
    weight: float = 1.0
    """How much the sample counts: the mix of queries the knowledge will see, not of those generated."""
    topical: bool = True
    """Whether its first candidate may be answered at all (`bot.search.ranker.Candidate.topical`)."""
    kind: SampleKind = "held"


def out_of_scope_questions() -> list[str]:
    """The generic questions from other domains shipped with the package (one a line, # comments)."""
    lines = OUT_OF_SCOPE_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def calibrate(
    sources: Sequence[Source],
    index: SearchIndex,
    analyzer: Analyzer,
    synonyms: Sequence[Sequence[str]],
    semantic: SemanticIndex | None,
    embed: Embed | None,
    memo: Analyses | None = None,
) -> Policy:
    """A policy fitted to the knowledge of ``sources`` (indexed as ``index`` and ``semantic``).

    The samples are `calibration_samples`; without any (no entry is asked as a question) the default policy.
    """
    samples = calibration_samples(sources, index, analyzer, synonyms, semantic, embed, memo)
    return fit_policy(samples) if samples else DEFAULT_POLICY


def calibration_samples(
    sources: Sequence[Source],
    index: SearchIndex,
    analyzer: Analyzer,
    synonyms: Sequence[Sequence[str]],
    semantic: SemanticIndex | None,
    embed: Embed | None,
    memo: Analyses | None = None,
) -> list[Sample]:
    """The held-out, absent and out-of-scope samples of the knowledge of ``sources``, weighted.

    ``memo`` holds the analyses of ``index``'s build, so that the held-out copy costs no new analysis.
    ``embed`` gives the vectors of query texts (through the embedding cache, so that phrasings
    already embedded as entry views, and every query after a reload, cost nothing).
    """
    folds = _folds(sources)
    if not folds:
        return []
    held = [pair for fold in folds for pair in fold]
    # An entry with phrasings is asked one of them, held out of the index; one without is asked
    # the topic words of its question (粗大ごみ 手数料), as staff type a query, against the full index.
    queries = [sources[n].units[u] if u else _topic_words(analyzer, sources[n].units[0]) for n, u in held]
    oos = out_of_scope_questions()
    meanings = _meanings(semantic, embed, queries, oos)
    absent_share = ABSENT_SHARE if meanings is not None else WORDS_ALONE_ABSENT_SHARE

    samples: list[Sample] = []
    twins = _twins(sources)
    at = 0
    for fold in folds:
        reduced_index, reduced_semantic = _without_units(
            sources, fold, index, analyzer, synonyms, semantic, memo
        )
        for n, u in fold:
            kind: SampleKind = "held" if u else "topic"
            query, meaning = queries[at], (meanings[at] if meanings is not None else None)
            at += 1
            if not query:
                continue
            found = rank(reduced_index, analyzer, query, meaning=_similar(reduced_semantic, meaning))
            if found.candidates and found.candidates[0].number not in twins.get(n, ()):
                samples.append(_sample(found, found.candidates[0].number == n, kind=kind))
            absent = _without(rank(index, analyzer, query, meaning=_similar(semantic, meaning)), n)
            if absent.candidates and absent.candidates[0].number not in twins.get(n, ()):
                samples.append(_sample(absent, False, absent_share, "absent"))
    for at, query in enumerate(oos):
        meaning = meanings[len(queries) + at] if meanings is not None else None
        outside = rank(index, analyzer, query, meaning=_similar(semantic, meaning))
        if outside.candidates and outside.candidates[0].entry.kind != "smalltalk":
            samples.append(_sample(outside, False, OUT_OF_SCOPE_SHARE * len(held) / len(oos), "out_of_scope"))
    return samples


def _twins(sources: Sequence[Source]) -> dict[int, set[int]]:
    """The entries asked the same question as each entry (an FAQ's duplicates, which `check` warns of).

    Which of two entries with one question comes first says nothing of the search: a sample whose
    first candidate is its twin is left out, neither right nor wrong.
    """
    by_question: dict[str, set[int]] = {}
    for n, source in enumerate(sources):
        if source.asked:
            by_question.setdefault(source.units[0], set()).add(n)
    return {n: same - {n} for same in by_question.values() if len(same) > 1 for n in same}


def _sample(ranking: Ranking, right: bool, weight: float = 1.0, kind: SampleKind = "held") -> Sample:
    return Sample(features(ranking), right, weight, ranking.candidates[0].topical, kind)


def fit_policy(
    samples: Sequence[Sample],
    prior: Policy = DEFAULT_POLICY,
    precision: Mapping[SampleKind, float] = PRECISION,
) -> Policy:
    """Weights and thresholds fitted to ``samples`` (answered ones right at ``precision``, kind by kind).

    The prior when they are too few or all alike. When no threshold is proven to reach the targets
    (a small FAQ: 47 samples of 50 right cannot prove 94 %), the prior's thresholds with the fitted
    weights, marked not ``proven``. Answering only when surest instead (0.95), as before, answered a
    few queries in a hundred on FAQs of 20 entries. Either way the answer threshold is then pulled
    towards the strictest the fewer calibration questions found it (`_shrunk`).
    """
    labels = {s.right for s in samples}
    if len(samples) < MIN_SAMPLES or len(labels) < 2:
        return prior
    x = np.array([s.x for s in samples], dtype=np.float64)
    y = np.array([float(s.right) for s in samples])
    counts = np.array([s.weight for s in samples])
    weights = _fit(x, y, counts, np.array(prior.weights))
    p = 1 / (1 + np.exp(-x @ weights))
    topical = np.array([s.topical for s in samples])
    fitted = _thresholds(p, x[:, FEATURE_MARGIN], y, counts, topical, _targets(samples, precision))
    answer, tie = fitted or (prior.answer, prior.tie)
    answer = _shrunk(answer, sum(s.kind in ("held", "topic") for s in samples))
    return Policy(
        weights=tuple(round(float(w), 4) for w in weights),
        answer=answer,
        clarify=min(CLARIFY, answer),
        tie=tie,
        samples=len(samples),
        proven=fitted is not None,
    )


FEATURE_MARGIN = 5
"""Where `margin` sits in `bot.search.decide.FEATURES`."""


def _shrunk(answer: float, questions: int) -> float:
    """The answer threshold pulled towards `STRICTEST` the more, the fewer ``questions`` found or kept it.

    A few dozen calibration questions asked against a small FAQ are easy (few rivals to lose to) and
    real queries are not: a threshold proven, or kept from the prior, on 20 questions is pulled a quarter
    of the way, on 30 a seventh, on 60 a fiftieth; from about 100 on, not by a rounding step. On 24 FAQs
    of 20 and 30 entries cut from the generalisation sets (`benchmarks.small_faqs`), wrong answers fell
    from 18.7 % to 14.1 % of answers, answered right 0.541 → 0.519 (a scale of 10: 16.0 %, 0.529; 20:
    12.8 %, 0.502).
    """
    return round(answer + (STRICTEST - answer) * math.exp(-questions / TRUST_SCALE), 2)


def _fit(
    x: npt.NDArray[np.float64],
    y: npt.NDArray[np.float64],
    counts: npt.NDArray[np.float64],
    prior: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Weighted logistic regression by gradient descent, with an L2 pull towards ``prior``."""
    w = prior.copy()
    share = counts / counts.sum()
    for _ in range(3000):
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.5 * (x.T @ ((p - y) * share) + PRIOR * (w - prior))
    return w


def _thresholds(
    p: npt.NDArray[np.float64],
    margins: npt.NDArray[np.float64],
    y: npt.NDArray[np.float64],
    counts: npt.NDArray[np.float64],
    topical: npt.NDArray[np.bool_],
    targets: npt.NDArray[np.float64],
) -> tuple[float, float] | None:
    """The answer threshold and near-tie margin that answer most samples right, each kind at its target.

    None when no setting is proven to reach it.
    """
    best: tuple[float, float, float] | None = None
    for tie in np.arange(0.0, MAX_TIE + 0.01, 0.02):
        for answer in np.arange(0.50, 0.96, 0.01):
            answered = (p >= answer) & (margins >= tie) & topical
            if not answered.any():
                break
            right, total = float((y * counts)[answered].sum()), float(counts[answered].sum())
            target = float((targets * counts)[answered].sum()) / total
            if _precision_bound(right, counts[answered]) >= target:
                if best is None or right > best[0]:
                    best = (right, float(answer), float(tie))
                break
    if best is None:
        return None
    return round(best[1], 2), round(best[2], 2)


def _precision_bound(right: float, counts: npt.NDArray[np.float64]) -> float:
    """A lower confidence bound (Wilson, one-sided, `Z`) on the weighted share right among ``counts``.

    A precision reached on a few samples is trusted less than the same precision on many.
    """
    total = float(counts.sum())
    n = total**2 / float((counts**2).sum())  # the effective number of samples
    share, z2 = right / total, Z**2
    spread = Z * float(np.sqrt(share * (1 - share) / n + z2 / (4 * n * n)))
    return (share + z2 / (2 * n) - spread) / (1 + z2 / n)


def _targets(samples: Sequence[Sample], precision: Mapping[SampleKind, float]) -> npt.NDArray[np.float64]:
    """Each sample's precision target: its kind's, or for the never-right kinds the strictest."""
    strictest = max(precision.values())
    return np.array([precision.get(s.kind, strictest) for s in samples])


def _folds(sources: Sequence[Source]) -> list[list[tuple[int, int]]]:
    """``(entry, unit)`` pairs to hold out, fold by fold, from at most `MAX_HELD_OUT` entries spread evenly.

    In fold ``j`` an entry with phrasings holds out its ``j``-th (counted from its number, so that
    folds differ); one without is asked its question's topic words once, in the first fold (unit 0).
    With few entries there are up to `MAX_FOLDS` folds, so that a small FAQ still gives enough samples.
    """
    asked = [n for n, s in enumerate(sources) if s.asked]
    if not asked:
        return []
    rebuild = len(sources) <= MAX_REBUILD_ENTRIES
    step = max(1.0, len(asked) / MAX_HELD_OUT)
    chosen = [asked[int(i * step)] for i in range(min(len(asked), MAX_HELD_OUT))]
    count = max(1, min(MAX_FOLDS, MAX_HELD_OUT // len(chosen))) if rebuild else 1
    folds = []
    for j in range(count):
        fold = [
            (n, 1 + (n + j) % (sources[n].asked - 1) if rebuild and sources[n].asked > 1 else 0)
            for n in chosen
            if (rebuild and sources[n].asked > 1) or j == 0
        ]
        folds.append(fold)
    return folds


def _without_units(
    sources: Sequence[Source],
    held: Sequence[tuple[int, int]],
    index: SearchIndex,
    analyzer: Analyzer,
    synonyms: Sequence[Sequence[str]],
    semantic: SemanticIndex | None,
    memo: Analyses | None,
) -> tuple[SearchIndex, SemanticIndex | None]:
    """The indexes without the phrasings (unit > 0) of ``held``; the same indexes when there are none."""
    removed = [(n, u) for n, u in held if u]
    if not removed:
        return index, semantic
    reduced = list(sources)
    for n, u in removed:
        units = sources[n].units
        reduced[n] = replace(sources[n], units=units[:u] + units[u + 1 :])
    reduced_semantic = semantic.without(removed) if semantic is not None else None
    # A copy: the memo stays the full index's, for the next reload.
    copy = memo.copy() if memo is not None else None
    return build_index(reduced, analyzer, synonyms, copy), reduced_semantic


def _topic_words(analyzer: Analyzer, question: str) -> str:
    """The content nouns of ``question``, as a keyword query: its frame and its wording gone."""
    return " ".join(dict.fromkeys(analyzer.analyze(question, ngrams=False).nouns))


def _meanings(
    semantic: SemanticIndex | None, embed: Embed | None, queries: list[str], oos: list[str]
) -> npt.NDArray[np.float32] | None:
    """The vectors of ``queries`` then ``oos``; the shipped out-of-scope questions embedded once a process."""
    if semantic is None or embed is None:
        return None
    if MODEL not in _OOS_VECTORS:
        _OOS_VECTORS[MODEL] = np.asarray(embed(oos), dtype=np.float32)
    return np.concatenate([np.asarray(embed(queries), dtype=np.float32), _OOS_VECTORS[MODEL]])


Embed = Callable[[Sequence[str]], npt.NDArray[np.floating]]
"""Texts to their meaning vectors, one row each."""

_OOS_VECTORS: dict[str, npt.NDArray[np.float32]] = {}
"""The shipped out-of-scope questions' vectors, by model: the same for every knowledge base."""


def _similar(semantic: SemanticIndex | None, vector: npt.NDArray[np.float32] | None) -> Closeness | None:
    if semantic is None or vector is None:
        return None
    return semantic.closeness(vector)


def _without(ranking: Ranking, number: int) -> Ranking:
    """The ranking as if entry ``number`` were not in the knowledge."""
    return replace(ranking, candidates=tuple(c for c in ranking.candidates if c.number != number))


@dataclass(frozen=True, slots=True)
class Reliability:
    """One confidence bin: how many queries fell in it, their mean confidence, and how many were right."""

    low: float
    high: float
    count: int
    confidence: float
    accuracy: float


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> list[Reliability]:
    """The reliability curve of ``(confidence, first candidate right)`` pairs, in equal-width bins."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (b == bins - 1 and c == 1.0)]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            rows.append(Reliability(low, high, len(inside), mean, sum(ok for _, ok in inside) / len(inside)))
    return rows
