"""A logging filter that masks personal information in every log line.

Log lines carry what people typed more often than one thinks: the request
line of the access log (a dashboard search, ``?q=090-…``), an exception's
message quoting a value, a database error quoting the statement's
parameters. A line with percent-encoding (a URL) is decoded before it is
masked. `install` puts `MaskingFilter` on every handler of a logger
(the root logger, by ``python -m bot``), so records from any library are
masked on their way out, whatever logger they come from.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote_plus

from bot.privacy import lazy, mask

__all__ = ["MaskingFilter", "install"]

_PERCENT = lazy.compile(r"%[0-9A-Fa-f]{2}")


class MaskingFilter(logging.Filter):
    """Masks the message, the exception text and the stack of each record; drops none."""

    def __init__(self) -> None:
        super().__init__()
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message by its masked form (the arguments are merged into it)."""
        record.msg = _masked(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _masked(record.exc_text)
        if record.stack_info:
            record.stack_info = _masked(record.stack_info)
        return True


def _masked(text: str) -> str:
    """``text`` masked; percent-encoding (a URL in the access log) is decoded first, or 090%2D… would pass."""
    if _PERCENT.search(text):
        text = unquote_plus(text)
    return mask(text).text


def install(logger: logging.Logger) -> None:
    """Add a `MaskingFilter` to every handler of ``logger`` that has none yet."""
    for handler in logger.handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
