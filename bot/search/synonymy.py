"""Sudachi's synonym groups: a noun no entry knows, read as the known words of its group.

Residents and staff write everyday words where a FAQ writes the official ones:
子ども手当 for 児童手当, 葬式 for 葬儀, 残業 for 時間外勤務, 有休 for 年次休暇,
学童 for 児童クラブ. Sudachi's core dictionary, which the bot installs, numbers
the synonym groups of its words (`synonym_group_ids`); the groups' own file is
not needed, since the index only asks which of its known words share a group
with the unknown noun.

Only a noun that no entry knows is read so (`bot.search.ranker`): a word the
knowledge writes means itself. Used for every content word, as a view of its
own, the groups moved the calibrated decision both ways for no better ranking
(README, "How the search works"); read only where the query's word is
otherwise lost, they bring the words the knowledge uses. Some groups are loose
(配当 and 割り当て, 決算 and 精算), so the noun stays unknown to the decision:
the words rank entries, never make an answer sure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["synonym_groups_of", "synonyms_meant"]


def synonym_groups_of(
    vocabulary: Iterable[str], groups: Callable[[str], tuple[int, ...]]
) -> dict[int, tuple[str, ...]]:
    """Synonym group ids → the known words (``w:`` terms of ``vocabulary``) in them, for the index.

    ``groups`` gives a word's group ids (`Analyzer.synonym_groups`).
    """
    found: dict[int, list[str]] = {}
    for term in vocabulary:
        if term.startswith("w:"):
            for group in groups(term[2:]):
                found.setdefault(group, []).append(term[2:])
    return {group: tuple(words) for group, words in found.items()}


def synonyms_meant(known: dict[int, tuple[str, ...]], groups: tuple[int, ...]) -> tuple[str, ...]:
    """The known words sharing one of ``groups`` (an unknown noun's synonym groups), in order, once each."""
    return tuple(dict.fromkeys(word for group in groups for word in known.get(group, ())))
