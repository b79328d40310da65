"""Staff-typed text arrives as plain text on every platform: no disguised links, mentions or HTML.

Each case opens a consultation whose content is an attack, lets the
notice go through the outbox and the real worker to the fake webhook (or
SMTP server) over HTTP, and reads what the platform would have received.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from email.message import EmailMessage
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.config import DeliverySettings, NotifySettings
from bot.consult.notices import NOTIFY_EMAIL, NOTIFY_WEBHOOK, Notices
from bot.consult.service import ConsultationService
from bot.db import ConversationStore
from bot.delivery import DeliveryWorker
from bot.delivery.email import EmailSender
from bot.delivery.webhook import WebhookSender
from bot.plaintext import for_lineworks, for_slack, without_mentions
from tests.auxil.consultations import new_consultation, open_consultation
from tests.auxil.platforms import FakeSmtp, FakeWebhook

ATTACK = (
    "[ここをクリック](https://evil.example/login) <https://evil.example|申請書> @channel ＠here <!here> "
    '<@U0123> <b>太字</b><a href="https://evil.example">リンク</a> & <m userId="all"> <at>DX推進課</at>'
)
FORMATTING = "*太字* _斜体_ ~取消~ `コード` ```ブロック``` > 引用 :warning: <!channel>"
OUR_LINK = "https://kaizen.example.lg.jp/admin/consultations/1"
FAST = DeliverySettings(backoff_seconds=0.2, backoff_max_seconds=1.0, timeout_seconds=2, lease_seconds=5.0)


@pytest.fixture
def notifying(sqlite_store: ConversationStore) -> ConsultationService:
    notices = Notices((NOTIFY_WEBHOOK, NOTIFY_EMAIL), "https://kaizen.example.lg.jp")
    return ConsultationService(sqlite_store.engine, notices)


async def delivered(worker: DeliveryWorker, seconds: float = 10) -> None:
    """Run the worker until it has delivered a message."""
    deadline = time.monotonic() + seconds
    while not await worker.deliver_due():
        assert time.monotonic() < deadline, "nothing was delivered"
        await asyncio.sleep(0.05)


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as opened:
        yield opened


async def webhook_body(
    service: ConsultationService,
    session: aiohttp.ClientSession,
    webhook: FakeWebhook,
    kind: str,
    content: str = ATTACK,
) -> dict[str, Any]:
    open_consultation(service, new=new_consultation(content))
    sender = WebhookSender(session, webhook.url, kind)
    worker = DeliveryWorker(service.engine, {NOTIFY_WEBHOOK: sender}, FAST, poll_seconds=0.05)
    await delivered(worker)
    (received,) = webhook.accepted
    return received.body


@pytest.mark.asyncio
async def test_slack_gets_no_link_or_mention_but_ours(
    notifying: ConsultationService, session: aiohttp.ClientSession, webhook: FakeWebhook
) -> None:
    body = await webhook_body(notifying, session, webhook, "slack")
    (typed,) = [block for block in body["blocks"] if block["text"]["type"] == "plain_text"]
    assert without_mentions(ATTACK) in typed["text"]["text"], "as typed: plain_text parses no <…> link"
    assert "@channel" not in typed["text"]["text"]
    mrkdwn = " ".join(block["text"]["text"] for block in body["blocks"] if block != typed)
    assert re.findall(r"<[^>]*>", mrkdwn) == [f"<{OUR_LINK}|ダッシュボードで開く>"], "only our link"
    assert "evil.example" not in mrkdwn
    text = body["text"]  # the notification's fallback
    assert "<" not in text
    assert "&lt;https://evil.example|申請書&gt;" in text
    assert "&lt;!here&gt;" in text
    assert "&lt;@U0123&gt;" in text
    assert "&amp;" in text
    assert "@\u2060channel" in text
    assert "＠\u2060here" in text
    assert "@channel" not in text


@pytest.mark.asyncio
async def test_slack_renders_no_formatting_from_what_staff_typed(
    notifying: ConsultationService, session: aiohttp.ClientSession, webhook: FakeWebhook
) -> None:
    body = await webhook_body(notifying, session, webhook, "slack", FORMATTING)
    title, typed, link = body["blocks"]
    assert title["text"] == {"type": "mrkdwn", "text": "*新しいご相談が届きました（No.1）*"}, (
        "the bot's own bold"
    )
    assert link["text"] == {"type": "mrkdwn", "text": f"<{OUR_LINK}|ダッシュボードで開く>"}, "the only link"
    # What staff typed is plain_text: no bold, italics, strike, code, link, mention or emoji code renders.
    assert typed["text"]["type"] == "plain_text"
    assert typed["text"]["emoji"] is False
    assert f"内容：{FORMATTING}" in typed["text"]["text"]


@pytest.mark.asyncio
async def test_teams_renders_the_text_without_markdown(
    notifying: ConsultationService, session: aiohttp.ClientSession, webhook: FakeWebhook
) -> None:
    body = await webhook_body(notifying, session, webhook, "teams")
    card = body["attachments"][0]["content"]
    assert [block["type"] for block in card["body"]] == ["RichTextBlock", "RichTextBlock"]
    runs = [inline for block in card["body"] for inline in block["inlines"]]
    assert {run["type"] for run in runs} == {"TextRun"}, "TextRun: no Markdown, so no link"
    assert without_mentions(ATTACK) in runs[1]["text"]
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "ダッシュボードで開く", "url": OUR_LINK}]
    everywhere = json.dumps(card, ensure_ascii=False)
    assert everywhere.count("evil.example") == ATTACK.count("evil.example"), "nowhere but in the text"
    assert "entities" not in everywhere, "no mention entities"


@pytest.mark.asyncio
async def test_line_works_gets_no_tags(
    notifying: ConsultationService, session: aiohttp.ClientSession, webhook: FakeWebhook
) -> None:
    body = await webhook_body(notifying, session, webhook, "lineworks")
    text = body["body"]["text"]
    assert not re.search("[<>]", text)
    assert '＜m userId="all"＞' in text
    assert "[ここをクリック](https://evil.example/login)" in text, "kept readable, as written"
    assert text.endswith(f"\n{OUR_LINK}")


@pytest.mark.asyncio
async def test_email_is_plain_text_with_the_words_as_written(
    notifying: ConsultationService, smtp: FakeSmtp
) -> None:
    open_consultation(notifying, new=new_consultation(ATTACK))
    settings = NotifySettings(
        smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_starttls=False, smtp_to=("dx@city.sample.lg.jp",)
    )
    sender = EmailSender(settings, timeout=5)
    worker = DeliveryWorker(notifying.engine, {NOTIFY_EMAIL: sender}, FAST, poll_seconds=0.05)
    await delivered(worker)
    (message,) = smtp.messages
    assert isinstance(message, EmailMessage)
    assert not message.is_multipart(), "no HTML alternative to render"
    assert message.get_content_type() == "text/plain"
    assert ATTACK in message.get_content()


def test_the_escapes_leave_ordinary_text_alone() -> None:
    plain = "総務課の会議録（30分→10分）について、メールアドレス宛に連絡します。"
    assert for_slack(plain) == for_lineworks(plain) == without_mentions(plain) == plain
    address = "お問い合わせ：dx@channel.example.jp、kaizen@all.example.jp"
    assert without_mentions(address) == address, "e-mail addresses are not mentions"
    assert without_mentions("@Channel、@here!") == "@\u2060Channel、@\u2060here!"
    assert without_mentions("皆さん@channel見て") == "皆さん@\u2060channel見て"
