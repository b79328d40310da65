"""The Microsoft Teams channel, on the Microsoft 365 Agents SDK.

- `activities`: Teams activities read as channel-neutral events;
- `cards`: replies as Adaptive Cards and suggested actions;
- `sdk`: the SDK set up from the settings (token checks, outgoing tokens);
- `channel`: the webhook, answers, the typing indicator and pushes.
"""

from __future__ import annotations

from bot.config import Settings
from bot.handlers.channel import ChannelSpec
from bot.handlers.teams.activities import CHANNEL
from bot.handlers.teams.channel import TeamsChannel

__all__ = ["CHANNEL", "SPEC", "TeamsChannel"]


def _build(settings: Settings) -> TeamsChannel:
    return TeamsChannel.from_settings(settings)


SPEC = ChannelSpec(CHANNEL, "Microsoft Teams", lambda settings: settings.teams, _build)
"""Teams in the channel registry: on with its three credentials, or with ``TEAMS_ANONYMOUS=true``."""
