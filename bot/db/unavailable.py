"""Why a command could not use the database, in the words of the operator who must fix it.

A command that stops on `bot.errors.StoreError` (``serve`` unable to migrate, ``admin`` or
``purge`` against a locked, read-only or unreachable database) used to print SQLAlchemy's English
text, with its ``[SQL: …]`` and ``(Background on this error at: …)`` lines. `explain` says what is
wrong and what to check, in Japanese, naming ``DATABASE_URL`` (its password hidden), and keeps the
driver's own one-line message after it, so that nothing the driver said is lost. A SQLite file
that is not there, for a command that does not create one (`MissingDatabase`), is named with its
full path, since a mistyped path is the likely cause.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from bot.errors import MissingDatabase, StoreError

__all__ = ["explain"]

_CAUSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("database is locked",),
        "ほかのプロセスが書き込み中で、KAIZEN_DB_TIMEOUT_SECONDS（{timeout}秒）待っても書き込めませんでした。"
        "しばらくしてからもう一度実行してください",
    ),
    (
        ("unable to open database file", "readonly database", "read-only file system"),
        "データベースのファイルを開けないか、書き込めません。"
        "ファイルとフォルダの場所・権限、読み取り専用のディスクでないかを確かめてください",
    ),
    (
        ("file is not a database",),
        "指定されたファイルは SQLite のデータベースではありません。"
        "DATABASE_URL のファイル名を確かめてください",
    ),
    (
        ("does not exist",),
        "PostgreSQL のサーバーに、指定されたデータベースかユーザーがありません。"
        "DATABASE_URL を確かめてください",
    ),
    (
        ("password authentication failed", "no password supplied", "no pg_hba.conf entry"),
        "PostgreSQL のサーバーが接続を認めませんでした。"
        "DATABASE_URL のユーザー名とパスワードを確かめてください",
    ),
    (
        ("connection refused", "timeout expired", "could not translate host name", "no route to host"),
        "PostgreSQL のサーバーに接続できません。サーバーが起動しているか、"
        "DATABASE_URL のホスト名とポートを確かめてください",
    ),
)


def explain(error: StoreError, url: str, timeout: int) -> str:
    """One message for the operator: what is wrong, what to check, then the driver's own words.

    A `StoreError` raised without a database error behind it (a schema from a newer
    release) already speaks to the operator, and is returned as it is.
    """
    if isinstance(error, MissingDatabase):
        return (
            f"データベースのファイル {error.path.absolute()} がありません（DATABASE_URL: {_shown(url)}）。"
            "DATABASE_URL のファイルの場所と名前を確かめてください"
            "（このコマンドはデータベースを新しく作りません。"
            "作るのは serve、worker、chat と admin add-user です）"
        )
    cause = error.__cause__
    if not isinstance(cause, DBAPIError):
        return str(error)
    said = " ".join(str(cause.orig).split())  # the driver's message, without SQLAlchemy's additions
    lowered = said.lower()
    advice = next(
        (text.format(timeout=timeout) for needles, text in _CAUSES if any(n in lowered for n in needles)),
        "DATABASE_URL と、データベースが動いているかを確かめてください",
    )
    return f"データベース（DATABASE_URL: {_shown(url)}）を利用できません。{advice}（{said}）"


def _shown(url: str) -> str:
    """The URL as it may be printed: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "（読めないURL）"
