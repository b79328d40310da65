"""When staff want an answer by: found in what they wrote, and read as a date where it is one.

`find_deadline` picks a deadline out of free text ("来月末までに電子化したい"
→ "来月末まで"), so the intake need not ask for it. `due_date` turns what
staff wrote or chose ("今月中", "3月末", "12/20", "2027-01-15") into a date
for the DX team's due date; vague answers ("特に急ぎません") give None.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

__all__ = ["due_date", "find_deadline"]

_WHEN = (
    r"(?:今日|本日|明日|今週|再来週|来週|今月|来月|年度末|"
    r"(?:\d{4}[年/-])?\d{1,2}[月/-]\d{1,2}日?|\d{1,2}月(?:末|中|上旬|中旬|下旬)?)"
)
_DEADLINE = re.compile(rf"{_WHEN}(?:中|末|いっぱい)?(?:まで|中)|年度内|年内")
_DATE = re.compile(r"(?:(\d{4})[年/-])?(\d{1,2})[月/-](\d{1,2})日?")
_MONTH = re.compile(r"(\d{1,2})月")


def find_deadline(text: str) -> str | None:
    """The deadline stated in ``text`` ("3月末まで", "来週中"), or None."""
    match = _DEADLINE.search(unicodedata.normalize("NFKC", text))
    return match.group(0) if match else None


def due_date(wanted_by: str, today: date) -> date | None:
    """The date ``wanted_by`` means, seen from ``today``; None when it names no date.

    Weeks run Monday to Sunday, as in a ward office, and "by" a week means by
    its last working day, its Friday: 「今週中」 on a weekday is this Friday (today
    on a Friday), 「来週中」 the Friday of the week that starts next Monday,
    「再来週中」 the Friday a week after that, whatever the day today. On a Saturday or
    Sunday this week's working days are over, so 「今週中」 means as soon as the
    office opens: the coming Monday. 「今日」 and 「明日」 are taken as said, even
    when that is a weekend day.
    """
    text = unicodedata.normalize("NFKC", wanted_by)
    if "今日" in text or "本日" in text:
        return today
    if "明日" in text:
        return today + timedelta(days=1)
    monday = today - timedelta(days=today.weekday())
    if "再来週" in text:
        return monday + timedelta(weeks=2, days=4)
    if "来週" in text:
        return monday + timedelta(weeks=1, days=4)
    if "今週" in text:
        return monday + timedelta(days=4) if today.weekday() < 5 else monday + timedelta(weeks=1)
    if "来月" in text:
        return _month_end(*_next_month(today.year, today.month))
    if "今月" in text:
        return _month_end(today.year, today.month)
    if "年度" in text:
        return date(today.year + 1 if today.month >= 4 else today.year, 3, 31)
    if "年内" in text:
        return date(today.year, 12, 31)
    found = _DATE.search(text)
    if found:
        year, month, day = found.groups()
        return _upcoming(today, int(month), int(day), int(year) if year else None)
    found = _MONTH.search(text)
    if found and 1 <= int(found.group(1)) <= 12:
        month = int(found.group(1))
        year = today.year if month >= today.month else today.year + 1
        return _month_end(year, month)
    return None


def _upcoming(today: date, month: int, day: int, year: int | None) -> date | None:
    """The date ``month``/``day`` (of ``year``, or the next one not yet past); None if impossible."""
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
