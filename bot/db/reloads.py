"""The knowledge reloads' audit trail, which is also how one server process tells the others.

A reload asked of one process (the dashboard's button, the admin API) is a
row: who asked and how, when, which process built the new knowledge and with
what outcome. Every other process polls `Reloads.latest` and reloads its own
knowledge when a newer row appears (`bot.reloading`), so one request reaches
every process that shares the database, SQLite or PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa

from bot.db.engine import aware, reading, writing
from bot.db.schema import knowledge_reloads

__all__ = ["Outcome", "ReloadRecord", "Reloads", "Via"]

Via = Literal["dashboard", "api"]
Outcome = Literal["loaded", "failed"]
_WHAT = "the knowledge reloads"


@dataclass(frozen=True, slots=True)
class ReloadRecord:
    """One reload asked for; ``outcome`` is None while it is being built (or if its process stopped)."""

    id: int
    requested_by: str
    via: str
    instance: str
    requested_at: datetime
    finished_at: datetime | None
    outcome: str | None
    detail: Mapping[str, Any]

    def as_json(self) -> dict[str, Any]:
        """The record as the admin API shows it."""
        return {
            "id": self.id,
            "requested_by": self.requested_by,
            "via": self.via,
            "instance": self.instance,
            "requested_at": self.requested_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "outcome": self.outcome,
            **self.detail,
        }


class Reloads:
    """The ``knowledge_reloads`` table; every method is blocking."""

    def __init__(self, engine: sa.Engine, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.clock = clock

    def begin(self, requested_by: str, via: Via, instance: str) -> int:
        """Record a reload being asked for; its id."""
        with writing(self.engine, _WHAT) as connection:
            row = connection.execute(
                knowledge_reloads.insert()
                .values(requested_by=requested_by, via=via, instance=instance, requested_at=self.clock())
                .returning(knowledge_reloads.c.id)
            ).one()
        return int(row.id)

    def finish(self, reload_id: int, outcome: Outcome, detail: Mapping[str, Any]) -> None:
        """Record how the reload ``reload_id`` ended."""
        with writing(self.engine, _WHAT) as connection:
            connection.execute(
                knowledge_reloads.update()
                .where(knowledge_reloads.c.id == reload_id)
                .values(finished_at=self.clock(), outcome=outcome, detail=dict(detail))
            )

    def latest(self) -> int:
        """The id of the newest reload asked for (0 when none ever was)."""
        with reading(self.engine, _WHAT) as connection:
            return int(connection.execute(sa.select(sa.func.max(knowledge_reloads.c.id))).scalar() or 0)

    def recent(self, limit: int = 20) -> list[ReloadRecord]:
        """The newest ``limit`` reloads, newest first."""
        query = sa.select(knowledge_reloads).order_by(knowledge_reloads.c.id.desc()).limit(limit)
        with reading(self.engine, _WHAT) as connection:
            rows = connection.execute(query).all()
        return [
            ReloadRecord(
                id=row.id,
                requested_by=row.requested_by,
                via=row.via,
                instance=row.instance,
                requested_at=aware(row.requested_at),
                finished_at=aware(row.finished_at) if row.finished_at else None,
                outcome=row.outcome,
                detail=row.detail or {},
            )
            for row in rows
        ]
