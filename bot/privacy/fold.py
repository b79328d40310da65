"""The matching form of a text: one spelling for every way of writing the same characters.

The detectors match on the folded text and report spans in it; `Folded.span`
maps a span back to the original, so what is replaced is exactly what the
person wrote (full-width digits, kanji numerals and all).

Folding is NFKC character by character (full-width letters and digits, the
full-width ＠ and ．, the ideographic space, half-width katakana with their
voiced marks: ｺｰﾄﾞ → コード), every script's decimal digits as ASCII (٩٨٧, ۹۸۷,
९८७), every invisible character left out (zero-width spaces and joiners, the
soft hyphen, the word joiner, a BOM, bidirectional controls, variation
selectors: 090\u200b1234 reads 0901234, and a span over it covers it), an HTML
character reference as its character (&#64;, &#x40;, &commat;) and ``%40``
inside an e-mail address as ``@``, every dash and minus as ``-``,
the long-vowel mark as ``-`` between two digits, a space beside it if any (０９０ー１２３４, a common IME
slip), and a run of two or more kanji digits as ASCII digits (〇九〇 → 090), and one beside a figure too
(〇3-五九八二-2216 → 03-5982-2216). A lone kanji digit stays: 一番, 二丁目 and 一部 are words, not numbers
to dial.
Legal numerals are the kanji they stand for (昭和参拾八年壱月弐拾日; 参 and 拾, words' too,
only beside a numeral or before a unit); a URL's escape of @, -, ., + or _ inside a value is that character
(mail=aki.mori%40gmail.com); wave dashes joining three digit groups or more are dashes (090〜3381〜2275; one
between two numbers is a range); and a form's boxes around one character each are left out
(|1|5|4|-|0|0|2|1|, [0][9][2]…).
Digits read aloud in hiragana or katakana, as voice input writes them (ぜろきゅうぜろ よんよんにーいち …,
ゼロハチゼロ …), become ASCII digits too where seven or more follow one another, a space or の between
them if any (ぜろさん の よん…): no run of words is that long a string of digit readings; so do three or four
groups of three or four readings with a pause between them, as a My Number is dictated (ななにーいち、
はちさんさん、…), and a phone's
first group read aloud from zero before digits typed (ゼロハチゼロの7731の4402), and a phone's group of
four read aloud among groups typed (080 の さんさんよんよん の 1192, 090 3381 ななよんにーぜろ). A date's
or a block's units and an era left in hiragana after digits are their kanji (へいせい25ねん4がつ10にち,
3ちょうめ12ばん).
O, o, l, I, B and Z in a run of digits and them alone are digits, as OCR misreads a scan (O9O-88l2-3304,
O8O-B812-44Z1), and so is a run of two or three of them alone joined by a dash, a dot or a slash to such a
run (l9B4.O2.Zl); a line that only marks a page break (--- page 2 ---) is left out, so what it broke reads
on, and so are a form's dot leaders between a label and its value (被保険者番号 ………… 0123), so that the
value reads as right after its label, and a mark that a value goes on across a line break (a backslash ending
the line, （続き） or → opening the next). A dash said aloud between digits (ハイフン, ダッシュ) is a dash; a
label spelled in katakana, half-width or not, or in romaji (ﾃﾞﾝﾜ, ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ, tanjoubi, jusho) is its
kanji; and a spreadsheet's DATE(1962,4,30) reads as 1962/4/30.

``fold(text, joined=True)`` also leaves out the prefix of each line that continues quoted or timestamped
chat lines (``> ``, ``>> 田村: ``, ``[10:02] ``): an item sent in two messages (個人番号 3814 1979 /
[10:02] 3700) reads on as broken by a line break; so does one whose break was lost, a time glued between its
numbers (3814 1979[10:02] 3700). `bot.privacy.mask` reads a message so a second time
for every kind but names, which it finds where the speaker is still written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from bot.kana import to_hiragana
from bot.privacy import lazy

__all__ = ["KANJI_DIGITS", "SPOKEN_DIGIT", "SPOKEN_NUMBER", "Folded", "fold"]

KANJI_DIGITS = {c: str(n) for n, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_DASHES = frozenset("‐‑‒–—―−﹣－⁃")
_LONG_VOWEL_DASH = lazy.compile("(?:(?<=[0-9])|(?<=[0-9] ))ー(?= ?[0-9])")
"""The long-vowel mark between two digits, a space beside it if any (０９０ー１２３４, 1 5 4 ー 0 0 0 1): a
dash, as an IME slips; NFKC has made the half-width ｰ the same mark."""
_HALF_WIDTH_MARKS = {"ﾞ": "\u3099", "ﾟ": "\u309a"}
"""Half-width voiced and semi-voiced marks, as the combining marks that compose with the kana before them."""
_ASCII_DIGITS = frozenset("0123456789")
_SPOKEN_DIGITS = {
    "ぜろ": "0",
    "れい": "0",
    "まる": "0",
    "いち": "1",
    "にい": "2",
    "に": "2",
    "さん": "3",
    "よん": "4",
    "し": "4",
    "ごお": "5",
    "ごう": "5",
    "ご": "5",
    "ろく": "6",
    "なな": "7",
    "しち": "7",
    "はち": "8",
    "きゅう": "9",
    "きゅー": "9",
    "く": "9",
}
"""Digits as voice input spells them in hiragana; a long-vowel mark after one is part of it (にー, ごー), and
so is the う that stretches ご as a hand spells it out (いちごうはちはち: 1588)."""
SPOKEN_DIGIT = (
    "(?:"
    + "|".join(sorted(_SPOKEN_DIGITS, key=len, reverse=True))
    .replace("にい", "にい(?!ち)")
    .replace("ごう", "(?:(?<=[ろいるちにしおうくなーご 、,・の-])|(?<=さん)|(?<=よん))ごう")
    + ")ー?"
)
"""A digit read aloud; にいち is に and いち (ぜろにいち 582 …), so that the readings split one way only; ごう
only after another digit's reading (いちごう), not opening a run: ばんごう and きごう are 番号 and 記号."""
_SPOKEN_ONES = "いっ|いち|に|さん|よん|ご|ろく|なな|しち|はっ|はち|きゅう|じゅっ"
SPOKEN_NUMBER = rf"(?:(?:{_SPOKEN_ONES})?じゅう(?:{_SPOKEN_ONES})?|{_SPOKEN_ONES})"
"""A number from 1 to 99 read aloud in hiragana (よんじゅう, にじゅういち, いっ before ちょうめ), as a
pattern: a date's or a block's, which voice input writes so (しょうわよんじゅうねん, にちょうめ)."""
_SPOKEN_MIN = 7
_SPOKEN_RUN = lazy.compile(rf"{SPOKEN_DIGIT}(?:(?: ?[の-])? ?{SPOKEN_DIGIT}){{{_SPOKEN_MIN - 1},}}")
_SPOKEN_ZERO_RUN = lazy.compile(
    r"(?:ぜろ|れい|まる)ー?"
    rf"(?:(?: ?(?:の ?)?[、,・] ?| ?[の-] ?| )?{SPOKEN_DIGIT}){{{_SPOKEN_MIN - 1},}}"
)
"""A run opening with a zero, as a phone's does, whose digits or groups may be set apart by a pause mark
too (、 , or ・, after の if any: ぜろきゅうぜろ、よんよんいちに、…, ゼロロクの、ロクニーゼロハチの、…,
ゼロ・ハチ・ゼロ): nobody counts aloud from zero (いちにさんし、ごーろくしちはち stays). Not the tail of a
word in the same script (かまるいち…; after a particle in the other, 連絡先はゼロキュウゼロ…, it is one)."""
_SPOKEN_GROUP = rf"(?:{SPOKEN_DIGIT}){{3,4}}"
_SPOKEN_GROUPED_RUN = lazy.compile(rf"{_SPOKEN_GROUP}(?: ?[、,・] ?{_SPOKEN_GROUP}){{2,3}}")
"""Three or four groups of three or four digits read aloud, a pause between them, as a My Number or an
account is dictated (ななにーいち、はちさんさん、ぜろよんいち、いちごーきゅう): a count aloud has no such
groups."""
_SPOKEN_ONE = lazy.compile(rf"({SPOKEN_DIGIT})|( |の|-|[、,・])")
_PAUSE = lazy.compile("[、,・]")
"""A pause between digits read aloud; a space between them once read (a separator of the numbers' chains)."""
_SPOKEN_END = lazy.compile(r"[ \t]*(?:$|\n|[)）」』】]|です)")
"""What may follow a run's last reading of one character that is then a digit, not a particle (… いち に)."""


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


