"""Staff-typed text made inert for each platform a notice goes to: it must arrive as plain text.

A consultation's words are the staff member's, and a notice puts them in
front of the DX team: ``[ここをクリック](https://evil.example)`` must not become a
link whose label hides where it goes, ``<!channel>`` or ``@channel`` must not
call the whole channel, and HTML must not render. Each platform has its own
syntax, so each has its own function; all of them keep the text readable
(a bare address stays visible as written, so a platform that links it shows
where it leads).

- Slack mrkdwn: ``&``, ``<`` and ``>`` as entities, which is all of Slack's
  link and mention syntax (``<url|label>``, ``<!channel>``, ``<@U…>``).
- LINE WORKS: no entities, so ``<`` and ``>`` become their full-width forms
  (its mentions are ``<m userId=…>`` tags).
- Teams (and any Adaptive Card): the text goes in a ``TextRun``
  (`text_block`), which renders no Markdown, where a ``TextBlock`` would
  turn ``[x](url)`` into a link; used by notices (`bot.delivery.webhook`)
  and by the Teams channel's cards (`bot.handlers.teams.cards`).
- Telegram: a word joiner after the ``@`` of every ``@name``, since any
  username mentioned in a group notifies that person (the HTML escaping is
  `bot.handlers.telegram.render`'s).
- Everywhere: a word joiner (U+2060, invisible) after the ``@`` of
  ``@channel``, ``@here``, ``@everyone`` and ``@all``, so that no platform
  reads them as a mention.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["for_lineworks", "for_slack", "text_block", "without_mentions", "without_telegram_mentions"]

_WORD_JOINER = "\u2060"
_MASS_MENTION = re.compile(
    r"(?<![A-Za-z0-9._%+-])([@＠])(?=(?:channel|here|everyone|all)(?![A-Za-z0-9_.-]))", re.IGNORECASE
)
"""``@channel`` and the like, even right after Japanese text, but not in an e-mail address."""


def without_mentions(text: str) -> str:
    """``text`` with ``@channel``-like words broken invisibly."""
    return _MASS_MENTION.sub(lambda m: m.group(1) + _WORD_JOINER, text)


def for_slack(text: str) -> str:
    """``text`` as literal Slack mrkdwn."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return without_mentions(escaped)


def for_lineworks(text: str) -> str:
    """``text`` as literal LINE WORKS message text."""
    return without_mentions(text.replace("<", "＜").replace(">", "＞"))


def text_block(text: str, **style: Any) -> dict[str, Any]:
    """``text`` as literal text in an Adaptive Card: a ``RichTextBlock`` of one ``TextRun``.

    ``style`` is the run's (``weight``, ``size``, ``isSubtle``…); a rich text block always wraps.
    """
    run = {"type": "TextRun", "text": without_mentions(text), **style}
    return {"type": "RichTextBlock", "inlines": [run]}


_TELEGRAM_MENTION = re.compile(r"(?<![A-Za-z0-9._%+-])@(?=[A-Za-z0-9_])")
"""``@name`` as Telegram reads a mention (not the ``@`` of an e-mail address)."""


def without_telegram_mentions(text: str) -> str:
    """``text`` with every ``@name`` broken invisibly, so that no one in a Telegram group is called."""
    return _TELEGRAM_MENTION.sub("@" + _WORD_JOINER, text)
