"""The settings in force: read from the environment, checked, grouped per part of the bot.

Settings come from the environment (and a few command-line options). Every
setting is listed once, with its default and help, in `bot.config.catalog`
(the README's settings table is checked against it by a test); each part's
group of settings is in `bot.config.sections`. This module reads the values
into them: one value's checks are in `bot.config.checks`, each messenger's
and the team room's in `bot.config.channels`.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import channels
from bot.config.catalog import (
    ACCOUNT_NAME,
    DB_TIMEOUT_SECONDS,
    LOG_FORMATS,
    LOG_LEVELS,
    MAX_RETENTION_DAYS,
    PROJECT_ROOT,
    SETTINGS,
    WEBHOOK_FORMATS,
    WEBHOOK_TURNS,
    Setting,
    default_cache_dir,
)
from bot.config.checks import (
    boolean,
    choice,
    distinct_tokens,
    email_address,
    email_addresses,
    integer,
    optional_url,
    refused,
    token,
)
from bot.config.places import default_database_url, knowledge_place
from bot.config.sections import (
    ChatSettings,
    DeliverySettings,
    Limits,
    LineSettings,
    LineWorksSettings,
    Network,
    NotifySettings,
    ProxySettings,
    SlackSettings,
    TeamSettings,
    TeamsSettings,
    TelegramSettings,
)

__all__ = [
    "ACCOUNT_NAME",
    "DB_TIMEOUT_SECONDS",
    "MAX_RETENTION_DAYS",
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

_HEADER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


class SettingsError(ValueError):
    """Settings that each look right but do not fit together or with what exists (found once built)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings in force, validated at start-up."""

    faq_path: Path
    knowledge_dir: Path
    database_url: str
    cache_dir: Path | None
    log_level: str
    sample_knowledge: bool = False
    """The sample knowledge serves: nothing named the ward's, and the working directory held none."""
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
            values["KAIZEN_CACHE_DIR"] = default_cache_dir()
        if "DATABASE_URL" not in source:
            values["DATABASE_URL"] = default_database_url(Path.cwd())
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
        place = knowledge_place(
            _given(source, overrides, "KAIZEN_FAQ"), _given(source, overrides, "KAIZEN_KNOWLEDGE"), Path.cwd()
        )
        level = choice(values, "KAIZEN_LOG_LEVEL", LOG_LEVELS)
        log_format = choice(values, "KAIZEN_LOG_FORMAT", LOG_FORMATS)
        cache = values["KAIZEN_CACHE_DIR"].strip()
        settings = cls(
            faq_path=place.faq_path,
            knowledge_dir=place.knowledge_dir,
            sample_knowledge=place.sample,
            database_url=_database_url(values),
            cache_dir=Path(cache).expanduser() if cache else None,
            log_level=level,
            log_format=log_format,
            trust_request_id=boolean(values, "KAIZEN_TRUST_REQUEST_ID"),
            metrics_token=token(values, "KAIZEN_METRICS_TOKEN"),
            semantic=boolean(values, "KAIZEN_SEMANTIC"),
            reload_poll_seconds=integer(values, "KAIZEN_RELOAD_POLL_SECONDS", 0, 3600),
            host=_host(values),
            port=integer(values, "KAIZEN_PORT", 1, 65535),
            max_body_bytes=integer(values, "KAIZEN_MAX_BODY_BYTES", 1024, 100 * 1024 * 1024),
            admin_token=token(values, "KAIZEN_ADMIN_TOKEN"),
            admin_session_hours=integer(values, "KAIZEN_ADMIN_SESSION_HOURS", 1, 24 * 30),
            public_url=optional_url(values, "KAIZEN_PUBLIC_URL"),
            retention_days=integer(values, "KAIZEN_RETENTION_DAYS", 1, MAX_RETENTION_DAYS),
            db_timeout_seconds=integer(values, "KAIZEN_DB_TIMEOUT_SECONDS", 2, 300),
            inbox_lease_seconds=integer(values, "KAIZEN_INBOX_LEASE_SECONDS", 2, 3600),
            webhook_turns=choice(values, "KAIZEN_WEBHOOK_TURNS", WEBHOOK_TURNS),
            notify=_notify(values),
            delivery=_delivery(values),
            limits=Limits(
                consultations_per_day=integer(values, "KAIZEN_LIMIT_CONSULTATIONS_PER_DAY", 0, 10_000),
                messages_per_minute=integer(values, "KAIZEN_LIMIT_MESSAGES_PER_MINUTE", 0, 10_000),
                web_sessions_per_day=integer(values, "KAIZEN_LIMIT_WEB_SESSIONS_PER_DAY", 0, 1_000_000),
            ),
            line=channels.line(values),
            chat=_chat(values),
            proxy=_proxy(values),
            teams=channels.teams(values),
            slack=channels.slack(values),
            team=channels.team_room(values),
            lineworks=channels.lineworks(values),
            telegram=channels.telegram(values),
        )
        distinct_tokens(
            {
                "KAIZEN_CHAT_API_TOKEN": settings.chat.api_token,
                "KAIZEN_ADMIN_TOKEN": settings.admin_token,
                "KAIZEN_METRICS_TOKEN": settings.metrics_token,
            }
        )
        return settings


