"""Settings of the server: defaults, command-line overrides, validation at boot."""

from __future__ import annotations

import pytest

from bot.config import SETTINGS, Settings


def test_server_defaults_follow_the_design() -> None:
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.max_body_bytes == 65536


def test_the_command_line_wins_over_the_environment() -> None:
    env = {"KAIZEN_HOST": "0.0.0.0", "KAIZEN_PORT": "9000"}
    settings = Settings.from_env(env, KAIZEN_PORT="9100")
    assert (settings.host, settings.port) == ("0.0.0.0", 9100)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("KAIZEN_PORT", "http", "whole number"),
        ("KAIZEN_PORT", "70000", "between 1 and 65535"),
        ("KAIZEN_MAX_BODY_BYTES", "10", "between 1024"),
    ],
)
def test_bad_values_stop_start_up(name: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.from_env({name: value})


def test_every_setting_has_help_and_a_default() -> None:
    for setting in SETTINGS:
        assert setting.help.strip()
        assert setting.default.strip() or setting.name == "KAIZEN_CACHE_DIR"
