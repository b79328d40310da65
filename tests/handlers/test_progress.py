"""How far a channel got answering: which replies a push may leave out."""

from __future__ import annotations

from bot.handlers.channel import Progress


def test_only_replies_shown_whole_count_and_a_reply_cut_short_is_pushed_whole() -> None:
    progress = Progress([1, 2, 1])  # a text, a card with its carousel, a text
    assert progress.partly() is None, "nothing shown: everything is pushed"
    progress.sent = 2  # the first reply, and the card of the second
    partly = progress.partly(3.0)
    assert partly is not None
    assert (partly.shown, partly.retry_after) == (1, 3.0)
    progress.sent = 3
    assert progress.shown() == 2
