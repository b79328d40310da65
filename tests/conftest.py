"""Shared fixtures: the real sample knowledge and a searcher over it (built once), and the databases.

``database_url`` runs a test on SQLite and on a real PostgreSQL server
(started once per session where Debian's server binaries are installed;
CI always installs them).

Every test leaves the root logger as it found it (`restored_logging`).

The shared ``searcher`` compares meanings (the semantic index), as the bot
does by default. Bots started from the environment (servers and commands in
subprocesses, which build their own index each time) search by words alone,
unless a test asks for ``KAIZEN_SEMANTIC=true``: embedding the knowledge
again in every one of them would add minutes to the suite and test nothing new.
"""

from __future__ import annotations

import compileall
import copy
import logging
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from _pytest.logging import LogCaptureHandler
from hypothesis import HealthCheck, settings

from bot.config import PROJECT_ROOT
from bot.db import ConversationStore
from bot.handlers import openapi
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.search import Searcher, service
from bot.search.semantic import Encoder
from tests.auxil.databases import migrated_sqlite
from tests.auxil.line import FakeLine
from tests.auxil.postgres import PostgresServer, binaries

os.environ["KAIZEN_SEMANTIC"] = "false"

# Property-based tests: a bounded run by default (CI), the same examples every run (derandomized), so that
# a run's outcome depends on the code alone; HYPOTHESIS_PROFILE=thorough draws ten times more at random,
# to look for new failures. No deadline: the machine is shared and a slow example is not a failure.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=600, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FAQ_PATH = PROJECT_ROOT / "faq.yaml"
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
DATA_DIR = Path(__file__).parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Compile the bot's modules once, in the process that starts the workers, before they start.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (as on this project's development and CI machines), every
    ``python -m bot`` a test starts compiled the package from source again: about 0.3 s of CPU each,
    hundreds of times a run. Python reads the compiled files it finds and ignores one older than its
    source, so an edit is never hidden.
    """
    if not hasattr(config, "workerinput"):
        compileall.compile_dir(PROJECT_ROOT / "bot", quiet=1)


SAMPLE_SOURCES = "よくある質問・手引き・改善事例"
"""What the sample knowledge answers from, as the welcome names it: it has all three kinds."""


@pytest.fixture(autouse=True)
def restored_logging() -> Iterator[None]:
    """After each test, the root logger's handlers and level, and the migrations' loggers' levels, as found.

    ``bot.cli.main`` run in the test's process (`bot.logs.setup_logging`) puts a handler on the
    standard error of that moment, often a capture that closes with the test, and sets the level
    to INFO: left there, every later INFO line of that worker, such as a server's retention purge in
    its thread, would be written to a closed file ("--- Logging error ---"). Pytest's own capture
    handlers, added and removed at each phase, are kept as the phase has them.
    """
    root = logging.getLogger()
    migrations = [logging.getLogger(name) for name in ("alembic", "bot.db.migrate")]  # quietened by bot.cli
    handlers = [handler for handler in root.handlers if not isinstance(handler, LogCaptureHandler)]
    level, migration_levels = root.level, [logger.level for logger in migrations]
    yield
    phase = [handler for handler in root.handlers if isinstance(handler, LogCaptureHandler)]
    root.handlers[:] = [*handlers, *phase]
    root.setLevel(level)
    for logger, migration_level in zip(migrations, migration_levels, strict=True):
        logger.setLevel(migration_level)


@pytest.fixture(autouse=True, scope="session")
def openapi_parsed_once() -> Iterator[None]:
    """Each application a test builds reads ``bot/openapi.yaml``, as a server does; a text is parsed once.

    `bot.handlers.openapi.setup` parses the 30 kB description in every `bot.app.init_app`: 0.14 s of CPU,
    in each of the suite's some thousand applications (most handler tests build their own). Here the file
    is still read at each build, and a text not parsed before (an edited file) is parsed as the server
    would; each caller gets its own copy of the document, so a test that changes it changes no other's.
    A file that does not parse is not remembered: it raises at every build, as it does in a server.
    """
    parse = openapi.load
    parsed: dict[str, dict[str, Any]] = {}

    def load(path: Path = openapi.DESCRIPTION) -> dict[str, Any]:
        text = path.read_text(encoding="utf-8")
        if text not in parsed:
            parsed[text] = parse(path)
        return copy.deepcopy(parsed[text])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(openapi, "load", load)
        yield


@pytest.fixture(autouse=True, scope="session")
def one_sentence_encoder() -> Iterator[None]:
    """Every `Searcher.build` in the test process that loads the sentence encoder gets one, loaded once.

    The model (its tokenizer and weights) took about 1.4 s of CPU to load in each of the suite's dozen
    and more searchers over meanings. Loaded, it is read-only (`bot.search.semantic.Encoder` is safe to
    share between threads; the same text gives the same vector), so each searcher still embeds and
    calibrates its own knowledge as before. Tests of the encoder itself make their own.
    """
    shared = Encoder()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "Encoder", lambda: shared)
        yield


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(FAQ_PATH, KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def searcher(kb: KnowledgeBase) -> Searcher:
    return Searcher.build(kb)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bin_dir = binaries()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have PostgreSQL installed (see .ci/run)")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql); CI runs these")
    server = PostgresServer.start(bin_dir, Path(tempfile.mkdtemp(prefix="kaizen-pg-")))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kaizen.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    server.reset()
    return server.url


@pytest_asyncio.fixture
async def line() -> AsyncIterator[FakeLine]:
    """The fake LINE platform, over real HTTP on 127.0.0.1 (`tests.auxil.line`)."""
    fake = FakeLine()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def migrated_url(database_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """``database_url`` at the newest schema: a copy of a database migrated once a session (a process).

    Migrating a fresh database in each of its hundreds of tests took minutes of the suite. SQLite
    copies a file (`tests.auxil.databases`), PostgreSQL clones a template database; either way the
    test has its own. The migrations' own tests (tests/db/test_scrub.py, test_conversations.py) take
    ``database_url``, empty.
    """
    if database_url.startswith("sqlite"):
        return migrated_sqlite(tmp_path / "kaizen.db")
    server: PostgresServer = request.getfixturevalue("postgres")
    server.restore_migrated()
    return database_url


@pytest.fixture
def store(migrated_url: str) -> Iterator[ConversationStore]:
    """The store on ``database_url``, at the newest schema (`migrated_url`)."""
    opened = ConversationStore.open(migrated_url)
    yield opened
    opened.close()
