"""A server started while a copy of the knowledge still writes it serves the whole copy, as a reload does."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.auxil.platforms import free_port
from tests.auxil.server import start, stop, wait_ready
from tests.conftest import FAQ_PATH, KNOWLEDGE_DIR


@pytest.mark.slow
def test_serve_waits_for_a_faq_still_being_copied(tmp_path: Path) -> None:
    """The start read faq.yaml as it stood (the first entries of a copy under way) and served those alone."""
    faq, knowledge = tmp_path / "faq.yaml", tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    whole = FAQ_PATH.read_text(encoding="utf-8")
    starts = [at + 1 for at in range(len(whole)) if whole.startswith("\n- id:", at)]
    faq.write_text(whole[: starts[1]], encoding="utf-8")  # one entry so far: valid YAML, as a copy leaves it
    env = {"KAIZEN_FAQ": str(faq), "KAIZEN_KNOWLEDGE": str(knowledge), "KAIZEN_LOG_LEVEL": "INFO"}
    served = start(tmp_path, free_port(), env)
    done = threading.Event()

    def copy() -> None:
        """An entry every half second until the server opened its database, then the rest a second later."""
        pieces = [whole[a:b] for a, b in zip(starts[1:], [*starts[2:], len(whole)], strict=True)]
        while pieces and "database ready" not in served.log.read_text(encoding="utf-8"):
            time.sleep(0.5)
            with faq.open("a", encoding="utf-8") as rest:
                rest.write(pieces.pop(0))
        time.sleep(1.0)
        with faq.open("a", encoding="utf-8") as rest:
            rest.write("".join(pieces))
        done.set()

    writer = threading.Thread(target=copy)
    writer.start()
    try:
        wait_ready(served)
        with urllib.request.urlopen(f"{served.url}/healthz", timeout=10) as response:
            health = json.loads(response.read())
    finally:
        writer.join()
        stop(served)
    assert done.is_set()
    assert health["faq"] == len(starts), "the whole FAQ, not the entries copied when the server started"
    assert "waiting until it settles" in served.log.read_text(encoding="utf-8")
