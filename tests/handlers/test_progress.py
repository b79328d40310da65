"""How far a channel got answering: which replies a push may leave out."""

from __future__ import annotations

from bot.handlers.channel import Progress


def test_replies_shown_whole_and_the_parts_shown_of_a_reply_cut_short_count() -> None:
    progress = Progress([1, 2, 1])  # a text, a card with its carousel, a text
    assert progress.partly() is None, "nothing shown: everything is pushed"
    progress.sent = 2  # the first reply, and the card of the second
    partly = progress.partly(3.0)
    assert partly is not None
    assert (partly.shown, partly.parts, partly.retry_after) == (1, 1, 3.0)
    progress.sent = 3
    assert (progress.shown(), progress.parts()) == (2, 0)


def test_a_first_reply_cut_short_is_a_partial_answer() -> None:
    progress = Progress([3, 1], sent=2)  # two of a long text's three pieces
    partly = progress.partly()
    assert partly is not None
    assert (partly.shown, partly.parts) == (0, 2)
