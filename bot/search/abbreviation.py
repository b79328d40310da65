"""Which known compound a shortened word stands for, and the other way round.

Staff and residents shorten the official compounds a FAQ writes in full, in
the few regular ways Japanese forms such words (略語):

- the first kanji of the first part and of a later one: 特別養護老人ホーム → 特養,
  国民健康保険 → 国保, 年次休暇 → 年休;
- the first part and a later part whole, what lies between or after left out:
  母子健康手帳 → 母子手帳, 印鑑登録証明書 → 印鑑証明, 運転免許証 → 運転免許;
- the first two sounds of two katakana parts: ファミリーサポート → ファミサポ, パーソナルコンピューター →
  パソコン, スクリーンショット → スクショ (a piece never ends on the small ッ); also of katakana
  words joined by ・, which Sudachi reads as words of their own (ファミリー・サポート・センター,
  `phrase_abbreviations`).

The parts are Sudachi's shortest units (split mode A). Only a noun that no
entry knows as it is is read as a shortening (`bot.search.ranker`), and only
into words the knowledge has; a FAQ that writes the short form is found by
the long one the same way, through the long word's shortenings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = ["abbreviations_of", "expansions", "known_shortenings", "phrase_abbreviations", "shortenings"]

_KANJI = re.compile(r"[\u4e00-\u9fff々]+")
_KATAKANA = re.compile(r"[ァ-ヶー]+")
_SMALL_KANA = frozenset("ァィゥェォャュョヮ")
_KATAKANA_PHRASE = re.compile(r"[ァ-ヶー]{3,}(?:[・･][ァ-ヶー]{3,})+")
"""Katakana words joined by ・, which Sudachi reads as words of their own (ファミリー・サポート・センター)."""
MIN_PART = 2
"""Shortest part a shortening takes from: a part of one character (料, 書, 証) is a suffix."""
MIN_KATAKANA_PART = 3
"""Katakana parts give their first two sounds each, so they must be longer (ファミリー, サポート)."""


def shortenings(parts: Sequence[str], *, whole_parts: bool = True) -> set[str]:
    """The regular shortenings of a compound made of ``parts`` (its split-mode-A units).

    Without ``whole_parts``, only those made of the parts' first characters.
    """
    found: set[str] = set()
    if len(parts) < 2:
        return found
    first = parts[0]
    for later in parts[1:]:
        if _KANJI.fullmatch(first) and _KANJI.fullmatch(later) and min(len(first), len(later)) >= MIN_PART:
            found.add(first[0] + later[0])
            if whole_parts:
                found.add(first + later)
        elif (
            _KATAKANA.fullmatch(first)
            and _KATAKANA.fullmatch(later)
            and min(len(first), len(later)) >= MIN_KATAKANA_PART
        ):
            found.add(_morae(first, 2) + _morae(later, 2))
    found.discard("".join(parts))
    return found


def _morae(katakana: str, count: int) -> str:
    """The first ``count`` sounds of ``katakana``, long vowels left out (パーソナル → パソ).

    A small kana goes with the one before (ファミリー → ファミ). A piece cut short never ends on the
    doubling ッ, which only holds the next sound (ショット → ショ, as in スクショ).
    """
    sounds: list[str] = []
    for kana in katakana.replace("ー", ""):
        if kana in _SMALL_KANA and sounds:
            sounds[-1] += kana
        elif len(sounds) == count:
            break
        else:
            sounds.append(kana)
    return "".join(sounds).removesuffix("ッ")


def abbreviations_of(
    vocabulary: Iterable[str], parts: Callable[[str], Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """Shortenings → the known words (``w:`` terms of ``vocabulary``) they shorten, for the index.

    ``parts`` splits a word into its shortest units (`Analyzer.parts`). A
    shortening that is itself a known word means that word, never a compound.
    """
    known = {term[2:] for term in vocabulary if term.startswith("w:")}
    found: dict[str, list[str]] = {}
    for word in sorted(known):
        if len(word) <= MIN_PART:
            continue
        for short in shortenings(parts(word)):
            if short not in known:
                found.setdefault(short, []).append(word)
    return {short: tuple(words) for short, words in found.items()}


def known_shortenings(
    vocabulary: Iterable[str],
    parts: Callable[[str], Sequence[str]],
    groups: Callable[[str], Sequence[int]],
) -> dict[str, tuple[str, ...]]:
    """Known shortenings → the known compounds they shorten, both written in the knowledge.

    A FAQ that mostly writes 国民健康保険 and, in a few entries, 国保 knows both; a query's 国保
    is then a known word and never read as its compound (`abbreviations_of`), so it finds only
    the few entries that write 国保, however little they answer. Only shortenings made of first
    characters count (国民健康保険 → 国保, not 印鑑登録証明書 → 印鑑登録, a topic of its own), and
    only where the dictionary puts both in one synonym group (``groups``,
    `Analyzer.synonym_groups`): a known word is often a look-alike, not a shortening
    (国民年金保険料 is no 国保, 司法書士 no 司書). Only this way round: a query's 国民健康保険
    bringing 国保 too moved a city FAQ's calibration a step (docs/search-quality.md).
    """
    known = {term[2:] for term in vocabulary if term.startswith("w:")}
    found: dict[str, set[str]] = {}
    for word in sorted(known):
        if len(word) <= MIN_PART:
            continue
        for short in shortenings(parts(word), whole_parts=False):
            if short in known and set(groups(short)) & set(groups(word)):
                found.setdefault(short, set()).add(word)
    return {short: tuple(sorted(words)) for short, words in found.items()}


def expansions(
    abbreviations: dict[str, tuple[str, ...]],
    vocabulary: dict[str, int],
    noun: str,
    parts: Callable[[str], Sequence[str]],
) -> tuple[str, ...]:
    """The known words ``noun`` shortens, or failing that the known shortenings of ``noun`` itself.

    Read the other way, only the shortenings made of first characters count: a
    compound's first parts whole are what it is more precisely (個人情報保護法 is
    no 個人情報), and its parts already meet them (`bot.search.evidence`).
    """
    longer = abbreviations.get(noun)
    if longer:
        return longer
    if _too_short(noun):
        return ()
    shorter = shortenings(parts(noun), whole_parts=False)
    return tuple(sorted(short for short in shorter if "w:" + short in vocabulary))


def _too_short(noun: str) -> bool:
    """Whether ``noun`` is too short to hold two parts a shortening takes from, so `parts` need not split it.

    A shortening takes from two parts of `MIN_PART` characters or more (`shortenings`), and the parts
    cover the noun as `bot.search.normalize.normalize` leaves it, which for a noun NFKC leaves alone is no
    longer than the noun (case folding and long-vowel marks never add a kanji or katakana). Splitting
    a story's short unknown nouns with Sudachi was about 1.5 % of its ranking (docs/performance.md).
    """
    return len(noun) < 2 * MIN_PART and unicodedata.is_normalized("NFKC", noun)


def phrase_abbreviations(texts: Iterable[str], vocabulary: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Shortenings of katakana words joined by ・ in ``texts`` → those words (ファミサポ → ファミリー …).

    A FAQ writes ファミリー・サポート・センター as three words; staff say ファミサポ. Only words the
    index knows count, and a shortening that is itself a known word means that word.
    """
    found: dict[str, set[str]] = {}
    for text in texts:
        for phrase in _KATAKANA_PHRASE.finditer(text):
            parts = re.split("[・･]", phrase.group())
            if not all("w:" + part in vocabulary for part in parts):
                continue
            first = parts[0]
            for later in parts[1:]:
                short = _morae(first, 2) + _morae(later, 2)
                if "w:" + short not in vocabulary:
                    found.setdefault(short, set()).update((first, later))
    return {short: tuple(sorted(words)) for short, words in found.items()}
