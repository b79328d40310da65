"""The ``admin``, ``worker`` and ``purge`` commands' arguments, apart from what runs them (`bot.admincli`).

Every command's parser is built at each start of ``python -m bot``; the accounts, the database and
the FAQ drafts that run these three take a second to import, so they load only when one of them runs.
"""

from __future__ import annotations

import argparse

from bot.config import MAX_RETENTION_DAYS
from bot.usage import Parser

__all__ = ["add_parsers"]


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    """Add ``admin``, ``worker`` and ``purge`` to the command line."""
    admin = commands.add_parser("admin", help="manage dashboard users; export approved FAQ drafts")
    actions = admin.add_subparsers(dest="admin_command", required=True, metavar="ACTION")
    add = actions.add_parser("add-user", help="create a dashboard user")
    add.add_argument("name", help="user name (lowercase letters, digits, . _ -)")
    add.add_argument("--display-name", default="", help="name shown in the dashboard (e.g. 田中)")
    add.add_argument(
        "--editor", action="store_true", help="may approve and export FAQ drafts and reload the knowledge"
    )
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    password = actions.add_parser("set-password", help="change a dashboard user's password")
    password.add_argument("name")
    password.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    everywhere = actions.add_parser(
        "logout-everywhere", help="end every dashboard session of a user (a lost PC, a leaked password)"
    )
    everywhere.add_argument("name")
    actions.add_parser("list-users", help="list the dashboard users")
    export = actions.add_parser(
        "export-faq", help="print the approved FAQ drafts whose id faq.yaml does not have yet, in its format"
    )
    which = export.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="also those whose id faq.yaml has already")
    which.add_argument(
        "--mark-exported",
        action="store_true",
        help="print nothing; mark those whose id faq.yaml has (appended) as exported (書き出し済み)",
    )

    key = actions.add_parser(
        "log-key",
        help="print the key that names a person's conversation in the log (line:3f9a1c02b7e4), "
        "or with --find the conversations a key names",
    )
    key.add_argument("channel", nargs="?", help="line, lineworks, teams, slack, telegram or web")
    key.add_argument("user_id", nargs="?", help="the platform's id of the person")
    key.add_argument(
        "conversation_id", nargs="?", help="the conversation's id (default: the user id, a one-to-one chat)"
    )
    key.add_argument("--find", metavar="KEY", help="list the stored conversations this key names")

    commands.add_parser(
        "worker",
        help="run the outbox delivery on its own; with KAIZEN_WEBHOOK_TURNS=worker, answer the webhooks too",
    )

    purge_parser = commands.add_parser(
        "purge", help="delete conversation logs older than the retention period"
    )
    purge_parser.add_argument(
        "--days",
        type=retention_days,
        help=f"retention period in days, 1 to {MAX_RETENTION_DAYS} (default KAIZEN_RETENTION_DAYS)",
    )


def retention_days(text: str) -> int:
    """``purge --days``: the period the setting allows too; 0 or less would delete every log at once."""
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise argparse.ArgumentTypeError(f"1から{MAX_RETENTION_DAYS}までの日数を指定してください: {text}")
    return days
