"""The channel registry: a channel is on when all its settings are present, with one log line either way."""

from __future__ import annotations

import logging

import pytest

from bot.config import Settings
from bot.handlers.registry import build_channels
from tests.auxil.line import SECRET


def test_line_is_on_with_both_settings_off_without_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="bot.handlers.registry"):
        both = {"LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": "t"}
        on = build_channels(Settings.from_env(both))
        off = build_channels(Settings.from_env({}))
        half = build_channels(Settings.from_env({"LINE_CHANNEL_SECRET": SECRET}))
    assert "line" in on
    assert "line" not in off
    assert "line" not in half
    assert "web" in off
    assert "LINE is on (webhook POST /webhooks/line)" in caplog.text
    assert "LINE is off: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN" in caplog.text
    assert "LINE is off: LINE_CHANNEL_ACCESS_TOKEN is not set" in caplog.text


def test_a_bad_api_base_url_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="LINE_API_BASE_URL は http:// か https:// で始まるURLを指定して"):
        Settings.from_env({"LINE_API_BASE_URL": "api.line.me"})
    assert (
        Settings.from_env({"LINE_API_BASE_URL": "http://127.0.0.1:9/"}).line.api_base_url
        == "http://127.0.0.1:9"
    )
