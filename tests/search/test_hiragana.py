"""Topic words typed in hiragana, read as the knowledge's own nouns (`bot.search.hiragana`)."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import accumulate

import pytest

from bot.kana import to_hiragana, to_katakana
from bot.knowledge import KnowledgeBase
from bot.knowledge.schema import FaqEntry
from bot.search import Searcher
from bot.search.analyzer import Analysis
from bot.search.hiragana import MAX_READING, _Grammar, _pieces, _written
from bot.search.ranker import rank
from bot.search.spelling import MIN_SOUND_LENGTH
from tests.auxil.searchers import own_faq_searcher

ENTRIES = {
    "allowance": ("児童手当の申請はどこでできますか。", "区役所の子育て支援課で申請できます。"),
    "carcass": ("道路で動物の死体を見つけたときは？", "清掃事務所が回収します。"),
    "bags": ("指定のごみ袋はどこで買えますか。", "区内のスーパーで買えます。"),
    "tips": ("おすすめの窓口はどこですか。", "区民相談室です。"),
    "centre": ("新生の区民センターはいつ開きますか。", "4月に開きます。"),
}


@pytest.fixture(scope="module")
def own(kb: KnowledgeBase) -> Searcher:
    faq = tuple(FaqEntry(id=id_, question=q, answer=a) for id_, (q, a) in ENTRIES.items())
    return own_faq_searcher(kb, faq)


def nouns(searcher: Searcher, query: str) -> tuple[str, ...]:
    return rank(searcher.index, searcher.analyzer, query).analysis.nouns


def test_a_hiragana_compound_is_the_knowledges_noun(own: Searcher) -> None:
    analysis = rank(own.index, own.analyzer, "じどうてあてのしんせい").analysis
    assert {"児童手当", "申請"} <= set(analysis.nouns)
    allowance = analysis.noun_terms[analysis.nouns.index("児童手当")]
    assert {"w:児童手当", "w:児童", "w:手当"} <= set(allowance)
    assert "w:児童手当" in analysis.terms


@pytest.mark.parametrize(
    "query",
    [
        "こと ところ ため もの これ できる",
        "ごみを回収したい",  # したい reads as 死体, which the knowledge has
        "ここに置いていいですか",  # していい's してい reads as 指定
        "もったいないのでやめたいです",
    ],
)
def test_grammar_in_hiragana_is_no_noun(own: Searcher, query: str) -> None:
    analysis = rank(own.index, own.analyzer, query).analysis
    assert not {"死体", "指定", "事", "所", "為"} & set(analysis.nouns)
    assert "w:死体" not in analysis.terms
    assert "w:指定" not in analysis.terms


def test_a_word_the_knowledge_writes_in_kana_is_no_topic_of_it(own: Searcher) -> None:
    # おすすめ gives the term 御勧め, yet the knowledge writes it in kana: a topic of none of its entries.
    assert "w:御勧め" in own.index.vocabulary
    assert "御勧め" not in nouns(own, "おすすめのみせ")


def test_an_unknown_hiragana_word_stays_unknown(own: Searcher) -> None:
    ranking = rank(own.index, own.analyzer, "すいぞくかんのにゅうじょうりょう")
    assert ranking.analysis.nouns == ()
    assert ranking.unknown_nouns == ()


def test_a_hiragana_reading_shared_by_known_nouns_is_one_noun_either_explains(own: Searcher) -> None:
    analysis = rank(own.index, own.analyzer, "しんせいのばしょ").analysis
    (either,) = [terms for terms in analysis.noun_terms if "w:申請" in terms]
    assert "w:新生" in either
    assert len(analysis.nouns) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ぎょうむかいぜんのてびきはどこ？", "method-manual"),
        ("しょうこにもとづくせいさくりつあんってなに", "policy-ebpm"),
        ("ぎょうむりょうちょうさのやりかた", "method-inventory"),
        # An acronym spelled out, asked what it is: found nothing, read whole as アールピーエーッテナニ.
        ("あーるぴーえーってなに", "tool-rpa-basics"),
        ("あーるぴーえーってなんですか", "tool-rpa-basics"),
        ("あーるぴーえーのこと", "tool-rpa-basics"),
        ("えーあいおーしーあーるってなに", "tool-ocr-basics"),
    ],
)
def test_a_query_typed_in_hiragana_is_answered(searcher: Searcher, query: str, expected: str) -> None:
    result = searcher.search(query)
    assert result.decision == "answer", result.ranking.analysis.nouns
    assert result.hits[0].entry.id == expected


@pytest.mark.parametrize(
    ("query", "about"),
    [
        ("おーしーあーるってつかえる？", "ocr"),
        ("あーるぴーえーってつかえる？", "rpa"),
        ("ぺーぱーれすってどうやるの", "paperless"),
    ],
)
def test_a_loanword_in_hiragana_going_on_after_tte_is_found(
    searcher: Searcher, query: str, about: str
) -> None:
    """Read whole as オーシーアールッテツカエル, the first found nothing and was sent to the DX team."""
    result = searcher.search(query)
    assert result.decision != "escalate"
    assert about in result.hits[0].entry.id


def _covering(searcher: Searcher, run: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """The pieces `hiragana._pieces` chooses in ``run``, as (start, end, the known nouns that read so)."""
    found: dict[str, list[Analysis]] = {}
    pieces = _pieces(searcher.index, searcher.analyzer, lambda start, end: True, run, 0, found)
    return [(start, end, tuple(a.nouns[0] for a in known)) for start, end, known in pieces]


def _covering_by_every_piece(searcher: Searcher, run: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """What `_covering` should be: every piece of ``run`` tried, with no `SearchIndex.sound_prefixes`."""
    index, sounds = searcher.index, to_katakana(run)

    def known(start: int, end: int) -> tuple[str, ...]:
        words = index.sounds.get(sounds[start:end], ()) if end - start <= MAX_READING else ()
        analyses = [searcher.analyzer.analyze(word, ngrams=False) for word in words]
        return tuple(a.nouns[0] for a in analyses if a.nouns and _written(index, a.normalized))

    best: list[tuple[int, int, int]] = [(0, 0, -1)] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        best[end] = (*best[end - 1][:2], -1)
        for start in range(0, end - MIN_SOUND_LENGTH + 1):
            option = (best[start][0] + end - start, best[start][1] - 1, start)
            if known(start, end) and option[:2] > best[end][:2]:
                best[end] = option
    chosen, end = [], len(run)
    while end > 0:
        start = best[end][2]
        if start < 0:
            end -= 1
        else:
            chosen.append((start, end, known(start, end)))
            end = start
    return chosen[::-1]


def test_the_pieces_looked_up_only_as_far_as_they_begin_a_reading_are_every_pieces_best(
    own: Searcher,
) -> None:
    readings = sorted(own.index.sounds)
    kana = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    generator = random.Random(32)
    runs = ["じどうてあてのしんせい", "しんせいしんせい"]
    for _ in range(300):
        parts = [to_hiragana(generator.choice(readings)) for _ in range(generator.randint(1, 3))]
        parts += ["".join(generator.choices(kana, k=generator.randint(0, 4))) for _ in range(2)]
        generator.shuffle(parts)
        runs.append("".join(parts))
    covered = 0
    for run in runs:
        expected = _covering_by_every_piece(own, run)
        assert _covering(own, run) == expected, run
        covered += bool(expected)
    assert covered > 100  # the generated runs do hold known nouns


def test_the_reading_starts_are_those_of_three_kana_or_more(own: Searcher) -> None:
    starts = own.index.sound_prefixes
    assert all(reading[:n] in starts for reading in own.index.sounds for n in range(3, len(reading) + 1))
    assert not any(len(start) < MIN_SOUND_LENGTH for start in starts)
    assert all(any(reading.startswith(start) for reading in own.index.sounds) for start in starts)


@pytest.mark.parametrize("seed", range(5))
def test_the_morphemes_within_a_stretch_are_those_its_characters_hold_whole(own: Searcher, seed: int) -> None:
    generator = random.Random(seed)
    ends = tuple(accumulate(generator.randint(1, 4) for _ in range(generator.randint(1, 30))))
    grammar = _Grammar(replace(own.analyzer.analyze("申請"), ends=ends))
    owner = [
        number for number, end in enumerate(ends) for _ in range(end - (ends[number - 1] if number else 0))
    ]
    begins = (0, *ends[:-1])
    for start in range(ends[-1]):
        assert grammar.owner(start) == owner[start]
        for end in range(start + 1, ends[-1] + 1):
            within = [n for n in dict.fromkeys(owner[start:end]) if begins[n] >= start and ends[n] <= end]
            assert list(grammar.whole(start, end)) == within
