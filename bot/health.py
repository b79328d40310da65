"""What a recurring task last found of the database, so that the log says each change once.

A load balancer asks ``/healthz`` every few seconds, and the delivery worker, the inbox's
recovery and the knowledge reloads' follower look at the database as often: during an
outage each of them logged a warning with the whole traceback at every round (a dozen
a process in half a minute), burying the lines that matter. Now each task logs its first
failure with its cause, the later ones at DEBUG only, and the recovery once;
`kaizen_database_up` in ``/metrics`` still reads the database at every scrape.
"""

from __future__ import annotations

import logging
import threading

__all__ = ["DatabaseOutage"]

log = logging.getLogger("bot.app")


class DatabaseOutage:
    """Whether ``what`` (a task's name, opening its lines) last found the database answering.

    Safe to call from several threads; each change is logged once, on ``logger``.
    """

    def __init__(self, what: str, logger: logging.Logger = log) -> None:
        self.what = what
        self.logger = logger
        self._down = False
        self._lock = threading.Lock()

    def failed(self, cause: BaseException | str) -> None:
        """The database did not answer: a warning (with an exception's traceback) when it answered before.

        While it stays unavailable, each later failure is a DEBUG line without the traceback.
        """
        with self._lock:
            was_down, self._down = self._down, True
        said = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        error = cause if isinstance(cause, BaseException) else None
        if not was_down:
            self.logger.warning(
                "%s: database unavailable (%s); said again when it answers", self.what, said, exc_info=error
            )
        else:
            self.logger.debug("%s: database still unavailable (%s)", self.what, said)

    def answered(self) -> None:
        """The database answered: logged when the round before had found it unavailable."""
        with self._lock:
            was_down, self._down = self._down, False
        if was_down:
            self.logger.info("%s: the database answers again", self.what)
