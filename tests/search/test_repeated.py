"""A sentence pasted again and again counts as said once (`bot.search.normalize.once_each`)."""

from __future__ import annotations

import pytest

from bot.search import Searcher
from bot.search.normalize import MAX_QUERY_CHARS, once_each

# Answered otherwise when repeated to 1,900 characters, before repeats counted once: the terms outweighed,
# the fuzzy similarity read a text no entry resembles, and the message was cut inside a sentence.
SAID_AGAIN = [
    "DXチームってどこまでやってくれるの？システム作ってくれたりする？",
    "業務の棚下ろしってどうやるんですか。",
    "改善の効果の図り方。",
    "周りが改善に乗り気じゃないんだよね、どうしたらいい？",
    "議事録の要約や、お知らせ文の下書きに時間がかかっています。AIに下書きさせれば早そうだと思うのですが、"
    "入力していい内容がわからないので教えてください。",
]


@pytest.mark.parametrize("text", SAID_AGAIN)
def test_a_message_of_one_text_repeated_is_answered_as_the_text(searcher: Searcher, text: str) -> None:
    repeated = text * (1900 // len(text) + 1)
    assert len(repeated) > MAX_QUERY_CHARS
    once, again = searcher.search(text), searcher.search(repeated)
    assert again.decision == once.decision
    assert again.confidence == once.confidence
    hits = [(hit.entry.id, hit.score) for hit in once.hits]
    assert [(hit.entry.id, hit.score) for hit in again.hits] == hits


def test_the_last_of_each_sentence_is_kept() -> None:
    assert once_each("A。A。A。") == "A。"
    # The question said first and last: the story stays before it, where `closing` looks for it.
    assert once_each("予約できる？昨日から調べています。予約できる？") == "昨日から調べています。予約できる？"
    assert once_each("申請します。\n申請します") == "\n申請します"  # spaces and the closing mark aside
    assert once_each("はい。 はい。 ") == " はい。 "


@pytest.mark.parametrize("text", ["", "予約できる？", "A。\n\nB。", "？？", "A。B。C", "a. b"])
def test_text_without_a_repeated_sentence_is_left_as_it_is(text: str) -> None:
    assert once_each(text) is text
