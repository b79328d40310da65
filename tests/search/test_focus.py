"""A long message's closing question (`bot.search.ranker._focus`) is read afresh, not sliced from it.

Sudachi reads a sentence's first words by what comes before them, so taking
the question's morphemes from the whole message's would read some questions
otherwise (2 of 5,722 long texts; docs/performance.md).
"""

from __future__ import annotations

from bot.search import Searcher
from bot.search.hiragana import spelled_in_hiragana
from bot.search.ranker import _focus

QUESTION = "区役所でする手続きをまとめて教えてもらえる窓口はありますか。"
STORY = "先月から窓口の担当になりましたが、慣れなくて困っています。" + QUESTION


def test_a_closing_question_is_tokenised_afresh_not_sliced(searcher: Searcher) -> None:
    analyzer = searcher.analyzer
    whole = analyzer.analyze(STORY)
    start = len(whole.normalized) - len(QUESTION)
    sliced = [word for word, end in zip(whole.morphemes, whole.ends, strict=True) if end > start]
    assert sliced[0].lemmas == ("区",)  # after a 。 Sudachi reads 区 + 役所: a slice would not do
    focus = _focus(searcher.index, analyzer, whole)
    assert focus is not None
    assert focus.morphemes[0].lemmas[0] == "区役所"
    assert focus == spelled_in_hiragana(searcher.index, analyzer, analyzer.analyze(QUESTION))
