"""Slack in the registry: on with its token and secret, off otherwise, the SDKs loaded only when on."""

from __future__ import annotations

import logging

import pytest

from bot.config import Settings
from bot.handlers.channel import TeamRoom
from bot.handlers.registry import build_channels
from tests.auxil.modules import STARTED_WITHOUT_CHANNELS, loaded_after

CREDENTIALS = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret"}


def test_slack_is_on_with_its_token_and_secret_and_can_be_the_teams_room(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO):
        channels = build_channels(Settings.from_env(CREDENTIALS), routes=True)
    assert "Slack is on (webhook POST /webhooks/slack)" in caplog.text
    assert isinstance(channels["slack"], TeamRoom)


def test_slack_is_off_without_them_and_says_what_is_missing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert "slack" not in build_channels(Settings.from_env({}), routes=True)
        assert "slack" not in build_channels(Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}), routes=True)
    assert "Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in caplog.text
    assert "Slack is off: SLACK_SIGNING_SECRET is not set" in caplog.text


def test_the_api_base_url_keeps_the_trailing_slash_the_sdk_expects() -> None:
    assert Settings.from_env({}).slack.api_base_url == "https://slack.com/api/"
    assert Settings.from_env({"SLACK_API_BASE_URL": "http://127.0.0.1:9/api"}).slack.api_base_url == (
        "http://127.0.0.1:9/api/"
    )
    with pytest.raises(ValueError, match="SLACK_API_BASE_URL は http:// か https:// で始まるURLを指定して"):
        Settings.from_env({"SLACK_API_BASE_URL": "slack.com/api"})


def test_the_sdks_are_not_even_imported_when_slack_is_off() -> None:
    loaded = loaded_after(STARTED_WITHOUT_CHANNELS)
    assert [m for m in loaded if m.startswith(("slack_sdk", "slack_bolt"))] == []
