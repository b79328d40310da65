"""Score a query against the index, rerank the best with rapidfuzz, gather evidence.

The evidence (coverage, unknown words, fuzzy similarity) is what the decision needs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import KeysView
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from bot.search.abbreviation import expansions
from bot.search.analyzer import Analysis, Analyzer
from bot.search.definition import asked_topics, defines
from bot.search.evidence import Presence, is_unknown
from bot.search.hiragana import spelled_in_hiragana
from bot.search.index import KINDS, NGRAM_VIEWS, Entry, Kind, SearchIndex
from bot.search.normalize import sentences
from bot.search.scoring import WHOLE_WEIGHT, EntryScorer
from bot.search.semantic import Closeness
from bot.search.spelling import compound_meant, words_meant
from bot.search.synonymy import synonyms_meant

__all__ = ["Candidate", "Ranking", "rank"]

VIEW_WEIGHTS = {"w": 1.0, "s": 0.5, "g": 0.35, "r": 0.35}
"""Weight of each term view in a query; words carry meaning, n-grams are the safety net."""

KIND_WEIGHTS: dict[Kind, float] = {
    "faq": 1.0,
    "referral": 1.0,
    "smalltalk": 0.8,
    "manual": 0.85,
    "case": 0.8,
}
"""The FAQ is the curated answer: when a manual section fits as well, the FAQ ranks first."""


_KIND_WEIGHT_ARRAY = np.array([KIND_WEIGHTS[k] for k in KINDS], dtype=np.float32)

RERANK_DEPTH = 12
"""Entries best by their words that become candidates (those closest in meaning join them, `SEMANTIC_DEPTH`).

An entry that shares few words with a paraphrase yet is close to it in
meaning is found only if it is among them: against a bare FAQ (a question
without phrasings) it ranks lower by words than one with phrasings. 8 found
the right entry among the first three for 0.920 of the development set's
queries without phrasings, 10 to 24 for 0.923."""
MAX_NGRAMS_PER_VIEW = 32
FUZZY_SCORER = fuzz.ratio
"""Indel similarity: as good as partial_ratio on the query sets, at a fraction of the cost."""
CURATED_RATIO = 0.6
BARE_CURATED_RATIO = 0.25
"""An FAQ entry scoring at least this share of a section or case it links to ranks just above it:
`CURATED_RATIO` for an entry with phrasings or keywords, `BARE_CURATED_RATIO` for a bare question.

