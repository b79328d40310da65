"""Settings of the server: defaults, command-line overrides, validation at boot."""

from __future__ import annotations

import re

import pytest

from bot.config import SETTINGS, Settings


def test_server_defaults_follow_the_design() -> None:
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.max_body_bytes == 65536


TOKEN = "metrics-token-0123456789-abcdefghijkl"


def test_operations_settings_default_to_text_logs_made_ids_and_no_metrics() -> None:
    settings = Settings.from_env({})
    assert (settings.log_format, settings.trust_request_id, settings.metrics_token) == ("text", False, "")
    chosen = Settings.from_env(
        {"KAIZEN_LOG_FORMAT": "JSON", "KAIZEN_TRUST_REQUEST_ID": "yes", "KAIZEN_METRICS_TOKEN": f" {TOKEN} "}
    )
    assert (chosen.log_format, chosen.trust_request_id, chosen.metrics_token) == ("json", True, TOKEN)
    with pytest.raises(
        ValueError, match="KAIZEN_METRICS_TOKEN は32文字以上にしてください（指定された値は6文字です）"
    ):
        Settings.from_env({"KAIZEN_METRICS_TOKEN": "s3cret"})


def test_every_word_setting_takes_any_case_and_spaces_around_it() -> None:
    """An env file's ``KAIZEN_LOG_LEVEL=info `` was refused, though every other word setting took its like."""
    settings = Settings.from_env(
        {
            "KAIZEN_LOG_LEVEL": " info ",
            "KAIZEN_LOG_FORMAT": " Json ",
            "KAIZEN_WEBHOOK_TURNS": "Worker ",
            "KAIZEN_NOTIFY_WEBHOOK_FORMAT": " SLACK",
        }
    )
    chosen = (settings.log_level, settings.log_format, settings.webhook_turns, settings.notify.webhook_format)
    assert chosen == ("INFO", "json", "worker", "slack")


def test_the_command_line_wins_over_the_environment() -> None:
    env = {"KAIZEN_HOST": "0.0.0.0", "KAIZEN_PORT": "9000"}
    settings = Settings.from_env(env, KAIZEN_PORT="9100")
    assert (settings.host, settings.port) == ("0.0.0.0", 9100)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("KAIZEN_PORT", "http", "KAIZEN_PORT は 1〜65535の整数を指定してください（指定された値: 'http'）。"),
        (
            "KAIZEN_PORT",
            "70000",
            "KAIZEN_PORT は 1〜65535の整数を指定してください（指定された値: '70000'）。",
        ),
        ("KAIZEN_MAX_BODY_BYTES", "10", "KAIZEN_MAX_BODY_BYTES は 1024〜104857600の整数を指定して"),
        ("KAIZEN_LOG_LEVEL", "LOUD", "KAIZEN_LOG_LEVEL は DEBUG・INFO・WARNING・ERROR のいずれかを指定して"),
        (
            "KAIZEN_LOG_FORMAT",
            "xml",
            "KAIZEN_LOG_FORMAT は text・json のいずれかを指定してください（指定された値: 'xml'）",
        ),
        ("KAIZEN_TRUST_REQUEST_ID", "maybe", "KAIZEN_TRUST_REQUEST_ID は true・false のいずれかを指定して"),
        ("KAIZEN_WEBHOOK_TURNS", "both", "KAIZEN_WEBHOOK_TURNS は server・worker のいずれかを指定して"),
        # without a scheme every notice failed and was retried for ever, and the DX team heard of nothing
        (
            "KAIZEN_NOTIFY_WEBHOOK_URL",
            "hooks.slack.com/services/T0/B0/x",
            "KAIZEN_NOTIFY_WEBHOOK_URL は http:// か https:// で始まるURLを指定するか、空にしてください"
            "（指定された値: 'hooks.slack.com/services/T0/B0/x'）",
        ),
        ("KAIZEN_PUBLIC_URL", "kaizen.example.lg.jp", "KAIZEN_PUBLIC_URL は http:// か https:// で始まるURL"),
        # the app-level token sits on the same settings page; Slack refuses it for every post
        (
            "SLACK_BOT_TOKEN",
            "xapp-1-A0-123-abc",
            "SLACK_BOT_TOKEN は xoxb- で始まる Bot User OAuth Token を指定してください"
            "（指定されたトークンは xapp- で始まっています）",
        ),
        (
            "SLACK_BOT_TOKEN",
            "abc",
            "SLACK_BOT_TOKEN は xoxb- で始まる Bot User OAuth Token を指定してください"
            "（指定されたトークンには接頭辞がありません）",
        ),
        # a plain path, or another database, failed only at the first query, with SQLAlchemy's traceback
        (
            "DATABASE_URL",
            "/var/lib/kaizen/kaizen.db",
            "DATABASE_URL は SQLite か PostgreSQL のURL（sqlite:///kaizen.db や",
        ),
        (
            "DATABASE_URL",
            "mysql://u@h/db",
            "のURL（sqlite:///kaizen.db や postgresql://user:password@host/dbname）を",
        ),
        # a driver the bot does not install failed with a traceback; one it did would wait without bound
        (
            "DATABASE_URL",
            "postgresql+asyncpg://u@h/db",
            "DATABASE_URL はドライバー名を付けないURL（postgresql://… や sqlite:///…）を指定してください",
        ),
        ("DATABASE_URL", "postgresql+psycopg2://u@h/db", "ドライバー名を付けないURL"),
        # asyncio takes an empty host for every address, IPv6 too: the bot listened on all of them
        (
            "KAIZEN_HOST",
            "",
            "KAIZEN_HOST は待ち受けるアドレス（このマシンだけなら 127.0.0.1、すべてのアドレスなら 0.0.0.0）",
        ),
        ("KAIZEN_HOST", "  ", "すべてのアドレスで待ち受けることになります"),
        # every notice would fail at the SMTP server, retried for ever
        (
            "KAIZEN_SMTP_TO",
            "dx@example.lg.jp; lead@example.lg.jp",
            "KAIZEN_SMTP_TO はメールアドレス（dx@example.lg.jp の形）をカンマ区切りで指定してください",
        ),
        ("KAIZEN_SMTP_TO", "dx@example.lg.jp, 田中", "そのうち '田中' がメールアドレスではありません"),
        (
            "KAIZEN_SMTP_FROM",
            "",
            "KAIZEN_SMTP_FROM はメールアドレス（dx@example.lg.jp の形）を指定してください",
        ),
        ("KAIZEN_SMTP_FROM", "kaizen-bot", "KAIZEN_SMTP_FROM はメールアドレス"),
    ],
)
def test_bad_values_stop_start_up_naming_the_setting_and_what_it_takes(
    name: str, value: str, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as refused:
        Settings.from_env({name: value})
    assert name in str(refused.value)
    if not name.endswith("TOKEN"):
        assert repr(value) in str(refused.value), "the value given is shown, to be found"


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///kaizen.db",
        "sqlite+pysqlite:///kaizen.db",
        "postgres://u@h/db",
        "postgresql+psycopg://u@h/db",
    ],
)
def test_a_database_url_may_name_the_bots_own_driver(url: str) -> None:
    assert Settings.from_env({"DATABASE_URL": url}).database_url == url


