"""Reading a noun no entry knows as the known word it was meant to be, on the sample index."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.schema import FaqEntry
from bot.search import Searcher
from bot.search.spelling import compound_meant, words_meant
from tests.auxil.searchers import own_faq_searcher


def meant(searcher: Searcher, noun: str) -> tuple[str, ...]:
    return words_meant(searcher.index, noun, searcher.analyzer.sound(noun))


@pytest.mark.parametrize(
    ("slip", "word"),
    [
        ("予讃", "予算"),  # IME: same reading
        ("低出", "提出"),
        ("rap", "RPA"),  # two letters swapped, any case
        ("ORC", "OCR"),
        ("マニュアアル", "マニュアル"),  # one letter too many
        ("テンプレト", "テンプレート"),  # one too few
    ],
)
def test_slips_are_read_as_the_known_word(searcher: Searcher, slip: str, word: str) -> None:
    assert word in meant(searcher, slip)


@pytest.mark.parametrize(
    "noun",
    [
        "予算",  # a known word is never read as another
        "RPA",
        "決算",  # unknown, and no known word reads ケッサン
        "ゲーム",  # three letters: one changed letter (チーム) is another word, not a slip
        "ベンダー",
        "カラオケ",
    ],
)
def test_known_or_unrelated_nouns_are_left_alone(searcher: Searcher, noun: str) -> None:
    assert meant(searcher, noun) == ()


def test_typing_slips_are_answered(searcher: Searcher) -> None:
    result = searcher.search("改善マニュアアルってどこにある？")
    assert result.decision == "answer"
    assert result.hits[0].entry.id == "method-manual"
    assert result.ranking.unknown_nouns == ()


def test_spellings_hold_latin_and_katakana_words_by_length(searcher: Searcher) -> None:
    spellings = searcher.index.spellings
    assert "RPA" in spellings[3]
    assert "マニュアル" in spellings[5]
    assert all(len(word) == length for length, words in spellings.items() for word in words)
    assert not any("予算" in words for words in spellings.values())


def test_an_unknown_compound_is_read_by_its_parts(searcher: Searcher) -> None:
    """電子決済 (決裁 typed as its homophone 決済) is 電子, which the index knows, and 決裁."""
    assert compound_meant(searcher.index, ["電子", "決済"], searcher.analyzer.sound) == ("決裁",)
    result = searcher.search("電子決済に切り替えたい")
    assert result.ranking.unknown_nouns == ()
    assert result.hits[0].entry.id == "tool-paperless"


def test_a_compound_with_a_part_read_as_nothing_stays_unknown(searcher: Searcher) -> None:
    assert compound_meant(searcher.index, ["電子", "決済", "カラオケ"], searcher.analyzer.sound) == ()
    assert compound_meant(searcher.index, ["電子", "予算"], searcher.analyzer.sound) == ()  # nothing unknown


def test_a_compound_of_one_known_word_and_a_word_naming_no_topic_is_read_as_the_word(
    kb: KnowledgeBase,
) -> None:
    """登録方法 is 登録 and 方法, which the analyzer counts as no topic: the FAQ that writes 登録 knows it."""
    dog = FaqEntry(
        id="dog", question="犬を飼い始めたら登録が必要ですか？", answer="保健所で登録してください。"
    )
    room = FaqEntry(
        id="room", question="会議室と集会所の予約はどこでしますか？", answer="施設予約システムです。"
    )
    searcher = own_faq_searcher(kb, [dog, room])
    assert compound_meant(searcher.index, ["登録"], searcher.analyzer.sound) == ("登録",)
    result = searcher.search("犬の登録方法")
    assert result.ranking.unknown_nouns == ()
    assert result.hits[0].entry.id == "dog"
    # Two known parts make a new whole: 会議室予約 is not read as 会議室 and 予約.
    assert compound_meant(searcher.index, ["会議室", "予約"], searcher.analyzer.sound) == ()