def _given(source: Mapping[str, str], overrides: Mapping[str, str | None], name: str) -> str | None:
    """The value the command line or the environment gave ``name``; None when neither did."""
    override = overrides.get(name)
    return override if override is not None else source.get(name)


def _host(values: Mapping[str, str]) -> str:
    """The address to listen on; empty is refused, since asyncio would take it for every address."""
    host = values["KAIZEN_HOST"].strip()
    if not host:
        raise refused(
            "KAIZEN_HOST",
            "待ち受けるアドレス（このマシンだけなら 127.0.0.1、すべてのアドレスなら 0.0.0.0）"
            "を指定してください",
            values["KAIZEN_HOST"],
            "空のままでは、すべてのアドレスで待ち受けることになります。",
        )
    return host


def _notify(values: Mapping[str, str]) -> NotifySettings:
    return NotifySettings(
        webhook_url=optional_url(values, "KAIZEN_NOTIFY_WEBHOOK_URL"),
        webhook_format=choice(values, "KAIZEN_NOTIFY_WEBHOOK_FORMAT", WEBHOOK_FORMATS),
        waiting_hours=integer(values, "KAIZEN_NOTIFY_WAITING_HOURS", 0, 24 * 365),
        smtp_host=values["KAIZEN_SMTP_HOST"].strip(),
        smtp_port=integer(values, "KAIZEN_SMTP_PORT", 1, 65535),
        smtp_user=values["KAIZEN_SMTP_USER"],
        smtp_password=values["KAIZEN_SMTP_PASSWORD"],
        smtp_starttls=boolean(values, "KAIZEN_SMTP_STARTTLS"),
        smtp_from=email_address(values, "KAIZEN_SMTP_FROM"),
        smtp_to=email_addresses(values, "KAIZEN_SMTP_TO"),
    )


def _delivery(values: Mapping[str, str]) -> DeliverySettings:
    delivery = DeliverySettings(
        backoff_seconds=integer(values, "KAIZEN_DELIVERY_BACKOFF_SECONDS", 1, 86400),
        backoff_max_seconds=integer(values, "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS", 1, 7 * 86400),
        timeout_seconds=integer(values, "KAIZEN_DELIVERY_TIMEOUT_SECONDS", 1, 600),
        lease_seconds=integer(values, "KAIZEN_DELIVERY_LEASE_SECONDS", 2, 7200),
    )
    if delivery.backoff_seconds > delivery.backoff_max_seconds:
        raise refused(
            "KAIZEN_DELIVERY_BACKOFF_SECONDS",
            f"KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS（{delivery.backoff_max_seconds:g}秒）以下の秒数を指定してください",
            values["KAIZEN_DELIVERY_BACKOFF_SECONDS"],
            "最初の待ち時間が最長の待ち時間を超えると、指定した値では待たないためです。",
        )
    if delivery.lease_seconds <= delivery.timeout_seconds:
        raise refused(
            "KAIZEN_DELIVERY_LEASE_SECONDS",
            f"KAIZEN_DELIVERY_TIMEOUT_SECONDS（{delivery.timeout_seconds:g}秒）より長い秒数を指定してください",
            values["KAIZEN_DELIVERY_LEASE_SECONDS"],
            "配信に時間のかかっているメッセージを、別のワーカーが重ねて送らないためです。",
        )
    return delivery


_OWN_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql", "postgres", "postgresql+psycopg")
"""The URL schemes the bot's engines take (`bot.db.engine`); another driver would bypass their timeouts."""


def _database_url(values: Mapping[str, str]) -> str:
    """A SQLite or PostgreSQL URL the bot's own drivers serve: others fail later, with a traceback."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = values["DATABASE_URL"].strip()
    example = "（sqlite:///kaizen.db や postgresql://user:password@host/dbname）を指定してください"
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise refused("DATABASE_URL", "SQLite か PostgreSQL のURL" + example, url) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql", "postgres"):
        shown = parsed.render_as_string(hide_password=True)  # the password is never printed
        raise refused("DATABASE_URL", "SQLite か PostgreSQL のURL" + example, shown)
    if parsed.drivername not in _OWN_DRIVERS:
        shown = parsed.render_as_string(hide_password=True)
        raise refused(
            "DATABASE_URL",
            "ドライバー名を付けないURL（postgresql://… や sqlite:///…）を指定してください",
            shown,
            "ドライバーはkaizen-botが選びます（PostgreSQL は psycopg 3、SQLite は Python の sqlite3）。",
        )
    return url


def _chat(values: Mapping[str, str]) -> ChatSettings:
    return ChatSettings(
        api_token=token(values, "KAIZEN_CHAT_API_TOKEN"),
        session_days=integer(values, "KAIZEN_CHAT_SESSION_DAYS", 1, 365),
    )


def _proxy(values: Mapping[str, str]) -> ProxySettings:
    trusted: list[Network] = []
    for item in values["KAIZEN_TRUSTED_PROXIES"].split(","):
        if item.strip():
            try:
                trusted.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise refused(
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
        raise refused("KAIZEN_SSO_USER_HEADER", "X-Remote-User のようなヘッダー名を指定してください", header)
    return ProxySettings(trusted=tuple(trusted), sso_user_header=header)
