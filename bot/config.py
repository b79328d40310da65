"""Every setting once, with its default and help text.

Settings come from the environment (and a few command-line options); the
README's settings table is checked against `SETTINGS` by a test.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = [
    "DB_TIMEOUT_SECONDS",
    "PROJECT_ROOT",
    "SETTINGS",
    "ChatSettings",
    "DeliverySettings",
    "Limits",
    "LineSettings",
    "LineWorksSettings",
    "Network",
    "NotifySettings",
    "ProxySettings",
    "Setting",
    "Settings",
    "SettingsError",
    "SlackSettings",
    "TeamSettings",
    "TeamsSettings",
    "TelegramSettings",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent

WEBHOOK_FORMATS = ("auto", "teams", "slack", "lineworks")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
WEBHOOK_TURNS = ("server", "worker")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_HEADER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")

DB_TIMEOUT_SECONDS = 5
"""The longest the bot waits on the database before answering "try again later" (503)."""

MIN_ADMIN_TOKEN_CHARS = 32
"""A shorter bearer token (admin, metrics, chat API) could be guessed.

32 characters of token_urlsafe carry 192 bits.
"""

MAX_RETENTION_DAYS = 365 * 30
"""The longest retention period (``KAIZEN_RETENTION_DAYS``, ``purge --days``)."""


class SettingsError(ValueError):
    """Settings that each look right but do not fit together or with what exists (found once built)."""


def _refused(name: str, request: str, value: str, why: str = "") -> ValueError:
    """A bad setting's error in the one form the DX team reads: the name, what to set, the value given, why.

    Only for values that are not secrets; a secret's error says what is wrong with it instead.
    """
    space = " " if request[0].isascii() else ""  # KAIZEN_PORT は 1〜65535…, KAIZEN_TEAM_MEMBERS は同じ…
    return ValueError(f"{name} は{space}{request}（指定された値: {value!r}）。{why}")


def _one_of(name: str, choices: Sequence[str], value: str) -> ValueError:
    """The error of a setting that takes one of a few words."""
    return _refused(name, f"{'・'.join(choices)} のいずれかを指定してください", value)


_MAKE_TOKEN = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'
"""The command that makes a token or secret every token setting accepts."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable the bot reads."""

    name: str
    default: str
    help: str


def _default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "kaizen-bot")