A bare entry (a ward's own FAQ, one question each) is a line against the
section's page of text and rarely scores near it, yet it is the answer the ward
wrote for that question: at 0.6, the sample FAQ without phrasings answered with
the section instead, wrongly, 4.3 % of the time; at 0.25, 1.6 %. With
phrasings the entry holds its own, and a query naming a section still finds it."""
LIFT = 1.001
LIFT_ORDER = 0.001
"""An FAQ entry lifted above a section or case it cites scores ``LIFT`` times it, plus ``LIFT_ORDER`` times
its own score: entries lifted above one section keep their own order, as siblings citing one
section often are (consult-how-to and consult-status both cite the page on whom to contact). Without the
second term they tied, and whichever came first among the candidates was first."""
CITED_DEPTH = 8
"""FAQ entries linking to a candidate section or case that join the candidates, the best scoring first.

In a large FAQ one case may be cited by thousands of entries; all of them would cost milliseconds each."""
SEMANTIC_DEPTH = 8
"""Entries closest in meaning that join the lexical candidates."""
SEMANTIC_FLOOR = 0.2
SEMANTIC_WEIGHT = 1.0
"""Closeness in meaning above the floor adds this much a unit to a candidate's score (both fitted on
the development set, with and without the FAQ's phrasings), less what an entry with far more views
than most owes to their number (`bot.search.semantic.MANY_VIEWS`); the decision sees the closeness itself."""

COVERAGE_WEIGHT = 0.1
EXPLAINED_WEIGHT = 0.2
"""What a candidate's share of the query's words (`Candidate.coverage`) and of its content nouns
(`Candidate.explained`) add to its score: the topic decides, not the frame.

Relevance sums what the query's terms are worth, so an entry sharing only
frames and common n-grams with a long query (どうすればいい, 〜したい) can
outscore the one that names its topic. Measured against the ranking without
them (`python -m bot eval`, top-1 / top-3): the sample FAQ without phrasings
0.759 / 0.881 → 0.821 / 0.917, the ward FAQ 0.644 / 0.834 → 0.664 / 0.855, and
the staff-helpdesk FAQ, which judged the change, 0.629 / 0.807 → 0.635 / 0.843."""

FOCUS_MIN_CHARS = 40
FOCUS_BOOST = 1.8


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked entry with the evidence for it."""

    entry: Entry
    number: int
    score: float
    relevance: float
    coverage: float
    fuzzy: float
    explained: float
    """Share of the query's content nouns that the entry mentions (1.0 when it has none).

    For a long message, the better of the whole message and its closing question.
    """
    semantic: float = 0.0
    """Cosine of the entry's closest view with the query's meaning (`bot.search.semantic`); 0 without it."""
    topical: bool = True
    """False for a sub-question (【粗大ごみ】手数料) whose topic the query does not mention.

    Such an entry may be offered, never answered on its own (see `bot.search.decide`).
    """
    related: frozenset[int] = frozenset()
    """Entries among the candidates that give the same answer: the manual sections and cases this FAQ
    entry links to, or the FAQ entries linking to this one. No rival to it (`bot.search.decide.margin`).
    """


@dataclass(frozen=True, slots=True)
class Ranking:
    """Candidates best first, and what the query itself contains."""

    analysis: Analysis
    candidates: tuple[Candidate, ...]
    unknown_share: float
    unknown_nouns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QueryTerms:
    """The query's terms that the index knows; ``rows`` maps each to its place in ``ids`` and ``weights``."""

    rows: dict[str, int]
    ids: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float32]
    standing: frozenset[str]
    """Synonym terms that stand for a noun the index knows by them only (see `_standing_in`)."""
    said: KeysView[str]
    """Every term of the query and of its focus, known or not."""
    scale: npt.NDArray[np.float32]
    """By what each term's idf is scaled, as in ``weights`` (`_alike`): 1 for most."""


def _query_terms(index: SearchIndex, analysis: Analysis, focus: Analysis | None) -> QueryTerms:
    """Known query terms and their weights.

    Terms of the ``focus`` (the closing question of a long message) weigh more;
    a repeated term counts sub-linearly. Character n-grams are the safety net
    for typos and unknown words, so only the rarest few of each view are kept:
    common n-grams discriminate nothing and would dominate the cost (the index's
    `SearchIndex.searchable` leaves them out, so that a story's 400-odd terms are
    looked up once each).
    """
    counts = Counter(analysis.terms)
    focus_terms = focus.terms if focus is not None else ()
    focused = set(focus_terms)
    for term in focus_terms:  # in the text's order, not a set's hash order
        counts.setdefault(term, 1)
    searchable = index.searchable  # one lookup a term: the n-grams too common to search by are not there
    known = [term for term in counts if term in searchable]
    for view in NGRAM_VIEWS:
        grams = [term for term in known if term[0] == view]
        if len(grams) > MAX_NGRAMS_PER_VIEW:  # the rarest, ties in the order of their text
            grams.sort(key=lambda gram: (index.df[searchable[gram]], gram))
            dropped = set(grams[MAX_NGRAMS_PER_VIEW:])
            known = [term for term in known if term not in dropped]
    standing = _standing_in(index, analysis)
    ids = np.array([searchable[t] for t in known], dtype=np.int64)
    alike = _alike(index, analysis, focus)
    scale = np.array([alike.get(t, 1.0) for t in known], dtype=np.float32)
    weights = [
        VIEW_WEIGHTS["w" if t in standing else t[0]]
        * (1.0 + math.log(counts[t]))
        * (FOCUS_BOOST if t in focused else 1.0)
        for t in known
    ]
    return QueryTerms(
        {t: row for row, t in enumerate(known)},
        ids,
        np.asarray(weights, dtype=np.float32) * scale,
        frozenset(standing),
        counts.keys(),
        scale,
    )


