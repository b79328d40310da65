"""Debian's chromium driven by Playwright: where it is, how it is started, and when to skip.

Browser tests skip with a reason where /usr/bin/chromium is missing, except in CI,
which installs it (.ci/run): there they always run, and fail if chromium is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

__all__ = ["ARGS", "CHROMIUM", "needs_chromium", "write_consultation"]

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


def write_consultation(page: Page, content: str) -> Locator:
    """Write a consultation in the web chat from its menu (content, section, by when); its summary."""
    page.locator(".message.bot").last.get_by_role("button", name="DX推進課に相談する").click()
    expect(page.locator(".message.bot", has_text="ご相談の内容を入力してください")).to_be_visible()
    page.fill("#text", content)
    page.keyboard.press("Enter")
    expect(page.locator(".message.bot", has_text="ご所属（課・係名）")).to_be_visible()
    page.fill("#text", "総務課 庶務係")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="今月中").click()
    return page.locator(".message.bot", has_text="次の内容でDX推進課に相談します").last
