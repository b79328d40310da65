"""A notice to the DX team as a Teams Adaptive Card: plain JSON, no SDK, so the incoming webhook can use it.

The same card goes to the team's room (`TeamsChannel.post_notice`) and to a
Teams Workflows incoming webhook (`bot.delivery.webhook`, which takes
``{"type": "message", "attachments": [<this attachment>]}``). Its text is a
``RichTextBlock`` of one ``TextRun``, which Teams renders without Markdown
(a ``TextBlock`` would turn ``[x](url)`` into a link), with ``@channel``-like
words broken (`bot.plaintext`); the only link is the dashboard's,
as an ``Action.OpenUrl`` (the one kind of button a Workflows card allows).

A notice is short by construction (`bot.consult.notices` quotes 200
characters at most: under 5 KB as sent even in emoji), but the card keeps
within `MAX_ACTIVITY_BYTES` as sent whatever it is given: a longer text is
cut where it must, ending in "…", so the room's post or the webhook's is
never refused as too large (and dropped); the dashboard shows it whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.handlers.teams import ADDRESSING_BYTES, MAX_ACTIVITY_BYTES, longest_head, sent_bytes
from bot.plaintext import text_block
from bot.values import NOTICE_LINK_LABEL, Notice

__all__ = ["notice_attachment", "webhook_body"]

_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
_CUT = "…"


def notice_attachment(notice: Notice) -> dict[str, Any]:
    """The Adaptive Card attachment showing ``notice`` (schema 1.4, which Workflows renders too).

    Its message stays within `MAX_ACTIVITY_BYTES` as sent (room left for the addressing the SDK adds):
    the text is cut to fit, then the title if that is not enough.
    """
    room = MAX_ACTIVITY_BYTES - ADDRESSING_BYTES
    title, text = notice.title, notice.text
    if _size(_card(title, text, notice.url)) > room:
        text = _cut(text, lambda head: _size(_card(title, head, notice.url)), room)
    if _size(_card(title, text, notice.url)) > room:
        title = _cut(title, lambda head: _size(_card(head, text, notice.url)), room)
    return _card(title, text, notice.url)


def _card(title: str, text: str, url: str | None) -> dict[str, Any]:
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [text_block(title, weight="Bolder", size="Medium"), text_block(text)],
    }
    if url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": NOTICE_LINK_LABEL, "url": url}]
    return {"contentType": _CONTENT_TYPE, "contentUrl": None, "content": card}


def _cut(text: str, size: Callable[[str], int], room: int) -> str:
    """The longest head of ``text`` taking at most ``room`` by ``size`` with "…" after it; "…" at least."""
    return text[: longest_head(text, lambda head: size(head + _CUT), room)] + _CUT


def _size(attachment: dict[str, Any]) -> int:
    """The bytes of the message carrying ``attachment`` as posted (JSON, non-ASCII characters escaped)."""
    return sent_bytes(_message(attachment))


def webhook_body(notice: Notice) -> dict[str, Any]:
    """The Workflows incoming webhook's JSON body for ``notice``: a message carrying the card."""
    return _message(notice_attachment(notice))


def _message(attachment: dict[str, Any]) -> dict[str, Any]:
    """A message carrying ``attachment``, as the room's post and the Workflows webhook send it."""
    return {"type": "message", "attachments": [attachment]}
