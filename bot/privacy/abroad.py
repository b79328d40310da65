"""Addresses and numbers that residents bring from abroad, in their countries' own writings.

- Korea: a road's name and its building number, romanised (15 Worldcup-ro 25-gil, Sejong-daero 23-gil) or in
  Hangul after the city's and the district's names if any (서울특별시 강남구 테헤란로 152); a resident
  registration number (850314-2047713: a birth date, a dash and seven digits whose first says the sex).
- The Philippines: a house number and a street (1123 Taft Avenue, 1847 Leon Guinto Street) and a subdivision's
  block and lot (Blk 12 Lot 8 Phase 2).
- Brazil: a street and its number (Rua Augusta, 1508; Av. Paulista, 1578), a CEP postal code after its label
  or a state's two letters (CEP 04538-133, São Paulo - SP, 01304-001), and a CPF (318.442.907-15).

A road's name with no number (Gangnam-daero, Avenida Paulista) is a place, not an address, and stays.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.privacy import lazy
from bot.privacy.address import ADDRESS
from bot.privacy.labelled import ID_NUMBER
from bot.privacy.numbers import POSTAL

__all__ = ["find_abroad"]

_WORD = r"[A-Z][a-z]{1,20}"
_KOREAN_ROAD = lazy.compile(
    rf"(?<![0-9])(?:[0-9]{{1,4}},?[ ])?{_WORD}(?:-[a-z]{{1,12}})?-(?:daero|ro|gil)(?![a-z])"
    r"(?:[ ][0-9]{1,3}(?:beon)?-gil(?![a-z]))?(?:,?[ ][0-9]{1,4}(?![0-9]))?"
)
"""A romanised Korean road and its numbers; `_numbered` keeps those with a number."""
_HANGUL_ROAD = lazy.compile(
    r"(?:[가-힣]{1,10}(?:특별시|광역시|특별자치시|도|시|군|구)[ ]){0,3}[가-힣]{1,12}(?:로|길)[ ]?[0-9]{1,4}"
    r"(?:-[0-9]{1,4})?(?![0-9])"
)
_STREET = lazy.compile(
    r"(?<![0-9])[0-9]{1,5}[ ](?:[A-Z][a-z]{1,20}[ ]){1,3}"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.)"
)
_BLOCK_LOT = lazy.compile(
    r"(?<![A-Za-z])(?:Blk|Block)\.?[ ]?[0-9]{1,4}[A-Z]?,?[ ]Lot\.?[ ]?[0-9]{1,4}[A-Z]?"
    r"(?:,?[ ]Phase[ ]?[0-9]{1,3}[A-Z]?)?"
)
_PORTUGUESE_STREET = lazy.compile(
    r"(?<![A-Za-z])(?:Rua|R\.|Avenida|Av\.|Alameda|Al\.|Travessa|Tv\.|Estrada|Rodovia|Praça)[ ]"
    r"(?:(?:d[aoe]s?|[A-ZÀ-Ý][a-zà-ÿ]{1,20}\.?)[ ]){0,4}[A-ZÀ-Ý][a-zà-ÿ]{1,20},?[ ]"
    r"(?:n[o.][ ]?)?[0-9]{1,5}(?![0-9])"
)
_CEP = lazy.compile(r"(?:(?<![A-Za-z])CEP[ ]?:?[ ]?|(?<=[ -][A-Z]{2},[ ]))([0-9]{5}-?[0-9]{3})(?![0-9])")
_CPF = lazy.compile(r"(?<![0-9.])[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}(?![0-9])")
_RESIDENT_REGISTRATION = lazy.compile(
    r"(?<![0-9-])[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])-[1-8][0-9]{6}(?![0-9-])"
)
_NUMBER = lazy.compile("[0-9]")


def find_abroad(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of addresses and numbers from abroad in the folded ``text``."""
    if "-" in text:
        for match in _KOREAN_ROAD.finditer(text):
            if _NUMBER.search(match.group()):
                yield match.start(), match.end(), ADDRESS
        for match in _RESIDENT_REGISTRATION.finditer(text):
            yield match.start(), match.end(), ID_NUMBER
        for match in _CEP.finditer(text):
            yield match.start(1), match.end(1), POSTAL
        for match in _CPF.finditer(text):
            yield match.start(), match.end(), ID_NUMBER
    for pattern in (_HANGUL_ROAD, _STREET, _BLOCK_LOT, _PORTUGUESE_STREET):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), ADDRESS
