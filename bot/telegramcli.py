"""``python -m bot telegram set-webhook URL``: tell Telegram where the bot's webhook is, with its secret.

Telegram sends updates only to a webhook registered with ``setWebhook``;
this registers ``URL`` with ``TELEGRAM_WEBHOOK_SECRET`` as its secret token
(so the route can tell Telegram's requests from anyone else's) and the
update kinds the bot reads (`ALLOWED_UPDATES`). ``--drop-pending-updates``
discards what Telegram holds for the bot (up to 24 hours of updates).

Exit codes: 0 set; 1 Telegram refused or could not be reached; 2 bad usage
(the settings are missing, the URL is not https). Every failure is one line
on standard error; so is a warning when the URL's path is not the bot's
route (a reverse proxy may rewrite it, so it is registered all the same).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from urllib.parse import urlsplit

from bot.config import Settings
from bot.usage import Parser

__all__ = ["ALLOWED_UPDATES", "add_parsers", "run_telegram"]

ALLOWED_UPDATES = ("message", "callback_query", "my_chat_member")
"""The update kinds the bot reads (`bot.handlers.telegram.updates`); Telegram sends no others."""


def add_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    """Add ``telegram set-webhook`` to the command line."""
    telegram = commands.add_parser("telegram", help="Telegram: register the webhook")
    actions = telegram.add_subparsers(dest="telegram_command", required=True, metavar="ACTION")
    hook = actions.add_parser(
        "set-webhook", help="register https://<host>/webhooks/telegram with Telegram, with the secret"
    )
    hook.add_argument("url", help="the webhook's public https URL (…/webhooks/telegram)")
    hook.add_argument(
        "--drop-pending-updates", action="store_true", help="discard the updates Telegram is holding"
    )


def run_telegram(args: argparse.Namespace, settings: Settings) -> int:
    """``telegram set-webhook``; the exit code."""
    missing = settings.telegram.missing()
    if missing:
        return _fail(2, f"{' と '.join(missing)} を設定してください（Telegram が有効になっていません）。")
    parts = urlsplit(args.url)
    if parts.scheme != "https" or not parts.hostname:
        return _fail(2, f"Telegram の Webhook には https:// で始まるURLが必要です: {args.url}")
    from bot.handlers.telegram.channel import WEBHOOK  # the SDK loads only for this command

    if not parts.path.rstrip("/").endswith(WEBHOOK):  # a proxy may rewrite the path: said, not refused
        print(
            f"注意: URL のパスが {WEBHOOK} で終わっていません。リバースプロキシがパスを {WEBHOOK} に"
            "書き換えるのでなければ、Telegram からの更新はボットに届きません。",
            file=sys.stderr,
        )
    return asyncio.run(_set_webhook(settings, args.url, drop=args.drop_pending_updates))


async def _set_webhook(settings: Settings, url: str, *, drop: bool) -> int:
    from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError

    from bot.handlers.telegram.channel import build_application

    application = build_application(settings.telegram)
    try:
        async with application:
            await application.bot.set_webhook(
                url,
                secret_token=settings.telegram.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=drop,
            )
    except InvalidToken:
        return _fail(
            1, "Telegram がボットのトークンを受け付けませんでした。TELEGRAM_BOT_TOKEN を確認してください。"
        )
    except TelegramError as exc:
        if isinstance(exc, NetworkError) and not isinstance(exc, BadRequest):  # httpx's English: not said
            return _fail(
                1,
                f"Telegram（{settings.telegram.api_base_url}）に接続できませんでした。"
                "ネットワークと TELEGRAM_API_BASE_URL を確認してください。",
            )
        # Telegram's own reason, quoted as its words: the only clue to what it wants changed
        return _fail(1, f"Telegram が Webhook の設定を断りました（Telegram からの説明: {exc.message}）。")
    dropped = "（保留中の更新は破棄しました）" if drop else ""
    print(f"Telegram の Webhook を {url} に設定しました（秘密トークンつき）{dropped}。")
    return 0


def _fail(code: int, message: str) -> int:
    print(message, file=sys.stderr)
    return code
