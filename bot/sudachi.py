"""The process's one Sudachi dictionary, shared by the search and the masking of names.

A loaded dictionary takes some 75 MB, so every part of the process that
tokenises Japanese uses this one, through the calling thread's tokenizer
(a tokenizer is not safe to share between threads; within one, calls are
sequential, and each returns a morpheme list of its own).
"""

from __future__ import annotations

import threading
from typing import Any

__all__ = ["dictionary", "tokenizer"]

_loaded: Any = None
_lock = threading.Lock()
_local = threading.local()


def dictionary() -> Any:
    """SudachiPy's core dictionary, loaded on first use."""
    global _loaded
    with _lock:
        if _loaded is None:
            from sudachipy import Dictionary

            _loaded = Dictionary(dict="core")
        return _loaded


def tokenizer() -> Any:
    """The calling thread's tokenizer over `dictionary`, made on its first use."""
    made = getattr(_local, "tokenizer", None)
    if made is None:
        made = _local.tokenizer = dictionary().tokenizer()
    return made
