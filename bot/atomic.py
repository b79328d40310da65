"""Replacing a file whole: readers see the old file or the new one, never a part of either."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def replacing(path: Path, *, shared: bool = False) -> Iterator[BinaryIO]:
    """A new file, opened for writing beside ``path``, that replaces ``path`` when the block ends.

    Each writer has a temporary file of its own (a server and a worker starting together both write
    the same cache): the last to finish wins, and neither writes into the other's file. If the block
    raises, the temporary file is removed and ``path`` is left as it was. The folder must exist.
    The new file is readable by its owner only (a cache), unless ``shared``: then it keeps the mode of
    the file it replaces, or gets a new file's usual mode (0666 less the umask), as a file a person
    edits should (faq.yaml).
    """
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        if shared:
            temp.chmod(_mode_of(path))
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _mode_of(path: Path) -> int:
    """The permission bits of ``path``, or those a new file gets under the process's umask.

    The umask is read by setting it and back, so this is for the command line, not a threaded server.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
