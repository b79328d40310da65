"""A notice to the DX team as a Teams Adaptive Card: plain JSON, no SDK, so the incoming webhook can use it.

The same card goes to the team's room (`TeamsChannel.post_notice`) and to a
Teams Workflows incoming webhook (`bot.delivery.webhook`, which takes
``{"type": "message", "attachments": [<this attachment>]}``). Its text is a
``RichTextBlock`` of one ``TextRun``, which Teams renders without Markdown
(a ``TextBlock`` would turn ``[x](url)`` into a link), with ``@channel``-like
words broken (`bot.plaintext`); the only link is the dashboard's,
as an ``Action.OpenUrl`` (the one kind of button a Workflows card allows).
"""

from __future__ import annotations

from typing import Any

from bot.plaintext import text_block
from bot.values import NOTICE_LINK_LABEL, Notice

__all__ = ["notice_attachment", "webhook_body"]

_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"


def notice_attachment(notice: Notice) -> dict[str, Any]:
    """The Adaptive Card attachment showing ``notice`` (schema 1.4, which Workflows renders too)."""
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [text_block(notice.title, weight="Bolder", size="Medium"), text_block(notice.text)],
    }
    if notice.url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": NOTICE_LINK_LABEL, "url": notice.url}]
    return {"contentType": _CONTENT_TYPE, "contentUrl": None, "content": card}


def webhook_body(notice: Notice) -> dict[str, Any]:
    """The Workflows incoming webhook's JSON body for ``notice``: a message carrying the card."""
    return {"type": "message", "attachments": [notice_attachment(notice)]}
