"""The settings of each part of the bot (notices, delivery, limits, each channel), as read and checked.

Each channel's group says which of its settings turn it on (``required``)
and which of those are empty (``missing``): a channel is on when none is.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "ChatSettings",
    "DeliverySettings",
    "Limits",
    "LineSettings",
    "LineWorksSettings",
    "Network",
    "NotifySettings",
    "ProxySettings",
    "SlackSettings",
    "TeamSettings",
    "TeamsSettings",
    "TelegramSettings",
]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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
    (`bot.teamroom.delivery.room_channel`).
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
    """How much one staff member (one account of one channel, all its conversations) may send; 0: no limit."""

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
