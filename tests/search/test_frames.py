"""The probe of ``python -m benchmarks.frames``: the topics several entries share, which it asks in frames."""

from __future__ import annotations

from benchmarks.frames import FRAMES, MIN_SHARED, shared_topics
from bot.knowledge import KnowledgeBase
from bot.search import Searcher


def test_the_probe_finds_the_shared_topics(kb: KnowledgeBase, searcher: Searcher) -> None:
    topics = shared_topics(kb, searcher.analyzer)
    assert {"training-manager", "training-dx-talent", "training-study"} <= topics["研修"]
    assert all(len(entries) >= MIN_SHARED for entries in topics.values())
    assert "について知りたい" in FRAMES


def test_a_topic_in_an_everyday_frame_is_decided_as_the_bare_topic(searcher: Searcher) -> None:
    bare = searcher.search("研修")
    for framed in ("研修について知りたい", "研修ある？", "研修の件", "研修について教えてください。"):
        result = searcher.search(framed)
        assert result.query == framed, "the staff member's own words are kept"
        assert result.decision == bare.decision, framed
        assert [h.entry.id for h in result.hits] == [h.entry.id for h in bare.hits], framed
    # It was answered with the travel-expenses referral, through 出張の日当について知りたい.
    assert searcher.search("研修について知りたい").hits[0].entry.id != "ref-travel"


def test_a_how_to_frame_does_not_choose_among_a_topics_entries(searcher: Searcher) -> None:
    # 「RPAのやり方」 and 「申請のやり方」 were answered with the RPA licence request (0.91, 0.89) and
    # 「RPAってできますか」 with the RPA basics; bare, each offers the topic's entries.
    for topic in ("RPA", "申請"):
        bare = searcher.search(topic)
        assert bare.decision == "clarify", topic
        framed = ("のやり方", "ってできますか", "ってどうすればいい", "のやり方を教えて", "ってどうやるの")
        for frame in framed:
            result = searcher.search(topic + frame)
            assert result.decision == "clarify", topic + frame
            assert [h.entry.id for h in result.hits] == [h.entry.id for h in bare.hits], topic + frame


def test_a_stretched_or_casual_frame_is_decided_as_the_bare_topic(searcher: Searcher) -> None:
    # 「RPAおしえてくださいいいいいい」 was answered with the study sessions (0.88), through their phrasing
    # RPA勉強会の日程を教えてください: without を, in kana and stretched, the frame was no frame.
    bare = searcher.search("RPA")
    for framed in ("RPAおしえてくださいいいいいい", "RPAおしえてください", "RPA教えて〜〜"):
        result = searcher.search(framed)
        assert result.decision == bare.decision, framed
        assert [h.entry.id for h in result.hits] == [h.entry.id for h in bare.hits], framed
