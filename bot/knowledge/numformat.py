r"""A cell's text as Excel shows it under its number format (300 with ``#,##0"円"`` reads 300円).

The common formats are understood: thousands separators, fixed decimals, percent, zero-padding
(``00000``), literal text before and after (``"円"``, ``"件"``, ``\``, ``[$¥-411]``), sections for
negatives and zero, and dates written with their own words: ``yyyy"年"m"月"d"日"``, the era
(``ggge"年"`` → 令和8年), weekdays (``aaa`` → 月) and 12-hour times. What is not understood
(scientific notation, fractions, conditions, elapsed hours) returns None: the caller then reads the
plain value, as it would without a format.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["display"]

_ERAS = (
    (dt.date(2019, 5, 1), "令和", "R"),
    (dt.date(1989, 1, 8), "平成", "H"),
    (dt.date(1926, 12, 25), "昭和", "S"),
    (dt.date(1912, 7, 30), "大正", "T"),
    (dt.date(1868, 1, 1), "明治", "M"),
)
"""Each era's first day, its name and its letter (Excel's g, ggg)."""
_WEEKDAYS = "月火水木金土日"
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_PIECE = re.compile(r'"([^"]*)"?|\\(.)|_.|\*.|\[([^\]]*)\]|(.)', re.DOTALL)
_DATE_CODE = re.compile(r"am/pm|a/p|y+|m+|d+|h+|s+|e+|g+|a{3,}", re.IGNORECASE)
_PLAIN_DATE = re.compile(r"(?:[ymdhs]+|[-/: .])+", re.IGNORECASE)
"""A date format of digits and separators only (yyyy-mm-dd, m/d/yy h:mm): read as the plain date."""
_PLACEHOLDERS = "0#?"


def display(value: object, number_format: str) -> str | None:
    """``value`` as Excel shows it under ``number_format``, or None when the format is not understood.

    A number or a date in ``General``, text format or a plain date format (yyyy-mm-dd, which Excel shows
    in the reader's own locale) is left to the caller as well.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | dt.date | dt.time):
        return None
    sections = _sections(number_format)
    if not sections or sections[0].strip().lower() in ("general", "@", ""):
        return None
    if isinstance(value, dt.date | dt.time):
        section = sections[0]
        if _PLAIN_DATE.fullmatch(section):
            return None
        return _date(value, section)
    number = float(value)
    sign = "-" if number < 0 else ""
    if number < 0 and len(sections) > 1:
        section, sign, number = sections[1], "", -number
    elif number == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section, number = sections[0], abs(number)
    return _number(number, section, sign)


def _sections(number_format: str) -> list[str]:
    """The format's sections (positive;negative;zero;text), split where ``;`` is not quoted."""
    sections: list[str] = []
    current: list[str] = []
    for piece in _PIECE.finditer(number_format):
        if piece.group(4) == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(piece.group(0))
    sections.append("".join(current))
    return sections


def _pieces(section: str) -> list[tuple[str, str]] | None:
    """The section as ("text", literal) and ("code", character) pieces; None for what is not understood."""
    pieces: list[tuple[str, str]] = []
    for piece in _PIECE.finditer(section):
        quoted, escaped, bracket, code = piece.groups()
        if quoted is not None or escaped is not None:
            pieces.append(("text", quoted if quoted is not None else escaped))
        elif bracket is not None:
            if bracket.startswith("$"):  # [$¥-411]: a currency sign, then the locale
                pieces.append(("text", bracket[1:].split("-", 1)[0]))
            elif re.fullmatch(r"[hms]+|[<>=].*", bracket, re.IGNORECASE):
                return None  # elapsed hours, conditions
            # else a colour ([Red], [赤]) or a calendar: not shown
        elif code is not None:
            pieces.append(("code", code))
        # _x (a space as wide as x) and *x (fill to the cell's width) are spacing only
    return pieces


def _number(number: float, section: str, sign: str) -> str | None:
    pieces = _pieces(section)
    if pieces is None:
        return None
    codes = "".join(text for kind, text in pieces if kind == "code")
    if re.search(r"[eE][+-]|/|general", codes, re.IGNORECASE) or _DATE_CODE.search(
        codes.replace("E", "").replace("e", "")
    ):
        return None  # scientific, fractions, General inside a section, a date code on a number
    slots = [at for at, (kind, text) in enumerate(pieces) if kind == "code" and text in _PLACEHOLDERS]
    if not slots:
        return sign + "".join(text for _, text in pieces)
    first, last = slots[0], slots[-1]
    pattern = [text if kind == "code" else "\0" for kind, text in pieces[first : last + 1]]
    if "\0" in pattern:
        return None  # literal text between the digits (000"-"0000): rare, not understood
    scale = 0
    for kind, text in pieces[last + 1 :]:
        if (kind, text) != ("code", ","):
            break
        scale += 1
    if any(text == "%" for kind, text in pieces if kind == "code"):
        number *= 100
    number /= 1000**scale
    body = _digits("".join(pattern), number)
    if body is None:
        return None
    trail = pieces[last + 1 + scale :]
    before = "".join(text for _, text in pieces[:first])
    after = "".join(text for _, text in trail)
    return sign + before + body + after


def _digits(pattern: str, number: float) -> str | None:
    """``number`` in a digit pattern such as ``#,##0.00`` or ``00000``."""
    whole_part, _, fraction_part = pattern.partition(".")
    grouped = "," in whole_part
    whole_part = whole_part.replace(",", "")
    if any(c not in _PLACEHOLDERS for c in whole_part + fraction_part):
        return None
    try:
        exact = Decimal(repr(number)).quantize(Decimal(1).scaleb(-len(fraction_part)), ROUND_HALF_UP)
    except InvalidOperation:
        return None
    whole, _, fraction = f"{exact:f}".partition(".")
    if whole == "0" and "0" not in whole_part:
        whole = ""
    if grouped and whole:
        whole = f"{int(whole):,}"
    whole = whole.zfill(whole_part.count("0"))  # 00000: zero-padded
    if not fraction_part:
        return whole
    while fraction_part and fraction_part[-1] != "0" and fraction.endswith("0"):
        fraction_part, fraction = fraction_part[:-1], fraction[:-1]  # # and ? show no trailing zero
    return f"{whole}.{fraction}"


def _date(value: dt.date | dt.time, section: str) -> str | None:
    pieces = _pieces(section)
    if pieces is None:
        return None
    tokens: list[tuple[str, str]] = []
    codes = "".join(text if kind == "code" else "\0" for kind, text in pieces)
    literal = iter(text for kind, text in pieces if kind == "text")
    at = 0
    while at < len(codes):
        if codes[at] == "\0":
            tokens.append(("text", next(literal)))
            at += 1
            continue
        match = _DATE_CODE.match(codes, at)
        if match is None:
            tokens.append(("text", codes[at]))
            at += 1
        else:
            tokens.append(("code", match.group(0).lower()))
            at = match.end()
    twelve = any(kind == "code" and text in ("am/pm", "a/p") for kind, text in tokens)
    out = []
    for index, (kind, text) in enumerate(tokens):
        if kind == "text":
            out.append(text)
            continue
        shown = _date_code(value, text, _is_minute(tokens, index), twelve)
        if shown is None:
            return None
        out.append(shown)
    return "".join(out)


def _is_minute(tokens: list[tuple[str, str]], index: int) -> bool:
    """Whether an m or mm at ``index`` is minutes: after an hour, or before seconds (h:mm, mm:ss)."""
    codes = [(at, text) for at, (kind, text) in enumerate(tokens) if kind == "code"]
    position = next(n for n, (at, _) in enumerate(codes) if at == index)
    before = codes[position - 1][1] if position else ""
    after = codes[position + 1][1] if position + 1 < len(codes) else ""
    return len(tokens[index][1]) <= 2 and (before.startswith("h") or after.startswith("s"))


def _date_code(value: dt.date | dt.time, code: str, minute: bool, twelve: bool) -> str | None:
    """One date code's text (yyyy, m, ggg, aaa, …), or None when the value has no such part."""
    if code[0] in "hs" or (code[0] == "m" and minute) or code in ("am/pm", "a/p"):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.time()
        clock = value.time() if isinstance(value, dt.datetime) else value
        assert isinstance(clock, dt.time)
        if code == "am/pm":
            return "AM" if clock.hour < 12 else "PM"
        if code == "a/p":
            return "A" if clock.hour < 12 else "P"
        part = {"h": clock.hour, "m": clock.minute, "s": clock.second}[code[0]]
        if code[0] == "h" and twelve:
            part = part % 12 or 12
        return f"{part:02d}" if len(code) > 1 else str(part)
    if not isinstance(value, dt.date):
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if code[0] == "y":
        return str(day.year) if len(code) > 2 else f"{day.year % 100:02d}"
    if code[0] == "m":
        if len(code) >= 5:
            return _MONTHS_EN[day.month - 1][0]
        if len(code) >= 3:
            return _MONTHS_EN[day.month - 1][: 3 if len(code) == 3 else None]
        return f"{day.month:02d}" if len(code) == 2 else str(day.month)
    if code[0] == "d":
        if len(code) >= 3:
            return _WEEKDAYS_EN[day.weekday()][: 3 if len(code) == 3 else None]
        return f"{day.day:02d}" if len(code) == 2 else str(day.day)
    if code[0] == "a":
        return _WEEKDAYS[day.weekday()] + ("曜日" if len(code) >= 4 else "")
    era = next((era for era in _ERAS if day >= era[0]), None)
    if era is None:
        return None
    start, name, letter = era
    if code[0] == "e":
        year = day.year - start.year + 1
        return f"{year:02d}" if len(code) > 1 else str(year)
    return {1: letter, 2: name[0]}.get(len(code), name)
