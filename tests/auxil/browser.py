"""Debian's chromium driven by Playwright: where it is, how it is started, and when to skip.

Browser tests skip with a reason where /usr/bin/chromium is missing, except in CI,
which installs it (.ci/run): there they always run, and fail if chromium is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

__all__ = ["ARGS", "CHROMIUM", "needs_chromium"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium); "
    "CI installs it and runs this test",
)
