"""The knowledge in service, and replacing it while the server runs.

`LiveKnowledge` holds the knowledge a server answers from: the searcher and
the conversation engine over it (with the engine's lookups), as one
`Current` value. Everything that reads the knowledge asks for ``current``
once and keeps what it got, so a turn uses one index from start to end; a
reload builds the new index in a worker thread (the event loop and the
turns in progress go on), then swaps the one reference. A reload that finds
problems in the files keeps the old knowledge serving and reports each
problem as ``file:line: message``, in the log and in its `Result`.

A reload reads only files that have settled: an editor or a copy still
writing faq.yaml may leave it cut short yet valid YAML, which would serve a
few entries in place of all. So it waits until no knowledge file has changed
for ``SETTLE_SECONDS`` (by the file's time, or watched for that long when the
file's time is ahead of this machine's clock), and reads them again if they
changed while they were read; files still changing after
``SETTLE_LIMIT_SECONDS`` fail the reload, the old knowledge serving.

A reload keeps the sentence encoder and the embedding cache of the previous
build (`bot.search.semantic`), so after editing one FAQ entry only that
entry's texts are embedded again.

Several processes may serve one database. A reload asked of one of them
(the dashboard's button, the admin API) is recorded in the database
(`bot.db.reloads`), who asked and the outcome included; every other process
polls for a newer record every ``KAIZEN_RELOAD_POLL_SECONDS`` and reloads
its own copy (`LiveKnowledge.follow`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.db.reloads import Outcome, Reloads, Via
from bot.dialogue.engine import Engine
from bot.errors import StoreError
from bot.health import DatabaseOutage
from bot.knowledge import KnowledgeError, Problem
from bot.search import Searcher

__all__ = [
    "MAX_PROBLEMS",
    "SETTLE_LIMIT_SECONDS",
    "SETTLE_SECONDS",
    "Current",
    "LiveKnowledge",
    "Result",
    "instance_name",
    "read_settled",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

WARM_UP_QUERY = "業務改善の相談をしたい"
MAX_PROBLEMS = 200
"""Problems kept in a reload's record; the log has them all."""
SETTLE_SECONDS = 2.0
"""How long the knowledge files must have stayed unchanged before a reload reads them."""
SETTLE_LIMIT_SECONDS = 30.0
"""How long a reload waits for the files to settle before it fails."""

Stamps = tuple[tuple[str, int, int], ...]
"""Each knowledge file's path, size and modification time (ns); -1, -1 for one gone meanwhile."""


@dataclass(frozen=True, slots=True)
class Current:
    """The knowledge in service: immutable, replaced as a whole by a reload."""

    searcher: Searcher
    engine: Engine
    loaded_at: datetime

    def summary(self) -> dict[str, Any]:
        """What is loaded, in counts (for the dashboard, the API and the log)."""
        kb = self.searcher.kb
        return {
            "faq": len(kb.faq),
            "chapters": len(kb.chapters),
            "cases": len(kb.cases),
            "referrals": len(kb.referrals),
            "fingerprint": kb.fingerprint[:12],
        }

    def described(self) -> str:
        """`summary` as a log line says it: ``FAQ 57, chapters 9, cases 24, referrals 22, fingerprint …``."""
        counts = self.summary()
        fingerprint = counts.pop("fingerprint")
        named = ", ".join(f"{'FAQ' if key == 'faq' else key} {value}" for key, value in counts.items())
        return f"{named}, fingerprint {fingerprint}"


