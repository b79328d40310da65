"""LINE's spec: the channel, and with it the LINE SDK, loads only when LINE is on."""

from __future__ import annotations

from bot.config import Settings
from bot.handlers.registry import build_channels
from tests.auxil.line import SECRET, TOKEN
from tests.auxil.modules import STARTED_WITHOUT_CHANNELS, loaded_after


def test_the_sdk_is_not_even_imported_when_line_is_off() -> None:
    """It was imported with the registry, a second or two at every start of a server without LINE."""
    loaded = loaded_after(STARTED_WITHOUT_CHANNELS)
    assert [m for m in loaded if m.startswith("linebot") or m == "bot.handlers.line"] == []


def test_line_is_built_from_its_spec_when_its_settings_are_there() -> None:
    channels = build_channels(
        Settings.from_env({"LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN}), routes=True
    )
    assert "line" in channels
    assert channels.title("line") == "LINE"
    assert type(channels["line"]).__module__ == "bot.handlers.line"
