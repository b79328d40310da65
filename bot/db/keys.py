"""Rows of one conversation: the tables that hold them key them by channel, user and conversation id."""

from __future__ import annotations

import sqlalchemy as sa

from bot.values import ConversationKey

__all__ = ["of_conversation"]


def of_conversation(table: sa.Table, key: ConversationKey) -> sa.ColumnElement[bool]:
    """The condition that a row of ``table`` belongs to the conversation of ``key``."""
    return sa.and_(
        table.c.channel == key.channel,
        table.c.user_id == key.user_id,
        table.c.conversation_id == key.conversation_id,
    )
