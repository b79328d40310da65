"""The Microsoft Teams channel, on the Microsoft 365 Agents SDK.

- `activities`: Teams activities read as channel-neutral events;
- `cards`: replies as Adaptive Cards and suggested actions;
- `invokes`: the answer to an invoke the bot does not handle;
- `sdk`: the SDK set up from the settings (token checks, outgoing tokens);
- `channel`: the webhook, answers, the typing indicator and pushes.

Only the spec is imported with the registry: the SDK (and MSAL, OpenTelemetry,
…) loads when Teams is on, so a bot without Teams starts as fast as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.handlers.channel import ChannelSpec

if TYPE_CHECKING:
    from bot.handlers.teams.channel import TeamsChannel

__all__ = ["ADDRESSING_BYTES", "CHANNEL", "MAX_ACTIVITY_BYTES", "SPEC", "longest_head", "sent_bytes"]

CHANNEL = "teams"

MAX_ACTIVITY_BYTES = 28 * 1024
"""The most one activity may take as the connector receives it: the smallest message size limit cited for
the Bot Connector (28 KB; Teams' own page says 100 KB today, 40 KB earlier), since a refused one is lost."""

ADDRESSING_BYTES = 4 * 1024
"""Room kept for what the SDK adds to each activity when it sends it (conversation, from, recipient, …)."""


def sent_bytes(value: object) -> int:
    """The size of ``value`` as JSON as the SDK posts it (aiohttp's ``json.dumps``: non-ASCII escaped)."""
    return len(json.dumps(value))


def longest_head(text: str, size: Callable[[str], int], room: int) -> int:
    """How many leading characters of ``text`` take at most ``room`` by ``size`` (by halving; 0 if none).

    ``size`` must grow with the head, as a text's bytes as sent do.
    """
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if size(text[:middle]) <= room else (low, middle - 1)
    return low


def _build(settings: Settings) -> TeamsChannel:
    from bot.handlers.teams.channel import TeamsChannel  # the SDK loads only when Teams is on

    return TeamsChannel.from_settings(settings)


SPEC = ChannelSpec(CHANNEL, "Microsoft Teams", lambda settings: settings.teams, _build)
"""Teams in the channel registry: on with its three credentials, or with ``TEAMS_ANONYMOUS=true``."""
