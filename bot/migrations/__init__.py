"""Alembic migrations of the bot's database; applied at start-up by `bot.db.migrate.upgrade`."""
