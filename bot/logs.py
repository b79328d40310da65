"""Logging: one readable line or one JSON object a record, every line of a request tagged with its id.

The request id lives in a context variable that the HTTP middleware sets
(`bot.handlers.access`); ``asyncio.to_thread`` copies the context, so lines
logged from the worker threads of a request carry the id too. Lines logged
outside a request carry none.

A record is one line in either format, whatever its text: a message that
spans lines (an SDK's exception text quoting the response's headers and
body), a traceback and a stack have their line breaks shown as `LINE_BREAK`
in text and escaped in JSON, so that a log collector or ``grep`` never
splits a record or takes its second line for another.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "LINE_BREAK",
    "REQUEST_ID",
    "JsonFormatter",
    "RequestIdFilter",
    "TextFormatter",
    "json_logs",
    "refuse",
    "setup_logging",
]

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(request_tag)s: %(message)s"

LINE_BREAK = " ⏎ "
"""What stands for a line break inside a text record (blank lines are left out)."""

_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_tag"}
"""Attributes every record has; anything else was passed with ``extra=`` and goes into JSON lines."""


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (or None) and ``request_tag`` (`` [id]`` or empty) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Tag ``record``; never drops it."""
        request_id = REQUEST_ID.get()
        record.request_id = request_id
        record.request_tag = f" [{request_id}]" if request_id else ""
        return True


class TextFormatter(logging.Formatter):
    """`TEXT_FORMAT` on one line: the message, then its exception's traceback and its stack, if any."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line: each line break, of any kind, becomes `LINE_BREAK`."""
        text = super().format(record)
        return LINE_BREAK.join(line.rstrip() for line in text.splitlines() if line.strip())


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request id, extras, exception, stack.

    The exception's text is the record's ``exc_text`` when a filter set it
    (`bot.privacy.logs.MaskingFilter` puts the masked traceback there), so
    the traceback is masked as in the text format.
    """

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in _STANDARD and value is not None:
                line[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def setup_logging(level: str, log_format: str) -> None:
    """Send the root logger's lines to standard error in ``log_format`` (``text`` or ``json``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def json_logs() -> bool:
    """Whether the log is JSON lines (``KAIZEN_LOG_FORMAT=json``, once `setup_logging` ran)."""
    return any(isinstance(handler.formatter, JsonFormatter) for handler in logging.getLogger().handlers)


def refuse(message: str, details: Sequence[str] = ()) -> None:
    """Why a command stops, on standard error: ``details``, then ``message``.

    Plain lines for a person at a terminal; with a JSON log, one ERROR record
    (``details`` in its ``details`` field), so that a log collector reads every line.
    """
    if json_logs():
        logging.getLogger("bot.cli").error(message, extra={"details": list(details)} if details else None)
        return
    for line in details:
        print(line, file=sys.stderr)
    print(message, file=sys.stderr)
