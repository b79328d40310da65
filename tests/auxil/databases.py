"""SQLite databases at the newest schema for tests: copies of one file migrated once per test process.

Migrating a fresh file runs every migration (a fifth of a second of CPU or more each time); the
hundreds of tests that only need a current schema copy a file migrated once instead. Each copy is
the test's own, so a test that writes changes no other. Tests of the migrations themselves, or of
what a start does with a missing or empty file, name a path that is not there instead.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

_TEMPLATE = Path(tempfile.mkdtemp(prefix="kaizen-migrated-")) / "kaizen.db"
atexit.register(shutil.rmtree, _TEMPLATE.parent, ignore_errors=True)


def migrated_sqlite(path: Path) -> str:
    """Put at ``path`` a copy of a SQLite database the migrations brought to the newest schema; its URL.

    A file already at ``path`` is left as it is: a second app a test opens on the same path shares
    the first one's database, as it would on a file the first one created. The template is migrated
    at the first call in this process (the bot's own migrations, as a start would run them) and its
    engine closed before any copy is taken, so the copies hold no journal. A copy keeps the
    template's mode (owner only, as the bot creates its files): a file others can read would make
    the bot warn and tighten it at start.
    """
    if path.exists():
        return f"sqlite:///{path}"
    if not _TEMPLATE.exists():
        from bot.db import ConversationStore  # the bot's own migrations; tests.auxil stays importable alone

        ConversationStore.open(f"sqlite:///{_TEMPLATE}").close()
    shutil.copy(_TEMPLATE, path)
    return f"sqlite:///{path}"
