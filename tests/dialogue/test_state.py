"""Conversation state: tokens, expiry, and a JSON form that survives anything stored."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.dialogue import Candidate, Intake, Pending, State
from bot.dialogue.state import MAX_TOKENS


def test_tokens_are_short_unique_and_resolve_to_what_was_issued() -> None:
    state = State()
    actions = []
    for n in range(50):
        state, action = state.issue(Pending("consult", query=f"質問{n}"))
        actions.append(action)
    assert len(set(actions)) == 50
    assert all(len(a.encode()) <= 8 for a in actions)
    last = state.pending(actions[-1].removeprefix("t:"))
    assert last == Pending("consult", query="質問49")


def test_only_the_most_recent_tokens_are_kept() -> None:
    state = State()
    actions = []
    for n in range(MAX_TOKENS + 1):
        state, action = state.issue(Pending("list", refs=(f"case:{n}",)))
        actions.append(action.removeprefix("t:"))
    assert state.pending(actions[0]) is None
    assert state.pending(actions[1]) is not None
    assert len(state.tokens) == MAX_TOKENS


def test_json_round_trip() -> None:
    found = (Candidate("faq:x", "X", 0.5),)
    left = Intake("confirm", "RPA", "会議録の作成", "総務課", "今月中", ("氏名",), found, form=3)
    state = State(shown="faq:x", more=("case:a", "sec:b#c"), query="RPA", left=left, sent=12, sent_form=2)
    state, _ = state.issue(Pending("unsolved", "RPA", "faq:x", ("case:a",)))
    stored = json.loads(json.dumps(state.to_json()))
    assert State.from_json(stored) == state


@pytest.mark.parametrize(
    "stored",
    [
        None,
        {},
        {"shown": 3, "more": "x", "query": None, "tokens": "x", "counter": 2},
        {"tokens": [["0", {"op": "explode"}], ["1", "x"], [2, {"op": "none"}]], "counter": 3},
        {"tokens": [["0", {"op": "none", "refs": [1]}]], "counter": 1},
        {"counter": -1},
        {"counter": 0, "left": {"step": "sent"}, "sent": -3},
        {"counter": 0, "left": "x", "sent": "12"},
        {"counter": 0, "left": {"step": "confirm", "form": "3"}, "sent_form": "2"},
    ],
)
def test_unreadable_state_is_dropped_not_fatal(stored: dict[str, Any] | None) -> None:
    state = State.from_json(stored)
    assert state.tokens == ()
    assert state.shown is None
    assert (state.left, state.sent, state.sent_form) == (None, 0, 0)
    state, action = state.issue(Pending("none", "q"))
    assert state.pending(action.removeprefix("t:")) == Pending("none", "q")


def test_a_state_without_a_counter_drops_its_tokens_so_they_cannot_repeat() -> None:
    stored = {"tokens": [["0", {"op": "none", "query": "old"}]]}
    state = State.from_json(stored)
    assert state.tokens == ()
