"""What the shared channel tests need from each channel: its fake platform and how to talk through it.

A channel plugs into ``tests/handlers/test_channels.py`` by adding a
`Platform` implementation to ``PLATFORMS`` in that file. The platform is a
local fake of the messenger's API over real HTTP (aiohttp on 127.0.0.1),
which the bot reaches through the channel's own SDK (its base URL is a
setting), and which builds the webhook requests the messenger would send,
signed as the messenger signs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Via = Literal["reply", "push"]


@dataclass(frozen=True)
class Webhook:
    """A request as the messenger sends it to the bot's webhook route."""

    path: str
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class Sent:
    """One message the bot sent to a person through the fake platform.

    ``text`` is the message's main text; ``buttons`` the labels of every
    button it carries, in order (quick replies, card buttons, suggested
    actions); ``actions`` what those buttons send back, in the same order;
    ``via`` whether it answered an event (reply) or was pushed.
    """

    to: str
    text: str
    buttons: tuple[str, ...]
    actions: tuple[str, ...]
    via: Via


class Platform(Protocol):
    """A channel's fake platform, for the shared tests."""

    @property
    def channel(self) -> str:
        """The channel's name (``ConversationKey.channel``)."""

    async def start(self) -> None:
        """Start the fake API on a free port of 127.0.0.1."""

    async def stop(self) -> None:
        """Stop it."""

    def settings(self) -> dict[str, str]:
        """The settings that turn the channel on and point it at this fake."""

    def text(self, user: str, text: str, event_id: str) -> Webhook:
        """The user typed ``text``."""

    def press(self, user: str, action: str, event_id: str) -> Webhook:
        """The user pressed a button that carries ``action``."""

    def sticker(self, user: str, event_id: str) -> Webhook:
        """The user sent something that is not text (a sticker or an image)."""

    def unfollow(self, user: str, event_id: str) -> Webhook:
        """The user blocked or removed the bot."""

    def forged(self, webhook: Webhook) -> Webhook:
        """``webhook`` with a wrong signature or token."""

    def unsigned(self, webhook: Webhook) -> Webhook:
        """``webhook`` with no signature or token at all."""

    def block(self, user: str) -> None:
        """From now on the platform refuses messages to ``user`` as it does for one who blocked the bot."""

    def pause_next(self, seconds: int) -> None:
        """Refuse the bot's next message (a reply or a push) with 429 and ``Retry-After: seconds``."""

    async def sent(self, user: str, count: int) -> list[Sent]:
        """The first ``count`` messages sent to ``user``, waiting for them (up to ten seconds)."""

    def all_sent(self, user: str) -> list[Sent]:
        """Every message sent to ``user`` so far (no waiting)."""
