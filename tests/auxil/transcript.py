"""Transcript tests: a whole conversation as a list of (what the user does, what the bot must do).

The user either types text (a plain ``str``), presses a button the bot
offered in its previous turn (``Press("解決しない")``, looked up by label, so
the test uses the same payload a real client would send), or sends a raw
action (``Action("t:zzz")``, for stale and forged payloads).

After every turn the replies are held to the channel limits, and every
button they offer is pressed once on the side (on a copy of the state and
of the desk) to check that none of them leads to the polite "start again".
Consultations go to an in-memory desk (`tests.auxil.desk.MemoryDesk`).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.dialogue import (
    MAX_ACTION_BYTES,
    MAX_CARD_CHOICES,
    MAX_CARDS,
    MAX_CHOICES,
    Choice,
    ConversationKey,
    Incoming,
    Reply,
    ReplyKind,
    State,
)
from bot.dialogue.engine import Engine
from tests.auxil.desk import MemoryDesk

KEY = ConversationKey("test", "staff-1", "staff-1")

MENU_CHOICES = ("改善事例を見る", "手引きを読む", "DX推進課に相談する")
FEEDBACK = ("解決した", "解決しない")
INTAKE = "DX推進課へのご相談を承ります"
ASK_CONTENT = "ご相談の内容を入力してください"
ASK_SECTION = "ご所属（課・係名）を入力してください"
ASK_DEADLINE = "いつごろまでに解決したいか"
SUMMARY = "次の内容でDX推進課に相談します"


@dataclass(frozen=True)
class Press:
    """Press the button with this label (primary choice, card button or source) from the last turn.

    A card's title also names its first button: a candidate offered as a card
    ("回答を見る" under its question) is pressed by its question.
    """

    label: str


@dataclass(frozen=True)
class Action:
    """Send this raw action, as a client with a stale or forged button would."""

    action: str


@dataclass(frozen=True)
class Bot:
    """What the bot must do in one turn; unset fields are not checked.

    ``kinds`` are the kinds of the turn's replies in order; ``ref`` is the
    entry the last reply shows; ``says`` must all appear in the turn's text;
    ``offers`` are button labels that must be offered (primary, on cards or
    as the source); ``primary`` are the exact primary choice labels of the
    last reply; ``cards`` must all appear among its card titles;
    ``source`` must appear in the source label.
    """

    kinds: tuple[ReplyKind, ...]
    ref: str | None = None
    says: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    primary: tuple[str, ...] | None = None
    cards: tuple[str, ...] = ()
    source: str | None = None
    no_cards: bool = False
    not_says: tuple[str, ...] = field(default=())


Step = tuple["str | Press | Action", Bot]


def buttons(replies: Sequence[Reply]) -> list[Choice]:
    """Every action the replies carry: primary choices, card buttons, and sources (cited as text on every
    channel, but their action is still in the HTTP API's JSON, so it must not be dead either)."""
    found: list[Choice] = []
    for reply in replies:
        if reply.source is not None:
            found.append(reply.source)
        found.extend(reply.choices)
        for card in reply.cards:
            found.extend(card.choices)
    return found


def check_limits(replies: Sequence[Reply]) -> None:
    """What every channel can show (channels.md §7), and payloads that are tokens, not JSON."""
    assert replies, "every turn answers something"
    for reply in replies:
        assert reply.text.strip()
        assert len(reply.choices) <= MAX_CHOICES
        assert len(reply.cards) <= MAX_CARDS
        for card in reply.cards:
            assert len(card.choices) <= MAX_CARD_CHOICES
            assert card.title.strip()
    for choice in buttons(replies):
        assert 0 < len(choice.action.encode()) <= MAX_ACTION_BYTES
        assert not choice.action.lstrip().startswith(("{", "[")), choice.action


def verify_dialog(
    engine: Engine, steps: Sequence[Step], *, state: State | None = None, desk: MemoryDesk | None = None
) -> State:
    """Play the conversation and check every turn; return the final state."""
    state = state or State()
    desk = desk if desk is not None else MemoryDesk()
    offered: Sequence[Reply] = ()
    for number, (said, expected) in enumerate(steps, start=1):
        incoming = _incoming(said, offered, number).masked()  # as Conversations.handle does
        turn = engine.step(incoming, state, desk)
        where = f"step {number} ({said!r})"
        check_limits(turn.replies)
        _check(expected, turn.replies, where)
        for choice in buttons(turn.replies):
            side = engine.step(Incoming(KEY, action=choice.action), turn.state, copy.deepcopy(desk))
            assert all(r.kind != "restart" for r in side.replies), f"{where}: button {choice} is dead"
        state, offered = turn.state, turn.replies
    return state


def _incoming(said: str | Press | Action, offered: Sequence[Reply], number: int) -> Incoming:
    if isinstance(said, str):
        return Incoming(KEY, text=said)
    if isinstance(said, Action):
        return Incoming(KEY, action=said.action)
    matches = [c for c in buttons(offered) if c.label == said.label]
    matches += [card.choices[0] for r in offered for card in r.cards if card.title == said.label]
    labels = [c.label for c in buttons(offered)]
    assert matches, f"step {number}: no button {said.label!r} among {labels}"
    return Incoming(KEY, action=matches[0].action)


def _check(expected: Bot, replies: Sequence[Reply], where: str) -> None:
    last = replies[-1]
    kinds = tuple(r.kind for r in replies)
    assert kinds == expected.kinds, f"{where}: kinds {kinds}, texts {[r.text[:60] for r in replies]}"
    if expected.ref is not None:
        assert last.ref == expected.ref, f"{where}: shows {last.ref}"
    text = "\n".join(r.text for r in replies)
    for words in expected.says:
        assert words in text, f"{where}: {words!r} not in {text!r}"
    for words in expected.not_says:
        assert words not in text, f"{where}: {words!r} in {text!r}"
    labels = [c.label for c in buttons(replies)]
    for label in expected.offers:
        assert label in labels, f"{where}: no button {label!r} among {labels}"
    if expected.primary is not None:
        assert tuple(c.label for c in last.choices) == expected.primary, f"{where}: {last.choices}"
    titles = [card.title for card in last.cards]
    for title in expected.cards:
        assert any(title in t for t in titles), f"{where}: no card {title!r} among {titles}"
    if expected.no_cards:
        assert not last.cards, f"{where}: unexpected cards {titles}"
    if expected.source is not None:
        assert last.source is not None, f"{where}: no source"
        assert expected.source in last.source.label, f"{where}: {last.source}"