def test_a_database_url_naming_another_driver_is_shown_without_its_password() -> None:
    with pytest.raises(
        ValueError, match=re.escape("'postgresql+psycopg2://kaizen:***@db.lan/kaizen'")
    ) as refused:
        Settings.from_env({"DATABASE_URL": "postgresql+psycopg2://kaizen:hunter2@db.lan/kaizen"})
    assert "hunter2" not in str(refused.value)


def test_a_database_url_of_another_database_is_shown_without_its_password() -> None:
    with pytest.raises(
        ValueError, match=re.escape("（指定された値: 'mysql://kaizen:***@db.lan/kaizen'）")
    ) as refused:
        Settings.from_env({"DATABASE_URL": "mysql://kaizen:hunter2@db.lan/kaizen"})
    assert "hunter2" not in str(refused.value)


def test_every_setting_has_help_and_a_default_or_says_what_empty_means() -> None:
    for setting in SETTINGS:
        assert setting.help.strip()
        assert setting.default.strip() or setting.name == "KAIZEN_CACHE_DIR" or "empty" in setting.help


def test_secrets_have_no_default_and_the_admin_api_is_off_without_a_token() -> None:
    defaults = {s.name: s.default for s in SETTINGS}
    for secret in (
        "KAIZEN_ADMIN_TOKEN",
        "KAIZEN_SMTP_PASSWORD",
        "LINE_CHANNEL_SECRET",
        "LINE_CHANNEL_ACCESS_TOKEN",
        "TEAMS_APP_PASSWORD",
        "LINEWORKS_BOT_SECRET",
        "LINEWORKS_CLIENT_SECRET",
        "LINEWORKS_PRIVATE_KEY_FILE",
    ):
        assert defaults[secret] == ""
    settings = Settings.from_env({})
    assert settings.admin_token == ""
    assert settings.notify.webhook_url == ""
    assert settings.notify.smtp_to == ()


