"""Notices into the team's room: the outbox's ``notify-room`` sender, and the start-up check of the room.

The notice is written to the outbox with the change that causes it
(`bot.consult.notices`), and `RoomSender` posts it with the room channel's
`TeamRoom.post_notice`, so a platform that refuses (429, 503, a network
failure) delays the notice and never loses it: the worker retries it with
its backoff and honours ``Retry-After``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from bot.config import SettingsError, TeamSettings
from bot.db.outbox import Delivery
from bot.delivery.worker import Undeliverable
from bot.handlers.channel import Channel, TeamRoom
from bot.values import Notice

__all__ = ["RoomSender", "room_channel"]


class RoomSender:
    """Posts the outbox's notices into one room of one channel."""

    def __init__(self, channel: TeamRoom, room: str) -> None:
        self.channel = channel
        self.room = room

    async def send(self, delivery: Delivery) -> None:
        """Post ``delivery``'s notice; what the channel raises decides a retry or a drop."""
        try:
            notice = Notice.from_record(delivery.payload)
        except ValueError as exc:  # a payload this version cannot read never becomes readable
            raise Undeliverable(f"not a notice: {exc}") from exc
        await self.channel.post_notice(self.room, notice)


def room_channel(
    team: TeamSettings, channels: Mapping[str, Channel[object]], known: Collection[str]
) -> TeamRoom | None:
    """The channel that hosts the team's room; None when no room is set.

    Raises `SettingsError` when the room's channel does not exist, is off,
    or cannot host a room, so that the bot does not start with notices that
    would wait for ever.
    """
    if not team.on:
        return None
    name = team.channel
    if name not in known:
        names = "・".join(sorted(known))
        raise SettingsError(
            f"KAIZEN_TEAM_ROOM のチャネル {name!r} はありません。{names} のいずれかを指定してください。"
        )
    channel = channels.get(name)
    if channel is None:
        raise SettingsError(
            f"KAIZEN_TEAM_ROOM のチャネル {name!r} が有効になっていません。そのチャネルの設定もしてください。"
        )
    if not isinstance(channel, TeamRoom):
        raise SettingsError(f"KAIZEN_TEAM_ROOM のチャネル {name!r} には、DXチームのルームを置けません。")
    return channel
