"""Problems found in knowledge files, reported as ``file:line: message`` (or ``file: message``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.oserrors import described

__all__ = ["KnowledgeError", "Problem", "undecodable", "unreadable"]


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


def undecodable(path: Path, error: UnicodeDecodeError) -> Problem:
    """The problem of a knowledge file that is not UTF-8, on the line of its first bad byte.

    A file Excel or Notepad saved in Shift_JIS is the usual cause, and is named as such.
    """
    raw = error.object
    line = raw.count(b"\n", 0, error.start) + 1
    try:
        raw.decode("cp932")
    except UnicodeDecodeError:
        return Problem(path, line, "UTF-8 として読めない文字があります。UTF-8 で保存し直してください")
    saved_so = "Shift_JIS で保存されているようです。UTF-8 で保存し直してください"
    return Problem(path, line, f"UTF-8 として読めません。{saved_so}")


def unreadable(path: Path, error: OSError) -> Problem:
    """The problem of a knowledge file the system will not read (no permission, a disk error), in Japanese."""
    return Problem(path, 0, f"読み込めません（{described(error)}）")
