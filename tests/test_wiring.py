"""One wiring for every command: the standalone worker pushes LINE messages exactly as ``serve`` does."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest

from bot.db import ConversationStore
from bot.values import Choice, ConversationKey, Reply
from tests.auxil.line import FakeLine
from tests.auxil.server import start_worker

pytestmark = pytest.mark.asyncio

USER = "U0123456789abcdef0123456789abcde"


def logged(log: Path, text: str, seconds: float = 60) -> bool:
    """Whether ``text`` appears in ``log`` within ``seconds``.

    A hang guard, not a speed claim: a worker starting on a loaded machine (CI runs two test processes
    beside PostgreSQL and chromium) can take more than 10 s to say its first lines.
    """
    deadline = time.monotonic() + seconds
    while text not in log.read_text():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def worker_start_log(tmp_path: Path, settings: dict[str, str], last_line: str) -> str:
    """What a worker with ``settings`` logs at INFO until ``last_line`` (or a minute: `logged`)."""
    worker = start_worker(tmp_path, {"KAIZEN_LOG_LEVEL": "INFO", **settings})
    log = tmp_path / "worker.log"
    try:
        assert logged(log, last_line), log.read_text()
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    return log.read_text()


async def test_the_standalone_worker_pushes_through_the_line_channel(tmp_path: Path) -> None:
    line = FakeLine()
    await line.start()
    database, log = tmp_path / "kaizen.db", tmp_path / "worker.log"
    store = ConversationStore.open(f"sqlite:///{database}")
    store.push(
        ConversationKey("line", USER, USER), Reply("後からのお知らせです", (Choice("メニュー", "menu"),))
    )
    store.close()
    worker = start_worker(tmp_path, {**line.settings(), "KAIZEN_LOG_LEVEL": "INFO"})
    try:
        (pushed,) = await asyncio.wait_for(line.sent(USER, 1), timeout=60)
        assert await asyncio.to_thread(logged, log, "pushes this month: 1")
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        await line.stop()
    assert (pushed.text, pushed.via, pushed.buttons) == ("後からのお知らせです", "push", ("メニュー",))
    output = log.read_text()
    assert "LINE is on (sending only)" in output
    assert "pushes this month: 1" in output


async def test_the_start_says_how_the_dx_team_is_told_of_consultations(tmp_path: Path) -> None:
    """An administrator reads in the log which notices are on, and where they go (never a secret path)."""
    line = FakeLine()
    await line.start()
    settings = {
        **line.settings(),
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_NOTIFY_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B0/webhook-secret",
        "KAIZEN_SMTP_HOST": "127.0.0.1",
        "KAIZEN_SMTP_TO": "dx@example.lg.jp, kaizen@example.lg.jp",
        "KAIZEN_TEAM_ROOM": "line:Cteam0001",
        "KAIZEN_TEAM_MEMBERS": "line:Utanaka=tanaka",
    }
    worker = start_worker(tmp_path, settings)
    log = tmp_path / "worker.log"
    try:
        assert await asyncio.to_thread(logged, log, "in its room line:Cteam0001")
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        await line.stop()
    output = log.read_text()
    assert "through an incoming webhook (host hooks.slack.com, slack format)" in output
    assert "webhook-secret" not in output
    assert "by e-mail through 127.0.0.1 to 2 addresses" in output
    assert "1 member may act there" in output
    assert "no notification channel" not in output


@pytest.mark.parametrize(
    ("url", "warned"),
    [
        ("http://hooks.example.lg.jp/services/T0/B0/webhook-secret", True),
        ("http://127.0.0.1:9/hook", False),  # a relay on this machine
        ("https://hooks.example.lg.jp/services/T0/B0/webhook-secret", False),
    ],
)
async def test_a_plain_http_webhook_to_another_machine_is_a_warning(
    tmp_path: Path, url: str, warned: bool
) -> None:
    """The notices carry the consultations' text: over the network, unencrypted, is worth a line at start."""
    settings = {"KAIZEN_NOTIFY_WEBHOOK_URL": url}
    output = await asyncio.to_thread(worker_start_log, tmp_path, settings, "through an incoming webhook")
    warning = "WARNING bot.delivery: the incoming webhook is plain http to hooks.example.lg.jp"
    assert (warning in output) is warned
    assert "webhook-secret" not in output


@pytest.mark.parametrize(
    ("given", "missing"),
    [("KAIZEN_SMTP_HOST", "KAIZEN_SMTP_TO"), ("KAIZEN_SMTP_TO", "KAIZEN_SMTP_HOST")],
)
async def test_e_mail_set_half_is_a_warning_naming_what_is_missing(
    tmp_path: Path, given: str, missing: str
) -> None:
    """Half of the e-mail settings was logged only as "no notification channel is configured", at INFO."""
    value = "smtp.example.lg.jp" if given == "KAIZEN_SMTP_HOST" else "dx@example.lg.jp"
    last = "the DX team is not notified"
    output = await asyncio.to_thread(worker_start_log, tmp_path, {given: value}, last)
    assert f"WARNING bot.delivery: e-mail notices are off: {missing} is empty" in output
