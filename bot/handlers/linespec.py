"""LINE in the channel registry; the channel itself (`bot.handlers.line`) loads only when LINE is on.

The LINE SDK takes a second or two to import (its generated models), which every start of a server
or a worker without LINE paid, as the other messengers' packages already avoid (their specs import
no SDK).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import Settings
from bot.handlers.channel import ChannelSpec

if TYPE_CHECKING:
    from bot.handlers.line import LineChannel

__all__ = ["CHANNEL", "SPEC"]

CHANNEL = "line"


def _build(settings: Settings) -> LineChannel:
    from bot.handlers.line import LineChannel  # the SDK loads only when LINE is on

    return LineChannel(settings.line)


SPEC = ChannelSpec(CHANNEL, "LINE", lambda settings: settings.line, _build)
"""LINE in the channel registry: on with its channel secret and access token."""