SETTINGS: tuple[Setting, ...] = (
    Setting("KAIZEN_FAQ", str(PROJECT_ROOT / "faq.yaml"), "The FAQ file (same as --faq)."),
    Setting(
        "KAIZEN_KNOWLEDGE", str(PROJECT_ROOT / "knowledge"), "The knowledge directory (same as --knowledge)."
    ),
    Setting(
        "DATABASE_URL",
        f"sqlite:///{PROJECT_ROOT / 'var' / 'kaizen.db'}",
        "Database URL (same as --database): sqlite:///path or postgresql://user:pass@host/db.",
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
    Setting("KAIZEN_HOST", "127.0.0.1", "Address `serve` listens on (same as serve --host)."),
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
        "consultations; empty turns webhook notices off. Anything but an http(s) URL stops the start.",
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
    Setting("KAIZEN_SMTP_HOST", "", "SMTP server for e-mail notices; empty turns e-mail notices off."),
    Setting("KAIZEN_SMTP_PORT", "587", "SMTP port."),
    Setting("KAIZEN_SMTP_USER", "", "SMTP user name; empty sends without logging in."),
    Setting("KAIZEN_SMTP_PASSWORD", "", "SMTP password, with KAIZEN_SMTP_USER; empty when not logging in."),
    Setting("KAIZEN_SMTP_STARTTLS", "true", "Whether to use STARTTLS (true or false)."),
    Setting("KAIZEN_SMTP_FROM", "kaizen-bot@localhost", "Sender address of e-mail notices."),
    Setting(
        "KAIZEN_SMTP_TO",
        "",
        "Recipients of e-mail notices, comma-separated; empty turns e-mail notices off.",
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
        "Messages and button presses one staff member may send in any 60 seconds, over every channel; "
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


@dataclass(frozen=True, slots=True)
class NotifySettings:
    """Where notices to the DX team go; an empty URL or address list turns that channel off."""

    webhook_url: str = ""
    webhook_format: str = "auto"
    waiting_hours: int = 24
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    smtp_from: str = "kaizen-bot@localhost"
    smtp_to: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """How the outbox worker retries: exponential backoff, and a lease longer than any attempt."""

    backoff_seconds: float = 5.0
    backoff_max_seconds: float = 3600.0
    timeout_seconds: float = 20.0
    lease_seconds: float = 120.0


@dataclass(frozen=True, slots=True)
class LineSettings:
    """The LINE channel's settings: on when the secret and the access token are both set."""

    channel_secret: str = ""
    access_token: str = ""
    api_base_url: str = "https://api.line.me"

    @property
    def required(self) -> tuple[str, ...]:
        """The settings that turn LINE on."""
        return ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN")

    def missing(self) -> tuple[str, ...]:
        """The required settings that are empty."""
        values = (self.channel_secret, self.access_token)
        return tuple(name for name, value in zip(self.required, values, strict=True) if not value)


@dataclass(frozen=True, slots=True)
class TeamsSettings:
    """The Teams channel's settings: on with all three credentials, or in anonymous mode (never both)."""

    app_id: str = ""
    app_password: str = ""
    tenant_id: str = ""
    anonymous: bool = False

    @property
    def required(self) -> tuple[str, ...]:
        """The settings that turn Teams on (``TEAMS_ANONYMOUS=true`` stands in for all three)."""
        return ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID")

    def missing(self) -> tuple[str, ...]:
        """The required settings that are empty; none in anonymous mode."""
        if self.anonymous:
            return ()
        values = (self.app_id, self.app_password, self.tenant_id)
        return tuple(name for name, value in zip(self.required, values, strict=True) if not value)


@dataclass(frozen=True, slots=True)
class TeamSettings:
    """The DX team's own room on a channel, and who may answer from it (as which dashboard account).

    ``members`` maps ``(channel, user id)`` to a dashboard account name.
    Only the syntax is checked here; that the channel exists, is on and can
    host a room is checked when the channels are built
    (`bot.teamroom.settings.check`).
    """

    channel: str = ""
    room: str = ""
    members: Mapping[tuple[str, str], str] = field(default_factory=dict)

    @property
    def on(self) -> bool:
        """Whether a team room is set."""
        return bool(self.channel)


@dataclass(frozen=True, slots=True)
class LineWorksSettings:
    """The LINE WORKS channel's settings: on when all six credentials are set.

    ``private_key`` is the PEM text of ``LINEWORKS_PRIVATE_KEY_FILE``, read
    and checked to be an RSA private key when the settings are read, so a
    wrong file stops the start instead of failing the first message.
    """

    bot_id: str = ""
    bot_secret: str = ""
    client_id: str = ""
    client_secret: str = ""
    service_account: str = ""
    private_key_file: str = ""
    private_key: str = field(default="", repr=False)
    api_base_url: str = "https://www.worksapis.com/v1.0"
    auth_base_url: str = "https://auth.worksmobile.com/oauth2/v2.0"

    @property
    def required(self) -> tuple[str, ...]:
        """The settings that turn LINE WORKS on."""
        return (
            "LINEWORKS_BOT_ID",
            "LINEWORKS_BOT_SECRET",
            "LINEWORKS_CLIENT_ID",
            "LINEWORKS_CLIENT_SECRET",
            "LINEWORKS_SERVICE_ACCOUNT",
            "LINEWORKS_PRIVATE_KEY_FILE",
        )

    def missing(self) -> tuple[str, ...]:
        """The required settings that are empty."""
        values = (
            self.bot_id,
            self.bot_secret,
            self.client_id,
            self.client_secret,
            self.service_account,
            self.private_key_file,
        )
        return tuple(name for name, value in zip(self.required, values, strict=True) if not value)


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    """The Telegram channel's settings: on when the bot token and the webhook secret are both set."""

    bot_token: str = ""
    webhook_secret: str = ""
    api_base_url: str = "https://api.telegram.org"

    @property
    def required(self) -> tuple[str, ...]:
        """The settings that turn Telegram on."""
        return ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET")

    def missing(self) -> tuple[str, ...]:
        """The required settings that are empty."""
        values = (self.bot_token, self.webhook_secret)
        return tuple(name for name, value in zip(self.required, values, strict=True) if not value)


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one staff member may send, over every channel together; 0 means no limit."""

    consultations_per_day: int = 10
    messages_per_minute: int = 30
    web_sessions_per_day: int = 30
    """New anonymous web chat sessions per client address in any 24 hours."""


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """Who may talk in the web chat: the page's sessions, and other systems with the API token."""

    api_token: str = ""
    session_days: int = 30


@dataclass(frozen=True, slots=True)
class ProxySettings:
    """Which reverse proxies are believed, and the header in which they name a signed-in user."""

    trusted: tuple[Network, ...] = ()
    sso_user_header: str = ""


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """The Slack channel's settings: on when the bot token and the signing secret are both set."""

    bot_token: str = ""
    signing_secret: str = ""
    api_base_url: str = "https://slack.com/api/"

    @property
    def required(self) -> tuple[str, ...]:
        """The settings that turn Slack on."""
        return ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")

    def missing(self) -> tuple[str, ...]:
        """The required settings that are empty."""
        values = (self.bot_token, self.signing_secret)
        return tuple(name for name, value in zip(self.required, values, strict=True) if not value)


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings in force, validated at start-up."""

    faq_path: Path
    knowledge_dir: Path
    database_url: str
    cache_dir: Path | None
    log_level: str
    log_format: str = "text"
    trust_request_id: bool = False
    metrics_token: str = ""
    semantic: bool = True
    reload_poll_seconds: int = 10
    host: str = "127.0.0.1"
    port: int = 8080
    max_body_bytes: int = 65536
    admin_token: str = ""
    admin_session_hours: int = 12
    public_url: str = ""
    retention_days: int = 365
    db_timeout_seconds: int = DB_TIMEOUT_SECONDS
    inbox_lease_seconds: int = 60
    webhook_turns: str = "server"
    notify: NotifySettings = field(default_factory=NotifySettings)
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    limits: Limits = field(default_factory=Limits)
    line: LineSettings = field(default_factory=LineSettings)
    chat: ChatSettings = field(default_factory=ChatSettings)
    proxy: ProxySettings = field(default_factory=ProxySettings)
    teams: TeamsSettings = field(default_factory=TeamsSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)
    team: TeamSettings = field(default_factory=TeamSettings)
    lineworks: LineWorksSettings = field(default_factory=LineWorksSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: str | None) -> Settings:
        """Read the environment; a non-None keyword (from the command line) wins."""
        source = os.environ if env is None else env
        values = {s.name: source.get(s.name, s.default) for s in SETTINGS}
        if "KAIZEN_CACHE_DIR" not in source:
            values["KAIZEN_CACHE_DIR"] = _default_cache_dir()
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
        level = values["KAIZEN_LOG_LEVEL"].upper()
        if level not in LOG_LEVELS:
            raise _one_of("KAIZEN_LOG_LEVEL", LOG_LEVELS, values["KAIZEN_LOG_LEVEL"])
        log_format = values["KAIZEN_LOG_FORMAT"].strip().lower()
        if log_format not in LOG_FORMATS:
            raise _one_of("KAIZEN_LOG_FORMAT", LOG_FORMATS, values["KAIZEN_LOG_FORMAT"])
        cache = values["KAIZEN_CACHE_DIR"].strip()
        return cls(
            faq_path=Path(values["KAIZEN_FAQ"]).expanduser(),
            knowledge_dir=Path(values["KAIZEN_KNOWLEDGE"]).expanduser(),
            database_url=_database_url(values),
            cache_dir=Path(cache).expanduser() if cache else None,
            log_level=level,
            log_format=log_format,
            trust_request_id=_boolean(values, "KAIZEN_TRUST_REQUEST_ID"),
            metrics_token=_token(values, "KAIZEN_METRICS_TOKEN"),
            semantic=_boolean(values, "KAIZEN_SEMANTIC"),
            reload_poll_seconds=_integer(values, "KAIZEN_RELOAD_POLL_SECONDS", 0, 3600),
            host=values["KAIZEN_HOST"].strip(),
            port=_integer(values, "KAIZEN_PORT", 1, 65535),
            max_body_bytes=_integer(values, "KAIZEN_MAX_BODY_BYTES", 1024, 100 * 1024 * 1024),
            admin_token=_token(values, "KAIZEN_ADMIN_TOKEN"),
            admin_session_hours=_integer(values, "KAIZEN_ADMIN_SESSION_HOURS", 1, 24 * 30),
            public_url=_optional_url(values, "KAIZEN_PUBLIC_URL"),
            retention_days=_integer(values, "KAIZEN_RETENTION_DAYS", 1, MAX_RETENTION_DAYS),
            db_timeout_seconds=_integer(values, "KAIZEN_DB_TIMEOUT_SECONDS", 2, 300),
            inbox_lease_seconds=_integer(values, "KAIZEN_INBOX_LEASE_SECONDS", 2, 3600),
            webhook_turns=_webhook_turns(values),
            notify=_notify(values),
            delivery=_delivery(values),
            limits=Limits(
                consultations_per_day=_integer(values, "KAIZEN_LIMIT_CONSULTATIONS_PER_DAY", 0, 10_000),
                messages_per_minute=_integer(values, "KAIZEN_LIMIT_MESSAGES_PER_MINUTE", 0, 10_000),
                web_sessions_per_day=_integer(values, "KAIZEN_LIMIT_WEB_SESSIONS_PER_DAY", 0, 1_000_000),
            ),
            line=LineSettings(
                channel_secret=_line_channel_secret(values),
                access_token=_line_access_token(values),
                api_base_url=_base_url(values, "LINE_API_BASE_URL"),
            ),
            chat=_chat(values),
            proxy=_proxy(values),
            teams=_teams(values),
            slack=SlackSettings(
                bot_token=_slack_bot_token(values),
                signing_secret=values["SLACK_SIGNING_SECRET"].strip(),
                api_base_url=_base_url(values, "SLACK_API_BASE_URL").rstrip("/") + "/",
            ),
            team=_team(values),
            lineworks=_lineworks(values),
            telegram=_telegram(values),
        )


def _token(values: Mapping[str, str], name: str) -> str:
    """A bearer token setting: empty (its API off) or at least `MIN_ADMIN_TOKEN_CHARS` long."""
    token = values[name].strip()
    if token and len(token) < MIN_ADMIN_TOKEN_CHARS:
        raise ValueError(
            f"{name} は{MIN_ADMIN_TOKEN_CHARS}文字以上にしてください（指定された値は{len(token)}文字です）。"
            f"次のコマンドで作れます: {_MAKE_TOKEN}"
        )
    return token


def _webhook_turns(values: Mapping[str, str]) -> str:
    turns = values["KAIZEN_WEBHOOK_TURNS"].strip().lower()
    if turns not in WEBHOOK_TURNS:
        raise _one_of("KAIZEN_WEBHOOK_TURNS", WEBHOOK_TURNS, values["KAIZEN_WEBHOOK_TURNS"])
    return turns


def _notify(values: Mapping[str, str]) -> NotifySettings:
    webhook_format = values["KAIZEN_NOTIFY_WEBHOOK_FORMAT"].strip().lower()
    if webhook_format not in WEBHOOK_FORMATS:
        raise _one_of("KAIZEN_NOTIFY_WEBHOOK_FORMAT", WEBHOOK_FORMATS, values["KAIZEN_NOTIFY_WEBHOOK_FORMAT"])
    return NotifySettings(
        webhook_url=_optional_url(values, "KAIZEN_NOTIFY_WEBHOOK_URL"),
        webhook_format=webhook_format,
        waiting_hours=_integer(values, "KAIZEN_NOTIFY_WAITING_HOURS", 0, 24 * 365),
        smtp_host=values["KAIZEN_SMTP_HOST"].strip(),
        smtp_port=_integer(values, "KAIZEN_SMTP_PORT", 1, 65535),
        smtp_user=values["KAIZEN_SMTP_USER"],
        smtp_password=values["KAIZEN_SMTP_PASSWORD"],
        smtp_starttls=_boolean(values, "KAIZEN_SMTP_STARTTLS"),
        smtp_from=values["KAIZEN_SMTP_FROM"].strip(),
        smtp_to=tuple(a.strip() for a in values["KAIZEN_SMTP_TO"].split(",") if a.strip()),
    )


def _delivery(values: Mapping[str, str]) -> DeliverySettings:
    delivery = DeliverySettings(
        backoff_seconds=_integer(values, "KAIZEN_DELIVERY_BACKOFF_SECONDS", 1, 86400),
        backoff_max_seconds=_integer(values, "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS", 1, 7 * 86400),
        timeout_seconds=_integer(values, "KAIZEN_DELIVERY_TIMEOUT_SECONDS", 1, 600),
        lease_seconds=_integer(values, "KAIZEN_DELIVERY_LEASE_SECONDS", 2, 7200),
    )
    if delivery.lease_seconds <= delivery.timeout_seconds:
        raise _refused(
            "KAIZEN_DELIVERY_LEASE_SECONDS",
            f"KAIZEN_DELIVERY_TIMEOUT_SECONDS（{delivery.timeout_seconds:g}秒）より長い秒数を指定してください",
            values["KAIZEN_DELIVERY_LEASE_SECONDS"],
            "配信に時間のかかっているメッセージを、別のワーカーが重ねて送らないためです。",
        )
    return delivery


_HTTP_URL = "http:// か https:// で始まるURL"


def _base_url(values: Mapping[str, str], name: str) -> str:
    """An http(s) URL without its trailing slash (the SDKs append paths that begin with one)."""
    url = values[name].strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise _refused(name, _HTTP_URL + "を指定してください", values[name])
    return url


def _slack_bot_token(values: Mapping[str, str]) -> str:
    """Empty, or a bot token: an app-level (xapp-) or user (xoxp-) token would fail or post as a person."""
    token = values["SLACK_BOT_TOKEN"].strip()
    if token and not token.startswith("xoxb-"):
        given = (
            f"は {token.split('-', 1)[0][:8]}- で始まっています" if "-" in token else "には接頭辞がありません"
        )
        raise ValueError(  # what it starts with, never the secret itself
            "SLACK_BOT_TOKEN は xoxb- で始まる Bot User OAuth Token を指定してください"
            f"（指定されたトークン{given}）。"
        )
    return token


_LINE_SECRET = re.compile(r"^[0-9A-Fa-f]{32}$")
"""A LINE channel secret as the console shows it (Basic settings): 32 hexadecimal characters."""


def _line_channel_secret(values: Mapping[str, str]) -> str:
    """Empty, or a channel secret: any other value starts fine and then fails every webhook's signature."""
    secret = values["LINE_CHANNEL_SECRET"].strip()
    if not secret or _LINE_SECRET.match(secret):
        return secret
    problem = _pasted_wrong(secret) or (
        f"指定された値は{len(secret)}文字です"
        if len(secret) != 32
        else "指定された値に0〜9・a〜f以外の文字があります"
    )
    if len(secret) > 64:
        problem += "。チャネルアクセストークンは LINE_CHANNEL_ACCESS_TOKEN に設定してください"
    raise ValueError(
        "LINE_CHANNEL_SECRET はチャネルシークレット（LINE Developers コンソールの"
        f"「チャネル基本設定」にある、0〜9・a〜fの32文字）を指定してください。{problem}。"
    )


def _line_access_token(values: Mapping[str, str]) -> str:
    """Empty, or an access token that is neither the channel secret nor pasted with quotes or spaces."""
    token = values["LINE_CHANNEL_ACCESS_TOKEN"].strip()
    if not token:
        return token
    if _LINE_SECRET.match(token):
        problem = "指定された値はチャネルシークレット（0〜9・a〜fの32文字）のようです"
    else:
        problem = _pasted_wrong(token) or ""
    if problem:
        raise ValueError(
            "LINE_CHANNEL_ACCESS_TOKEN はチャネルアクセストークン（長期）（LINE Developers コンソールの"
            f"「Messaging API設定」で発行したもの）を指定してください。{problem}。"
        )
    return token


def _pasted_wrong(secret: str) -> str | None:
    """What a secret pasted by hand carries that no issued one has; None when nothing. Never the secret."""
    if secret[0] in "'\"" or secret[-1] in "'\"":
        return "指定された値の前後に引用符が付いています"
    if any(c.isspace() for c in secret):
        return "指定された値の途中に空白か改行があります"
    return None


def _optional_url(values: Mapping[str, str], name: str) -> str:
    """Empty, or an http(s) URL: anything else would fail every notice at delivery, retried for ever."""
    url = values[name].strip()
    if url and not url.startswith(("http://", "https://")):
        raise _refused(name, _HTTP_URL + "を指定するか、空にしてください", values[name])
    return url


def _database_url(values: Mapping[str, str]) -> str:
    """A SQLite or PostgreSQL URL: a plain path or another database fails later, with a traceback."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = values["DATABASE_URL"].strip()
    example = "（sqlite:///kaizen.db や postgresql://user:password@host/dbname）を指定してください"
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise _refused("DATABASE_URL", "SQLite か PostgreSQL のURL" + example, url) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql", "postgres"):
        shown = parsed.render_as_string(hide_password=True)  # the password is never printed
        raise _refused("DATABASE_URL", "SQLite か PostgreSQL のURL" + example, shown)
    return url


def _chat(values: Mapping[str, str]) -> ChatSettings:
    return ChatSettings(
        api_token=_token(values, "KAIZEN_CHAT_API_TOKEN"),
        session_days=_integer(values, "KAIZEN_CHAT_SESSION_DAYS", 1, 365),
    )


def _proxy(values: Mapping[str, str]) -> ProxySettings:
    trusted: list[Network] = []
    for item in values["KAIZEN_TRUSTED_PROXIES"].split(","):
        if item.strip():
            try:
                trusted.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise _refused(
                    "KAIZEN_TRUSTED_PROXIES",
                    "IPアドレスかネットワーク（10.0.0.5、10.0.0.0/24 など）をカンマ区切りで指定してください",
                    item.strip(),
                ) from None
    header = values["KAIZEN_SSO_USER_HEADER"].strip()
    if header and not trusted:
        raise ValueError(
            "KAIZEN_SSO_USER_HEADER を使うときは KAIZEN_TRUSTED_PROXIES も設定してください。"
            "このヘッダーは、利用者のサインインを確かめるリバースプロキシから届いたものだけを信頼します。"
        )
    if header and not _HEADER_NAME.match(header):
        raise _refused("KAIZEN_SSO_USER_HEADER", "X-Remote-User のようなヘッダー名を指定してください", header)
    return ProxySettings(trusted=tuple(trusted), sso_user_header=header)


def _teams(values: Mapping[str, str]) -> TeamsSettings:
    """Teams' settings; anonymous mode together with credentials is refused (it would turn the checks off)."""
    teams = TeamsSettings(
        app_id=values["TEAMS_APP_ID"].strip(),
        app_password=values["TEAMS_APP_PASSWORD"].strip(),
        tenant_id=values["TEAMS_TENANT_ID"].strip(),
        anonymous=_boolean(values, "TEAMS_ANONYMOUS"),
    )
    if teams.anonymous and (teams.app_id or teams.app_password or teams.tenant_id):
        raise ValueError(
            "TEAMS_ANONYMOUS=true は Teams のトークン確認を止める、手元での試用だけのための設定です。"
            "TEAMS_APP_ID・TEAMS_APP_PASSWORD・TEAMS_TENANT_ID と一緒には使えません。"
        )
    return teams


_CHANNEL_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_ACCOUNT_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
"""A dashboard account's name, as `bot.consult.accounts` accepts it."""


def _team(values: Mapping[str, str]) -> TeamSettings:
    """The team room and its members; malformed entries are refused with what was expected."""
    room_value = values["KAIZEN_TEAM_ROOM"].strip()
    members_value = values["KAIZEN_TEAM_MEMBERS"].strip()
    if not room_value:
        if members_value:
            raise ValueError(
                "KAIZEN_TEAM_MEMBERS を使うときは KAIZEN_TEAM_ROOM も設定してください。"
                "メンバーはそのルームから回答するためです。"
            )
        return TeamSettings()
    room_of = _channel_and_id(room_value)
    if room_of is None:
        raise _refused("KAIZEN_TEAM_ROOM", "<channel>:<room id> の形で指定してください", room_value)
    channel, room = room_of
    members: dict[tuple[str, str], str] = {}
    for item in members_value.split(","):
        if not item.strip():
            continue
        who, _, account = item.strip().rpartition("=")
        member = _channel_and_id(who)
        if member is None:
            raise _refused(
                "KAIZEN_TEAM_MEMBERS",
                "<channel>:<user id>=<dashboard account> をカンマ区切りで指定してください",
                item.strip(),
            )
        account = account.strip()
        if not _ACCOUNT_NAME.match(account):
            raise _refused(
                "KAIZEN_TEAM_MEMBERS",
                "「=」の後にダッシュボードのアカウント名（半角英小文字・数字・「.」「_」「-」の2〜32文字）を"
                "指定してください",
                item.strip(),
            )
        if member in members:
            raise _refused(
                "KAIZEN_TEAM_MEMBERS",
                "各ユーザーIDを1回ずつ指定してください",
                item.strip(),
                f"{who.strip()} が2回書かれています。",
            )
        if member[0] != channel:
            raise _refused(
                "KAIZEN_TEAM_MEMBERS",
                f"チームのルームと同じチャネル（{channel}）のユーザーIDを指定してください",
                item.strip(),
                "メンバーはルームから回答するためです。",
            )
        members[member] = account
    return TeamSettings(channel, room, members)


def _channel_and_id(value: str) -> tuple[str, str] | None:
    """``<channel>:<id>``, or None: the channel is before the first colon (Teams' ids hold colons)."""
    channel, colon, ident = value.partition(":")
    channel, ident = channel.strip().lower(), ident.strip()
    if not colon or not _CHANNEL_NAME.match(channel) or not ident or any(c.isspace() for c in ident):
        return None
    return channel, ident


def _lineworks(values: Mapping[str, str]) -> LineWorksSettings:
    """LINE WORKS' settings; with the whole group set, the private key is read and checked here."""
    group = LineWorksSettings(
        bot_id=values["LINEWORKS_BOT_ID"].strip(),
        bot_secret=values["LINEWORKS_BOT_SECRET"].strip(),
        client_id=values["LINEWORKS_CLIENT_ID"].strip(),
        client_secret=values["LINEWORKS_CLIENT_SECRET"].strip(),
        service_account=values["LINEWORKS_SERVICE_ACCOUNT"].strip(),
        private_key_file=values["LINEWORKS_PRIVATE_KEY_FILE"].strip(),
        api_base_url=_base_url(values, "LINEWORKS_API_BASE_URL"),
        auth_base_url=_base_url(values, "LINEWORKS_AUTH_BASE_URL"),
    )
    if group.missing():
        return group
    return replace(group, private_key=_rsa_private_key(group.private_key_file, "LINEWORKS_PRIVATE_KEY_FILE"))


def _rsa_private_key(path: str, name: str) -> str:
    """The PEM text of the RSA private key at ``path``; ValueError naming the setting otherwise."""
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    file = Path(path).expanduser()
    try:
        pem = file.read_bytes()
    except OSError as exc:
        raise _refused(
            name,
            "読み込めるファイルを指定してください",
            str(file),
            f"ファイルを読み込めませんでした（{exc.strerror or exc}）。",
        ) from None
    try:
        key = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise _refused(
            name,
            "LINE WORKS Developer Console でサービスアカウントに発行された秘密鍵のファイルを指定してください",
            str(file),
            f"暗号化されていないPEM形式の秘密鍵ではありません（{exc}）。",
        ) from None
    if not isinstance(key, RSAPrivateKey):
        raise _refused(
            name,
            "RSA の秘密鍵のファイルを指定してください",
            str(file),
            "LINE WORKS は RS256 で署名するためです。",
        )
    return pem.decode("ascii")


_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
"""What Telegram accepts as a webhook's secret token (Bot API ``setWebhook``)."""


def _telegram(values: Mapping[str, str]) -> TelegramSettings:
    """Telegram's settings; a secret Telegram would refuse is refused here, at start."""
    secret = values["TELEGRAM_WEBHOOK_SECRET"].strip()
    if secret and not _TELEGRAM_SECRET.match(secret):
        raise ValueError(
            "TELEGRAM_WEBHOOK_SECRET は半角英数字・「_」「-」の1〜256文字にしてください"
            f"（Telegram はほかの文字を受け付けません）。次のコマンドで作れます: {_MAKE_TOKEN}"
        )
    return TelegramSettings(
        bot_token=values["TELEGRAM_BOT_TOKEN"].strip(),
        webhook_secret=secret,
        api_base_url=_base_url(values, "TELEGRAM_API_BASE_URL"),
    )


def _boolean(values: Mapping[str, str], name: str) -> bool:
    value = values[name].strip().lower()
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off"):
        return False
    raise _one_of(name, ("true", "false"), values[name])


def _integer(values: Mapping[str, str], name: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``; one error for text and for a number out of range."""
    request = f"{low}〜{high}の整数を指定してください"
    try:
        number = int(values[name])
    except ValueError:
        raise _refused(name, request, values[name]) from None
    if not low <= number <= high:
        raise _refused(name, request, values[name])
    return number
