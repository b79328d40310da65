"""The DX team's room on a fake platform, for the team-room tests of every channel implementing `TeamRoom`.

A channel plugs into ``tests/handlers/test_teamroom.py`` by adding a
`RoomPlatform` to ``ROOMS`` there: its fake platform (over real HTTP on
127.0.0.1), the settings that turn the channel on and make one of its rooms
the team's room, the webhooks the platform sends when people address the bot
in that room, and what the bot posted into it. The staff side of most of
those tests is LINE (`tests.auxil.line.FakeLine`), so a room platform must
not be LINE's own fake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from tests.auxil.channels import Webhook


@dataclass(frozen=True)
class Posted:
    """One message the bot posted into the room.

    ``reply`` is whether the platform shows it as a reply to what someone said
    (in the thread of the command, or quoting it); a notice is a new post.
    """

    text: str
    links: tuple[str, ...]
    reply: bool


class RoomPlatform(Protocol):
    """A fake platform seen from the DX team's room."""

    @property
    def channel(self) -> str:
        """The channel's name (``teams``), as in ``KAIZEN_TEAM_ROOM``."""

    @property
    def room(self) -> str:
        """The room's id on the platform, as in ``KAIZEN_TEAM_ROOM``."""

    @property
    def threads(self) -> bool:
        """Whether the bot's replies to commands show as replies (a thread, a quote); LINE WORKS has none."""

    async def start(self) -> None:
        """Start the fake platform."""

    async def stop(self) -> None:
        """Stop it."""

    def settings(self) -> dict[str, str]:
        """The settings that turn the channel on against the fake (not the room settings)."""

    def user(self, name: str) -> str:
        """The platform's user id of the person ``name`` (as ``KAIZEN_TEAM_MEMBERS`` names them)."""

    def joined(self, event_id: str) -> Webhook:
        """The bot was added to the room."""

    def said(self, name: str, text: str, event_id: str) -> Webhook:
        """``name`` addressed the bot in the room with ``text`` (the platform adds its mention).

        An empty ``text`` is a bare mention: the bot called without a word.
        """

    def refuse(self, *statuses: int) -> None:
        """The platform answers the bot's next posts with these statuses (429, 503…), then accepts again."""

    async def posted(self, count: int) -> list[Posted]:
        """The first ``count`` posts into the room, waiting for them (up to ten seconds)."""

    def all_posted(self) -> list[Posted]:
        """Every post into the room so far."""


class Startable(Protocol):
    """A fake platform that runs over HTTP and names the settings that point a channel at it."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def settings(self) -> dict[str, str]: ...


F = TypeVar("F", bound=Startable)


class OnFake(Generic[F]):
    """A room platform's `start`, `stop` and `settings`: those of the fake platform it is on (``fake``)."""

    def __init__(self, fake: F) -> None:
        self.fake = fake

    async def start(self) -> None:
        await self.fake.start()

    async def stop(self) -> None:
        await self.fake.stop()

    def settings(self) -> dict[str, str]:
        return self.fake.settings()
