"""The process's one Sudachi dictionary, shared by the search and the masking of names.

A loaded dictionary takes some 75 MB, so every part of the process that
tokenises Japanese asks for this one; each thread makes its own tokenizer
from it (a tokenizer is not safe to share between threads).
"""

from __future__ import annotations

import threading
from typing import Any

__all__ = ["dictionary"]

_loaded: Any = None
_lock = threading.Lock()


def dictionary() -> Any:
    """SudachiPy's core dictionary, loaded on first use."""
    global _loaded
    with _lock:
        if _loaded is None:
            from sudachipy import Dictionary

            _loaded = Dictionary(dict="core")
        return _loaded
