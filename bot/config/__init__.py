"""The settings in force: read from the environment, checked, grouped per part of the bot.

Settings come from the environment (and a few command-line options). Every
setting is listed once, with its default and help, in `bot.config.catalog`
(the README's settings table is checked against it by a test); each part's
group of settings is in `bot.config.sections`. This module reads and checks
the values, and says what is wrong in the one form the DX team reads
(`_refused`).
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.config.catalog import (
    DB_TIMEOUT_SECONDS,
    LOG_FORMATS,
    LOG_LEVELS,
    MAX_RETENTION_DAYS,
    MIN_ADMIN_TOKEN_CHARS,
    PROJECT_ROOT,
    SETTINGS,
    WEBHOOK_FORMATS,
    WEBHOOK_TURNS,
    Setting,
    default_cache_dir,
)
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
            values["KAIZEN_CACHE_DIR"] = default_cache_dir()
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
