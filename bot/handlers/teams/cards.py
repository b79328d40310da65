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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from microsoft_agents.activity import Activity

from bot.handlers.citation import citation
from bot.plaintext import text_block, without_mentions
from bot.values import Card, Choice, Reply

__all__ = ["ACTION_KEY", "CARD_CONTENT_TYPE", "CARD_KINDS", "action_of", "render", "to_card"]

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
        bodies = [_attachments([to_card(None, reply.text, reply.choices, reply.source)])]
        if reply.cards:
            bodies.append(_attachments([_card(card) for card in reply.cards], carousel=True))
        return bodies
    body: Json = {"type": "message", "text": _html(reply.text), "textFormat": "xml"}
    if reply.choices:
        body["suggestedActions"] = {
            "actions": [
                {"type": "Action.Submit", "title": choice.label, "value": {ACTION_KEY: choice.action}}
                for choice in reply.choices
            ]
        }
    return [body]


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
    lines = [line for line in text.split("\n") if line.strip()] or [text]
    return [text_block(line) for line in lines]


def _html(text: str) -> str:
    lines = without_mentions(text).split("\n")
    return "<br>".join(html.escape(line, quote=False).translate(_LINK_BRACKETS) for line in lines)
