"""My Numbers, phone numbers and postal codes: digits, however they are grouped.

A *chain* is a run of digit groups joined by separators: a space, a tab or
a newline, or one of ``- . / ・ ( ) _ の |`` with spaces around it if any
(``4720 - 1986 - 0395``, ``03(1234)5678``, ``090.1234.5678``, 090の1234の5678), a comma with spaces
around it as OCR reads a form (0 3 , 3 5 8 1 , …), or one field's closing bracket and the next's
opening (「080」「2231」「9047」). Within a
chain, every window of consecutive groups is tried, leftmost first, and the
longest window that is one of these is taken:

- My Number: 12 digits in at most four groups of at least two digits, or
  one digit at a time (6 0 2 9 …, as a PDF copies a form's boxes), whose
  last digit is the check digit (総務省令 第85号 第5条). Right after a word
  that announces one (マイナンバー, 個人番号, My Number; a cell's bar between if any), any 12 digits are
  taken, so a mistyped number is masked too; and 12 digits grouped so with such a word elsewhere in the
  sentence (個人番号欄（1人目 …、2人目 …）, …カードの裏の番号（…）, … と書いてあります（個人番号）), or in a
  pasted table's column under 個人番号 (`bot.privacy.table`).
- Phone number: 10 or 11 digits starting with 0 but not 00 (03-1234-5678,
  090-1234-5678, 0120-123-456), in at most five groups or one digit at a time (0 9 0 - 1 2 3 4 …);
  or 81 with ``+``, ``00`` or ``010`` before it or as a group of its own, then the national
  number without its 0, or with it in parentheses (+81 (0)90 1234 5678); or another country's after
  ``+`` (+84 90 312 4471, +1-415-555-0187: nine to fifteen digits); or eight digits grouped 4 and 4
  just after 電話, TEL, 携帯, 連絡先 or 市外局番なし, a number without its area code (電話 3981-2207,
  電話番号（自宅） 3981-2207); or its parts each after the word for it (市外局番03、局番5491、番号2207),
  or with words said between its groups (090 の後に 4418、続けて 2207; 070で始まって、7731、そのあと0418).
- Postal code: ``NNN-NNNN``, not the tail or the head of a longer number (000-000-1001, 000-0000-1000),
  after a lone T too, as OCR reads 〒 (T170-0011); after 〒 or 郵便番号 (ゆうびん番号, zip, postal code,
  and ``=`` after them as a form's field: zip=1710021; its column or field named: 郵便番号欄に,
  郵便番号の列に), also
  seven digits in any grouping, and three then four digits separated otherwise (530 0047) or seven one at a
  time (1 7 0 - 0 0 1 1) with 郵便番号 earlier in the sentence; and seven digits in a pasted table's
  column under 郵便番号, 〒 or Zip; after its label, the first three read as a number and the last four one
  at a time, as voice input writes them (郵便番号 ひゃくななじゅういち の ぜろぜろよんに).

Four groups or more joined by one and the same dash or dot are a code's parts (予算科目 02-01-03-0012),
not a phone's.

A number followed by a unit (円, 件, 時, %, …) is a quantity and stays, and a phone after the name of a
ward's or a city's main line (区役所代表 ℡, 市役所の代表電話), one after 代表 alone in a message that does
not make it a resident's workplace's (勤務先, 職場, 本人, 保護者), with the fax number right after it (代表
03-… FAX 03-…), and one that opens a range of lines
(03-4566-2400〜2499) are an office's. One
preceded by ``#``, ``No.`` (not a phone's: Phone No.), ``第``, 内線, a currency sign or the name of a
work number (文書番号, 受付番号, 管理番号, …) or of a budget's code (予算コード) is a reference and stays too,
unless it is a My Number with a valid check digit (or, after 内線, shaped
as a phone number): better hide a reference now and then than show a
resident's number. A label that names the number as another kind (受付番号, 整理番号, 受付No., 問い合わせ番号,
予約番号, on the line above too) wins over the check digit, which one number in eleven passes by chance:
受付番号 2026-1207-0042 stays.

Digits inside an *identifier* are never a number: a run of ASCII letters
and digits in which a letter touches a digit (LINE's ``U0123…abcdef``, a
Slack ``C0123ABCD``, a hex hash), together with the parts joined to it by
``-`` or ``_`` (``req-3f2a-0901234567``); and anything shaped as a UUID.
Nobody writes a phone number glued to letters, except after a label
(``TEL0312345678``, ``℡``, ``FAX``), which is not an identifier. A token of
digits only (a hash that happens to hold no letter) cannot be told from a
number and is treated as one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from bot.privacy import lazy
from bot.privacy.fold import SPOKEN_DIGIT, SPOKEN_NUMBER
from bot.privacy.table import column_cells, grouped_cells

__all__ = ["MY_NUMBER", "PHONE", "POSTAL", "UNIT_CHARACTERS", "find_numbers", "is_my_number", "is_reference"]

MY_NUMBER = "マイナンバー"
PHONE = "電話番号"
POSTAL = "郵便番号"

_SEP = (
    r"(?:[ \t\r\n]{0,3}[-./・()_の|][ \t\r\n]{0,3}|[ \t]{1,3},[ \t]{1,3}"
    r"|[ \t]{0,3}[」』\]][ \t]{0,3}[「『\[][ \t]{0,3}|[ \t\r\n]{1,3})"
)
"""Between a number's groups: a dash, a dot, a slash, a spreadsheet's cell bar (090|4418|2276) and the like,
spaces around if any; a comma with spaces
on both sides, as OCR reads a form's separators (0 3 , 3 5 8 1 , …; an amount's 1,280 has none); one field's
closing bracket and the next's opening, a group in each (「080」「2231」「9047」); or blanks."""
_CHAIN = lazy.compile(rf"(?<![0-9])[0-9]+(?:{_SEP}[0-9]+)*")
_GROUP = lazy.compile(r"[0-9]+")
UNIT_CHARACTERS = "円件人回枚時分秒日月年%歳名台部冊本通点倍割週万億"
"""One-character units that make the number before them a quantity (40件, 3人); `bot.privacy.labelled` too."""
_UNIT = lazy.compile(rf"[{UNIT_CHARACTERS}]|個(?!人)|ページ|か所|箇所|カ所")
_WORK = (
    r"(?:文書|管理|受付|整理|申請|契約|案件|伝票|注文|登録|会員|資料|書類|様式|帳票|議案|図面|物品|製品|"
    r"商品|型式|シリアル)"
)
_WORK_NUMBER = rf"{_WORK}番号[はが:：]?"
_OTHER_NUMBER = lazy.compile(
    rf"(?:{_WORK}|お?問い?合わ?せ|照会|予約)(?:番号|no\.?)[はが:：]?\s{{0,3}}$", re.IGNORECASE
)
"""A label that names the number after it as another kind than a My Number (受付番号 2026-1207-0042,
受付No.…, 問い合わせ番号 …, the label on the line above too): twelve digits there are that number, whose
check digit a My Number's rule passes by chance one time in eleven."""
_BUDGET_CODE = r"(?:予算|事業|科目)コード[はが:：]?"
"""A budget's or a programme's code (予算コード 0120-3304-01): the ward's accounts, however it is grouped."""
_NOT_AFTER_PHONE = r"(?<!phone )(?<!phone)(?<!tel )(?<!tel)(?<!tel\. )(?<!fax )(?<!mobile )(?<!cell )"
"""Before No.: no phone's label (Phone No., Tel No., Mobile No.), whose number is a phone, not a reference."""
_REFERENCE = lazy.compile(
    rf"(?:[#¥$€£]|{_NOT_AFTER_PHONE}no\.?|第|内線|{_WORK_NUMBER}|{_BUDGET_CODE})[ \t]?$", re.IGNORECASE
)
_EXTENSION = lazy.compile(r"内線[ \t]?$")
_OFFICE_LINE = lazy.compile(
    r"(?:(?:区役所|市役所|役所|役場|庁舎)の?代表(?:電話|番号)?|(?:区|市|町|村)の?代表(?:電話|番号))"
    r"[ \t]*(?:tel|電話)?[ \t]*(?:[.:：]|は|が)?[ \t]*$",
    re.IGNORECASE,
)
"""A ward's or a city's main line named as such (区役所代表 ℡, 市役所の代表電話, 区の代表番号：,
区の代表番号は): the office's number, which it publishes, not a resident's."""
_MAIN_LINE = lazy.compile(
    r"代表(?:電話|番号)?[ \t]*(?:tel|電話)?[ \t]*(?:[.:：]|は|が)?[ \t]*$", re.IGNORECASE
)
_WORKPLACE = lazy.compile("(?:勤務先|勤め先|勤め|職場|勤務|本人|保護者|家族|自宅|会社員)(?!の?直通)")
"""After 代表 alone (代表 03-…, 代表：…; not 代表者), a phone is an organisation's published main line, which
is no one's personal data; it is a resident's only as their workplace's, and a message that makes it one
says so (勤務先, 職場, 本人, 保護者): there it is masked. A word that names whose direct line another
number is (本人の直通 03-…、代表 03-…) says nothing of the main line: the direct line is masked, the main
line kept."""
_MAIN_FAX = lazy.compile(
    r"代表(?:電話|番号)?[ \t]*(?:tel|電話)?[ \t]*(?:[.:：]|は|が)?[ \t]*"
    r"[0-9][0-9()-]{8,14}[0-9][ \t]*[、,/)]?[ \t]*"
    r"(?:fax|ファクス|ファックス)(?:番号)?[ \t]*(?:[.:：]|は|が)?[ \t]*$",
    re.IGNORECASE,
)
_FAX_REACH = 40
"""A fax number right after a main line's (代表 03-3981-1111 FAX 03-3981-1112): the organisation's too, kept
where its main line is (`_WORKPLACE` says where it is masked)."""
_LINES_UP_TO = lazy.compile(r"[〜~～]([0-9]{2,4})(?![0-9:：.])")
"""内線 before a number: an extension has 2-5 digits; one shaped like a phone's is one (内線 09012345678)."""
_MY_NUMBER_CUE = lazy.compile(
    r"(?:マイナンバー|マイナ番号|個人番号|まいなんばー|こじんばんごう|(?i:my[ \t]?number))"
    r"(?:カード)?(?:の番号)?[)\]」』】》〉はが:：|\s]*$"
)
_MY_NUMBER_BEFORE = lazy.compile(r"(?:マイナンバー|マイナ番号|個人番号)[^。\n]*$")
_MY_NUMBER_AFTER = lazy.compile(r"[^。\n]{0,20}?(?:マイナンバー|マイナ番号|個人番号)")
"""マイナンバー or 個人番号 elsewhere in the sentence (個人番号欄（1人目 …）, … （個人番号）)."""
_LOCAL_PHONE_CUE = lazy.compile(
    r"(?:電話|でんわ|tel|携帯|けいたい|連絡先|市外局番なし)(?:番号)?(?:\([^()\n0-9]{1,8}\))?[^。\n0-9]{0,6}$",
    re.IGNORECASE,
)
"""A phone's word just before eight digits grouped 4 and 4, a note in brackets between if any
(電話番号（自宅）): a number without its area code."""
_POSTAL_CUE = lazy.compile(
    r"(?:〒|郵便番号|郵便|ゆうびん(?:番号|ばんごう)?|zip(?:[ _]?code)?|postal(?:[ _]?code)?|post ?code)"
    r"(?:欄|の?列)?(?:に|へ)?"
    r"(?:</t[dh]>\s*<t[dh][^<>\n]{0,40}>|[)\]」』】》〉はが:：=;>\s\"'\U0001f300-\U0001faff\u2600-\u27bf\ufe0f])*$",
    re.IGNORECASE,
)
_INTERNATIONAL = lazy.compile(r"\+[ \t]?$")
_ABROAD = lazy.compile(r"(?<![0-9)])\+[ \t]?$")
"""A ``+`` opening a number, not adding it to one before (100+200)."""
_SENTENCE_LOOKBACK = 40
_POSTAL_IN_SENTENCE = lazy.compile(r"(?:〒|郵便番号)[^。\n]*$")
"""郵便番号 earlier in the same sentence, for seven digits grouped 3 and 4 however they are separated."""
_RUNS_ON = lazy.compile(r"-[0-9]")
"""A dash and a digit after NNN-NNNN: the head of a longer number (電話 000-0000-1000), no postal code."""
_LOOKBACK = 16
_MY_NUMBER_HEADER = frozenset(("個人番号", "マイナンバー", "マイナ番号"))
_TWELVE_DIGITS = lazy.compile(r"[0-9](?:[ -]?[0-9]){11}")
_POSTAL_HEADER = frozenset(("郵便番号", "〒", "zip", "Zip", "ZIP", "Postal Code", "postal code"))
_SEVEN_DIGITS = lazy.compile(r"[0-9]{3}-?[0-9]{4}")
_WORD = lazy.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*")
_UUID = lazy.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_JOINER = lazy.compile(r"[-_]")
_MIXED = lazy.compile(r"[A-Za-z][0-9]|[0-9][A-Za-z]")
_LABEL = lazy.compile(r"(?:tel|fax|phone|mobile|cell|keitai|no)[0-9]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Group:
    digits: str
    start: int
    end: int


def is_my_number(text: str) -> bool:
    """Whether ``text`` holds exactly 12 digits whose last is the My Number check digit."""
    digits = "".join(str(int(c)) for c in text if c.isdecimal())
    if len(digits) != 12:
        return False
    body = [int(c) for c in reversed(digits[:11])]  # P1 is the digit just before the check digit
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    remainder = total % 11
    return int(digits[11]) == (0 if remainder <= 1 else 11 - remainder)


def is_reference(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows what makes it a reference (#, No., 第, 内線, 受付番号 …)."""
    return _REFERENCE.search(text[max(0, start - _LOOKBACK) : start]) is not None


_SAID_BETWEEN = (
    r"[ \t]?[、,]?[ \t]?(?:の後に|のあとに|の後|のあと|の次が|の次は|で始まって|から始まって|続けて|つづけて|"
    r"それから|次が|次は|そのあと|その後|最後が|最後は)[、,]?[ \t]?"
)
"""Words said between a phone's groups as it is dictated (090 の後に 4418、続けて 2207)."""
_SAID_WORD = lazy.compile("後|あと|次|始まって|続けて|つづけて|それから")
"""What every word of `_SAID_BETWEEN` holds: a message without any is not searched for them."""
_PHONE_WITH_WORDS = lazy.compile(
    rf"(?<![0-9])(0[0-9]{{1,4}})(?:{_SAID_BETWEEN}|[ \t]?[、,][ \t]?)([0-9]{{2,4}})"
    rf"(?:{_SAID_BETWEEN}|[ \t]?[、,][ \t]?)([0-9]{{3,4}})(?![0-9])"
)
"""A phone's three groups with words said between them, one gap at least (070で始まって、7731、そのあと0418):
ten or eleven digits in all."""
_PHONE_BY_PARTS = lazy.compile(
    r"市外(?:局番)?\)?(?:は|が|:|：)?[ \t]*(0[0-9]{1,4})(?![0-9])[^0-9\n]{0,6}?"
    r"(?:市内(?:局番)?|局番)\)?(?:は|が|:|：)?[ \t]*([0-9]{1,4})(?![0-9])"
    r"[^0-9\n]{0,8}?(?<![0-9])([0-9]{3,4})(?![0-9])"
)
"""A phone's parts each after the word for it, as a form's boxes or a call's notes name them
(（市外）0285（市内）22（番号）4409, 市外局番03、局番5491、番号2207): ten or eleven digits in all, as a
phone's."""


_PHONE_PARTS = frozenset(("市内局番", "局番", "番号", "加入者番号"))
"""The header cells after 市外局番 when a form's export splits a phone over columns (市外局番,市内局番,番号):
a row's ten or eleven digits are a phone's."""


_HUNDREDS = "(?:ひゃく|にひゃく|さんびゃく|よんひゃく|ごひゃく|ろっぴゃく|ななひゃく|はっぴゃく|きゅうひゃく)"
_OCR_POSTAL = lazy.compile(r"(?<![0-9A-Za-z_-])T[ \t]?([0-9]{3}-[0-9]{4})(?![0-9A-Za-z_-])")
"""A postal code after a capital T, as OCR reads 〒 on a scanned form (T170-0011 池袋本町…): NNN-NNNN after a
lone T is no code's part (T-1234 or T1234567890123 are)."""
_POSTAL_READ = lazy.compile(
    rf"(?:〒|郵便番号|ゆうびん(?:番号|ばんごう))(?:は|が|[:：])?[ \t\u3000]*"
    rf"({_HUNDREDS}(?:{SPOKEN_NUMBER})?[ \t\u3000]?(?:の|-)?[ \t\u3000]?(?:{SPOKEN_DIGIT}){{4}})(?![0-9])"
)
"""A postal code's first three digits read as a number, its last four one at a time, after its label
(郵便番号 ひゃくななじゅういち の ぜろぜろよんに: 171-0042), as voice input writes it."""


def find_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of personal numbers in the folded ``text``, in order.

    A pasted table's cells of 12 digits under 個人番号 or マイナンバー come first (the header names them).
    """
    for start, end in column_cells(text, _MY_NUMBER_HEADER, beside=True):
        if _TWELVE_DIGITS.fullmatch(text, start, end):
            yield start, end, MY_NUMBER
    for start, end in column_cells(text, _POSTAL_HEADER, beside=True):
        if _SEVEN_DIGITS.fullmatch(text, start, end):
            yield start, end, POSTAL
    if "局番" in text or "市内" in text:
        for parts in _PHONE_BY_PARTS.finditer(text):
            if len("".join(parts.groups())) in (10, 11):
                yield parts.start(1), parts.end(3), PHONE
        for start, end in grouped_cells(text, "市外局番", _PHONE_PARTS):
            if sum(c.isdigit() for c in text[start:end]) in (10, 11):
                yield start, end, PHONE
    for said in _PHONE_WITH_WORDS.finditer(text) if _SAID_WORD.search(text) else ():
        digits = "".join(said.groups())
        gaps = (text[said.end(1) : said.start(2)], text[said.end(2) : said.start(3)])
        if len(digits) in (10, 11) and any(not set(gap) <= set(" \t、,") for gap in gaps):
            yield said.start(1), said.end(3), PHONE
    for read in _OCR_POSTAL.finditer(text) if "T" in text else ():
        yield read.start(1), read.end(1), POSTAL
    if "ゃく" in text:
        for read in _POSTAL_READ.finditer(text):
            yield read.start(1), read.end(1), POSTAL
    identifiers = _identifiers(text)
    starts = [start for start, _ in identifiers]
    for chain in _CHAIN.finditer(text):
        groups = [
            _Group(m.group(), chain.start() + m.start(), chain.start() + m.end())
            for m in _GROUP.finditer(chain.group())
        ]
        for run in _outside(groups, identifiers, starts):
            yield from _numbers_in(text, run)


def _identifiers(text: str) -> list[tuple[int, int]]:
    """The spans of identifiers in ``text`` (see the module docstring), in order."""
    spans: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        mixed = (_MIXED.search(p) and not _LABEL.fullmatch(p) for p in _JOINER.split(word.group()))
        if _UUID.fullmatch(word.group()) or any(mixed):
            spans.append(word.span())
    return spans


def _outside(
    groups: list[_Group], identifiers: list[tuple[int, int]], starts: list[int]
) -> Iterator[list[_Group]]:
    """The runs of consecutive ``groups`` outside every identifier (``starts``: where each one starts)."""
    run: list[_Group] = []
    for group in groups:
        at = bisect_right(starts, group.start) - 1
        if at >= 0 and group.end <= identifiers[at][1]:
            if run:
                yield run
            run = []
        else:
            run.append(group)
    if run:
        yield run


def _numbers_in(text: str, groups: list[_Group]) -> Iterator[tuple[int, int, str]]:
    """The personal numbers in one run of digit groups, leftmost longest first.

    No number starts inside what a dash, a dot or a slash holds together, unless a number just ended
    there: in a table's row 「1944/05/21」, a tab, 「03-3917-2284」, 05 21 03 3917 is no phone but
    03-3917-2284 is.
    """
    i = 0
    may_start = True
    while i < len(groups):
        found = _longest(text, groups, i) if may_start or _apart(text, groups[i - 1], groups[i]) else None
        if found is None:
            i += 1
            may_start = False
            continue
        j, kind = found
        yield _widen(text, groups[i].start, groups[j].end, kind)
        i = j + 1
        may_start = True


def _apart(text: str, before: _Group, group: _Group) -> bool:
    """Whether only blanks or a cell bar are between two groups of a chain (1944/05 is one thing, 21 03 two).

    A table's cells (12|要介護3|03-3971-2284) hold a number each: a phone may start after a bar.
    """
    return not text[before.end : group.start].strip(" \t\r\n|")


def _longest(text: str, groups: list[_Group], i: int) -> tuple[int, str] | None:
    """The last group and kind of the longest personal number starting at group ``i``."""
    before = text[max(0, groups[i].start - _LOOKBACK) : groups[i].start]
    reference = _REFERENCE.search(before) is not None
    other = _OTHER_NUMBER.search(before) is not None
    extension = reference and _EXTENSION.search(before) is not None
    office = "代表" in before and (  # most numbers: no 代表 before
        _OFFICE_LINE.search(before) is not None
        or (_MAIN_LINE.search(before) is not None and _WORKPLACE.search(text) is None)
    )
    if not office and "代表" in (wide := text[max(0, groups[i].start - _FAX_REACH) : groups[i].start]):
        office = _MAIN_FAX.search(wide) is not None and _WORKPLACE.search(text) is None
    best: tuple[int, str] | None = None
    digits = ""
    for j in range(i, len(groups)):
        digits += groups[j].digits
        if len(digits) > 15:
            break
        if _UNIT.match(text, groups[j].end):
            continue
        kind = _kind(text, digits, groups[i : j + 1], before)
        if kind is None or (kind == PHONE and (office or _opens_a_range_of_lines(text, groups[j]))):
            continue
        if kind == MY_NUMBER and other:
            continue
        if not reference or kind == MY_NUMBER or (extension and kind == PHONE):
            best = (j, kind)
    return best


def _opens_a_range_of_lines(text: str, last: _Group) -> bool:
    """Whether the phone ending with group ``last`` opens a range of lines (ダイヤルイン 03-4566-2400〜2499).

    The range's end has as many digits as that group: an office's block of lines, which nobody's own phone is
    written as; a time after it (〜20時) is no such end.
    """
    end = _LINES_UP_TO.match(text, last.end)
    return end is not None and len(end.group(1)) == len(last.digits) and not _UNIT.match(text, end.end())


def _kind(text: str, digits: str, groups: list[_Group], before: str) -> str | None:
    sizes = [len(g.digits) for g in groups]
    if len(digits) == 12:
        if _MY_NUMBER_CUE.search(before):
            return MY_NUMBER
        if (
            ((len(groups) <= 4 and min(sizes) >= 2) or max(sizes) == 1)
            and (is_my_number(digits) or _my_number_in_sentence(text, groups))
            and not _international(groups, before)
        ):
            return MY_NUMBER
    if _international(groups, before):
        return PHONE
    if (
        len(digits) in (10, 11)
        and digits[0] == "0"
        and digits[1] != "0"
        and (len(groups) <= 5 or max(sizes) == 1)
        and not _code_of_parts(text, groups)
    ):
        return PHONE
    if sizes == [4, 4] and _LOCAL_PHONE_CUE.search(before):
        return PHONE
    if len(digits) == 7:
        if _POSTAL_CUE.search(before):
            return POSTAL
        if (sizes == [3, 4] or max(sizes) == 1) and _POSTAL_IN_SENTENCE.search(
            text, max(0, groups[0].start - _SENTENCE_LOOKBACK), groups[0].start
        ):
            return POSTAL  # 郵便番号欄が…「530 0047」, 「1 7 0 - 0 0 1 1」: a form's boxes, named earlier
        if (
            sizes == [3, 4]
            and text[groups[0].end : groups[1].start] == "-"
            and not before.endswith("-")
            and not _RUNS_ON.match(text, groups[1].end)
        ):
            return (
                POSTAL  # only NNN-NNNN without 〒, not part of a longer number (000-000-1001, 000-0000-1000)
            )
    return None


def _code_of_parts(text: str, groups: list[_Group]) -> bool:
    """Four groups or more joined by one dash or dot each, as a budget's or a list's code is (02-01-03-0012).

    A phone has three parts; one typed a digit at a time (0-9-0-…) is not such a code.
    """
    if len(groups) < 4 or max(len(g.digits) for g in groups) == 1:
        return False
    joints = {text[a.end : b.start] for a, b in pairwise(groups)}
    return len(joints) == 1 and joints <= {"-", "."}


def _my_number_in_sentence(text: str, groups: list[_Group]) -> bool:
    """Whether the sentence names a My Number before or after these digits, which it may hold mistyped."""
    start, end = groups[0].start, groups[-1].end
    return bool(
        _MY_NUMBER_BEFORE.search(text, max(0, start - _SENTENCE_LOOKBACK), start)
        or _MY_NUMBER_AFTER.match(text, end)
    )


def _international(groups: list[_Group], before: str) -> bool:
    """+81 …, 0081 …, 010 81 …, or 81 as a group of its own, then a national number; or another country's.

    A family abroad is reached so: ``+``, a country code of one to three digits, the number
    (+84 90 312 4471, +1-415-555-0187), nine to fifteen digits in all (E.164).
    """
    digits = "".join(g.digits for g in groups)
    plus = bool(_INTERNATIONAL.search(before))
    if (
        not digits.startswith("81")
        and _ABROAD.search(before)
        and 9 <= len(digits) <= 15
        and digits[0] != "0"
        and (len(groups) == 1 or len(groups[0].digits) <= 3)
    ):
        return True
    for prefix in ("01081", "0081", "81"):
        if not digits.startswith(prefix):
            continue
        if prefix == "81" and not plus and groups[0].digits != "81":
            return False
        national = digits[len(prefix) :]
        if national.startswith("0"):
            national = national[1:]  # +81 (0)90 …
        return 9 <= len(national) <= 10 and national[0] != "0"
    return False


def _widen(text: str, start: int, end: int, kind: str) -> tuple[int, int, str]:
    """Take in a leading ``+``, and the other half of a parenthesis the number opens or closes."""
    plus = _INTERNATIONAL.search(text, max(0, start - 2), start)
    if plus is not None and kind == PHONE:
        start = plus.start()
    balance = text.count("(", start, end) - text.count(")", start, end)
    if balance < 0 and start > 0 and text[start - 1] == "(":
        start -= 1
    if balance > 0 and end < len(text) and text[end] == ")":
        end += 1
    return start, end, kind
