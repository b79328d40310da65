"""``python -m bot telegram set-webhook``, run as a process against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import pytest_asyncio

from bot.config import PROJECT_ROOT
from tests.auxil.platforms import free_port
from tests.auxil.telegram import SECRET, FakeTelegram

pytestmark = pytest.mark.asyncio

URL = "https://kaizen.example.lg.jp/webhooks/telegram"


@dataclass
class Done:
    code: int
    out: str
    err: str


@pytest_asyncio.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.stop()


async def run(env: dict[str, str], *args: str) -> Done:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "telegram",
        *args,
        cwd=PROJECT_ROOT,
        env={**clean, "KAIZEN_CACHE_DIR": "", **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        out, err = await process.communicate()
    assert process.returncode is not None
    return Done(process.returncode, out.decode(), err.decode())


async def test_set_webhook_registers_the_url_with_the_secret(telegram: FakeTelegram) -> None:
    done = await run(telegram.settings(), "set-webhook", URL)
    assert (done.code, done.err) == (0, "")  # nothing logged: above all not the token in the URLs
    assert done.out.strip() == f"Telegram の Webhook を {URL} に設定しました（秘密トークンつき）。"
    (call,) = telegram.requests("setWebhook")
    assert call.params["url"] == URL
    assert call.params["secret_token"] == SECRET
    assert call.params["allowed_updates"] == ["message", "callback_query", "my_chat_member"]
    assert call.params.get("drop_pending_updates") in (None, "False", "false")


async def test_set_webhook_can_drop_the_pending_updates(telegram: FakeTelegram) -> None:
    done = await run(telegram.settings(), "set-webhook", URL, "--drop-pending-updates")
    assert done.code == 0
    assert "保留中の更新は破棄しました" in done.out
    (call,) = telegram.requests("setWebhook")
    assert call.params["drop_pending_updates"] in ("True", "true")


async def test_without_the_settings_it_says_which_are_missing(telegram: FakeTelegram) -> None:
    done = await run({"TELEGRAM_API_BASE_URL": telegram.url}, "set-webhook", URL)
    assert done.code == 2
    (line,) = done.err.strip().splitlines()
    assert line.startswith("TELEGRAM_BOT_TOKEN と TELEGRAM_WEBHOOK_SECRET を設定してください")
    assert telegram.calls == []


async def test_a_url_that_is_not_https_is_refused_before_asking_telegram(telegram: FakeTelegram) -> None:
    done = await run(telegram.settings(), "set-webhook", "http://kaizen.example/webhooks/telegram")
    assert done.code == 2
    assert len(done.err.strip().splitlines()) == 1
    assert "https://" in done.err
    assert telegram.calls == []


async def test_a_path_that_is_not_the_bots_route_is_registered_with_a_warning(telegram: FakeTelegram) -> None:
    wrong = "https://kaizen.example.lg.jp/webhooks/line"
    done = await run(telegram.settings(), "set-webhook", wrong)
    assert done.code == 0, "a reverse proxy may rewrite the path"
    (line,) = done.err.strip().splitlines()
    assert line.startswith("注意: URL のパスが /webhooks/telegram で終わっていません")
    (call,) = telegram.requests("setWebhook")
    assert call.params["url"] == wrong


async def test_a_token_telegram_refuses_is_one_clear_line(telegram: FakeTelegram) -> None:
    settings = {**telegram.settings(), "TELEGRAM_BOT_TOKEN": "999:not-the-token"}
    done = await run(settings, "set-webhook", URL)
    assert done.code == 1
    assert done.err.strip().splitlines() == [
        "Telegram がボットのトークンを受け付けませんでした。TELEGRAM_BOT_TOKEN を確認してください。"
    ]


async def test_telegram_out_of_reach_is_one_clear_line() -> None:
    settings = {
        **FakeTelegram().settings(),
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{free_port()}",
    }
    done = await run(settings, "set-webhook", URL)
    assert done.code == 1
    (line,) = done.err.strip().splitlines()
    assert line.startswith("Telegram（http://127.0.0.1:")
    assert line.endswith("に接続できませんでした。ネットワークと TELEGRAM_API_BASE_URL を確認してください。")


async def test_a_secret_telegram_would_refuse_is_refused_at_start(telegram: FakeTelegram) -> None:
    settings = {**telegram.settings(), "TELEGRAM_WEBHOOK_SECRET": "has spaces!"}
    done = await run(settings, "set-webhook", URL)
    assert done.code == 2
    assert "TELEGRAM_WEBHOOK_SECRET" in done.err
    assert telegram.calls == []
