"""The channel contract: the one small shape every messenger adapter (and the web chat) has.

A channel is one module in ``bot/handlers/`` that exposes a `ChannelSpec`
(listed in `bot.handlers.registry`). The spec names the channel's settings
group: the channel is on when every setting of the group is present and
off otherwise, and the registry logs one line either way. ``build`` makes
the `Channel` object from the settings, without I/O; its clients open in
`Channel.start`, inside the running loop, and close in `Channel.close`.

What a `Channel` does, in the order a webhook meets it:

1. `Channel.add_routes` adds its routes (``POST /webhooks/<name>``); the
   route verifies the request before reading it (401 when the signature or
   token is missing or wrong), turns it into `Incoming` values with
   `Channel.parse` (one body may carry several events), hands them to the
   dispatcher (`bot.handlers.dispatch`), which stores them in the durable
   inbox, and answers at once, within the platform's deadline (503 when the
   database cannot store them, so the platform sends them again).
2. The dispatcher runs each event in a tracked background task: it takes
   the turn (de-duplicated on ``Incoming.event_id``) while the platform's
   typing or loading indicator is asked for beside it
   (`Channel.indicate`), and as soon as the turn is done, whether or not
   the indicator's call has returned, asks the channel to answer the
   event now (`Channel.respond`: a LINE reply token, the Teams turn).
   When the channel cannot (the token expired, a redelivery), the replies
   go to the outbox and are pushed later.
3. Everything sent later (the DX team's answers, late replies) is pushed by
   the channel's `Channel.sender`, which the delivery worker calls with
   each outbox message for the channel: the stored reply
   (`bot.values.Reply.from_record`) and the person's address.

`Channel.render` turns replies into the platform's own payload within the
platform's limits; `respond` and the sender both use it. The web chat is
the simplest instance: its reply is the HTTP response, its page fetches
what was pushed (so its sender only marks a message as handed over), and it
has no indicator and no event ids.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from aiohttp import web

from bot.config import Settings
from bot.db import ConversationStore
from bot.values import Incoming, Notice, Reply

if TYPE_CHECKING:  # bot.delivery's senders import the channels: a cycle at run time
    from bot.delivery.worker import Sender

__all__ = ["Channel", "ChannelSettings", "ChannelSpec", "PartlyAnswered", "Payload", "Progress", "TeamRoom"]

Payload = TypeVar("Payload", covariant=True)
"""What `Channel.render` makes: the platform's own message objects."""


class Channel(Protocol[Payload]):
    """One channel, built from its settings; every method may be called from any request's task."""

    @property
    def name(self) -> str:
        """The channel's name: ``ConversationKey.channel`` and the outbox's channel (``line``, ``web``)."""

    def add_routes(self, app: web.Application) -> None:
        """Add the channel's routes to ``app`` (called before the app starts)."""

    async def start(self) -> None:
        """Open the channel's clients (inside the running event loop)."""

    async def close(self) -> None:
        """Close them; the channel is not used afterwards."""

    async def parse(self, request: web.Request) -> list[Incoming]:
        """Verify ``request`` and read its events; raise 401 (bad signature), 400 or 413 otherwise.

        Events the bot ignores (a group message that does not mention it,
        a platform's housekeeping event) are left out; the list may be
        empty (LINE's verification call).
        """

    def render(self, replies: Sequence[Reply]) -> Payload:
        """The platform's payload for ``replies``, within its limits (no I/O)."""

    async def indicate(self, incoming: Incoming) -> None:
        """Show the platform's typing or loading indicator while the turn runs; best effort, never raises.

        It runs beside the turn and the answer does not wait for it, so a
        platform slow to answer it delays nothing; a failure is logged once.
        """

    async def respond(self, incoming: Incoming, replies: Sequence[Reply]) -> bool:
        """Answer ``incoming`` now, if the platform still allows it; False to have the replies pushed.

        Raises `bot.delivery.http.PlatformRefused` when the platform asked for
        a pause (its ``Retry-After``): the replies are pushed, no sooner.
        Raises `PartlyAnswered` when the platform failed after some of the
        replies were shown: only the others are pushed, so none shows twice.
        Raises anything else only when the platform refused the answer for a
        reason a push would not fix; the dispatcher then logs it.
        """

    def sender(self, store: ConversationStore) -> Sender:
        """The sender the delivery worker uses for this channel's outbox messages.

        It raises `bot.delivery.worker.Undeliverable` when the person can
        never be reached (they blocked the bot), so the message is dropped
        instead of retried for ever.
        """


