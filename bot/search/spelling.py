"""Which known words a query noun that no entry knows was meant to be.

Two slips are common and safe to read back:

- an IME conversion slip gives another word with the same reading (予讃 for 予算,
  低出 for 提出): the known words that read the same;
- a typing slip in a word spelled in Latin letters or katakana (RAP for RPA,
  マニュアアル for マニュアル): the known words one edit away. Three-letter
  words admit only a swap of two letters, since one changed letter turns them
  into other real words (ゲーム is not チーム).

A compound no entry knows is read by its parts: the known words its unknown
parts were meant to be (電子決済 → 決裁, beside the known 電子).

A noun that is itself a known word is never read as another one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    from bot.search.index import SearchIndex

__all__ = ["compound_meant", "sounds_of", "spellings_of", "words_meant"]

SPELLED = re.compile(r"[A-Za-z][A-Za-z0-9\-]*|[ァ-ヶー]+")
"""Words written in Latin letters or katakana, where typing slips are looked for."""

MIN_SPELLED_LENGTH = 3
MIN_SOUND_LENGTH = 3
"""Shortest reading (in kana) matched to a known homophone; shorter ones are too ambiguous."""


def sounds_of(vocabulary: dict[str, int], sound: Callable[[str], str]) -> dict[str, tuple[str, ...]]:
    """The known words (``w:`` terms) grouped by ``sound`` (`Analyzer.sound`), for `SearchIndex.sounds`."""
    sounds: dict[str, list[str]] = {}
    for term in vocabulary:
        if term.startswith("w:"):
            reading = sound(term[2:])
            if len(reading) >= MIN_SOUND_LENGTH:
                sounds.setdefault(reading, []).append(term[2:])
    return {sound: tuple(words) for sound, words in sounds.items()}


def spellings_of(vocabulary: dict[str, int]) -> dict[int, tuple[str, ...]]:
    """The known words spelled in Latin letters or katakana, by length, for `SearchIndex.spellings`."""
    spellings: dict[int, list[str]] = {}
    for term in vocabulary:
        word = term[2:]
        if term.startswith("w:") and len(word) >= MIN_SPELLED_LENGTH and SPELLED.fullmatch(word):
            spellings.setdefault(len(word), []).append(word)
    return {length: tuple(words) for length, words in spellings.items()}


def words_meant(index: SearchIndex, noun: str, sound: str) -> tuple[str, ...]:
    """The known words ``noun`` (read ``sound``) was meant to be; empty when it is known or unclear."""
    if "w:" + noun in index.vocabulary:
        return ()
    homophones = index.sounds.get(sound)
    if homophones:
        return homophones
    if len(noun) < MIN_SPELLED_LENGTH or not SPELLED.fullmatch(noun):
        return ()
    near = [
        word
        for length in (len(noun) - 1, len(noun), len(noun) + 1)
        for word, _, _ in process.extract(
            noun,
            index.spellings.get(length, ()),
            scorer=OSA.distance,
            processor=str.casefold,
            score_cutoff=1,
            limit=None,
        )
    ]
    if len(noun) == MIN_SPELLED_LENGTH:
        near = [word for word in near if sorted(word.casefold()) == sorted(noun.casefold())]
    return tuple(near)


def compound_meant(index: SearchIndex, parts: Iterable[str], sound: Callable[[str], str]) -> tuple[str, ...]:
    """The known words a compound's unknown ``parts`` were meant to be; empty unless each one was meant.

    ``sound`` reads a part (`Analyzer.sound`). A part that is read as nothing
    leaves the compound unknown: half a reading would be a guess. A compound
    whose one part is known is read as that part: the rest of it is a word
    that names no topic (申請方法 → 申請, 取得方法 → 取得: 方法 is one of the
    analyzer's stop lemmas); known parts making a new whole together
    (会議室予約) leave it unknown.
    """
    parts = list(parts)
    if len(parts) == 1 and "w:" + parts[0] in index.vocabulary:
        return (parts[0],)
    unknown = [part for part in parts if "w:" + part not in index.vocabulary]
    meant = [words_meant(index, part, sound(part)) for part in unknown]
    if not meant or not all(meant):
        return ()
    return tuple(word for words in meant for word in words)
