"""Replies as LINE WORKS message contents, within the platform's limits.

The message API takes one content per request, so a reply becomes a short
list of contents, sent in order:

- its text, as text contents of at most `MAX_TEXT_CHARS` characters each
  (a longer text is split at a line break where one is near, never lost);
- its cards as carousel templates: at most `MAX_COLUMNS` columns, title at
  most `MAX_TITLE_CHARS`, text at most `MAX_COLUMN_TEXT_CHARS` (the limit
  with a title), every column of one carousel with the same number of
  actions (LINE WORKS' rule): consecutive cards with the same number of
  buttons share a carousel; a card without buttons becomes a text content;
- its source cited in the text's last line (`bot.handlers.citation`), not
  as a button, which only showed the same answer or page again;
- its choices as quick replies under the last content of the batch (at
  most `MAX_QUICK_REPLIES`), each action once.

Every button is a postback whose ``data`` is the choice's action, which
LINE WORKS sends back as a ``postback`` callback; its label is cut to
`MAX_LABEL_CHARS` with "…", and ``displayText`` keeps it whole, so the chat
shows the full text when it is pressed.

Every text and card is literal (`bot.plaintext.for_lineworks`): a reply may
quote what a staff member or the DX team typed (a consultation shown in the
team's room), and LINE WORKS would make a mention of a ``<m userId=…>`` tag
in it, calling someone, or the whole room.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from bot.handlers.citation import cited
from bot.plaintext import for_lineworks
from bot.values import Card, Choice, Reply

__all__ = [
    "MAX_COLUMNS",
    "MAX_COLUMN_TEXT_CHARS",
    "MAX_LABEL_CHARS",
    "MAX_QUICK_REPLIES",
    "MAX_TEXT_CHARS",
    "MAX_TITLE_CHARS",
    "label",
    "render",
    "split",
]

Content = dict[str, Any]

MAX_TEXT_CHARS = 2000
"""Characters of one text content."""

MAX_QUICK_REPLIES = 13
MAX_LABEL_CHARS = 20
"""Quick reply and button labels."""

MAX_DISPLAY_CHARS = 300
MAX_COLUMNS = 10
MAX_TITLE_CHARS = 40
MAX_COLUMN_TEXT_CHARS = 60
"""A carousel column's text with a title (120 without one; ours always have one)."""

_SPLIT_WINDOW = 200
"""How far back from the limit a line break is looked for, to split long texts between lines."""


def render(replies: Sequence[Reply]) -> list[Content]:
    """The contents for ``replies``, in order; the last one carries the quick replies."""
    contents: list[Content] = []
    buttons: dict[str, Choice] = {}
    for reply in replies:
        text = for_lineworks(cited(reply.text, reply.source))
        contents.extend({"type": "text", "text": part} for part in split(text))
        contents.extend(_cards(reply.cards))
        for choice in reply.choices:
            buttons.setdefault(choice.action, choice)
    if contents and buttons:
        items = [{"action": _postback(choice)} for choice in list(buttons.values())[:MAX_QUICK_REPLIES]]
        contents[-1]["quickReply"] = {"items": items}
    return contents


def split(text: str, limit: int = MAX_TEXT_CHARS) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut after a line break where one is near."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", max(0, limit - _SPLIT_WINDOW), limit)
        cut = limit if cut <= 0 else cut + 1
        parts.append(text[:cut].rstrip("\n") or text[:cut])
        text = text[cut:]
    parts.append(text)
    return [part for part in parts if part] or [text]


def label(text: str) -> str:
    """A button label LINE WORKS accepts: at most 20 characters, shortened with "…"."""
    return _cut(text, MAX_LABEL_CHARS)


def _cards(cards: Sequence[Card]) -> list[Content]:
    """Carousels of the cards that have buttons (by equal button counts), text for those without."""
    contents: list[Content] = []
    for count, run in groupby(cards, key=lambda card: len(card.choices)):
        group = list(run)
        if count == 0:
            contents.extend({"type": "text", "text": _plain(card)} for card in group)
            continue
        for start in range(0, len(group), MAX_COLUMNS):
            columns = [_column(card) for card in group[start : start + MAX_COLUMNS]]
            contents.append({"type": "carousel", "columns": columns})
    return contents


def _column(card: Card) -> Content:
    return {
        "title": _cut(for_lineworks(card.title), MAX_TITLE_CHARS),
        "text": _cut(for_lineworks(card.text or card.title), MAX_COLUMN_TEXT_CHARS),
        "actions": [_postback(choice) for choice in card.choices],
    }


def _plain(card: Card) -> str:
    text = f"【{card.title}】\n{card.text}" if card.text else f"【{card.title}】"
    return _cut(for_lineworks(text), MAX_TEXT_CHARS)


def _postback(choice: Choice) -> Content:
    return {
        "type": "postback",
        "label": label(choice.label),
        "data": choice.action,
        "displayText": _cut(choice.label, MAX_DISPLAY_CHARS),
    }


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
