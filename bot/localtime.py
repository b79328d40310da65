"""Japan time, for what staff and the DX team read (Japan has no daylight saving time).

Timestamps are stored in UTC; dates shown, and "today" for due dates, are
in Japan Standard Time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

__all__ = ["JST", "local", "local_date"]

JST = timezone(timedelta(hours=9), "JST")


def local(moment: datetime) -> datetime:
    """``moment`` (timezone-aware) in Japan time."""
    return moment.astimezone(JST)


def local_date(moment: datetime) -> date:
    """The date in Japan at ``moment``."""
    return local(moment).date()
