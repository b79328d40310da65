"""Team notices to an incoming webhook: Teams Workflows, Slack or LINE WORKS, as JSON.

Each platform wants its own body, and its channel module makes it from the
`bot.values.Notice` (plain JSON, no SDK: these modules load even when the
channel is off):

- ``teams``: a Workflows "Post to a channel when a webhook request is
  received" flow takes a message with the Teams channel's own notice card
  (`bot.handlers.teams.notice`, reference/channels.md §3.9);
- ``slack``: ``{"text": …}`` in mrkdwn (`bot.handlers.slack.notice`);
- ``lineworks``: the Incoming Webhook app's ``{"title": …, "body": {"text":
  …}}`` (`bot.handlers.lineworks.notice`).

Only the bot's own link is ever a link: everything from the payload is made
plain text for the platform first (`bot.plaintext`).

``auto`` picks the format from the URL's host. Every request carries an
``Idempotency-Key`` naming the outbox message, so a receiver that honours it
can drop the rare repeat after a crash between its answer and our record of
it (see `bot.db.outbox`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.db.outbox import Delivery
from bot.delivery.http import check_accepted
from bot.handlers.lineworks import notice as lineworks_notice
from bot.handlers.slack import notice as slack_notice
from bot.handlers.teams import notice as teams_notice
from bot.values import Notice

__all__ = ["BODIES", "WebhookSender", "body_for", "format_of"]

BODIES: dict[str, Callable[[Notice], dict[str, Any]]] = {
    "teams": teams_notice.webhook_body,
    "slack": slack_notice.webhook_body,
    "lineworks": lineworks_notice.webhook_body,
}
"""Each format's body, made by its channel's notice module."""


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
    url = payload.get("url")
    notice = Notice(0, "", str(payload["title"]), str(payload["text"]), None if url is None else str(url))
    return BODIES[kind](notice)


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
        headers = {"Idempotency-Key": delivery.name}
        body = body_for(self.format, delivery.payload)
        async with self.session.post(self.url, json=body, headers=headers, allow_redirects=False) as response:
            await check_accepted(response, datetime.now(UTC))
