"""The database: engines from plain URLs, migrations, and the conversation store."""

from bot.db.conversations import ConversationStore, PushedMessage
from bot.db.engine import create_engine, normalize_url
from bot.db.migrate import upgrade

__all__ = ["ConversationStore", "PushedMessage", "create_engine", "normalize_url", "upgrade"]
