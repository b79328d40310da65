"""Masking of personal information that staff may paste about residents.

`mask` replaces what looks like personal information with a bracketed label
(``［電話番号］``) and reports which kinds it found, so the staff member can be
told. It runs before a consultation or a conversation line is stored or
forwarded. It errs on the side of masking: a false positive hides a few
characters from the DX team, a false negative leaks a resident's details.

What is recognised (half- and full-width digits alike):

- My Number (個人番号): 12 digits, optionally in groups of four, whose last
  digit is the check digit of the official algorithm (総務省令 第85号 第5条).
  Twelve digits with a wrong check digit are not a My Number.
- Phone numbers: domestic numbers of 10 or 11 digits starting with 0
  (03-1234-5678, 090-1234-5678, 0120-123-456, 03(1234)5678), and +81 forms.
  Extension numbers (内線 2345) are not personal and stay.
- E-mail addresses (also with a full-width ＠).
- Postal codes written with 〒 or 郵便番号, and street addresses that end in a
  block number (…区中央1丁目2番3号, …町3-4-5, …市本町12番地).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Masked", "is_my_number", "mask"]

_D = "0-9０-９"
_DASH = r"\-－‐−ー―"
_NUMERALS = "一二三四五六七八九十"
_KANJI = "一-龥々〆ヵヶ"
_KANA = "ァ-ヴー"


@dataclass(frozen=True, slots=True)
class Masked:
    """The text with personal information replaced, and the kinds replaced (in order, each once)."""

    text: str
    kinds: tuple[str, ...]


def _digits(text: str) -> str:
    return "".join(str(int(c)) for c in text if c.isdecimal())


def is_my_number(text: str) -> bool:
    """Whether ``text`` holds exactly 12 digits whose last is the My Number check digit."""
    digits = _digits(text)
    if len(digits) != 12:
        return False
    body = [int(c) for c in reversed(digits[:11])]  # P1 is the digit just before the check digit
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    remainder = total % 11
    return int(digits[11]) == (0 if remainder <= 1 else 11 - remainder)


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_MY_NUMBER = re.compile(rf"(?<![{_D}])[{_D}]{{4}}([ 　{_DASH}]?)[{_D}]{{4}}\1[{_D}]{{4}}(?![{_D}])")
_PHONE = re.compile(
    rf"(?<![{_D}])(?:[+＋][8８][1１][ 　{_DASH}]?[(（]?|[(（]?[0０])"
    rf"[{_D}]{{1,4}}[)）]?[ 　{_DASH}(（]?[{_D}]{{1,4}}[)）]?[ 　{_DASH}]?[{_D}]{{3,4}}(?![{_D}])"
)
_POSTAL = re.compile(rf"(?:〒|郵便番号[:：]?)[ 　]?[{_D}]{{3}}[{_DASH}]?[{_D}]{{4}}(?![{_D}])")
_BLOCK = (
    rf"(?:(?:[{_D}]+|[{_NUMERALS}]+)丁目(?:[{_D}]+(?:番地?|[{_DASH}])?(?:[{_D}]+号?)?)?"
    rf"|[{_D}]+番地?(?:[{_D}]+号?)?"
    rf"|[{_D}]+[{_DASH}][{_D}]+(?:[{_DASH}][{_D}]+)?)"
)
_ADDRESS = re.compile(
    rf"(?:[{_KANJI}]{{2,3}}[都道府県])?(?:[{_KANJI}{_KANA}]{{1,8}}?[市区町村])+"
    rf"[{_KANJI}{_KANA}ぁ-ん]{{0,10}}?{_BLOCK}(?![{_D}件個人回枚時分日月年%％])"
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("メールアドレス", _EMAIL),
    ("マイナンバー", _MY_NUMBER),
    ("郵便番号", _POSTAL),
    ("電話番号", _PHONE),
    ("住所", _ADDRESS),
)


def _is_phone(candidate: str) -> bool:
    digits = _digits(candidate)
    if candidate.lstrip().startswith(("+", "＋")):
        return 11 <= len(digits) <= 12  # 81 and 9 or 10 digits
    return 10 <= len(digits) <= 11


def mask(text: str) -> Masked:
    """Replace personal information in ``text``; see the module docstring for what is recognised."""
    kinds: list[str] = []
    for kind, pattern in _RULES:

        def replace(match: re.Match[str], kind: str = kind) -> str:
            found = match.group(0)
            if kind == "マイナンバー" and not is_my_number(found):
                return found
            if kind == "電話番号" and not _is_phone(found):
                return found
            if kind not in kinds:
                kinds.append(kind)
            return f"［{kind}］"

        text = pattern.sub(replace, text)
    return Masked(text, tuple(kinds))