def test_notification_and_delivery_settings_are_read_and_checked() -> None:
    settings = Settings.from_env(
        {
            "KAIZEN_NOTIFY_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/X",
            "KAIZEN_NOTIFY_WEBHOOK_FORMAT": "Slack",
            "KAIZEN_SMTP_TO": "dx@example.lg.jp, lead@example.lg.jp",
            "KAIZEN_SMTP_STARTTLS": "false",
            "KAIZEN_DELIVERY_BACKOFF_SECONDS": "2",
            "KAIZEN_RETENTION_DAYS": "90",
        }
    )
    assert settings.notify.webhook_format == "slack"
    assert settings.notify.smtp_to == ("dx@example.lg.jp", "lead@example.lg.jp")
    assert settings.notify.smtp_starttls is False
    assert settings.delivery.backoff_seconds == 2
    assert settings.retention_days == 90
    with pytest.raises(
        ValueError, match="KAIZEN_NOTIFY_WEBHOOK_FORMAT は auto・teams・slack・lineworks のいずれか"
    ):
        Settings.from_env({"KAIZEN_NOTIFY_WEBHOOK_FORMAT": "fax"})
    with pytest.raises(ValueError, match="KAIZEN_SMTP_STARTTLS は true・false のいずれか"):
        Settings.from_env({"KAIZEN_SMTP_STARTTLS": "maybe"})
    with pytest.raises(
        ValueError,
        match=re.escape(
            "KAIZEN_DELIVERY_LEASE_SECONDS は KAIZEN_DELIVERY_TIMEOUT_SECONDS（200秒）より長い秒数を"
            "指定してください（指定された値: '100'）"
        ),
    ):
        Settings.from_env({"KAIZEN_DELIVERY_TIMEOUT_SECONDS": "200", "KAIZEN_DELIVERY_LEASE_SECONDS": "100"})
    with pytest.raises(
        ValueError,
        match=re.escape(
            "KAIZEN_DELIVERY_BACKOFF_SECONDS は KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS（60秒）以下の秒数を"
            "指定してください（指定された値: '120'）"
        ),
    ):
        Settings.from_env(
            {"KAIZEN_DELIVERY_BACKOFF_SECONDS": "120", "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS": "60"}
        )
    equal = Settings.from_env(
        {"KAIZEN_DELIVERY_BACKOFF_SECONDS": "60", "KAIZEN_DELIVERY_BACKOFF_MAX_SECONDS": "60"}
    )
    assert equal.delivery.backoff_max_seconds == 60


def test_an_e_mail_sender_may_carry_a_name() -> None:
    settings = Settings.from_env({"KAIZEN_SMTP_FROM": "DX推進課 <dx@example.lg.jp>"})
    assert settings.notify.smtp_from == "DX推進課 <dx@example.lg.jp>"


def test_the_chat_api_token_must_be_long_and_has_no_default() -> None:
    assert Settings.from_env({}).chat.api_token == ""
    with pytest.raises(
        ValueError, match="KAIZEN_CHAT_API_TOKEN は32文字以上にしてください（指定された値は31文字です）"
    ):
        Settings.from_env({"KAIZEN_CHAT_API_TOKEN": "x" * 31})
    assert Settings.from_env({"KAIZEN_CHAT_API_TOKEN": "x" * 32}).chat.api_token == "x" * 32
    assert Settings.from_env({}).chat.session_days == 30
    with pytest.raises(ValueError, match="KAIZEN_CHAT_SESSION_DAYS は 1〜365の整数を指定して"):
        Settings.from_env({"KAIZEN_CHAT_SESSION_DAYS": "0"})


TOKENS = ("KAIZEN_CHAT_API_TOKEN", "KAIZEN_ADMIN_TOKEN", "KAIZEN_METRICS_TOKEN")


@pytest.mark.parametrize(("first", "second"), [(a, b) for i, a in enumerate(TOKENS) for b in TOKENS[i + 1 :]])
def test_two_api_tokens_of_the_same_value_are_refused_without_showing_it(first: str, second: str) -> None:
    """The chat token handed to another system must never also open the admin API or the metrics."""
    same = "s" * 8 + "x" * 32
    with pytest.raises(ValueError, match=f"{first} と {second} に同じ値が設定されています") as refused:
        Settings.from_env({first: same, second: f"  {same} "})
    assert same not in str(refused.value)
    assert "secrets.token_urlsafe(32)" in str(refused.value)
    others = {name: f"{name}-{'x' * 32}" for name in TOKENS}
    settings = Settings.from_env(others)
    assert (settings.chat.api_token, settings.admin_token, settings.metrics_token) == tuple(others.values())


