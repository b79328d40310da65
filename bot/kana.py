"""Kana folding shared by the search and the name detector."""

from __future__ import annotations

import re

__all__ = ["to_hiragana", "to_katakana"]

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_KATAKANA_TO_HIRAGANA = {katakana: hiragana for hiragana, katakana in _HIRAGANA_TO_KATAKANA.items()}
_HIRAGANA = re.compile("[\u3041-\u3096]")


def to_katakana(text: str) -> str:
    """Hiragana as katakana (ろぼっと → ロボット); everything else unchanged.

    Text without hiragana (a reading, in katakana) is returned at once: `str.translate`
    looks up every character, and one the table lacks costs a failed lookup (22 µs for a
    story's reading, against 2 to find that it has no hiragana).
    """
    if _HIRAGANA.search(text) is None:
        return text
    return text.translate(_HIRAGANA_TO_KATAKANA)


def to_hiragana(text: str) -> str:
    """Katakana as the hiragana of the same sound (ゼロ → ぜろ), one character for one; the rest unchanged."""
    return text.translate(_KATAKANA_TO_HIRAGANA)
