"""The Telegram channel, on python-telegram-bot 22.

- `updates`: Telegram updates read as channel-neutral events;
- `render`: replies and notices as Telegram messages (HTML, inline keyboards);
- `channel`: the webhook, answers, the typing indicator, pushes and the team room;
- `webhook`: ``python -m bot telegram set-webhook``.

Only the spec is imported with the registry: the SDK (and httpx) loads when
Telegram is on, so a bot without Telegram starts as fast as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import Settings
from bot.handlers.channel import ChannelSpec

if TYPE_CHECKING:
    from bot.handlers.telegram.channel import TelegramChannel

__all__ = ["CHANNEL", "SPEC"]

CHANNEL = "telegram"


def _build(settings: Settings) -> TelegramChannel:
    from bot.handlers.telegram.channel import TelegramChannel  # the SDK loads only when Telegram is on

    return TelegramChannel(settings.telegram)


SPEC = ChannelSpec(CHANNEL, "Telegram", lambda settings: settings.telegram, _build)
"""Telegram in the channel registry: on with its bot token and webhook secret."""