SHORTENING_SHARE = 0.5
"""What a query's known shortening weighs against its compound (`_alike`): an entry that writes both,
the shortening in its question and the compound in its answer, is not counted twice over one that
writes the compound alone. On the 国民健康保険 counter FAQ, 1.0 / 0.5 / 0.25 ranked the right entry
first for 0.705 / 0.712 / 0.712 of its queries and answered 0.238 / 0.242 / 0.224 right."""


def _alike(index: SearchIndex, analysis: Analysis, focus: Analysis | None) -> dict[str, float]:
    """Word terms that one noun of the query means alike → by what their idf is scaled.

    A known shortening means its compound as well (国保 and 国民健康保険,
    `SearchIndex.shortened`): for the query they are one word, and weigh as the
    more common of them does (the shortening at `SHORTENING_SHARE` of that). By its
    own idf the shortening, which few entries write, outweighed the compound most
    entries write: 「国保の払い方」 found the few entries that happen to say 国保
    (同じ世帯に国保の人と社会保険の人がいます) before 国民健康保険料の納め方.
    """
    nouns = {*analysis.nouns, *(focus.nouns if focus is not None else ())}
    factors: dict[str, float] = {}
    for noun in nouns:
        compounds = index.shortened.get(noun, ())
        ids = {word: index.vocabulary.get("w:" + word) for word in (noun, *compounds)}
        idfs = {word: float(index.idf[at]) for word, at in ids.items() if at is not None}
        if not compounds or len(idfs) < 2:
            continue
        lowest = min(idfs.values())
        for word, idf in idfs.items():
            share = SHORTENING_SHARE if word == noun else 1.0
            factors["w:" + word] = share * lowest / idf if idf > 0 else 1.0
    return factors


def _standing_in(index: SearchIndex, analysis: Analysis) -> set[str]:
    """The synonym terms of words the index knows only by their synonym group, which weigh as words.

    Teams, written nowhere but in synonyms.yaml beside オンライン会議, has its
    group's term as its one term in the index: at a synonym's weight, the
    sentence's frame (使いたい) would outweigh what it is about. So with a
    group of several words: 大型ごみ, whose 大型 no entry writes, beside the
    FAQ's 粗大ごみ, or 集会所 beside 区民会館 (one 料金 outweighed it).
    """
    vocabulary = index.vocabulary
    nouns = zip(analysis.nouns, analysis.noun_synonyms, strict=True)
    return {synonym for noun, synonym in nouns if synonym and "w:" + noun not in vocabulary} | {
        synonym
        for synonym, lemmas in analysis.synonym_runs
        if any("w:" + lemma not in vocabulary for lemma in lemmas)
    }


def _focus(index: SearchIndex, analyzer: Analyzer, analysis: Analysis) -> Analysis | None:
    """The closing sentences of a long message, where staff put their question."""
    if len(analysis.normalized) < FOCUS_MIN_CHARS:
        return None
    parts = sentences(analysis.normalized)
    if len(parts) < 2:
        return None
    tail = parts[-1]
    if len(tail) < 12:
        tail = parts[-2] + "。" + tail
    return spelled_in_hiragana(index, analyzer, analyzer.analyze(tail))


