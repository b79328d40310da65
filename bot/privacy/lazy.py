r"""Regular expressions compiled the first time they are used, not when their module is imported.

The masker's rules are some 300 regular expressions, many with classes as wide as every kanji
(``[\u4e00-\u9fff]``): `re` builds a map of each such class code point by code point, about 1 ms a
class (several under ``re.IGNORECASE``, which case-folds each code point), and compiling them all took
0.6–1.3 s of CPU. Every process that imports `bot.privacy` paid it (each command of ``python -m bot``,
each server and worker start, each test's subprocess), masking or not. A rule written
``lazy.compile(...)`` costs nothing until a text reaches it, and a rule a text never reaches (one behind
a cheap check: ``if "桁" in text``) is never compiled. A server, which will mask its first request's log
line, compiles them all while it starts instead (`compile_all`), so that no staff member waits for it.
"""

from __future__ import annotations

import re
import weakref
from typing import Any, cast

__all__ = ["compile", "compile_all"]

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled when one of its methods or attributes is first used.

    ``pattern`` and ``flags`` (as given) are there at once: a rule may be spliced into another
    (``X.pattern``) without compiling it.
    Use the result through its own methods (``X.search(text)``), not through `re`'s functions
    (``re.search(X, text)`` wants a compiled pattern and raises TypeError), nor ``isinstance``.
    """
    made = _OnFirstUse(pattern, flags)
    _MADE.add(made)
    return cast(re.Pattern[str], made)


def compile_all() -> int:
    """Compile every rule made so far that is not compiled yet; how many were compiled."""
    waiting = [made for made in list(_MADE) if "search" not in vars(made)]
    for made in waiting:
        made.search  # noqa: B018 (compiles: `_OnFirstUse.__getattr__`)
    return len(waiting)


_MADE: weakref.WeakSet[_OnFirstUse] = weakref.WeakSet()
"""Every pattern made by `compile` and still in use: the rules, module-level, live as long as the process; a
pattern made and dropped (a test's) is not compiled by `compile_all`."""


class _OnFirstUse:
    """The pattern, its flags, and once compiled the compiled pattern's methods as attributes of its own.

    Compiling on first use is thread-safe: two threads that race both compile and one's result stays,
    each equivalent. After the first use, a method is found in the instance's dict, as fast as on a
    compiled pattern.
    """

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        """Compile; keep the compiled pattern's methods, found without this call from then on."""
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy.compile({self.pattern!r}, {self.flags!r})"
