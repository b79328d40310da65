"""Every setting the bot reads, once, with its default and help text, and the limits they share.

The README's settings table is checked against `SETTINGS` by a test
(tests/test_readme.py); `bot.config.Settings.from_env` reads them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ACCOUNT_NAME",
    "DB_TIMEOUT_SECONDS",
    "LOG_FORMATS",
    "LOG_LEVELS",
    "MAX_RETENTION_DAYS",
    "MIN_ADMIN_TOKEN_CHARS",
    "PROJECT_ROOT",
    "SETTINGS",
    "WEBHOOK_FORMATS",
    "WEBHOOK_TURNS",
    "Setting",
    "default_cache_dir",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
"""The checkout's root (tests, benchmarks, the sample knowledge); in an installed package, site-packages,
where nothing of the bot's is read or written (`bot.config.places`)."""

WEBHOOK_FORMATS = ("auto", "teams", "slack", "lineworks")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
WEBHOOK_TURNS = ("server", "worker")


DB_TIMEOUT_SECONDS = 5
"""The longest the bot waits on the database before answering "try again later" (503)."""

MIN_ADMIN_TOKEN_CHARS = 32
"""A shorter bearer token (admin, metrics, chat API) could be guessed.

32 characters of token_urlsafe carry 192 bits.
"""

MAX_RETENTION_DAYS = 365 * 30
"""The longest retention period (``KAIZEN_RETENTION_DAYS``, ``purge --days``)."""

ACCOUNT_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
"""A dashboard account's name: what ``admin add-user`` accepts (`bot.consult.accounts.check_name`) and
what ``KAIZEN_TEAM_MEMBERS`` may name."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable the bot reads."""

    name: str
    default: str
    help: str


