"""LINE's spec: the channel, and with it the LINE SDK, loads only when LINE is on."""

from __future__ import annotations

import subprocess
import sys

from bot.config import PROJECT_ROOT, Settings
from bot.handlers.registry import build_channels
from tests.auxil.line import SECRET, TOKEN


def test_the_sdk_is_not_even_imported_when_line_is_off() -> None:
    """It was imported with the registry, a second or two at every start of a server without LINE."""
    probe = (
        "import sys\n"
        "from bot.app import init_app\n"
        "from bot.config import Settings\n"
        "init_app(Settings.from_env({}))\n"
        "print(sorted(m for m in sys.modules if m.startswith('linebot') or m == 'bot.handlers.line'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_line_is_built_from_its_spec_when_its_settings_are_there() -> None:
    channels = build_channels(
        Settings.from_env({"LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN}), routes=True
    )
    assert "line" in channels
    assert channels.title("line") == "LINE"
    assert type(channels["line"]).__module__ == "bot.handlers.line"