@dataclass(frozen=True, slots=True)
class Result:
    """How one reload ended: loaded (with what) or failed (with every problem)."""

    loaded: bool
    seconds: float
    finished_at: datetime
    summary: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    manual_short: str = ""
    """What the loaded ward calls its manual for short (`Ward.manual_short`), for `message`."""
    faq_before: int = 0
    """How many FAQ entries served before a reload that loaded fewer than half as many (0 otherwise)."""

    @property
    def outcome(self) -> Outcome:
        """``loaded`` or ``failed``, as recorded."""
        return "loaded" if self.loaded else "failed"

    def message(self) -> str:
        """The outcome in a sentence, for the team."""
        if self.loaded:
            s = self.summary
            return (
                f"知識を読み込み直しました（FAQ {s['faq']}件、{self.manual_short} {s['chapters']}章、"
                f"事例 {s['cases']}件、案内先 {s['referrals']}件、{self.seconds:.1f}秒）。"
            ) + (
                f"FAQが{self.faq_before}件から{s['faq']}件に減りました。意図した変更でなければ、faq.yaml が"
                "最後まで保存されているか確かめてください。"
                if self.faq_before
                else ""
            )
        return (
            f"知識ファイルに{len(self.problems)}件の問題があるため、読み込み直せませんでした。"
            "これまでの内容で応答を続けています。"
        )

    def detail(self) -> dict[str, Any]:
        """What the record keeps of it (at most `MAX_PROBLEMS` problems, and their number)."""
        detail: dict[str, Any] = {"seconds": round(self.seconds, 3), **self.summary}
        if not self.loaded:
            detail["problems"] = list(self.problems[:MAX_PROBLEMS])
            detail["problem_count"] = len(self.problems)
        return detail


def instance_name() -> str:
    """This process, as the reload records name it."""
    return f"{socket.gethostname()}:{os.getpid()}"


class LiveKnowledge:
    """The knowledge a server answers from, and its reloads (one at a time per process)."""

    def __init__(
        self,
        searcher: Searcher,
        build: Callable[[Searcher], Searcher],
        clock: Callable[[], datetime],
        reloads: Reloads | None = None,
        files: Callable[[], list[Path]] = list,
    ) -> None:
        """``build`` loads afresh from the searcher in service (blocking; raises `KnowledgeError`).

        ``files`` lists the files ``build`` reads, those that must settle before it does.
        """
        self._build = build
        self._files = files
        self._clock = clock
        self._reloads = reloads
        self._current = _prepared(searcher, clock())
        self._lock = asyncio.Lock()
        self._seen = 0
        self.instance = instance_name()
        self.last: Result | None = None
        """This process's last reload, whatever asked for it."""

    @property
    def current(self) -> Current:
        """The knowledge in service now: take it once and use it for a whole turn."""
        return self._current

    @property
    def searcher(self) -> Searcher:
        """The searcher in service now."""
        return self._current.searcher

    def engine(self) -> Engine:
        """The conversation engine in service now (`bot.conversations.Conversations` asks once a turn)."""
        return self._current.engine

    async def start(self) -> None:
        """Note the newest reload already recorded, so that `follow` reacts only to later ones."""
        if self._reloads is not None:
            self._seen = await asyncio.to_thread(self._reloads.latest)

    async def request(self, requested_by: str, via: Via) -> Result:
        """Reload now at someone's request, recorded (with its outcome) for the audit trail and the others."""
        async with self._lock:
            reload_id = None
            if self._reloads is not None:
                reload_id = await asyncio.to_thread(self._reloads.begin, requested_by, via, self.instance)
                self._seen = max(self._seen, reload_id)
            log.info("knowledge reload #%s asked by %s (%s)", reload_id or "-", requested_by, via)
            result = await self._reload()
            if self._reloads is not None and reload_id is not None:
                await asyncio.to_thread(self._reloads.finish, reload_id, result.outcome, result.detail())
            return result

    async def follow(self, every: float) -> None:
        """Reload whenever another process records a reload; poll every ``every`` seconds, until cancelled.

        A database that does not answer is tried again at the next poll; the outage is logged
        once, when it starts, and its end once (`bot.health.DatabaseOutage`).
        """
        if self._reloads is None:
            return
        outage = DatabaseOutage("looking for knowledge reloads", log)
        while True:
            await asyncio.sleep(every)
            try:
                async with self._lock:
                    latest = await asyncio.to_thread(self._reloads.latest)
                    outage.answered()
                    if latest > self._seen:
                        self._seen = latest
                        log.info("following knowledge reload #%d asked of another process", latest)
                        await self._reload()
            except StoreError as exc:
                outage.failed(exc)
            except Exception:
                log.warning("could not look for knowledge reloads", exc_info=True)

    async def _reload(self) -> Result:
        started = time.perf_counter()
        try:
            fresh = await asyncio.to_thread(self._fresh)
        except KnowledgeError as exc:
            problems = tuple(str(p) for p in exc.problems)
            for problem in problems:
                log.warning("knowledge reload: %s", problem)
            log.warning("knowledge reload failed (problems: %d): the previous knowledge stays", len(problems))
            result = Result(False, time.perf_counter() - started, self._clock(), problems=problems)
        except Exception:
            log.exception("knowledge reload failed: the previous knowledge stays")
            problem = "予期しないエラーで読み込めませんでした（詳しくはサーバーのログを確認してください）"
            result = Result(False, time.perf_counter() - started, self._clock(), problems=(problem,))
        else:
            before, after = len(self._current.searcher.kb.faq), len(fresh.searcher.kb.faq)
            self._current = fresh
            result = Result(
                True,
                time.perf_counter() - started,
                fresh.loaded_at,
                summary=fresh.summary(),
                manual_short=fresh.engine.lib.ward.manual_short,
                faq_before=before if after < before / 2 else 0,
            )
            log.info("knowledge reloaded in %.1f s: %s", result.seconds, fresh.described())
            if result.faq_before:
                log.warning(
                    "knowledge reload: the FAQ went from %d entries to %d; is faq.yaml saved whole?",
                    before,
                    after,
                )
        self.last = result
        return result

    def _fresh(self) -> Current:
        """Build and warm the new knowledge from settled files (blocking, in a worker thread)."""
        return _prepared(read_settled(self._files, lambda: self._build(self.searcher)), self._clock())