def _read(index: SearchIndex, analyzer: Analyzer, analysis: Analysis) -> tuple[Analysis, tuple[str, ...]]:
    """The analysis with the known words its unknown nouns were meant to be, and the nouns still unknown.

    The Latin fragments of a mash (`Analysis.fragments`) are unknown whatever they spell.

    A noun read as a known word (a slip, `bot.search.spelling`; a shortening,
    `bot.search.abbreviation`) counts as mentioned by an entry that has that word,
    and as known; so does a compound whose unknown parts are (電子決済 as 電子 and
    決裁). A noun whose synonym group the index knows is known as it is, never a
    slip (チームズ is no チーム); so is one in a run of words that is a synonym the
    index knows (大型 of 大型ごみ, beside 粗大ごみ in knowledge/synonyms.yaml: a ward's
    own groups are meant for sure), and an entry with the group mentions it. A
    noun still unknown brings the known words of its
    Sudachi synonym groups (子ども手当 → 児童手当, `bot.search.synonymy`) and counts as
    mentioned by an entry that has one, but stays unknown to the decision: some
    groups are loose (配当 and 割り当て, 決算 and 精算), so they may rank an entry,
    never make it sure.
    """
    nouns = zip(
        analysis.nouns, analysis.noun_sounds, analysis.noun_synonyms, analysis.noun_terms, strict=True
    )
    grouped = {
        lemma: synonym
        for synonym, lemmas in analysis.synonym_runs
        if synonym in index.vocabulary
        for lemma in lemmas
    }
    meant = {  # a noun in a known group's run is known by that group, as by its own (`_meant`)
        noun: ()
        if noun in analysis.fragments
        else _meant(index, analyzer, noun, sound, grouped.get(noun) or synonym, terms)
        for noun, sound, synonym, terms in nouns
    }
    unknown = tuple(noun for noun, words in meant.items() if words == ())
    for noun in unknown:
        if noun not in analysis.fragments:
            meant[noun] = synonyms_meant(index.synonym_groups, analyzer.synonym_groups(noun))
    extra = ["w:" + word for noun in analysis.nouns for word in meant[noun] or ()]
    if not extra and not grouped.keys() & set(analysis.nouns):
        return analysis, unknown
    noun_terms = tuple(
        (*terms, *("w:" + word for word in meant[noun] or ()), *([grouped[noun]] if noun in grouped else ()))
        for noun, terms in zip(analysis.nouns, analysis.noun_terms, strict=True)
    )
    return (
        replace(
            analysis,
            terms=(*analysis.terms, *extra),
            words=(*analysis.words, *extra),
            noun_terms=noun_terms,
        ),
        unknown,
    )


def _meant(
    index: SearchIndex, analyzer: Analyzer, noun: str, sound: str, synonym: str, terms: tuple[str, ...]
) -> tuple[str, ...] | None:
    """The known words ``noun`` was meant to be; None when the index knows it as it is.

    Known as it is: as a word, by its synonym group, or, when no word was meant, by
    its characters (`is_unknown`). Empty: no word meant, and the noun is unknown. A
    known shortening of a compound the knowledge writes too (国保 and 国民健康保険,
    `SearchIndex.shortened`) means the compound as well, and stays known.
    """
    if "w:" + noun in index.vocabulary:
        return index.shortened.get(noun)
    if synonym in index.vocabulary:
        return None
    words = words_meant(index, noun, sound) or expansions(
        index.abbreviations, index.vocabulary, noun, analyzer.parts
    )
    if words:
        return words
    if not is_unknown(index, noun):
        return None
    return compound_meant(index, _parts(noun, terms), analyzer.sound)


def _parts(noun: str, terms: tuple[str, ...]) -> list[str]:
    """The words of a noun's terms besides the noun itself: its parts (電子決済 → 電子, 決済)."""
    return [term[2:] for term in terms if term.startswith("w:") and term[2:] != noun]


