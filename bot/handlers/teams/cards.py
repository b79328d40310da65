"""Replies as Teams activities, and button presses back: pure functions, no I/O.

How a reply looks in Teams:

- An answer, a case or a manual section, or any reply with a source or
  cards, is an **Adaptive Card** (schema 1.5, the highest Teams renders):
  the text a text block a line, the source cited in a subtle last line
  (`bot.handlers.citation`; not a button, which only showed the same
  answer or page again), the reply's choices as ``Action.Submit`` buttons. Teams does
  not show suggested actions on a message with attachments, which is why
  the choices go on the card here.
- The reply's cards follow as a second message, a **carousel** of Adaptive
  Cards (title, text, up to three buttons each).
- Any other reply is a plain message (HTML, escaped, line breaks kept) with
  its choices as **suggested actions** (at most three, all Teams shows) of
  type ``Action.Submit``, so a press sends no visible message.
- An activity stays within `MAX_ACTIVITY_BYTES` as the connector receives
  it (JSON with every Japanese character escaped, six bytes
  each): a longer text (the DX team's answer may be 4,000 characters) is
  split at line breaks into several cards or messages, in order, as the
  other channels split theirs; only the last part carries the source and
  the buttons, so they stay under the end of the text.

Every text is literal: what the DX team or a staff member typed must not
become a link whose label hides where it goes, nor a mention. Card text is
a ``TextRun`` (`bot.plaintext.text_block`: no Markdown, unlike a
``TextBlock``); a message is escaped HTML (``textFormat: xml``) with the
brackets of Markdown's link syntax as character references too, in case a
client reads Markdown there; and ``@channel``-like words are broken
invisibly in both.

Every button carries ``{"action": <token>}``; `action_of` reads it back from a
card submit (a message activity's ``value``) or a suggested-action submit
(an invoke's ``value``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from microsoft_agents.activity import Activity

from bot.handlers.citation import citation
from bot.handlers.teams import ADDRESSING_BYTES, MAX_ACTIVITY_BYTES, longest_head, sent_bytes
from bot.plaintext import text_block, without_mentions
from bot.values import Card, Choice, Reply

__all__ = [
    "ACTION_KEY",
    "CARD_CONTENT_TYPE",
    "CARD_KINDS",
    "MAX_ACTIVITY_BYTES",
    "action_of",
    "render",
    "to_card",
]

ACTION_KEY = "action"
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"
CARD_KINDS = frozenset({"answer", "case", "section"})
"""Reply kinds shown as a card even without a source: what the bot knows, not what it asks."""

Json = dict[str, Any]

_LINK_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})


def render(replies: Sequence[Reply]) -> list[Activity]:
    """The activities that show ``replies`` in Teams, in order (not yet addressed to anyone)."""
    activities: list[Activity] = []
    for reply in replies:
        activities.extend(Activity.model_validate(body) for body in _bodies(reply))
    return activities


def action_of(value: object) -> str | None:
    """The action a pressed button carries, or None when ``value`` is not one of ours."""
    if not isinstance(value, Mapping):
        return None
    action = value.get(ACTION_KEY)
    return action if isinstance(action, str) and action else None


def to_card(title: str | None, text: str, choices: Iterable[Choice], source: Choice | None = None) -> Json:
    """An Adaptive Card 1.5: an optional bold title, the text, the source line, buttons."""
    body: list[Json] = []
    if title:
        body.append(text_block(title, weight="Bolder", size="Medium"))
    body.extend(_paragraphs(text))
    if source is not None:
        body.append({**text_block(citation(source.label), isSubtle=True, size="Small"), "spacing": "Medium"})
    card: Json = {"type": "AdaptiveCard", "$schema": CARD_SCHEMA, "version": CARD_VERSION, "body": body}
    actions = [_submit(choice) for choice in choices]
    if actions:
        card["actions"] = actions
    return card


def _bodies(reply: Reply) -> list[Json]:
    if reply.source is not None or reply.cards or reply.kind in CARD_KINDS:
        shell = _attachments([to_card(None, "", reply.choices, reply.source)])
        parts = _fitting_parts(_paragraph_lines(reply.text), _card_line_bytes, shell)
        bodies = [_attachments([to_card(None, part, ())]) for part in parts[:-1]]
        bodies.append(_attachments([to_card(None, parts[-1], reply.choices, reply.source)]))
        if reply.cards:
            bodies.append(_attachments([_card(card) for card in reply.cards], carousel=True))
        return bodies
    *earlier, last = _fitting_parts(reply.text.split("\n"), _message_line_bytes, _message("", reply.choices))
    return [_message(part, ()) for part in earlier] + [_message(last, reply.choices)]


def _message(text: str, choices: Sequence[Choice]) -> Json:
    body: Json = {"type": "message", "text": _html(text), "textFormat": "xml"}
    if choices:
        body["suggestedActions"] = {
            "actions": [
                {"type": "Action.Submit", "title": choice.label, "value": {ACTION_KEY: choice.action}}
                for choice in choices
            ]
        }
    return body


def _fitting_parts(lines: list[str], line_bytes: Callable[[str], int], shell: Json) -> list[str]:
    """``lines`` joined into texts that each fit one activity, cut between lines (a too long line anywhere).

    ``shell`` is the activity with an empty text; ``line_bytes`` what one line adds to it as sent.
    """
    room = MAX_ACTIVITY_BYTES - ADDRESSING_BYTES - sent_bytes(shell)
    parts: list[list[str]] = [[]]
    used = 0
    for whole in lines:
        line = whole
        while line_bytes(line) > room - used:
            fits = longest_head(line, line_bytes, room - used)
            if line_bytes(line) > room and fits:  # too long for any part: its head fills this one
                parts[-1].append(line[:fits])
                line = line[fits:]
            parts.append([])
            used = 0
        parts[-1].append(line)
        used += line_bytes(line)
    texts = ["\n".join(part) for part in parts if part]
    return texts if len(texts) == 1 else [text.strip("\n") for text in texts]


def _card_line_bytes(line: str) -> int:
    """What one line adds to a card as sent: its text block and the comma before it."""
    return sent_bytes(text_block(line)) + 2


def _message_line_bytes(line: str) -> int:
    """What one line adds to a message's HTML text as sent: the line escaped and a ``<br>``."""
    return sent_bytes(_html(line)) - 2 + len("<br>")


def _card(card: Card) -> Json:
    return to_card(card.title, card.text, card.choices)


def _attachments(cards: list[Json], *, carousel: bool = False) -> Json:
    body: Json = {
        "type": "message",
        "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": card} for card in cards],
    }
    if carousel:
        body["attachmentLayout"] = "carousel"
    return body


def _submit(choice: Choice) -> Json:
    return {"type": "Action.Submit", "title": choice.label, "data": {ACTION_KEY: choice.action}}


def _paragraphs(text: str) -> list[Json]:
    """One text block a line, so every line break shows."""
    return [text_block(line) for line in _paragraph_lines(text)]


def _paragraph_lines(text: str) -> list[str]:
    """The lines of ``text`` a card shows, one text block each: blank lines left out."""
    return [line for line in text.split("\n") if line.strip()] or [text]


def _html(text: str) -> str:
    lines = without_mentions(text).split("\n")
    return "<br>".join(html.escape(line, quote=False).translate(_LINK_BRACKETS) for line in lines)