def fold(text: str, *, joined: bool = False) -> Folded:
    """``text`` in its matching form; with ``joined``, continued chat lines lose their prefix (see above)."""
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    index = 0
    while index < len(text):
        char, start = text[index], index
        index += 1
        if char in "&%" and (encoded := _ENCODED.match(text, start)):
            char, index = _decoded(encoded), encoded.end()
        if char in _HALF_WIDTH_MARKS and chars:
            voiced = unicodedata.normalize("NFC", chars[-1] + _HALF_WIDTH_MARKS[char])
            if len(voiced) == 1:  # ﾄ then ﾞ: one kana, ド, as NFKC of the pair would give
                chars[-1] = voiced
                ends[-1] = index
                continue
        folded = _folded(_LEGAL_DIGITS.get(char, char))
        if not folded and ends:
            ends[-1] = index  # an invisible character goes with the one before: a span ending there covers it
        chars.extend(folded)
        origin.extend([start] * len(folded))
        ends.extend([index] * len(folded))
    _legal_digits(chars)
    _kanji_digits(chars)
    _percent_escapes(chars, origin, ends)
    _wave_dashes(chars)
    _boxes(chars, origin, ends)
    _misread_digits(chars)
    _date_function(chars)
    _spoken_dashes(chars, origin, ends)
    _label_words(chars, origin, ends)
    _spoken_digits(chars, origin, ends, _SPOKEN_RUN)
    _spoken_digits(chars, origin, ends, _SPOKEN_GROUPED_RUN)
    _spoken_digits(chars, origin, ends, _SPOKEN_ZERO_RUN)
    _spoken_zero_lead(chars, origin, ends)
    _spoken_group_among_typed(chars, origin, ends)
    _spoken_mark(chars, origin, ends)
    _kana_units(chars, origin, ends)
    _drop(chars, origin, ends, _PAGE_BREAK)
    _drop(chars, origin, ends, _LEADER)
    _drop(chars, origin, ends, _CONTINUATION)
    if joined:
        _continued_chat(chars, origin, ends)
        _drop(chars, origin, ends, _GLUED_TIME)
    for mark in _LONG_VOWEL_DASH.finditer("".join(chars)):
        chars[mark.start()] = "-"
    return Folded("".join(chars), tuple(origin), tuple(ends))


