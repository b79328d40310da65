"""A cold build hands the heap memory it freed back to the OS."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.search.service import _release_free_memory


def resident_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_freed_heap_memory_is_released() -> None:
    blocks = [bytes(4000) for _ in range(25_000)]  # 100 MB of heap blocks
    pinned = bytes(4000)  # above them, so that freeing them leaves a hole glibc keeps
    del blocks
    before = resident_mib()
    _release_free_memory()
    assert resident_mib() < before - 50
    assert len(pinned) == 4000
