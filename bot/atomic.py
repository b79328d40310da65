"""Replacing a file whole: readers see the old file or the new one, never a part of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A new file, opened for writing beside ``path``, that replaces ``path`` when the block ends.

    Each writer has a temporary file of its own (a server and a worker starting together both write
    the same cache): the last to finish wins, and neither writes into the other's file. If the block
    raises, the temporary file is removed and ``path`` is left as it was. The folder must exist.
    """
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
