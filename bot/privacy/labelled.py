"""Personal numbers and dates that a label announces: birth dates, accounts, insurance and ID cards.

Dates and numbers are work text as a rule (締切は2026年4月1日, 40件, 受付番号
123), so these are masked only where a label says whose they are:

- a birth date after 生年月日, 誕生日 or 生まれ (生年月日：昭和60年4月1日,
  誕生日は1985/4/1), or before 生まれ or 生 (S60.4.1生まれ, 平成2年3月4日生): a
  Western or Japanese-era year (昭和, 平成, 令和 or S, H, R), month and day,
  written with 年月日 or ``/ - .``; a year alone is work text (1985年生まれの職員);
- a number after the name of a personal one: a bank account (口座番号, 口座;
  普通 or 当座 before exactly seven digits), an insurance, pension, licence,
  passport, residence card or beneficiary number (被保険者番号, 基礎年金番号,
  免許証番号, 免許証の番号, 運転免許 第…号, 旅券番号, 在留カード番号, 受給者証番号, 住民票コード,
  年金手帳の番号, 身体障害者手帳 1級 第12345号 …), a ward's
  numbers for a resident (宛名番号, 世帯番号, 利用者番号, ケース番号), a Japan Post
  Bank account in one piece (ゆうちょ銀行 10120-12345671), a health
  insurance card's 記号 and 番号 (保険証の記号 12345 番号 678), a card
  number (カード番号, クレジットカード) or a staff or student number: three
  digits or more, with up to two letters before them (パスポート TK1234567),
  grouped by spaces or dashes, and no unit after them (口座が2つ, 口座 3件 stay);
- a payment card's number without a label: 16 digits in four groups of four
  (4111 1111 1111 1111), and a residence card's (AB12345678CD), which no work
  number is written as.

A bracket may open what a label announces (被保険者番号（0001284736）, 生年月日を
「昭和38年5月22日」), and a label may be a form's field (誕生日欄に1990.7.14);
after a label, a date may be eight digits (生年月日：19630522) or carry the
Western year beside the era's (平成9年（1997年）6月18日).

Matching runs on the folded text (`bot.privacy.fold`), where full-width
digits and dashes are ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy.numbers import UNIT_CHARACTERS

__all__ = ["BIRTH_DATE", "ID_NUMBER", "find_labelled"]

BIRTH_DATE = "生年月日"
ID_NUMBER = "各種番号"

_SPACE = r"[ \t\u3000]*"
_ERA = r"(?:昭和|平成|令和|[SHRshr]\.?)"
_SMALL = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
"""A month, a day or an era's year; a lone kanji digit stays kanji in the folded text (九月, 一日)."""
_WESTERN_ASIDE = r"(?:\((?:19|20)[0-9]{2}年?\))?"
"""The Western year in brackets after an era's (平成9年（1997年）6月18日)."""
_DATE = (
    rf"(?:{_ERA}{_SPACE}(?:{_SMALL}|元)|(?:19|20)[0-9]{{2}})"
    rf"(?:年{_WESTERN_ASIDE}{_SMALL}月{_SMALL}日?|[./-]{_SMALL}[./-]{_SMALL})"
)
_COMPACT_DATE = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
"""Eight digits as systems print a date (19630522): a birth date only where a label says so."""
_BIRTH_LABEL = r"(?:生年月日|誕生日|生まれ)(?:欄に|欄は|欄|を|は|が|:|：)?"
_OPENING = r"[(\[「『【]?"
"""A bracket that may open what a label announces: 生年月日を「昭和38年…」, 被保険者番号（0001284736）."""
_BORN = r"(?:生まれ|生(?![0-9a-z\u4e00-\u9fff]))"
"""生まれ, or 生 ending a word (平成2年3月4日生; not 生産, 生活)."""
_BIRTH_DATE = re.compile(
    rf"{_BIRTH_LABEL}{_SPACE}{_OPENING}{_SPACE}({_DATE}|{_COMPACT_DATE})|({_DATE}){_SPACE}{_BORN}"
)
_ID_LABEL = (
    r"(?:口座番号|口座|被保険者番号|被保険者証番号|保険者番号|保険証番号|保険証の番号|基礎年金番号|年金番号|"
    r"運転免許証番号|免許証番号|免許番号|(?:運転)?免許証?の番号|運転免許証?|旅券番号|パスポート番号|パスポート|"
    r"在留カード番号|住民票コード|手帳の番号|手帳番号|"
    r"受給者証番号|受給者番号|クレジットカード番号|クレジットカード|カード番号|職員番号|社員番号|学籍番号|"
    r"宛名番号|宛名コード|住民番号|世帯番号|利用者番号|ケース番号|介護保険番号|ゆうちょ(?:銀行)?(?:の口座)?)"
)
_HANDBOOK = (
    r"(?:身体障害者|障害者|精神障害者保健福祉|療育|愛の)手帳"
    rf"(?:{_SPACE}(?:第?[0-9](?:級|種|度)|\(?[ab][0-9]?\)?(?![0-9]))){{0,2}}(?:{_SPACE}の?番号)?"
)
"""A disability handbook, its grade between it and its number (身体障害者手帳 1級 番号 第12345号,
療育手帳 (A) 第123号, 愛の手帳 3度 12345); a grade's letter never takes a number's first letter
(療育手帳 A123456 is a number)."""
_ID_VALUE = r"[a-z]{0,2}[0-9]{3,}(?:(?:[ -]|[ ]?-[ ]?)[0-9]+)*[a-z]{0,2}"
"""Three digits at least (口座が2つ is a count), up to two letters before them (パスポート TK1234567) and
after them (在留カード番号 AB12345678CD)."""
_QUANTITY = rf"[{UNIT_CHARACTERS}つ個]"
_ID_NUMBER = re.compile(
    rf"(?:{_ID_LABEL}|{_HANDBOOK})(?:は|が|の|:|：)?{_SPACE}{_OPENING}{_SPACE}第?({_ID_VALUE})"
    rf"(?![0-9a-z]|{_QUANTITY})"
    rf"|(?:普通|当座)(?:預金)?(?:口座)?[:：]?{_SPACE}([0-9]{{7}})(?![0-9])",
    re.IGNORECASE,
)
_INSURANCE_CARD = re.compile(
    rf"(?:保険証|被保険者証|国保|国民健康保険証?|ゆうちょ(?:銀行)?(?:の口座)?|通帳)の?{_SPACE}記号(?:番号)?(?:は|:|：)?"
    rf"{_SPACE}"
    rf"([a-z]{{0,2}}[0-9]{{1,10}}(?:-[0-9]{{1,10}})?)"
    rf"(?:{_SPACE}[、,]?{_SPACE}番号(?:は|:|：)?{_SPACE}([0-9]{{1,10}}))?(?![0-9])",
    re.IGNORECASE,
)
"""A health insurance card's 記号 and 番号, short numbers both (保険証の記号 12345 番号 678, 国保の記号番号
12-345), and a Japan Post Bank account's (ゆうちょ 記号14040 番号28173941)."""
_RESIDENCE_CARD = re.compile(r"(?<![0-9a-z_-])[a-z]{2}[0-9]{8}[a-z]{2}(?![0-9a-z_-])", re.IGNORECASE)
"""A residence card's number, labelled or not: two letters, eight digits, two letters (AB12345678CD)."""
_CARD = re.compile(r"(?<![0-9a-z_-])[0-9]{4}(?:[ -]?[0-9]{4}){3}(?![0-9a-z_-])", re.IGNORECASE)
"""Not inside an identifier (a hash, a UUID: `bot.privacy.numbers`), whose digits touch letters or dashes."""
_PATTERNS = (
    (_BIRTH_DATE, BIRTH_DATE),
    (_ID_NUMBER, ID_NUMBER),
    (_INSURANCE_CARD, ID_NUMBER),
    (_CARD, ID_NUMBER),
    (_RESIDENCE_CARD, ID_NUMBER),
)
"""Each pattern and the kind it finds; a pattern's groups hold what its label announces."""


def find_labelled(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of labelled birth dates and numbers in the folded ``text``."""
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            if not pattern.groups:
                yield match.start(), match.end(), kind
            for group in range(1, pattern.groups + 1):  # what a label announces, not the label
                if match.group(group):
                    yield match.start(group), match.end(group), kind
