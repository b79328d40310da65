"""The matching form of a text: one spelling for every way of writing the same characters.

The detectors match on the folded text and report spans in it; `Folded.span`
maps a span back to the original, so what is replaced is exactly what the
person wrote (full-width digits, kanji numerals and all).

Folding is NFKC character by character (full-width letters and digits, the
full-width ＠ and ．, the ideographic space, half-width katakana with their
voiced marks: ｺｰﾄﾞ → コード), every dash and minus as ``-``,
the long-vowel mark as ``-`` between two digits (０９０ー１２３４, a common IME
slip), and a run of two or more kanji digits as ASCII digits (〇九〇 → 090).
A lone kanji digit stays: 一番, 二丁目 and 一部 are words, not numbers to dial.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["KANJI_DIGITS", "Folded", "fold"]

KANJI_DIGITS = {c: str(n) for n, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_DASHES = frozenset("‐‑‒–—―−﹣－⁃")
_LONG_VOWEL = frozenset("ーｰ")
_HALF_WIDTH_MARKS = {"ﾞ": "\u3099", "ﾟ": "\u309a"}
"""Half-width voiced and semi-voiced marks, as the combining marks that compose with the kana before them."""
_ASCII_DIGITS = frozenset("0123456789")


@dataclass(frozen=True, slots=True)
class Folded:
    """The folded ``text`` and, for each of its characters, where it came from in the original.

    ``origin`` is the index of its first original character, ``ends`` the index after its last (one
    more, but for a half-width kana and its voiced mark, folded into one: ﾄﾞ → ド).
    """

    text: str
    origin: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``[start, end)``, whole characters only."""
        return self.origin[start], self.ends[end - 1]


def fold(text: str) -> Folded:
    """``text`` in its matching form; see the module docstring."""
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        if char in _HALF_WIDTH_MARKS and chars:
            voiced = unicodedata.normalize("NFC", chars[-1] + _HALF_WIDTH_MARKS[char])
            if len(voiced) == 1:  # ﾄ then ﾞ: one kana, ド, as NFKC of the pair would give
                chars[-1] = voiced
                ends[-1] = index + 1
                continue
        folded = "-" if char in _DASHES else unicodedata.normalize("NFKC", char)
        chars.extend(folded)
        origin.extend([index] * len(folded))
        ends.extend([index + 1] * len(folded))
    _kanji_digits(chars)
    for i, char in enumerate(chars):
        if (
            char in _LONG_VOWEL
            and 0 < i < len(chars) - 1
            and chars[i - 1] in _ASCII_DIGITS
            and chars[i + 1] in _ASCII_DIGITS
        ):
            chars[i] = "-"
    return Folded("".join(chars), tuple(origin), tuple(ends))


def _kanji_digits(chars: list[str]) -> None:
    """Replace each run of two or more kanji digits by ASCII digits, in place."""
    start = 0
    while start < len(chars):
        if chars[start] not in KANJI_DIGITS:
            start += 1
            continue
        end = start
        while end < len(chars) and chars[end] in KANJI_DIGITS:
            end += 1
        if end - start >= 2:
            chars[start:end] = [KANJI_DIGITS[c] for c in chars[start:end]]
        start = end
