"""The database: engines from plain URLs, migrations, the conversation store, its log and the outbox."""

from bot.db.conversations import ConversationStore, PushedMessage, Step
from bot.db.engine import aware, create_engine, normalize_url
from bot.db.journal import LogLine
from bot.db.migrate import upgrade

__all__ = [
    "ConversationStore",
    "LogLine",
    "PushedMessage",
    "Step",
    "aware",
    "create_engine",
    "normalize_url",
    "upgrade",
]
