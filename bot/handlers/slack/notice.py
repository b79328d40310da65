"""A notice to the DX team for a Slack incoming webhook: plain JSON, no SDK, so the webhook sender can use it.

An incoming webhook takes ``{"text": …}`` in Slack's mrkdwn: the title in
bold, the text with ``&``, ``<`` and ``>`` escaped (`bot.plaintext.for_slack`),
so nothing typed by staff renders as a link or a mention, and the
dashboard's link as ``<url|label>``, the only link. The bot's own posts into
the team's channel are Block Kit (`bot.handlers.slack.blocks.notice_message`).
"""

from __future__ import annotations

from typing import Any

from bot.plaintext import for_slack
from bot.values import NOTICE_LINK_LABEL, Notice

__all__ = ["webhook_body"]


def webhook_body(notice: Notice) -> dict[str, Any]:
    """The incoming webhook's JSON body for ``notice``."""
    message = f"*{for_slack(notice.title)}*\n{for_slack(notice.text)}"
    if notice.url:
        message += f"\n<{notice.url}|{NOTICE_LINK_LABEL}>"
    return {"text": message}
