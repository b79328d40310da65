"""Teams in the registry: on with its credentials or anonymous, off otherwise, the SDK loaded only when on."""

from __future__ import annotations

import logging

import pytest

from bot.config import Settings
from bot.handlers.registry import build_channels
from tests.auxil.modules import STARTED_WITHOUT_CHANNELS, loaded_after

CREDENTIALS = {"TEAMS_APP_ID": "app", "TEAMS_APP_PASSWORD": "secret", "TEAMS_TENANT_ID": "tenant"}


def test_teams_is_on_with_its_three_credentials(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        channels = build_channels(Settings.from_env(CREDENTIALS), routes=True)
    assert "teams" in channels
    assert "Microsoft Teams is on (webhook POST /webhooks/teams)" in caplog.text
    assert "TEAMS_ANONYMOUS" not in caplog.text


def test_teams_is_off_without_them_and_says_what_is_missing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert "teams" not in build_channels(Settings.from_env({}), routes=True)
        assert "teams" not in build_channels(Settings.from_env({"TEAMS_APP_ID": "app"}), routes=True)
    assert (
        "Microsoft Teams is off: set TEAMS_APP_ID and TEAMS_APP_PASSWORD and TEAMS_TENANT_ID" in caplog.text
    )
    assert "Microsoft Teams is off: TEAMS_APP_PASSWORD, TEAMS_TENANT_ID is not set" in caplog.text


def test_anonymous_teams_is_on_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        channels = build_channels(Settings.from_env({"TEAMS_ANONYMOUS": "true"}), routes=True)
    assert "teams" in channels
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "WITHOUT token checks" in warning.getMessage()


def test_the_sdk_is_not_even_imported_when_teams_is_off() -> None:
    loaded = loaded_after(STARTED_WITHOUT_CHANNELS)
    assert [m for m in loaded if m.startswith(("microsoft_agents", "msal"))] == []
