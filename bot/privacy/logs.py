"""A logging filter that masks personal information in every log line.

Log lines carry what people typed more often than one thinks: the request
line of the access log (a dashboard search, ``?q=090-…``), an exception's
message quoting a value, a database error quoting the statement's
parameters. `install` puts `MaskingFilter` on every handler of a logger
(the root logger, by ``python -m bot``), so records from any library are
masked on their way out, whatever logger they come from.
"""

from __future__ import annotations

import logging

from bot.privacy import mask

__all__ = ["MaskingFilter", "install"]


class MaskingFilter(logging.Filter):
    """Masks the message, the exception text and the stack of each record; drops none."""

    def __init__(self) -> None:
        super().__init__()
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message by its masked form (the arguments are merged into it)."""
        record.msg = mask(record.getMessage()).text
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text).text
        if record.stack_info:
            record.stack_info = mask(record.stack_info).text
        return True


def install(logger: logging.Logger) -> None:
    """Add a `MaskingFilter` to every handler of ``logger`` that has none yet."""
    for handler in logger.handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
