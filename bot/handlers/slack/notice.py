"""A notice to the DX team for a Slack incoming webhook: plain JSON, no SDK, so the webhook sender can use it.

An incoming webhook takes Block Kit: the bot's title in bold (mrkdwn), the
text, which holds what staff typed, as ``plain_text`` (no bold, italics,
strike, code, link or mention renders from it, and no emoji code), and the
dashboard's link as ``<url|label>``, the only link. ``text`` is the
notification's fallback, escaped (`bot.plaintext.for_slack`). The bot's own
posts into the team's channel are the same blocks through the SDK
(`bot.handlers.slack.blocks.notice_message`).
"""

from __future__ import annotations

from typing import Any

from bot.plaintext import for_slack, without_mentions
from bot.values import NOTICE_LINK_LABEL, Notice

__all__ = ["as_typed", "webhook_body"]


MAX_PLAIN_CHARS = 3000
"""Slack's limit on a section's text."""


def webhook_body(notice: Notice) -> dict[str, Any]:
    """The incoming webhook's JSON body for ``notice``."""
    typed = {"type": "plain_text", "text": as_typed(notice.text), "emoji": False}
    blocks = [_section(f"*{for_slack(notice.title)}*"), {"type": "section", "text": typed}]
    if notice.url:
        blocks.append(_section(f"<{notice.url}|{NOTICE_LINK_LABEL}>"))
    return {"text": f"{for_slack(notice.title)}\n{for_slack(notice.text)}", "blocks": blocks}


def as_typed(text: str) -> str:
    """``text`` for a ``plain_text`` section: no mention, within Slack's limit, never empty."""
    shown = without_mentions(text)
    if len(shown) > MAX_PLAIN_CHARS:
        shown = shown[: MAX_PLAIN_CHARS - 1] + "…"
    return shown or " "


def _section(mrkdwn: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}}
