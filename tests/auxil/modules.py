"""What a fresh interpreter has imported or computed after a statement: for tests that work stays undone."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from bot.config import PROJECT_ROOT

__all__ = ["STARTED_WITHOUT_CHANNELS", "loaded_after", "value_after"]

STARTED_WITHOUT_CHANNELS = (
    "from bot.app import init_app\nfrom bot.config import Settings\ninit_app(Settings.from_env({}))"
)
"""A server's application built with no channel's settings (the web chat only)."""


def loaded_after(statement: str) -> list[str]:
    """Every module in ``sys.modules`` after ``statement`` runs in a new Python process, sorted."""
    modules: list[str] = value_after(statement, "sorted(sys.modules)")
    return modules


def value_after(statement: str, expression: str) -> Any:
    """``expression`` (JSON; ``json`` and ``sys`` are imported) after ``statement`` runs in a new process."""
    program = f"import json, sys\n{statement}\nprint(json.dumps({expression}))"
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])