_ENCODED = lazy.compile(
    r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));|&commat;|(?<=[A-Za-z0-9._+-])%40(?=[A-Za-z0-9])"
)
"""A character written as an HTML reference (&#64;, &#x40;, &commat;) or an ``@`` percent-encoded inside an
e-mail address (taro%40example.jp; 100%40件 stays): read as the character it stands for."""
_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0")
"""Default-ignorable characters outside category Cf: the variation selectors are ranges (`_invisible`)."""


def _decoded(encoded: re.Match[str]) -> str:
    """The character an `_ENCODED` match stands for (U+FFFD for a code point that does not exist)."""
    if encoded.group(1):
        number = int(encoded.group(1))
    elif encoded.group(2):
        number = int(encoded.group(2), 16)
    else:
        return "@"
    return chr(number) if number <= 0x10FFFF else "\ufffd"


@lru_cache(maxsize=8192)
def _folded(char: str) -> str:
    """The matching form of one character: nothing for an invisible one, ASCII for any decimal digit.

    Cached: a ward's messages use a few thousand characters, and each is folded once, not once a message.
    """
    if char < "\u00ad":
        return unicodedata.normalize("NFKC", char)
    if char in _DASHES:
        return "-"
    if _invisible(char):
        return ""
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and folded > "\x7f" and unicodedata.category(folded) == "Nd":
        return str(unicodedata.decimal(folded))  # ٩, ۹, ९ and the other scripts' digits, as ０-９ fold
    return folded


def _invisible(char: str) -> bool:
    """Whether ``char`` shows nothing: a format character or another default-ignorable one.

    Category Cf (zero-width space and joiners, soft hyphen, word joiner, BOM, bidirectional controls, tags),
    variation selectors, Hangul fillers: written inside an item, it hides nothing and must not split it.
    """
    return (
        unicodedata.category(char) == "Cf"
        or char in _IGNORABLE
        or "\ufe00" <= char <= "\ufe0f"
        or "\ufff0" <= char <= "\ufff8"
        or "\U000e0000" <= char <= "\U000e0fff"
    )


def _kanji_digits(chars: list[str]) -> None:
    """Replace each run of two or more kanji digits, or one beside a figure (〇3-…), by ASCII digits."""
    start = 0
    while start < len(chars):
        if chars[start] not in KANJI_DIGITS:
            start += 1
            continue
        end = start
        while end < len(chars) and chars[end] in KANJI_DIGITS:
            end += 1
        if end - start >= 2 or _figure_at(chars, start - 1) or _figure_at(chars, end):
            chars[start:end] = [KANJI_DIGITS[c] for c in chars[start:end]]
        start = end


def _figure_at(chars: list[str], at: int) -> bool:
    """Whether ``chars[at]`` is an ASCII digit (nothing is, outside ``chars``)."""
    return 0 <= at < len(chars) and chars[at] in "0123456789"


_LEGAL_DIGITS = {"壱": "一", "壹": "一", "弐": "二", "貳": "二", "參": "三", "萬": "万"}
"""Legal numerals, as certificates and receipts write numbers (昭和参拾八年壱月弐拾日, 金壱萬円): the kanji
they stand for. 参 and 拾 are words' too (参加, 拾う): `_legal_digits` reads them."""
_WORDS_TOO = {"参": "三", "拾": "十"}
_NUMERALS = frozenset("〇一二三四五六七八九十百千万参拾")
_AFTER_NUMERAL = frozenset("丁番号年月日")


