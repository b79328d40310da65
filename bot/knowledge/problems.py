"""Problems found in knowledge files, reported as ``file:line: message`` (or ``file: message``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["KnowledgeError", "Problem"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in one place of a knowledge file."""

    path: Path
    line: int
    """1-based; 0 when the problem is with the whole file (it is missing), so no line is named."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge could not be loaded; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
