"""The LINE WORKS channel (Bot API 2.0), on our own small client: LINE WORKS ships no maintained SDK.

- `auth`: the service account's access token (a signed JWT exchanged at
  the auth server), cached and refreshed before it expires;
- `api`: the message API, one content per request, with its refusals;
- `events`: callbacks read as channel-neutral events;
- `render`: replies as LINE WORKS contents within the platform's limits;
- `channel`: the webhook, answers, pushes and the DX team's room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import Settings
from bot.handlers.channel import ChannelSpec

if TYPE_CHECKING:
    from bot.handlers.lineworks.channel import LineWorksChannel

__all__ = ["CHANNEL", "SPEC"]

CHANNEL = "lineworks"


def _build(settings: Settings) -> LineWorksChannel:
    from bot.handlers.lineworks.channel import LineWorksChannel  # PyJWT loads only when LINE WORKS is on

    team = settings.team
    room = team.room if team.on and team.channel == CHANNEL else None
    return LineWorksChannel(settings.lineworks, settings.delivery.timeout_seconds, room)


SPEC = ChannelSpec(CHANNEL, "LINE WORKS", lambda settings: settings.lineworks, _build)
"""LINE WORKS in the channel registry: on with its six credentials."""