def read_settled(files: Callable[[], list[Path]], read: Callable[[], T]) -> T:
    """``read()`` once no file of ``files()`` changed for `SETTLE_SECONDS`; again if they changed meanwhile.

    Blocking. Files still changing after `SETTLE_LIMIT_SECONDS` raise `KnowledgeError`. A server's start
    reads so too: an operator who starts it while a copy of the knowledge runs gets the whole copy.
    """
    deadline = time.monotonic() + SETTLE_LIMIT_SECONDS
    while True:
        before = _settled(files, deadline)
        done = read()
        if _stamps(files) == before:
            return done
        log.info("knowledge files changed while they were read: reading them again")


def _stamps(files: Callable[[], list[Path]]) -> Stamps:
    stamps = []
    for path in files():
        try:
            stat = path.stat()
        except OSError:
            stamps.append((str(path), -1, -1))
        else:
            stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _settled(files: Callable[[], list[Path]], deadline: float) -> Stamps:
    """The files' stamps once none has changed for `SETTLE_SECONDS`; `KnowledgeError` at ``deadline``."""
    stamps = _stamps(files)
    while True:
        newest = max(stamps, key=lambda stamp: stamp[2], default=("", 0, 0))
        age = time.time() - newest[2] / 1e9
        if age >= SETTLE_SECONDS:
            return stamps
        wait = SETTLE_SECONDS - max(age, 0.0)
        if time.monotonic() + wait > deadline:
            message = (
                f"{SETTLE_LIMIT_SECONDS:.0f}秒待っても書き込みが続いているため、読み込みませんでした。"
                "保存やコピーが終わってから、もう一度読み込んでください"
            )
            raise KnowledgeError([Problem(Path(newest[0]), 0, message)])
        log.info("knowledge file %s changed %.1f s ago: waiting until it settles", newest[0], max(age, 0))
        time.sleep(wait)
        again = _stamps(files)
        if again == stamps:
            return again
        stamps = again


def _prepared(searcher: Searcher, now: datetime) -> Current:
    """The searcher warmed up (dictionary loaded, caches filled) with its engine."""
    searcher.search(WARM_UP_QUERY)
    return Current(searcher, Engine(searcher), now)
