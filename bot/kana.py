"""Kana folding shared by the search and the name detector."""

from __future__ import annotations

__all__ = ["to_katakana"]

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def to_katakana(text: str) -> str:
    """Hiragana as katakana (ろぼっと → ロボット); everything else unchanged."""
    return text.translate(_HIRAGANA_TO_KATAKANA)
