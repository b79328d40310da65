"""What the health checks last found of the database, so that the log says each change once.

A load balancer asks ``/healthz`` every few seconds: during an outage every probe logged a
warning with the whole traceback, burying the lines that matter. Now the first failure is
logged with its cause, and the recovery once; `kaizen_database_up` in ``/metrics`` still
reads the database at every scrape.
"""

from __future__ import annotations

import logging
import threading

__all__ = ["DatabaseHealth"]

log = logging.getLogger("bot.app")


class DatabaseHealth:
    """Whether the last health check found the database answering; a change is logged once."""

    def __init__(self) -> None:
        self._down = False
        self._lock = threading.Lock()

    def failed(self, cause: str) -> None:
        """The database did not answer the check: logged as a warning when it answered the one before."""
        with self._lock:
            was_down, self._down = self._down, True
        if not was_down:
            log.warning("health check: database unavailable (%s); said again when it answers", cause)

    def answered(self) -> None:
        """The database answered: logged when the check before had found it unavailable."""
        with self._lock:
            was_down, self._down = self._down, False
        if was_down:
            log.info("health check: the database answers again")
