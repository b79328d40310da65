"""A notice to the DX team as LINE WORKS text: plain, no PyJWT, so the incoming-webhook sender can use it.

LINE WORKS shows text as typed, except that it makes links of URLs and
mentions of ``<m …>`` tags: `bot.plaintext.for_lineworks` breaks
those in what staff typed, so the dashboard's URL is the only link.

- `room_text`: what the bot posts into the team's room (`LineWorksChannel.post_notice`);
- `webhook_body`: the Incoming Webhook app's ``{"title": …, "body": {"text": …}}``
  (from LINE WORKS' description of the app's request format; the link goes in the text).
"""

from __future__ import annotations

from typing import Any

from bot.plaintext import for_lineworks
from bot.values import NOTICE_LINK_LABEL, Notice

__all__ = ["room_text", "webhook_body"]


def room_text(notice: Notice) -> str:
    """The title, the text, then the labelled dashboard link (when there is one)."""
    text = f"{for_lineworks(notice.title)}\n{for_lineworks(notice.text)}"
    if notice.url:
        text += f"\n{NOTICE_LINK_LABEL}: {notice.url}"
    return text


def webhook_body(notice: Notice) -> dict[str, Any]:
    """The Incoming Webhook app's JSON body for ``notice``."""
    plain = for_lineworks(notice.text)
    body = f"{plain}\n{notice.url}" if notice.url else plain
    return {"title": for_lineworks(notice.title), "body": {"text": body}}