class PartlyAnswered(Exception):
    """`Channel.respond` showed the first ``shown`` replies and ``parts`` parts of the next, then failed.

    The push sends only the rest: the replies after the first ``shown``, the
    first of them without its first ``parts`` parts (`bot.db.outbox.PARTS_SHOWN`).
    ``retry_after``: the pause the platform asked for, in seconds, if any (the push waits as long).
    """

    def __init__(self, shown: int, retry_after: float | None = None, parts: int = 0) -> None:
        super().__init__(
            f"the platform failed after {shown} replies and {parts} parts of the next were shown"
        )
        self.shown = shown
        self.retry_after = retry_after
        self.parts = parts


@dataclass
class Progress:
    """How far a channel got sending a turn's replies one platform message (a part) at a time.

    ``sizes``: how many parts each reply takes, in order; ``sent``: how many
    parts the platform accepted so far (the channel counts them with `accept`);
    ``accepted``: told the count after each, if given (a push's
    `bot.delivery.worker.recording`, which keeps it in the outbox at once).
    """

    sizes: Sequence[int]
    sent: int = field(default=0)
    accepted: Callable[[int], Awaitable[None]] | None = None

    async def accept(self) -> None:
        """The platform accepted one more part."""
        self.sent += 1
        if self.accepted is not None:
            await self.accepted(self.sent)

    def shown(self) -> int:
        """How many replies were wholly shown."""
        total = shown = 0
        for size in self.sizes:
            total += size
            if total > self.sent:
                break
            shown += 1
        return shown

    def parts(self) -> int:
        """How many parts of the reply after those wholly shown were shown: a reply cut short."""
        return self.sent - sum(self.sizes[: self.shown()])

    def partly(self, retry_after: float | None = None) -> PartlyAnswered | None:
        """`PartlyAnswered` when anything was shown before the failure, else None (all is pushed)."""
        if not self.sent:
            return None
        return PartlyAnswered(self.shown(), retry_after, self.parts())


@runtime_checkable
class TeamRoom(Protocol):
    """A channel that can also be the DX team's own room (Slack, LINE WORKS, Teams).

    Notices of consultations go there, and the team's commands typed there
    come back as ``group`` events whose ``room`` is that room
    (`bot.values.Incoming`).
    """

    async def post_notice(self, room: str, notice: Notice) -> None:
        """Post ``notice`` into the room ``room`` (the platform's id of it), as plain text with its link.

        Raises `bot.delivery.http.PlatformRefused` when the platform refused
        (retried later by the worker), `bot.delivery.worker.Undeliverable`
        when the room can never be reached (the bot was removed from it).
        """


class ChannelSettings(Protocol):
    """A channel's group of settings, as `bot.config` reads it."""

    @property
    def required(self) -> tuple[str, ...]:
        """The names of the settings that turn the channel on, all together."""

    def missing(self) -> tuple[str, ...]:
        """The names of the group's required settings that are empty; () when the channel is on."""


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    """What the registry knows of a channel before it is built.

    ``title`` names it in the log (``LINE``); ``settings`` picks its group out
    of the settings (None for a channel that is always on, the web chat);
    ``build`` makes the channel once its settings are all present.
    """

    name: str
    title: str
    settings: Callable[[Settings], ChannelSettings] | None
    build: Callable[[Settings], Channel[object]]
