"""Team notices to an incoming webhook: Teams Workflows, Slack or LINE WORKS, as JSON.

Each platform wants its own body (reference/channels.md §3.9 for Teams):

- ``teams``: a Workflows "Post to a channel when a webhook request is
  received" flow takes ``{"type": "message", "attachments": [<Adaptive
  Card>]}``; buttons other than opening a URL do not work there. The
  notice's text is a ``RichTextBlock`` of one ``TextRun``, which Teams
  renders without Markdown (a ``TextBlock`` would turn ``[x](url)`` into a
  link).
- ``slack``: ``{"text": …}`` in Slack's mrkdwn, with ``&``, ``<`` and ``>``
  escaped and the link as ``<url|label>``.
- ``lineworks``: the Incoming Webhook app's ``{"title": …, "body": {"text":
  …}}`` (from LINE WORKS' description of the app's request format; the link
  goes in the text).

Only the bot's own link is ever a link: everything from the payload is made
plain text for the platform first (`bot.delivery.plaintext`).

``auto`` picks the format from the URL's host. Every request carries an
``Idempotency-Key`` naming the outbox message, so a receiver that honours it
can drop the rare repeat after a crash between its answer and our record of
it (see `bot.db.outbox`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.db.outbox import Delivery
from bot.delivery.http import check_accepted
from bot.delivery.plaintext import for_lineworks, for_slack, text_block

__all__ = ["WebhookSender", "body_for", "format_of"]

_LINK_LABEL = "ダッシュボードで開く"


def format_of(url: str, configured: str) -> str:
    """The body format for ``url``: ``configured``, or for ``auto`` the one its host implies."""
    if configured != "auto":
        return configured
    host = (urlsplit(url).hostname or "").lower()
    if host.endswith("slack.com"):
        return "slack"
    if "worksmobile" in host:
        return "lineworks"
    if any(part in host for part in ("powerautomate", "powerplatform", "logic.azure", "flow.microsoft")):
        return "teams"
    return "slack"  # {"text": ...} is what most other incoming webhooks accept


def body_for(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The JSON body of a notice (``title``, ``text``, optional ``url``) for the platform ``kind``."""
    title, text, url = str(payload["title"]), str(payload["text"]), payload.get("url")
    if kind == "teams":
        card: dict[str, Any] = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": [text_block(title, weight="Bolder", size="Medium"), text_block(text)],
        }
        if url:
            card["actions"] = [{"type": "Action.OpenUrl", "title": _LINK_LABEL, "url": url}]
        attachment = {
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": None,
            "content": card,
        }
        return {"type": "message", "attachments": [attachment]}
    if kind == "lineworks":
        plain = for_lineworks(text)
        return {"title": for_lineworks(title), "body": {"text": f"{plain}\n{url}" if url else plain}}
    message = f"*{for_slack(title)}*\n{for_slack(text)}"
    if url:
        message += f"\n<{url}|{_LINK_LABEL}>"
    return {"text": message}


class WebhookSender:
    """POSTs notices to one incoming-webhook URL; any answer but 2xx is a failure to retry.

    A refusal carries the platform's ``Retry-After`` (`bot.delivery.http`).
    """

    def __init__(self, session: aiohttp.ClientSession, url: str, configured_format: str) -> None:
        self.session = session
        self.url = url
        self.format = format_of(url, configured_format)

    async def send(self, delivery: Delivery) -> None:
        """Deliver one notice; raise `PlatformRefused` on anything but a 2xx answer."""
        headers = {"Idempotency-Key": f"kaizen-outbox-{delivery.id}"}
        body = body_for(self.format, delivery.payload)
        async with self.session.post(self.url, json=body, headers=headers) as response:
            await check_accepted(response, datetime.now(UTC))
