"""What a fresh interpreter has imported after a statement: for tests that a module stays unloaded."""

from __future__ import annotations

import json
import subprocess
import sys

from bot.config import PROJECT_ROOT

__all__ = ["STARTED_WITHOUT_CHANNELS", "loaded_after"]

STARTED_WITHOUT_CHANNELS = (
    "from bot.app import init_app\nfrom bot.config import Settings\ninit_app(Settings.from_env({}))"
)
"""A server's application built with no channel's settings (the web chat only)."""


def loaded_after(statement: str) -> list[str]:
    """Every module in ``sys.modules`` after ``statement`` runs in a new Python process, sorted."""
    program = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules: list[str] = json.loads(done.stdout)
    return modules