def test_trusted_proxies_and_the_single_sign_on_header_are_checked() -> None:
    proxy = Settings.from_env(
        {"KAIZEN_TRUSTED_PROXIES": "10.0.0.5, 192.168.0.0/16,::1", "KAIZEN_SSO_USER_HEADER": "X-Remote-User"}
    ).proxy
    assert [str(network) for network in proxy.trusted] == ["10.0.0.5/32", "192.168.0.0/16", "::1/128"]
    assert proxy.sso_user_header == "X-Remote-User"
    assert Settings.from_env({}).proxy.trusted == ()
    with pytest.raises(
        ValueError,
        match=r"KAIZEN_TRUSTED_PROXIES は IPアドレスかネットワーク.*（指定された値: 'proxy\.lan'）",
    ):
        Settings.from_env({"KAIZEN_TRUSTED_PROXIES": "10.0.0.5, proxy.lan"})
    with pytest.raises(
        ValueError, match="KAIZEN_SSO_USER_HEADER を使うときは KAIZEN_TRUSTED_PROXIES も設定して"
    ):
        Settings.from_env({"KAIZEN_SSO_USER_HEADER": "X-Remote-User"})
    with pytest.raises(
        ValueError, match="KAIZEN_SSO_USER_HEADER は X-Remote-User のようなヘッダー名を指定して"
    ):
        Settings.from_env({"KAIZEN_TRUSTED_PROXIES": "10.0.0.5", "KAIZEN_SSO_USER_HEADER": "X Remote: User"})


def test_teams_is_on_with_all_three_credentials_or_anonymous() -> None:
    credentials = {"TEAMS_APP_ID": "app", "TEAMS_APP_PASSWORD": "secret", "TEAMS_TENANT_ID": "tenant"}
    assert Settings.from_env({}).teams.missing() == Settings.from_env({}).teams.required
    assert Settings.from_env(credentials).teams.missing() == ()
    assert Settings.from_env({**credentials, "TEAMS_APP_PASSWORD": " "}).teams.missing() == (
        "TEAMS_APP_PASSWORD",
    )
    anonymous = Settings.from_env({"TEAMS_ANONYMOUS": "true"}).teams
    assert anonymous.anonymous
    assert anonymous.missing() == ()


@pytest.mark.parametrize("name", ["TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"])
def test_teams_anonymous_mode_is_refused_next_to_credentials(name: str) -> None:
    with pytest.raises(
        ValueError, match=r"TEAMS_ANONYMOUS=true は.*試用だけの.*と一緒には使えません"
    ) as refused:
        Settings.from_env({"TEAMS_ANONYMOUS": "true", name: "x"})
    assert name in str(refused.value)


def test_teams_anonymous_must_be_a_boolean() -> None:
    with pytest.raises(ValueError, match="TEAMS_ANONYMOUS は true・false のいずれかを指定して"):
        Settings.from_env({"TEAMS_ANONYMOUS": "maybe"})


@pytest.mark.parametrize("token", ["x", "short-token", "a" * 31, " " + "b" * 30 + " "])
def test_a_short_admin_token_is_refused_with_how_to_make_one(token: str) -> None:
    with pytest.raises(ValueError, match="KAIZEN_ADMIN_TOKEN は32文字以上にしてください") as refused:
        Settings.from_env({"KAIZEN_ADMIN_TOKEN": token})
    assert "secrets.token_urlsafe(32)" in str(refused.value)


def test_an_admin_token_of_32_characters_is_taken_as_written() -> None:
    token = "0123456789abcdefghijklmnopqrstuv"
    assert Settings.from_env({"KAIZEN_ADMIN_TOKEN": f" {token}\n"}).admin_token == token