def rank(
    index: SearchIndex,
    analyzer: Analyzer,
    query: str,
    limit: int = 10,
    meaning: Closeness | None = None,
) -> Ranking:
    """Rank every entry for ``query``; never raises on odd input.

    ``meaning`` is the query's closeness in meaning to the entries, when
    the searcher has a semantic index: the entries closest in meaning join
    the candidates, and closeness adds to each candidate's score.
    """
    analysis, unknown = _read(index, analyzer, spelled_in_hiragana(index, analyzer, analyzer.analyze(query)))
    unknown_share = _share(unknown, analysis)
    focus = _focus(index, analyzer, analysis)
    focus_unknown: tuple[str, ...] = ()
    if focus is not None:
        focus, focus_unknown = _read(index, analyzer, focus)
        # The story before a closing question sets the scene; the question says what is asked.
        unknown_share = min(unknown_share, _share(focus_unknown, focus))
    terms = _query_terms(index, analysis, focus)
    if not len(index.entries):
        return Ranking(analysis, (), unknown_share, unknown)
    if not terms.rows:
        return Ranking(analysis, _by_meaning_alone(index, analysis, meaning, limit), unknown_share, unknown)

    with EntryScorer(index, terms.ids, terms.weights, _KIND_WEIGHT_ARRAY) as scorer:
        numbers, scores = scorer.top(RERANK_DEPTH)
        if meaning is not None:
            numbers += [n for n in meaning.closest(SEMANTIC_DEPTH, SEMANTIC_FLOOR) if n not in numbers]
        cited, cited_scores = scorer.best_of(_citing(index, numbers), CITED_DEPTH, besides=numbers)
        extra = numbers[len(scores) :]
        numbers += cited
        scores = np.concatenate([scores, scorer.exact(extra), cited_scores])
        held = scorer.held(numbers)
    if not numbers:
        return Ranking(analysis, (), unknown_share, unknown)

    presence = Presence(index, terms.rows, terms.ids, held, terms.scale)
    fuzzy = _fuzzy(index, analysis, numbers)
    # Without content nouns (こんにちは, ふがほげ), how closely the query reads like an entry explains it.
    explained = presence.explained(analysis) if analysis.noun_terms else fuzzy
    coverage = presence.coverage(analysis, unknown, VIEW_WEIGHTS, terms.standing)
    if focus is not None:
        explained = np.maximum(explained, presence.explained(focus))
        coverage = np.maximum(coverage, presence.coverage(focus, focus_unknown, VIEW_WEIGHTS, terms.standing))
    norm = float(terms.weights @ index.idf[terms.ids]) * (1 + WHOLE_WEIGHT)
    closeness = meaning.of(numbers) if meaning is not None else [0.0] * len(numbers)
    chance = meaning.by_chance(numbers) if meaning is not None else np.zeros(len(numbers))
    relevance = scores / norm if norm else np.zeros(len(numbers))
    final = relevance * (0.75 + 0.5 * fuzzy) + SEMANTIC_WEIGHT * np.maximum(
        0.0, np.asarray(closeness) - SEMANTIC_FLOOR - chance
    )
    final += COVERAGE_WEIGHT * coverage + EXPLAINED_WEIGHT * explained
    related = _related(index, numbers)
    figures = list(
        zip(
            numbers,
            _prefer_overview(index, analysis, numbers, _prefer_curated(index, numbers, list(final))),
            relevance.tolist(),
            coverage.tolist(),
            fuzzy.tolist(),
            explained.tolist(),
            closeness,
            strict=True,
        )
    )
    figures.sort(key=lambda figure: -figure[1])  # best first; ties keep their order
    candidates = [
        Candidate(
            index.entries[number],
            number,
            score,
            relevant,
            covered,
            similar,
            explains,
            close,
            number not in index.topics or index.topics[number].mentioned(terms.said),
            related[number],
        )
        for number, score, relevant, covered, similar, explains, close in figures[:limit]
    ]
    return Ranking(analysis, tuple(candidates), unknown_share, unknown)


def _by_meaning_alone(
    index: SearchIndex, analysis: Analysis, meaning: Closeness | None, limit: int
) -> tuple[Candidate, ...]:
    """Candidates for a query none of whose words the index knows: only the closest in meaning.

    They explain none of the query's words, so the decision offers them at
    most as もしかして.
    """
    if meaning is None:
        return ()
    close = meaning.closest(limit, SEMANTIC_FLOOR)
    closeness = meaning.of(close)
    fuzzy = _fuzzy(index, analysis, close)
    explained = 0.0 if analysis.noun_terms else 1.0
    return tuple(
        Candidate(
            index.entries[n],
            n,
            SEMANTIC_WEIGHT * (closeness[at] - SEMANTIC_FLOOR),
            0.0,
            0.0,
            float(fuzzy[at]),
            explained,
            closeness[at],
        )
        for at, n in enumerate(close)
    )


