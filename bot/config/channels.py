"""Each messenger's settings, and the DX team's room: read, and refused at start when they cannot work.

A channel's secret pasted with quotes, a token of the wrong kind or a key that
is not RSA would start fine and then fail every webhook or delivery; here it
is refused with what the console calls it and where to find it, never with
the secret itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from bot.config.catalog import ACCOUNT_NAME
from bot.config.checks import MAKE_TOKEN, base_url, boolean, pasted_wrong, refused
from bot.config.sections import (
    LineSettings,
    LineWorksSettings,
    SlackSettings,
    TeamSettings,
    TeamsSettings,
    TelegramSettings,
)
from bot.oserrors import described

_LINE_SECRET = re.compile(r"^[0-9A-Fa-f]{32}$")
"""A LINE channel secret as the console shows it (Basic settings): 32 hexadecimal characters."""


def line(values: Mapping[str, str]) -> LineSettings:
    """LINE's settings: a secret or token pasted wrong is refused at start, not at the first webhook."""
    return LineSettings(
        channel_secret=_line_channel_secret(values),
        access_token=_line_access_token(values),
        api_base_url=base_url(values, "LINE_API_BASE_URL"),
    )


def _line_channel_secret(values: Mapping[str, str]) -> str:
    """Empty, or a channel secret: any other value starts fine and then fails every webhook's signature."""
    secret = values["LINE_CHANNEL_SECRET"].strip()
    if not secret or _LINE_SECRET.match(secret):
        return secret
    problem = pasted_wrong(secret) or (
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
        problem = pasted_wrong(token) or ""
    if problem:
        raise ValueError(
            "LINE_CHANNEL_ACCESS_TOKEN はチャネルアクセストークン（長期）（LINE Developers コンソールの"
            f"「Messaging API設定」で発行したもの）を指定してください。{problem}。"
        )
    return token


def slack(values: Mapping[str, str]) -> SlackSettings:
    """Slack's settings; the API base URL ends with a slash, as the Slack SDK joins method names to it."""
    return SlackSettings(
        bot_token=_slack_bot_token(values),
        signing_secret=values["SLACK_SIGNING_SECRET"].strip(),
        api_base_url=base_url(values, "SLACK_API_BASE_URL").rstrip("/") + "/",
    )


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


def teams(values: Mapping[str, str]) -> TeamsSettings:
    """Teams' settings; anonymous mode together with credentials is refused (it would turn the checks off)."""
    group = TeamsSettings(
        app_id=values["TEAMS_APP_ID"].strip(),
        app_password=values["TEAMS_APP_PASSWORD"].strip(),
        tenant_id=values["TEAMS_TENANT_ID"].strip(),
        anonymous=boolean(values, "TEAMS_ANONYMOUS"),
    )
    if group.anonymous and (group.app_id or group.app_password or group.tenant_id):
        raise ValueError(
            "TEAMS_ANONYMOUS=true は Teams のトークン確認を止める、手元での試用だけのための設定です。"
            "TEAMS_APP_ID・TEAMS_APP_PASSWORD・TEAMS_TENANT_ID と一緒には使えません。"
        )
    return group


_CHANNEL_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def team_room(values: Mapping[str, str]) -> TeamSettings:
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
        raise refused("KAIZEN_TEAM_ROOM", "<channel>:<room id> の形で指定してください", room_value)
    channel, room = room_of
    members: dict[tuple[str, str], str] = {}
    for item in members_value.split(","):
        if not item.strip():
            continue
        who, _, account = item.strip().rpartition("=")
        member = _channel_and_id(who)
        if member is None:
            raise refused(
                "KAIZEN_TEAM_MEMBERS",
                "<channel>:<user id>=<dashboard account> をカンマ区切りで指定してください",
                item.strip(),
            )
        account = account.strip()
        if not ACCOUNT_NAME.match(account):
            raise refused(
                "KAIZEN_TEAM_MEMBERS",
                "「=」の後にダッシュボードのアカウント名（半角英小文字・数字・「.」「_」「-」の2〜32文字）を"
                "指定してください",
                item.strip(),
            )
        if member in members:
            raise refused(
                "KAIZEN_TEAM_MEMBERS",
                "各ユーザーIDを1回ずつ指定してください",
                item.strip(),
                f"{who.strip()} が2回書かれています。",
            )
        if member[0] != channel:
            raise refused(
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


def lineworks(values: Mapping[str, str]) -> LineWorksSettings:
    """LINE WORKS' settings; with the whole group set, the private key is read and checked here."""
    group = LineWorksSettings(
        bot_id=values["LINEWORKS_BOT_ID"].strip(),
        bot_secret=values["LINEWORKS_BOT_SECRET"].strip(),
        client_id=values["LINEWORKS_CLIENT_ID"].strip(),
        client_secret=values["LINEWORKS_CLIENT_SECRET"].strip(),
        service_account=values["LINEWORKS_SERVICE_ACCOUNT"].strip(),
        private_key_file=values["LINEWORKS_PRIVATE_KEY_FILE"].strip(),
        api_base_url=base_url(values, "LINEWORKS_API_BASE_URL"),
        auth_base_url=base_url(values, "LINEWORKS_AUTH_BASE_URL"),
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
        raise refused(
            name,
            "読み込めるファイルを指定してください",
            str(file),
            f"ファイルを読み込めませんでした（{described(exc)}）。",
        ) from None
    try:
        key = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:  # TypeError: encrypted; cryptography's own text is English
        encrypted = "パスワードで暗号化された秘密鍵です（暗号化されていないPEM形式のものが必要です）。"
        raise refused(
            name,
            "LINE WORKS Developer Console でサービスアカウントに発行された秘密鍵のファイルを指定してください",
            str(file),
            encrypted if isinstance(exc, TypeError) else "暗号化されていないPEM形式の秘密鍵ではありません。",
        ) from None
    if not isinstance(key, RSAPrivateKey):
        raise refused(
            name,
            "RSA の秘密鍵のファイルを指定してください",
            str(file),
            "LINE WORKS は RS256 で署名するためです。",
        )
    return pem.decode("ascii")


_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
"""What Telegram accepts as a webhook's secret token (Bot API ``setWebhook``)."""


def telegram(values: Mapping[str, str]) -> TelegramSettings:
    """Telegram's settings; a secret Telegram would refuse is refused here, at start."""
    secret = values["TELEGRAM_WEBHOOK_SECRET"].strip()
    if secret and not _TELEGRAM_SECRET.match(secret):
        raise ValueError(
            "TELEGRAM_WEBHOOK_SECRET は半角英数字・「_」「-」の1〜256文字にしてください"
            f"（Telegram はほかの文字を受け付けません）。次のコマンドで作れます: {MAKE_TOKEN}"
        )
    return TelegramSettings(
        bot_token=values["TELEGRAM_BOT_TOKEN"].strip(),
        webhook_secret=secret,
        api_base_url=base_url(values, "TELEGRAM_API_BASE_URL"),
    )
