"""Slack, through the Events API and interactivity (slack-sdk, with slack-bolt's request reader).

- `events`: Slack's envelopes (events, button actions) read as channel-neutral events;
- `address`: where an answer goes (the channel, and the thread to post in);
- `blocks`: replies and team notices as Block Kit messages;
- `channel`: the webhook, answers, pushes and the DX team's room.

Only the spec is imported with the registry: the SDKs load when Slack is on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import Settings
from bot.handlers.channel import ChannelSpec

if TYPE_CHECKING:
    from bot.handlers.slack.channel import SlackChannel

__all__ = ["CHANNEL", "SPEC"]

CHANNEL = "slack"


def _build(settings: Settings) -> SlackChannel:
    from bot.handlers.slack.channel import SlackChannel  # the SDKs load only when Slack is on

    return SlackChannel(settings.slack, settings.delivery.timeout_seconds)


SPEC = ChannelSpec(CHANNEL, "Slack", lambda settings: settings.slack, _build)
"""Slack in the channel registry: on with its bot token and signing secret."""
