"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.db import ConversationStore
from tests.auxil.postgres import PostgresServer, binaries


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


@pytest.fixture
def store(database_url: str) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(database_url)
    yield opened
    opened.close()
