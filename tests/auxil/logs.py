"""Waiting for a log line: what a server logs after a platform's answer comes a moment after the answer."""

from __future__ import annotations

import asyncio
import re

import pytest


async def until_logged(caplog: pytest.LogCaptureFixture, pattern: str, seconds: float = 10) -> None:
    """Wait (up to ``seconds``) until a captured line matches ``pattern`` (a regular expression).

    A log record has no event to wait on, so this looks every 50 ms; a fixed pause before an assertion
    fails on a loaded machine, where the line may come later than any pause chosen.
    """
    try:
        async with asyncio.timeout(seconds):
            while not re.search(pattern, caplog.text):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    except TimeoutError:
        said = caplog.text
        raise AssertionError(f"nothing matching {pattern!r} logged within {seconds:g} s:\n{said}") from None
