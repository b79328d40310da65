"""A text masked again soon is not read again: a platform's message is masked by the inbox and by its turn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import bot.privacy
from bot.privacy import Masked, Recent, mask
from bot.privacy.names import find_names
from bot.values import ConversationKey, Incoming

KEY = ConversationKey("line", "U1", "U1")
TEXT = "山田太郎さんの電話は090-1234-5678、住所は東京都サンプル区中央1-2-3です。"


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts the name detector reads, each time `mask` reads one (``RECENT`` emptied first)."""
    read: list[str] = []

    def counting(text: str) -> Iterator[tuple[int, int, str]]:
        read.append(text)
        return find_names(text)

    monkeypatch.setattr(bot.privacy, "find_names", counting)
    bot.privacy.RECENT.clear()
    yield read
    bot.privacy.RECENT.clear()


def test_the_same_text_masked_twice_is_read_once_with_the_same_result(readings: list[str]) -> None:
    first = mask(TEXT)
    assert first.text == "［氏名］さんの電話は［電話番号］、住所は［住所］です。"
    assert mask(TEXT) is first
    assert len(readings) == 1


def test_a_platforms_message_is_read_once_for_the_inbox_and_its_turn(readings: list[str]) -> None:
    """`bot.handlers.dispatch` stores the event's record, then hands the same event to its turn."""
    incoming = Incoming(KEY, text=TEXT)
    record = incoming.to_record()
    turn = incoming.masked()
    assert record["text"] == turn.text == "［氏名］さんの電話は［電話番号］、住所は［住所］です。"
    assert len(readings) == 1


def test_public_contacts_are_part_of_what_is_remembered(readings: list[str]) -> None:
    office = "サンプル区役所の電話は03-1234-5678です。"
    public = bot.privacy.public_contacts([office])
    assert mask(office).text == "サンプル区役所の電話は［電話番号］です。"
    assert mask(office, public).text == office
    assert mask(office, frozenset(public)).text == office, "an equal set finds the same result"
    assert len(readings) == 2


def test_contacts_in_a_set_that_is_not_frozen_are_read_each_time(readings: list[str]) -> None:
    office = "サンプル区役所の電話は03-1234-5678です。"
    public = set(bot.privacy.public_contacts([office]))
    assert mask(office, public).text == office
    public.clear()  # a set may change between two calls: nothing is kept for it
    assert mask(office, public).text == "サンプル区役所の電話は［電話番号］です。"
    assert len(readings) == 2


def test_only_the_most_recent_results_are_kept() -> None:
    recent = Recent(2)
    results = {name: Masked(name, ()) for name in "abc"}
    for name, masked in results.items():
        recent.put((name.encode(), frozenset()), masked)
    assert recent.get((b"a", frozenset())) is None
    assert recent.get((b"b", frozenset())) is results["b"]
    recent.put((b"d", frozenset()), Masked("d", ()))  # b was read last: c goes
    assert recent.get((b"c", frozenset())) is None
    assert recent.get((b"b", frozenset())) is results["b"]


def test_a_text_with_a_lone_surrogate_is_masked_and_remembered(readings: list[str]) -> None:
    text = "山田太郎さん\ud800です"
    assert mask(text).text == mask(text).text == "［氏名］さん\ud800です"
    assert len(readings) == 1
