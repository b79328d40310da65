"""`bot.atomic.replacing`: a file is replaced whole, by one writer at a time, or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.atomic import replacing


def test_two_writers_at_once_leave_the_whole_file_of_the_last_to_finish(tmp_path: Path) -> None:
    """A server and a worker building the same cache together: neither writes into the other's file."""
    path = tmp_path / "index.pickle"
    with replacing(path) as slow:
        slow.write(b"slow-" * 1000)
        with replacing(path) as quick:
            quick.write(b"quick")
        assert path.read_bytes() == b"quick"
        slow.write(b"end")
    assert path.read_bytes() == b"slow-" * 1000 + b"end"
    assert [p.name for p in tmp_path.iterdir()] == ["index.pickle"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "embeddings.npz"
    path.write_bytes(b"old")

    def write_half() -> None:
        with replacing(path) as handle:
            handle.write(b"half")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_half()
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["embeddings.npz"]


def test_a_missing_folder_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), replacing(tmp_path / "absent" / "cache.pickle"):
        pass
    assert not (tmp_path / "absent").exists()


def test_a_cache_is_its_owners_alone_and_a_shared_file_keeps_or_takes_the_usual_mode(tmp_path: Path) -> None:
    """faq.yaml written by `import-faq` is read by the server's user too; a cache is nobody else's."""

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    cache, faq = tmp_path / "index.pickle", tmp_path / "faq.yaml"
    with replacing(cache) as handle:
        handle.write(b"cache")
    umask = os.umask(0o027)
    try:
        with replacing(faq, shared=True) as handle:
            handle.write(b"new")
    finally:
        os.umask(umask)
    assert (mode(cache), mode(faq)) == (0o600, 0o640)
    faq.chmod(0o664)
    with replacing(faq, shared=True) as handle:
        handle.write(b"edited")
    assert (mode(faq), faq.read_bytes()) == (0o664, b"edited")