def _legal_digits(chars: list[str]) -> None:
    """Read 参 and 拾 as 三 and 十 where a numeral stands beside them or a unit follows, in place.

    They are words' too (参加, 持参, 拾得), so only beside a numeral (参拾, 弐拾) or before a date's or a
    block's unit (参丁目, 参月) are they numbers; the other legal numerals are read so anywhere.
    """
    if "参" not in chars and "拾" not in chars:
        return  # most messages: no numeral that is a word's too
    for i, char in enumerate(chars):
        if char not in _WORDS_TOO:
            continue
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if before in _NUMERALS or after in _NUMERALS or after in _AFTER_NUMERAL:
            chars[i] = _WORDS_TOO[char]


_PERCENT_ESCAPE = lazy.compile(r"(?<=[A-Za-z0-9=])%(40|2[BDEbde]|5[Ff])(?=[A-Za-z0-9+])")
"""A URL's percent escape of @, -, ., + or _ inside a value (mail=aki.mori%40gmail.com, tel=090%2D5512…)."""


def _percent_escapes(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Read each escape that `_PERCENT_ESCAPE` finds as the character it stands for, in place."""
    text = "".join(chars)
    if "%" not in text:
        return
    for escape in reversed(list(_PERCENT_ESCAPE.finditer(text))):
        start, end = escape.span()
        chars[start:end] = [chr(int(escape.group(1), 16))]
        origin[start:end] = [origin[start]]
        ends[start:end] = [ends[end - 1]]


_WAVE_CHAIN = lazy.compile(
    r"(?<![0-9])[0-9]++(?:[〜~∼][0-9]++){2,}"
    r"|(?:〒|郵便番号|ゆうびん番号|zip)[ \t:：]*[0-9]{3}[〜~∼][0-9]{4}(?![0-9])",
    re.IGNORECASE,
)
"""Three digit groups or more joined by wave dashes (090〜3381〜2275, 5〜17〜3), or a postal code's two
after 〒, 郵便番号 or zip (郵便番号 176〜0012): a number's groups, as an IME's wave dash stands for a dash;
one wave dash between two numbers is a range elsewhere (12〜15名, 内線 2101〜2105) and stays. A number is
taken whole and from its first digit only: tried from every digit and given back one at a time, a long run
of digits took a second to read."""


def _wave_dashes(chars: list[str]) -> None:
    """Read the wave dashes of each chain that `_WAVE_CHAIN` finds as dashes, in place."""
    text = "".join(chars)
    for chain in _WAVE_CHAIN.finditer(text):
        for i in range(chain.start(), chain.end()):
            if chars[i] in "〜~∼":
                chars[i] = "-"


_BOXES = lazy.compile(r"\|(?:[0-9-]\|){4,}|(?:\[[0-9-]\]){4,}")
"""A form's boxes copied as text, one character in each: |1|5|4|-|0|0|2|1|, [0][9][2]…; a Markdown table's
cells have spaces around their values (| 3 | 5 |) and stay."""


def _boxes(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Drop the boxes' marks around each character of a run that `_BOXES` finds, in place."""
    text = "".join(chars)
    if "|" not in text and "[" not in text:
        return
    for run in reversed(list(_BOXES.finditer(text))):
        for i in reversed(range(run.start(), run.end())):
            if chars[i] in "|[]":
                del chars[i], origin[i], ends[i]


_MISREAD = {"O": "0", "o": "0", "l": "1", "I": "1", "B": "8", "Z": "2"}
_ALNUM_RUN = lazy.compile(r"[A-Za-z0-9]+")
_MISREAD_LETTER = lazy.compile("[" + "".join(_MISREAD) + "]")
_SHAPED = frozenset("BZ")
"""Letters read as digits only in a run of three characters or more: B5 and Z8 are a paper's and a model's."""
_JOINED_RUNS = lazy.compile(r"[A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)*")


def _misread_digits(chars: list[str]) -> None:
    """Read O, o, l, I, B and Z as digits in a run of digits and them alone, as OCR misreads a scanned form's.

    Only a run that holds a digit and no other letter (O9O, 88l2, 3O8812l, B812; B and Z in three characters
    or more: B5 stays), or a run of two or three
    of those letters alone joined by ``-``, ``.`` or ``/`` to such a run (the Zl of l9B4.O2.Zl): a word
    (Ol, IO, BOB) or an identifier with other letters (U0123ab, 0x8007, H2O) stays as written.
    """
    text = "".join(chars)
    if not _MISREAD_LETTER.search(text):
        return  # most messages: no letter to read as a digit
    for joined in _JOINED_RUNS.finditer(text):
        runs = [run.group() for run in _ALNUM_RUN.finditer(text, joined.start(), joined.end())]
        numeric = [_misread_number(word) for word in runs]
        if not any(number and len(word) >= 2 for word, number in zip(runs, numeric, strict=True)):
            continue  # BOB-3 stays
        at = joined.start()
        for word, number in zip(runs, numeric, strict=True):
            at = text.index(word, at)
            if number or (
                2 <= len(word) <= 3 and not _ASCII_DIGITS.intersection(word) and _misread_only(word)
            ):
                chars[at : at + len(word)] = [_MISREAD.get(c, c) for c in word]
            at += len(word)


def _misread_number(word: str) -> bool:
    """Whether ``word`` is digits and misread letters, a digit among them (B and Z only in three or more)."""
    return (
        bool(_ASCII_DIGITS.intersection(word))
        and _misread_only(word)
        and (len(word) >= 3 or not _SHAPED.intersection(word))
    )


def _misread_only(word: str) -> bool:
    return all(c in _ASCII_DIGITS or c in _MISREAD for c in word)


_ZERO_LEAD = lazy.compile(rf"ぜろー?(?:{SPOKEN_DIGIT}|[0-9]){{1,3}}(?=(?: ?の ?|[ -])?[0-9]{{2}})")
"""A phone's first group read aloud from zero, digits typed among the readings, before digits typed
(ゼロハチゼロの7731の…, ゼロ7ゼロ-2281-…): voice input or a hand that switched to the number keys."""
_LEAD_PIECE = lazy.compile(rf"{SPOKEN_DIGIT}|[0-9]")


def _spoken_zero_lead(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Replace each reading of a first group that `_ZERO_LEAD` finds by its digits, in place."""
    text = to_hiragana("".join(chars))
    for run in reversed(list(_ZERO_LEAD.finditer(text))):
        pieces = list(_LEAD_PIECE.finditer(text, run.start(), run.end()))
        if "".join(piece.group() for piece in pieces) != run.group():
            continue
        chars[run.start() : run.end()] = [
            p.group() if p.group() in _ASCII_DIGITS else _digit_of(p.group()) for p in pieces
        ]
        origin[run.start() : run.end()] = [origin[p.start()] for p in pieces]
        ends[run.start() : run.end()] = [ends[p.end() - 1] for p in pieces]


_SPOKEN_MARK = lazy.compile(rf"(きごう|記号)(?:は|が|[:：])?[ \t\u3000]?((?:{SPOKEN_DIGIT}){{5}})(?![ぁ-ゖ])")
"""A Japan Post Bank account's 記号, five digits, read aloud after the word said or written
(ゆうちょのきごうは いちぜろいちよんぜろ): too short for a run of its own (`_SPOKEN_MIN`), in a message
that names the bank."""
_YUCHO = lazy.compile("ゆうちょ|ユウチョ|ﾕｳﾁｮ|郵便貯金")
_MARK_PIECE = lazy.compile(SPOKEN_DIGIT)


_AMONG_TYPED = lazy.compile(
    rf"(?<![0-9])0[0-9]{{1,3}}(?: ?の ?| |-)(?:([0-9]{{4}})(?: ?の ?| |-))?((?:{SPOKEN_DIGIT}){{4}})"
    r"(?:( ?の ?| |-)([0-9]{4}))?(?![0-9])"
)
"""A phone's group of four digits read aloud among groups typed, a space, の or a dash between them
(080 の さんさんよんよん の 1192, 090 3381 ななよんにーぜろ, 080-さんさんにーなな-4415): voice input that
wrote some groups as figures. A typed group must stand on both sides of it, or two before it: 090 の
いちにーさんよん alone is no phone."""
_GROUP_PIECE = lazy.compile(SPOKEN_DIGIT)


def _spoken_group_among_typed(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Replace each group read aloud that `_AMONG_TYPED` finds by its digits, in place."""
    text = to_hiragana("".join(chars))
    for run in reversed(list(_AMONG_TYPED.finditer(text))):
        if not run.group(1) and not run.group(4):
            continue
        start, end = run.span(2)
        pieces = list(_GROUP_PIECE.finditer(text, start, end))
        chars[start:end] = [_digit_of(p.group()) for p in pieces]
        origin[start:end] = [origin[p.start()] for p in pieces]
        ends[start:end] = [ends[p.end() - 1] for p in pieces]


def _spoken_mark(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Replace each 記号 read aloud that `_SPOKEN_MARK` finds by its digits, and きごう by 記号, in place."""
    text = "".join(chars)
    if not _YUCHO.search(text):
        return  # most messages: no Japan Post Bank account
    text = to_hiragana(text)
    for match in reversed(list(_SPOKEN_MARK.finditer(text))):
        pieces = list(_MARK_PIECE.finditer(text, *match.span(2)))
        if "".join(piece.group() for piece in pieces) != match.group(2):
            continue
        start, end = match.span(2)
        chars[start:end] = [_digit_of(piece.group()) for piece in pieces]
        origin[start:end] = [origin[piece.start()] for piece in pieces]
        ends[start:end] = [ends[piece.end() - 1] for piece in pieces]
        if match.group(1) == "きごう":
            start, end = match.span(1)
            chars[start:end] = ["記", "号"]
            origin[start:end] = [origin[start]] * 2
            ends[start:end] = [ends[end - 1]] * 2


_KANA_UNITS = {
    **{"ねん": "年", "がつ": "月", "にち": "日"},
    **{"ちょうめ": "丁目", "ばんち": "番地", "ばん": "番", "ごう": "号"},
    **{"めいじ": "明治", "たいしょう": "大正", "しょうわ": "昭和", "へいせい": "平成", "れいわ": "令和"},
}
_KANA_UNIT = lazy.compile(
    r"(?<=[0-9])(?:ねん|がつ|にち|ちょうめ|ばんち|ばん(?!ち)|ごう)"
    r"|(?:めいじ|たいしょう|しょうわ|へいせい|れいわ)(?=[ \t]?[0-9])"
)
"""A date's or a block's units typed in hiragana after digits, and an era before them, as an IME leaves them
unconverted (へいせい２５ねん４がつ１０にち, 3ちょうめ12ばん): read as their kanji."""


def _kana_units(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Replace each unit or era that `_KANA_UNIT` finds by its kanji, in place; each kanji covers the word."""
    text = "".join(chars)
    if not _KANA_UNIT.search(text):
        return
    for unit in reversed(list(_KANA_UNIT.finditer(text))):
        kanji = _KANA_UNITS[unit.group()]
        start, end = unit.span()
        chars[start:end] = list(kanji)
        origin[start:end] = [origin[start]] * len(kanji)
        ends[start:end] = [ends[end - 1]] * len(kanji)


_SPOKEN_DASH = lazy.compile(rf"(?:[0-9]|{SPOKEN_DIGIT}) ?(はいふん|だっしゅ)(?= ?(?:[0-9]|{SPOKEN_DIGIT}))")
"""A dash said aloud between digits, as voice input writes it (ゼロハチゼロハイフンサンサン…,
090ハイフン1234): the dash it names, so that the groups read as one number's."""


def _spoken_dashes(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Replace each dash said aloud that `_SPOKEN_DASH` finds by ``-``, in place; the dash covers the word."""
    text = "".join(chars)
    if not any(word in text for word in ("ハイフン", "はいふん", "ダッシュ", "だっしゅ")):
        return  # most messages: no dash said aloud, and no need to read them as hiragana
    text = to_hiragana(text)
    for match in reversed(list(_SPOKEN_DASH.finditer(text))):
        start, end = match.span(1)
        chars[start:end] = ["-"]
        origin[start:end] = [origin[start]]
        ends[start:end] = [ends[end - 1]]


_LABEL_WORDS = {
    **{"でんわ": "電話", "けいたい": "携帯", "れんらくさき": "連絡先", "ないせん": "内線"},
    **{"ゆうびん": "郵便", "じゅうしょ": "住所", "たんじょうび": "誕生日", "せいねんがっぴ": "生年月日"},
    **{"こうざ": "口座", "ばんごう": "番号", "こじん": "個人"},
    **{"denwa": "電話", "keitai": "携帯", "renrakusaki": "連絡先", "naisen": "内線", "yubin": "郵便"},
    **{"yuubin": "郵便", "jusho": "住所", "juusho": "住所", "jyusho": "住所", "juusyo": "住所"},
    **{"tanjoubi": "誕生日", "tanjobi": "誕生日", "seinengappi": "生年月日", "bango": "番号"},
    **{"bangou": "番号", "kojin": "個人", "mainanba-": "マイナンバー", "mainanbaa": "マイナンバー"},
}
"""A label's words spelled in katakana (half-width ones fold so: ﾃﾞﾝﾜ, ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ) or in romaji (denwa,
juusho, tanjoubi), read as their kanji, so that every label's rule reads them (hiragana labels have
theirs)."""
_KATAKANA_LABELS = {
    "".join(chr(ord(c) + 0x60) for c in word): kanji for word, kanji in _LABEL_WORDS.items() if word[0] > "z"
}
_KATAKANA_LABEL = lazy.compile(
    "(?<![ァ-ヺー])(?:" + "|".join(sorted(_KATAKANA_LABELS, key=len, reverse=True)) + ")+(?![ァ-ヺー])"
)
_KATAKANA_LABEL_WORD = lazy.compile("|".join(sorted(_KATAKANA_LABELS, key=len, reverse=True)))
_ROMAJI_LABEL = lazy.compile(
    "(?<![A-Za-z])(?:"
    + "|".join(re.escape(k) for k in sorted((k for k in _LABEL_WORDS if k[0] <= "z"), key=len, reverse=True))
    + ")(?:[ _]?(?:bangou|bango))?(?![A-Za-z])",
    re.IGNORECASE,
)
_ROMAJI_WORDS = tuple(word for word in _LABEL_WORDS if word[0] <= "z")
_ROMAJI_LABEL_WORD = lazy.compile(
    "|".join(re.escape(k) for k in sorted((k for k in _LABEL_WORDS if k[0] <= "z"), key=len, reverse=True))
)


def _label_words(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Replace each label spelled in katakana or romaji (`_LABEL_WORDS`) by its kanji, in place.

    Katakana only as a run of label words alone (ケイタイバンゴウ, not inside another word: デンワボックス); a
    label in hiragana stays, as the rules read it so and it is part of a sentence's words as often.
    """
    text = "".join(chars)
    found: list[tuple[int, int, str]] = []
    if any(word in text for word in _KATAKANA_LABELS):  # most messages hold none: a cheap look first
        for match in _KATAKANA_LABEL.finditer(text):
            kanji = "".join(_KATAKANA_LABELS[word] for word in _KATAKANA_LABEL_WORD.findall(match.group()))
            found.append((*match.span(), kanji))
    lower = text.lower()
    romaji = any(word in lower for word in _ROMAJI_WORDS)
    for match in _ROMAJI_LABEL.finditer(text) if romaji else ():
        words = _ROMAJI_LABEL_WORD.findall(match.group().lower())
        found.append((*match.span(), "".join(_LABEL_WORDS[word] for word in words)))
    for start, end, kanji in sorted(found, reverse=True):
        chars[start:end] = list(kanji)
        origin[start:end] = [origin[start]] * len(kanji)
        ends[start:end] = [ends[end - 1]] * len(kanji)


_DATE_FUNCTION = lazy.compile(
    r"(?<![A-Za-z])date\([ ]?(?:19|20)[0-9]{2}[ ]?,[ ]?[0-9]{1,2}[ ]?,[ ]?[0-9]{1,2}[ ]?\)", re.IGNORECASE
)
"""A spreadsheet's DATE function with its year, month and day (=DATE(1962,4,30)): a date written so."""


def _date_function(chars: list[str]) -> None:
    """Read the commas between a DATE function's arguments as slashes, in place: the date every rule reads."""
    text = "".join(chars)
    if "ate(" not in text and "ATE(" not in text:
        return  # most messages: no DATE function
    for call in _DATE_FUNCTION.finditer(text):
        for i in range(call.start(), call.end()):
            if chars[i] == ",":
                chars[i] = "/"


_GOES_ON = r"(?:\(続き?\)|続き[:：]|↑続き[:：]?|[→↓⇒…][ \t]*(?:続き[:：]?)?)"
_CONTINUATION = lazy.compile(
    rf"(?<=[0-9.-])[ \t]*\\(?=[ \t]*\n[ \t\u3000]*(?:{_GOES_ON}[ \t\u3000]*)?[0-9])"
    r"|(?:(?<=[0-9]\n)|(?<=[0-9][-.]\n)|(?<=[0-9] \n)|(?<=[0-9]\\\n)|(?<=[0-9][-.]\\\n))"
    rf"[ \t\u3000]*{_GOES_ON}[ \t\u3000]*(?=[0-9])"
    rf"|(?<=[A-Za-z0-9._-]\n)[ \t\u3000]*{_GOES_ON}[ \t\u3000]*(?=@)"
)
"""A mark that a line continues a value broken across it, at the line's end (a backslash: 090-5521-\\) or
opening the next (（続き）, ↑続き, → before the rest of the digits, or before an e-mail's @ and its domain):
left out, so that the value reads as broken by a line break only."""


_PAGE_BREAK = lazy.compile(
    r"\n[ \t]*(?:[-=_~]{2,}[ \t]*)?[(\[]?(?:page[ \t]*[0-9]+|p\.[ \t]*[0-9]+へ?)[)\]]?"
    r"(?:[ \t]*[-=_~]{2,})?[ \t]*(?=\n)",
    re.IGNORECASE,
)
"""A line that marks a printed list's page break (--- page 2 ---, (p.3へ)): a number or a date broken by it
reads on as broken by a line break."""
_LEADER = lazy.compile(r"(?<=[^\s.・0-9])[ \t]*(?:\.{3,}|・{3,})(?=[ \t]*[0-9A-Za-z〒+(\[「『\"'<])")
"""A form's dot leaders (…………, ・・・・) between a label and its value, spaces before them if any."""
_TIME = r"\[[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\]"
_CHAT_PREFIX = lazy.compile(
    rf"(?:>{{1,3}}[ \t]?|({_TIME}|[0-9]{{1,2}}:[0-9]{{2}}(?=[ \t]))[ \t]?)"
    r"(?:[^\s:：>\[\]]{1,12}[:：][ \t]?)?"
)
"""The prefix of a quoted or timestamped chat line (> , >> 田村: , [10:02] , or a time without brackets
before a space, as a chat copied from a phone stamps it: 14:02 )."""
_STAMPED = lazy.compile(_TIME)
_GLUED_TIME = lazy.compile(rf"(?<=[0-9])[ \t]*{_TIME}(?=[ \t]?[0-9])")
"""A chat line's time between two numbers, its line break lost (a search box or a title keeps one line):
個人番号 3739 9707[16:12:05] 8293 reads on as 3739 9707 8293."""


def _continued_chat(chars: list[str], origin: list[int], ends: list[int]) -> None:
    """Drop the prefix of each chat line that continues one, in place; spans over it cover it.

    A line continues the one before when both open with a prefix, or when it opens with a time and the one
    before holds a time anywhere (…、[10:02] 個人番号 9274 7481 / [10:02] 3700).
    """
    text = "".join(chars)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    prefixes = [_CHAT_PREFIX.match(text, start) for start in starts]
    continued = [
        prefix
        for at, (before, prefix) in enumerate(pairwise(prefixes), start=1)
        if prefix is not None
        and (before is not None or (prefix.group(1) and _STAMPED.search(text, starts[at - 1], starts[at])))
    ]
    _cut(chars, origin, ends, continued)


def _drop(chars: list[str], origin: list[int], ends: list[int], pattern: re.Pattern[str]) -> None:
    """Drop what ``pattern`` finds from the folded text, in place; spans over it cover it."""
    _cut(chars, origin, ends, list(pattern.finditer("".join(chars))))


def _cut(chars: list[str], origin: list[int], ends: list[int], found: list[re.Match[str]]) -> None:
    """Delete the matches ``found`` (in text order) from the folded text, last first, so the rest stay put."""
    for match in reversed(found):
        del chars[match.start() : match.end()]
        del origin[match.start() : match.end()]
        del ends[match.start() : match.end()]


def _spoken_digits(chars: list[str], origin: list[int], ends: list[int], runs: re.Pattern[str]) -> None:
    """Replace each run of seven or more digits read aloud in hiragana or katakana by ASCII digits, in place.

    Groups may be joined by の, as a number is said aloud (ぜろよんはち の ななにーいち の …); it stays, a
    separator the number's chain reads (`bot.privacy.numbers`); a 、 between them becomes a space. A lone
    one-character reading after a space or の ends no run: it is a particle (… よんいち になった, … ろくのに),
    unless nothing but the text's or the line's end, a closing bracket or です follows (… いち に). The イチ
    of the letter H read aloud opens no run (ユーエイチ いちいち…: H, then the digits).
    """
    text = to_hiragana("".join(chars))  # digits read aloud in katakana read as in hiragana
    for run in reversed(list(runs.finditer(text))):
        if runs is not _SPOKEN_RUN and _tail_of_a_word(chars, run.start()):
            continue
        ones = list(_SPOKEN_ONE.finditer(text, run.start(), run.end()))
        if run.start() and _LETTER_H.match("".join(chars[run.start() - 1 : run.start() + 2])):
            ones = ones[1:]  # the end of the letter H read aloud (エイチ), not a digit
            while ones and ones[0].group(2):
                ones.pop(0)
            if sum(one.group(1) is not None for one in ones) < _SPOKEN_MIN:
                continue
        if (
            len(ones) >= 2
            and ones[-2].group(2) not in (None, "・", "-")  # after a middle dot or a dash, a digit
            and len(ones[-1].group(1).rstrip("ー")) == 1
            and not _SPOKEN_END.match(text, run.end())
        ):
            ones = ones[:-2]
            while ones and ones[-1].group(2):
                ones.pop()  # the space or の before the particle (… ろく の に)
        if sum(one.group(1) is not None for one in ones) < _SPOKEN_MIN:
            continue
        start, end = ones[0].start(), ones[-1].end()
        chars[start:end] = [
            _digit_of(one.group(1)) if one.group(1) else _PAUSE.sub(" ", one.group(2)) for one in ones
        ]
        origin[start:end] = [origin[one.start()] for one in ones]
        ends[start:end] = [ends[one.end() - 1] for one in ones]


def _tail_of_a_word(chars: list[str], start: int) -> bool:
    """Whether the kana at ``start`` continue a word of the same script (hiragana, or katakana) before it."""
    before = chars[start - 1] if start else ""
    if before == "ー":
        return True
    if not _KANA.match(before):
        return False
    return bool(_HIRAGANA.match(before)) == bool(_HIRAGANA.match(chars[start]))


_LETTER_H = lazy.compile("エイチ")
"""The letter H read aloud, whose イチ would open a run of digits (ユーエイチ いちいち…): the run is read
without it."""
_HIRAGANA = lazy.compile("[ぁ-ゖ]")
_KANA = lazy.compile("[ぁ-ゖァ-ヺ]")


def _digit_of(spoken: str) -> str:
    """The digit a reading says, with or without a long-vowel mark after it (きゅー, にー)."""
    return _SPOKEN_DIGITS.get(spoken) or _SPOKEN_DIGITS[spoken.rstrip("ー")]
