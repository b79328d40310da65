"""The registry of channels: which exist, which are on, and the one log line each.

Adding a channel is adding its module's `ChannelSpec` to `SPECS`; `serve`,
the standalone worker and the admin commands all build their channels
here (through `bot.wiring`), so a channel is on or off in the same way
everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping

from bot.config import Settings
from bot.db import ConversationStore
from bot.delivery.worker import Sender
from bot.handlers import linespec, lineworks, slack, teams, telegram, webchat
from bot.handlers.channel import Channel, ChannelSpec

__all__ = ["SPECS", "WEB_CHAT", "Channels", "build_channels", "team_titles"]

log = logging.getLogger(__name__)

SPECS: tuple[ChannelSpec, ...] = (
    webchat.SPEC,
    linespec.SPEC,
    teams.SPEC,
    slack.SPEC,
    lineworks.SPEC,
    telegram.SPEC,
)
"""Every channel the bot knows, the web chat first."""

WEB_CHAT = "Webチャット"
"""The web chat's name for the DX team (its spec's title is the log's, in English)."""


def team_titles() -> dict[str, str]:
    """Each channel's name for the DX team (``LINE``, ``Webチャット``), whether it is on or not."""
    return {spec.name: WEB_CHAT if spec.name == webchat.CHANNEL else spec.title for spec in SPECS}


class Channels(Mapping[str, Channel[object]]):
    """The channels that are on, by name, with their titles for people (``LINE``)."""

    def __init__(self, channels: Mapping[str, Channel[object]], titles: Mapping[str, str]) -> None:
        self._channels = dict(channels)
        self._titles = dict(titles)

    def title(self, name: str) -> str:
        """The channel's name for people."""
        return self._titles.get(name, name)

    def pushing(self) -> list[str]:
        """The channels that push messages over a platform's API (every one but the web chat)."""
        return [name for name in self._channels if name != webchat.CHANNEL]

    def __getitem__(self, name: str) -> Channel[object]:
        return self._channels[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._channels)

    def __len__(self) -> int:
        return len(self._channels)

    def senders(self, store: ConversationStore) -> dict[str, Sender]:
        """The delivery worker's sender for each channel, by name."""
        return {name: channel.sender(store) for name, channel in self._channels.items()}

    async def start(self) -> None:
        """Open every channel's clients."""
        for channel in self._channels.values():
            await channel.start()

    async def close(self) -> None:
        """Close them all (each once, even when one fails)."""
        for channel in self._channels.values():
            try:
                await channel.close()
            except Exception:  # closing the others matters more than this one's error
                log.exception("closing channel %s failed", channel.name)


def build_channels(settings: Settings, *, routes: bool = True) -> Channels:
    """Build every channel whose settings are all present; log one line for each channel.

    ``routes`` is False where no server runs (the worker, the admin
    commands): the log then says only whether the channel can push.
    """
    built: dict[str, Channel[object]] = {}
    for spec in SPECS:
        group = spec.settings(settings) if spec.settings is not None else None
        missing = group.missing() if group is not None else ()
        if group is not None and missing == group.required:
            log.info("%s is off: set %s to turn it on", spec.title, " and ".join(group.required))
            continue
        if missing:
            log.warning("%s is off: %s is not set", spec.title, ", ".join(missing))
            continue
        built[spec.name] = spec.build(settings)
        where = (
            f"webhook POST /webhooks/{spec.name}" if spec.name != webchat.CHANNEL else "/ and /api/v1/chat"
        )
        log.info("%s is on (%s)", spec.title, where if routes else "sending only")
    return Channels(built, {spec.name: spec.title for spec in SPECS})