def default_cache_dir() -> str:
    """Where the index cache goes when KAIZEN_CACHE_DIR is not set: the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "kaizen-bot")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "KAIZEN_FAQ",
        "faq.yaml",
        "The FAQ file (same as --faq); by default the working directory's, or the sample's where the "
        "working directory has neither faq.yaml nor knowledge/.",
    ),
    Setting(
        "KAIZEN_KNOWLEDGE",
        "knowledge",
        "The knowledge directory (same as --knowledge); by default the working directory's, as KAIZEN_FAQ.",
    ),
    Setting(
        "DATABASE_URL",
        "sqlite:///var/kaizen.db",
        "Database URL (same as --database): sqlite:///path or postgresql://user:pass@host/db, without a "
        "driver of another's (the bot's own bound every wait); by default var/kaizen.db under the working "
        "directory.",
    ),
    Setting(
        "KAIZEN_CACHE_DIR",
        "~/.cache/kaizen-bot",
        "Where the search index cache is kept; empty disables the cache.",
    ),
    Setting(
        "KAIZEN_DB_TIMEOUT_SECONDS",
        str(DB_TIMEOUT_SECONDS),
        "The longest any wait on the database may last (connecting, a free connection, SQLite's write "
        "lock, a PostgreSQL statement) before the request gets 503; a stuck database answers no slower. "
        "A chat message waits as long at most for a free turn thread, then gets 503 busy.",
    ),
    Setting(
        "KAIZEN_SEMANTIC",
        "true",
        "Compare meanings too (sentence embeddings, offline); false searches by words alone, which builds "
        "much faster for a very large FAQ.",
    ),
    Setting(
        "KAIZEN_RELOAD_POLL_SECONDS",
        "10",
        "How often each server process looks in the database for a knowledge reload asked of another "
        "process (several processes on PostgreSQL); 0 turns the look off.",
    ),
    Setting("KAIZEN_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING or ERROR."),
    Setting(
        "KAIZEN_LOG_FORMAT",
        "text",
        "text (one readable line each) or json (one JSON object per line, for a log collector).",
    ),
    Setting(
        "KAIZEN_TRUST_REQUEST_ID",
        "false",
        "Take each request's id from the X-Request-Id header (true only behind a proxy that sets it); "
        "otherwise the bot makes one.",
    ),
    Setting(
        "KAIZEN_METRICS_TOKEN",
        "",
        "Bearer token that GET /metrics (Prometheus) requires, at least 32 characters like the admin token; "
        "empty (the default) turns /metrics off.",
    ),
    Setting(
        "KAIZEN_HOST",
        "127.0.0.1",
        "Address `serve` listens on (same as serve --host); 0.0.0.0 for every address, never empty.",
    ),
    Setting("KAIZEN_PORT", "8080", "Port `serve` listens on (same as serve --port)."),
    Setting(
        "KAIZEN_MAX_BODY_BYTES",
        "65536",
        "Largest HTTP request body accepted, in bytes; a larger one gets 413.",
    ),
    Setting(
        "KAIZEN_ADMIN_TOKEN",
        "",
        "Bearer token of the admin API (/api/v1/consultations), at least 32 characters (make one with "
        'python -c "import secrets; print(secrets.token_urlsafe(32))"); empty (the default) turns the '
        "API off.",
    ),
    Setting(
        "KAIZEN_ADMIN_SESSION_HOURS",
        "12",
        "How long a dashboard login lasts, in hours.",
    ),
    Setting(
        "KAIZEN_CHAT_API_TOKEN",
        "",
        "Bearer token with which other systems call the chat API and name the user, at least 32 "
        "characters; empty (the default) turns that use off. The web page needs no token.",
    ),
    Setting(
        "KAIZEN_CHAT_SESSION_DAYS",
        "30",
        "How long a web chat session lasts without use, in days (each use extends it).",
    ),
    Setting(
        "KAIZEN_TRUSTED_PROXIES",
        "",
        "Addresses or networks (CIDR) of reverse proxies, comma-separated; only from these are "
        "X-Forwarded-For, X-Forwarded-Proto, X-Forwarded-Host and the single sign-on header believed; "
        "empty (the default) trusts no proxy.",
    ),
    Setting(
        "KAIZEN_SSO_USER_HEADER",
        "",
        "Header in which a trusted proxy names the signed-in user (e.g. X-Remote-User); the web chat "
        "then uses that name; empty (the default) turns single sign-on off. Needs KAIZEN_TRUSTED_PROXIES.",
    ),
    Setting(
        "KAIZEN_PUBLIC_URL",
        "",
        "The bot's address as the DX team reaches it (https://kaizen.example.lg.jp), for links in "
        "notifications; empty leaves the links out. Anything but an http(s) URL stops the start.",
    ),
    Setting(
        "KAIZEN_NOTIFY_WEBHOOK_URL",
        "",
        "Incoming-webhook URL (Teams Workflows, Slack or LINE WORKS) told of new and waiting "
        "consultations and of what their staff members do (add to one, reopen it with 「まだ困っている」, "
        "withdraw it); empty turns webhook notices off. Anything but an http(s) URL stops the start.",
    ),
    Setting(
        "KAIZEN_NOTIFY_WEBHOOK_FORMAT",
        "auto",
        "Body of webhook notices: teams, slack, lineworks, or auto (chosen from the URL's host).",
    ),
    Setting(
        "KAIZEN_NOTIFY_WAITING_HOURS",
        "24",
        "Remind the team of a consultation that has waited this many hours for a reply; 0 turns it off.",
    ),
    Setting(
        "KAIZEN_SMTP_HOST",
        "",
        "SMTP server for e-mail notices; empty turns e-mail notices off (a warning when KAIZEN_SMTP_TO "
        "is set).",
    ),
    Setting("KAIZEN_SMTP_PORT", "587", "SMTP port."),
    Setting("KAIZEN_SMTP_USER", "", "SMTP user name; empty sends without logging in."),
    Setting("KAIZEN_SMTP_PASSWORD", "", "SMTP password, with KAIZEN_SMTP_USER; empty when not logging in."),
    Setting("KAIZEN_SMTP_STARTTLS", "true", "Whether to use STARTTLS (true or false)."),
    Setting(
        "KAIZEN_SMTP_FROM",
        "kaizen-bot@localhost",
        "Sender address of e-mail notices (a name may come first: DX <dx@example.lg.jp>).",
    ),
    Setting(
        "KAIZEN_SMTP_TO",
        "",
        "Recipients of e-mail notices, comma-separated addresses; empty turns e-mail notices off (a "
        "warning when KAIZEN_SMTP_HOST is set).",
    ),
    Setting(
        "KAIZEN_DELIVERY_BACKOFF_SECONDS",
        "5",
        "Wait before the first retry of a failed delivery; doubled on each further failure.",
    ),
    Setting(
        "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS",
        "3600",
        "Longest wait between two retries of a delivery (retries never stop).",
    ),
    Setting(
        "KAIZEN_DELIVERY_TIMEOUT_SECONDS",
        "20",
        "How long one delivery may take (HTTP or SMTP) before it counts as failed.",
    ),
    Setting(
        "KAIZEN_DELIVERY_LEASE_SECONDS",
        "120",
        "How long a worker holds a message it is delivering; must exceed the delivery timeout, so "
        "a message is only retried by another worker once the first has certainly given up.",
    ),
    Setting(
        "KAIZEN_INBOX_LEASE_SECONDS",
        "60",
        "How long a server holds a webhook event it acknowledged (kept in the database's inbox until its "
        "turn is stored); a server holding it renews it. After a crash, another server (or the next "
        "start) answers the event once this has passed; a clean stop hands it over at once.",
    ),
    Setting(
        "KAIZEN_WEBHOOK_TURNS",
        "server",
        "Who answers the messengers' webhook events: server (the server that acknowledged them) or worker "
        "(`python -m bot worker`, in a process of its own, so that the server only acknowledges them and "
        "keeps up with bursts; run at least one worker then).",
    ),
    Setting(
        "KAIZEN_LIMIT_CONSULTATIONS_PER_DAY",
        "10",
        "Consultations one staff member may open per day (Japan time); more are politely declined "
        "until the next day. 0 means no limit.",
    ),
    Setting(
        "KAIZEN_LIMIT_MESSAGES_PER_MINUTE",
        "30",
        "Messages and button presses one staff member (a channel's user) may send in any 60 seconds; "
        "more are politely declined for a moment. 0 means no limit.",
    ),
    Setting(
        "KAIZEN_LIMIT_WEB_SESSIONS_PER_DAY",
        "30",
        "New web chat sessions one client address may start in any 24 hours (behind a trusted proxy, "
        "the real client's), so that dropping the cookie does not escape the limits above; more are "
        "politely declined until the oldest is a day old. 0 means no limit.",
    ),
    Setting(
        "KAIZEN_RETENTION_DAYS",
        "365",
        "Conversation logs older than this many days are purged (daily, and by python -m bot purge).",
    ),
    Setting(
        "LINE_CHANNEL_SECRET",
        "",
        "The LINE channel's secret (32 characters of 0-9 and a-f), to verify webhooks; with "
        "LINE_CHANNEL_ACCESS_TOKEN turns LINE on (empty: LINE is off).",
    ),
    Setting(
        "LINE_CHANNEL_ACCESS_TOKEN",
        "",
        "The LINE channel's long-lived access token, to reply and push; with LINE_CHANNEL_SECRET turns "
        "LINE on (empty: LINE is off).",
    ),
    Setting(
        "LINE_API_BASE_URL",
        "https://api.line.me",
        "Base URL of the LINE Messaging API (a local fake in tests and demos).",
    ),
    Setting(
        "TEAMS_APP_ID",
        "",
        "The Teams bot's Microsoft App ID; with TEAMS_APP_PASSWORD and TEAMS_TENANT_ID turns Teams on, "
        "with token checks; empty (with the other two) leaves Teams off.",
    ),
    Setting(
        "TEAMS_APP_PASSWORD",
        "",
        "The client secret of the bot's app registration (to get the bot's own tokens from Entra); "
        "empty leaves Teams off.",
    ),
    Setting(
        "TEAMS_TENANT_ID",
        "",
        "The Microsoft Entra tenant the bot's app belongs to (a single-tenant app); empty leaves Teams off.",
    ),
    Setting(
        "TEAMS_ANONYMOUS",
        "false",
        "true turns Teams on without credentials and without token checks, for a local trial with the "
        "Bot Framework Emulator; never in production, and never with the TEAMS_APP_* settings.",
    ),
    Setting(
        "SLACK_BOT_TOKEN",
        "",
        "The Slack app's bot token (xoxb-…), to post answers; with SLACK_SIGNING_SECRET turns Slack on "
        "(empty: Slack is off). Any other kind of token stops the start.",
    ),
    Setting(
        "SLACK_SIGNING_SECRET",
        "",
        "The Slack app's signing secret, to verify requests from Slack; with SLACK_BOT_TOKEN turns "
        "Slack on (empty: Slack is off).",
    ),
    Setting(
        "SLACK_API_BASE_URL",
        "https://slack.com/api/",
        "Base URL of the Slack Web API (a local fake in tests and demos).",
    ),
    Setting(
        "KAIZEN_TEAM_ROOM",
        "",
        "The DX team's own room, as <channel>:<room id> (teams:19:abc@thread.tacv2, line:C0123…, "
        "slack:C0123ABC, lineworks:<channelId>): notices go there and the team answers there; empty "
        "turns it off.",
    ),
    Setting(
        "KAIZEN_TEAM_MEMBERS",
        "",
        "Who may answer from the team's room, comma-separated as <channel>:<user id>=<dashboard account> "
        "(teams:6b1f…=tanaka); each acts as that dashboard account. Needs KAIZEN_TEAM_ROOM; empty lets "
        "nobody answer from the room (notices still arrive).",
    ),
    Setting(
        "LINEWORKS_BOT_ID",
        "",
        "The LINE WORKS bot's Bot ID; with the other five LINEWORKS_* credentials turns LINE WORKS on "
        "(empty: LINE WORKS is off).",
    ),
    Setting(
        "LINEWORKS_BOT_SECRET",
        "",
        "The bot's Bot Secret, to verify X-WORKS-Signature on every callback; empty leaves LINE WORKS off.",
    ),
    Setting(
        "LINEWORKS_CLIENT_ID",
        "",
        "The Developer Console app's Client ID (the issuer of the JWT); empty leaves LINE WORKS off.",
    ),
    Setting(
        "LINEWORKS_CLIENT_SECRET",
        "",
        "The Developer Console app's Client Secret; empty leaves LINE WORKS off.",
    ),
    Setting(
        "LINEWORKS_SERVICE_ACCOUNT",
        "",
        "The app's Service Account (xxxxx.serviceaccount@<domain>), the subject of the JWT; empty leaves "
        "LINE WORKS off.",
    ),
    Setting(
        "LINEWORKS_PRIVATE_KEY_FILE",
        "",
        "Path of the service account's private key (the PEM file the Developer Console issues); read and "
        "checked at start-up; empty leaves LINE WORKS off.",
    ),
    Setting(
        "LINEWORKS_API_BASE_URL",
        "https://www.worksapis.com/v1.0",
        "Base URL of the LINE WORKS API 2.0 (a local fake in tests).",
    ),
    Setting(
        "LINEWORKS_AUTH_BASE_URL",
        "https://auth.worksmobile.com/oauth2/v2.0",
        "Base URL of LINE WORKS' OAuth server, where access tokens come from (a local fake in tests).",
    ),
    Setting(
        "TELEGRAM_BOT_TOKEN",
        "",
        "The bot's token from @BotFather (123456:ABC-…); with TELEGRAM_WEBHOOK_SECRET turns Telegram on "
        "(empty: Telegram is off).",
    ),
    Setting(
        "TELEGRAM_WEBHOOK_SECRET",
        "",
        "The secret Telegram sends with every webhook (X-Telegram-Bot-Api-Secret-Token): 1-256 letters, "
        "digits, _ or -; python -m bot telegram set-webhook registers it. empty: Telegram is off.",
    ),
    Setting(
        "TELEGRAM_API_BASE_URL",
        "https://api.telegram.org",
        "Base URL of the Telegram Bot API (a local fake in tests and demos).",
    ),
)
