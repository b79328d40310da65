"""Notice bodies for Teams Workflows, Slack and LINE WORKS, and e-mail through a fake SMTP server."""

from __future__ import annotations

from email.message import EmailMessage

import aiohttp
import pytest

from bot.config import NotifySettings, Settings
from bot.consult.notices import NOTIFY_EMAIL, NOTIFY_WEBHOOK, TEAM
from bot.db.outbox import Delivery
from bot.delivery import notice_channels
from bot.delivery.email import EmailSender
from bot.delivery.webhook import WebhookSender, body_for, format_of
from bot.dialogue import ConversationKey
from bot.knowledge import Ward
from tests.auxil.modules import loaded_after
from tests.auxil.platforms import FakeSmtp, FakeWebhook

NOTICE = {
    "event": "new",
    "consultation": 7,
    "title": "新しいご相談が届きました（No.7）",
    "text": "所属：総務課\n内容：<会議録> & 議事録",
    "url": "https://kaizen.example.lg.jp/admin/consultations/7",
}


def delivery(channel: str) -> Delivery:
    return Delivery(42, ConversationKey(channel, TEAM, TEAM), NOTICE, 1)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://hooks.slack.com/services/T0/B0/XYZ", "slack"),
        (
            "https://prod-01.japaneast.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x",
            "teams",
        ),
        ("https://default123.environment.api.powerplatform.com/powerautomate/automations/x", "teams"),
        ("https://webhook.worksmobile.com/message/abc", "lineworks"),
        ("https://chat.example.lg.jp/hooks/1", "slack"),
    ],
)
def test_the_format_follows_the_url_unless_set(url: str, expected: str) -> None:
    assert format_of(url, "auto") == expected
    assert format_of(url, "teams") == "teams"


def test_teams_gets_an_adaptive_card_with_a_link() -> None:
    body = body_for("teams", NOTICE)
    assert body["type"] == "message"
    (attachment,) = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    texts = [inline["text"] for block in card["body"] for inline in block["inlines"]]
    assert texts == [NOTICE["title"], NOTICE["text"]]
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "ダッシュボードで開く", "url": NOTICE["url"]}
    ]


def test_slack_gets_escaped_mrkdwn_and_line_works_a_title_and_body() -> None:
    slack = body_for("slack", NOTICE)
    assert slack == {
        "text": "新しいご相談が届きました（No.7）\n所属：総務課\n内容：&lt;会議録&gt; &amp; 議事録",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "*新しいご相談が届きました（No.7）*"}},
            {
                "type": "section",
                "text": {
                    "type": "plain_text",
                    "text": "所属：総務課\n内容：<会議録> & 議事録",
                    "emoji": False,
                },
            },
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "<https://kaizen.example.lg.jp/admin/consultations/7|ダッシュボードで開く>",
                },
            },
        ],
    }
    works = body_for("lineworks", {**NOTICE, "url": None})
    assert works == {"title": NOTICE["title"], "body": {"text": "所属：総務課\n内容：＜会議録＞ & 議事録"}}


def test_the_bodies_come_from_the_channels_without_loading_their_sdks() -> None:
    sdks = ("slack_sdk", "slack_bolt", "jwt", "telegram", "microsoft_agents", "msal")
    assert [m for m in loaded_after("import bot.delivery.webhook") if m.startswith(sdks)] == []


def test_only_configured_notice_channels_are_on() -> None:
    assert notice_channels(NotifySettings()) == ()
    assert notice_channels(NotifySettings(webhook_url="https://x", smtp_host="smtp", smtp_to=("a@b",))) == (
        NOTIFY_WEBHOOK,
        NOTIFY_EMAIL,
    )
    assert notice_channels(NotifySettings(smtp_host="smtp")) == (), "e-mail needs recipients"
    assert Settings.from_env({}).notify == NotifySettings()


@pytest.mark.asyncio
async def test_email_goes_through_smtp_with_the_message_named(smtp: FakeSmtp) -> None:
    settings = NotifySettings(
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_starttls=False,
        smtp_from="kaizen-bot@city.sample.lg.jp",
        smtp_to=("dx-kaizen@city.sample.lg.jp", "lead@city.sample.lg.jp"),
    )
    await EmailSender(settings, timeout=5).send(delivery(NOTIFY_EMAIL))
    (message,) = smtp.messages
    assert message["Subject"] == "【業務改善相談bot】新しいご相談が届きました（No.7）"
    assert message["Message-ID"] == "<kaizen-outbox-42@kaizen-bot>"
    assert smtp.envelopes == [
        ("kaizen-bot@city.sample.lg.jp", ("dx-kaizen@city.sample.lg.jp", "lead@city.sample.lg.jp"))
    ]
    assert isinstance(message, EmailMessage)
    assert "ダッシュボード：https://kaizen.example.lg.jp/admin/consultations/7" in message.get_content()


@pytest.mark.asyncio
async def test_the_email_names_the_wards_own_bot(smtp: FakeSmtp) -> None:
    settings = NotifySettings(
        smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_starttls=False, smtp_to=("a@b.jp",)
    )
    ward = Ward(bot_name="みどり区 しごと改善アシスタント")
    await EmailSender(settings, timeout=5, ward=lambda: ward).send(delivery(NOTIFY_EMAIL))
    (message,) = smtp.messages
    assert message["Subject"] == "【みどり区 しごと改善アシスタント】新しいご相談が届きました（No.7）"
    assert isinstance(message, EmailMessage)
    assert "このメールはみどり区 しごと改善アシスタントが自動で送信しています。" in message.get_content()
    assert "業務改善相談bot" not in message.get_content()


@pytest.mark.asyncio
async def test_an_smtp_server_that_is_not_there_is_a_failure_to_retry() -> None:
    settings = NotifySettings(smtp_host="127.0.0.1", smtp_port=9, smtp_starttls=False, smtp_to=("a@b.jp",))
    with pytest.raises(ConnectionRefusedError):
        await EmailSender(settings, timeout=2).send(delivery(NOTIFY_EMAIL))


@pytest.mark.asyncio
async def test_the_webhook_sender_posts_json_with_an_idempotency_key(webhook: FakeWebhook) -> None:
    webhook.script = [404]
    async with aiohttp.ClientSession() as session:
        sender = WebhookSender(session, webhook.url, "auto")
        with pytest.raises(aiohttp.ClientResponseError) as failed:
            await sender.send(delivery(NOTIFY_WEBHOOK))
        assert failed.value.status == 404
        await sender.send(delivery(NOTIFY_WEBHOOK))
    assert [r.idempotency_key for r in webhook.received] == ["kaizen-outbox-42"] * 2
    assert webhook.accepted[0].body["blocks"][0]["text"]["text"].startswith("*新しいご相談")