def test_limits_have_defaults_may_be_off_and_are_checked() -> None:
    limits = Settings.from_env({}).limits
    assert (limits.consultations_per_day, limits.messages_per_minute) == (10, 30)
    off = Settings.from_env(
        {"KAIZEN_LIMIT_CONSULTATIONS_PER_DAY": "0", "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "0"}
    ).limits
    assert (off.consultations_per_day, off.messages_per_minute) == (0, 0)
    with pytest.raises(ValueError, match="KAIZEN_LIMIT_MESSAGES_PER_MINUTE は 0〜10000の整数を指定して"):
        Settings.from_env({"KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "many"})
    with pytest.raises(ValueError, match="KAIZEN_LIMIT_CONSULTATIONS_PER_DAY は 0〜10000の整数を指定して"):
        Settings.from_env({"KAIZEN_LIMIT_CONSULTATIONS_PER_DAY": "-1"})


def test_telegram_is_on_with_its_token_and_secret_and_the_secret_is_checked() -> None:
    on = {"TELEGRAM_BOT_TOKEN": "123:ABC", "TELEGRAM_WEBHOOK_SECRET": "a-Secret_1"}
    assert Settings.from_env({}).telegram.missing() == ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET")
    telegram = Settings.from_env({**on, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/"}).telegram
    assert telegram.missing() == ()
    assert telegram.api_base_url == "http://127.0.0.1:9"
    assert Settings.from_env(on).telegram.api_base_url == "https://api.telegram.org"
    assert {s.name: s.default for s in SETTINGS}["TELEGRAM_BOT_TOKEN"] == ""
    for secret in ("with space", "ドット", "x" * 257, "semi;colon"):
        with pytest.raises(
            ValueError, match="TELEGRAM_WEBHOOK_SECRET は半角英数字・「_」「-」の1〜256文字に"
        ):
            Settings.from_env({**on, "TELEGRAM_WEBHOOK_SECRET": secret})
    with pytest.raises(
        ValueError, match="TELEGRAM_API_BASE_URL は http:// か https:// で始まるURLを指定して"
    ):
        Settings.from_env({**on, "TELEGRAM_API_BASE_URL": "api.telegram.org"})


LINE_SECRET = "8f14e45fceea167a5a36dedd4bea2543"
LINE_TOKEN = "Xq3vJ8pL2mN9rT5wY1zA4bC7dE0fG6hK" * 5 + "abc/def+ghi="  # 172 characters, as issued


def test_a_line_secret_of_the_right_shape_is_read_with_surrounding_spaces_dropped() -> None:
    line = Settings.from_env(
        {"LINE_CHANNEL_SECRET": f" {LINE_SECRET.upper()}\n", "LINE_CHANNEL_ACCESS_TOKEN": f"{LINE_TOKEN} "}
    ).line
    assert (line.channel_secret, line.access_token) == (LINE_SECRET.upper(), LINE_TOKEN)
    assert line.missing() == ()


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        pytest.param(
            LINE_TOKEN,
            "指定された値は172文字です。"
            "チャネルアクセストークンは LINE_CHANNEL_ACCESS_TOKEN に設定してください",
            id="access-token",
        ),
        pytest.param(LINE_SECRET[:-1], "指定された値は31文字です", id="one-short"),
        pytest.param(LINE_SECRET + "0", "指定された値は33文字です", id="one-long"),
        pytest.param(f'"{LINE_SECRET}"', "指定された値の前後に引用符が付いています", id="quoted"),
        pytest.param(f"'{LINE_SECRET}'", "指定された値の前後に引用符が付いています", id="single-quoted"),
        pytest.param(
            f"{LINE_SECRET[:16]} {LINE_SECRET[16:]}", "指定された値の途中に空白か改行があります", id="gap"
        ),
        pytest.param("z" * 32, "指定された値に0〜9・a〜f以外の文字があります", id="not-hex"),
    ],
)
def test_a_line_secret_of_the_wrong_shape_stops_start_up_without_showing_it(
    secret: str, problem: str
) -> None:
    with pytest.raises(ValueError, match="LINE_CHANNEL_SECRET はチャネルシークレット") as raised:
        Settings.from_env({"LINE_CHANNEL_SECRET": secret, "LINE_CHANNEL_ACCESS_TOKEN": LINE_TOKEN})
    assert problem in str(raised.value)
    assert "0〜9・a〜fの32文字）を指定してください" in str(raised.value)
    assert secret.strip("'\"")[:16] not in str(raised.value), "the secret itself is never shown"


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        pytest.param(
            LINE_SECRET, "指定された値はチャネルシークレット（0〜9・a〜fの32文字）のようです", id="the-secret"
        ),
        pytest.param(f'"{LINE_TOKEN}"', "指定された値の前後に引用符が付いています", id="quoted"),
        pytest.param(
            f"{LINE_TOKEN[:80]} {LINE_TOKEN[80:]}", "指定された値の途中に空白か改行があります", id="space"
        ),
    ],
)
def test_a_line_access_token_of_the_wrong_shape_stops_start_up_without_showing_it(
    token: str, problem: str
) -> None:
    with pytest.raises(
        ValueError, match=r"LINE_CHANNEL_ACCESS_TOKEN はチャネルアクセストークン（長期）"
    ) as raised:
        Settings.from_env({"LINE_CHANNEL_SECRET": LINE_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": token})
    assert problem in str(raised.value)
    assert token.strip("'\"")[:16] not in str(raised.value), "the token itself is never shown"
