"""`Engine.ahead`: the search a message needs, done before the caller takes its lock, and done once."""

from __future__ import annotations

import pytest

from bot.dialogue import Incoming, State
from bot.dialogue.engine import Engine
from bot.search import Searcher
from tests.auxil.desk import MemoryDesk
from tests.auxil.searchers import ScriptedSearcher
from tests.auxil.transcript import KEY

QUESTION = "RPAとは何ですか？"


def test_a_question_is_searched_ahead_once_and_answered_as_without_it(searcher: Searcher) -> None:
    counted = ScriptedSearcher(searcher, {})
    engine = Engine(counted)
    incoming = Incoming(KEY, text=QUESTION)
    ready = engine.ahead(incoming)
    assert counted.queries == [QUESTION]
    turn = ready.step(incoming, State(), MemoryDesk())
    assert counted.queries == [QUESTION]  # the step found the result ready
    plain = engine.step(incoming, State(), MemoryDesk())
    assert [(r.kind, r.ref, r.text) for r in turn.replies] == [(r.kind, r.ref, r.text) for r in plain.replies]
    assert turn.state.shown == plain.state.shown == "faq:tool-rpa-basics"


@pytest.mark.parametrize(
    "incoming",
    [
        Incoming(KEY, text="メニュー"),
        Incoming(KEY, text="こんにちは！"),
        Incoming(KEY, text="もっと詳しく"),
        Incoming(KEY, text="他には？"),
        Incoming(KEY, text="相談状況"),
        Incoming(KEY, text="OCRの事例"),
        Incoming(KEY, text="  "),
        Incoming(KEY, text="いいえ"),
        Incoming(KEY, text="👍"),
        Incoming(KEY, text="入力中の相談に戻る"),
        Incoming(KEY, action="menu"),
    ],
    ids=[
        "menu",
        "smalltalk",
        "detail",
        "other",
        "status",
        "cases",
        "blank",
        "no",
        "emoji",
        "resume",
        "button",
    ],
)
def test_what_needs_no_search_is_not_searched_ahead(searcher: Searcher, incoming: Incoming) -> None:
    counted = ScriptedSearcher(searcher, {})
    engine = Engine(counted)
    assert engine.ahead(incoming) is engine
    assert counted.queries == []


def test_the_intake_uses_the_search_done_ahead_for_its_candidates(searcher: Searcher) -> None:
    counted = ScriptedSearcher(searcher, {})
    engine = Engine(counted)
    desk = MemoryDesk()
    state = engine.step(Incoming(KEY, action="consult"), State(), desk).state
    assert state.intake is not None
    assert state.intake.step == "content"
    content = "毎月の紙の申請書をExcelに手で打ち込む作業を減らしたい"
    incoming = Incoming(KEY, text=content)
    intake = engine.ahead(incoming).step(incoming, state, desk).state.intake
    assert counted.queries == [content]
    assert intake is not None
    assert intake.candidates


def test_a_wish_to_consult_has_both_its_searches_done_ahead(searcher: Searcher) -> None:
    counted = ScriptedSearcher(searcher, {})
    engine = Engine(counted)
    text = "RPAの導入について相談したい"
    incoming = Incoming(KEY, text=text)
    ready = engine.ahead(incoming)
    searched = list(counted.queries)
    assert len(searched) == 2
    assert searched[0] == text
    assert searched[1] == "rpaの導入"  # what the wish is about (normalised), for the side note
    turn = ready.step(incoming, State(), MemoryDesk())
    assert counted.queries == searched  # nothing searched again while the lock would be held
    assert turn.state.intake is not None