def _share(unknown: tuple[str, ...], analysis: Analysis) -> float:
    return len(unknown) / len(set(analysis.nouns)) if analysis.nouns else 0.0


def _fuzzy(index: SearchIndex, analysis: Analysis, numbers: list[int]) -> npt.NDArray[np.float64]:
    """Best rapidfuzz similarity (0-1) between the query and any unit of each candidate."""
    starts, ends = index.unit_starts[numbers], index.unit_ends[numbers]
    spans = zip(starts.tolist(), ends.tolist(), strict=True)
    texts = [text for start, end in spans for text in index.unit_texts[start:end]]
    if not texts or not analysis.fuzzy_text:
        return np.zeros(len(numbers))
    ratios = process.cdist([analysis.fuzzy_text], texts, scorer=FUZZY_SCORER, dtype=np.float32)[0]
    sizes = ends - starts
    best = np.zeros(len(numbers))
    has_units = sizes > 0  # an entry may have no units left (calibration holds its question out)
    best[has_units] = np.maximum.reduceat(ratios, (np.cumsum(sizes) - sizes)[has_units]) / 100
    return best


def _citing(index: SearchIndex, numbers: list[int]) -> npt.NDArray[np.int32]:
    """The FAQ entries that link to a manual section or case among ``numbers`` (some may be among them).

    An entry linking to several of them is there as often (see `EntryScorer.best_of`).
    """
    linked = [index.curated[n] for n in numbers if n in index.curated]
    if not linked:
        return np.zeros(0, dtype=np.int32)
    return np.concatenate(linked)


def _related(index: SearchIndex, numbers: list[int]) -> dict[int, frozenset[int]]:
    """Each of ``numbers`` → those of ``numbers`` it links to or that link to it (`Candidate.related`)."""
    among = set(numbers)
    links: dict[int, set[int]] = {n: set() for n in numbers}
    for faq in numbers:
        for cited in index.links.get(faq, ()):
            if cited in among:
                links[cited].add(faq)
                links[faq].add(cited)
    return {n: frozenset(linked) for n, linked in links.items()}


def _prefer_curated(index: SearchIndex, numbers: list[int], scores: list[float]) -> list[float]:
    """``scores`` of ``numbers`` where an FAQ entry citing a better-scoring section or case is just above it.

    The manual and the cases explain; the FAQ entry that cites them is the
    curated answer to the question, so it comes first when it fits nearly as well.
    """
    place = {number: at for at, number in enumerate(numbers)}
    linking: dict[int, list[int]] = {}  # a candidate section or case → the candidate FAQ entries citing it
    for number in numbers:
        for target in index.links.get(number, ()):
            linking.setdefault(target, []).append(number)
    preferred = list(scores)
    for cited in sorted(range(len(numbers)), key=scores.__getitem__):
        for number in linking.get(numbers[cited], ()):
            faq = place[number]
            ratio = CURATED_RATIO if len(index.entry_units(number)) > 1 else BARE_CURATED_RATIO
            if ratio * scores[cited] <= preferred[faq] < scores[cited]:
                preferred[faq] = scores[cited] * LIFT + LIFT_ORDER * preferred[faq]
    return preferred


def _prefer_overview(
    index: SearchIndex, analysis: Analysis, numbers: list[int], scores: list[float]
) -> list[float]:
    """``scores`` where, for a query asking what a 【topic】 is, its overview is just above its siblings.

    Of the candidates of each topic the query asks about (`asked_topics`), the
    best-scoring overview (`defines`) is lifted as `_prefer_curated` lifts an FAQ
    entry, unless an overview is already the topic's best.
    """
    preferred = list(scores)
    for topic in asked_topics(index, analysis, numbers):
        siblings = [at for at, number in enumerate(numbers) if index.topics.get(number) == topic]
        overviews = [at for at in siblings if defines(index.entries[numbers[at]].title)]
        best = max(siblings, key=scores.__getitem__)
        if overviews and best not in overviews:
            lifted = max(overviews, key=scores.__getitem__)
            preferred[lifted] = scores[best] * LIFT + LIFT_ORDER * scores[lifted]
    return preferred
