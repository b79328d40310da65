"""Replies as LINE messages, within LINE's limits (the SDK's own message models).

- A reply is a text message; its choices become quick replies (at most 13).
  Its source is cited in the text's last line (`bot.handlers.citation`),
  not as a button, which only showed the same answer or page again. A label
  longer than 20 characters is shortened with "…", and the button's
  ``displayText`` keeps it whole, so the chat shows the full text when it
  is pressed.
- Its cards become a Flex carousel after the text (at most 12 bubbles,
  card buttons as postbacks in each bubble's footer).
- Quick replies show only under the last message of a batch, so the
  buttons of every reply in the batch go there, in order, each action once.
- Every button is a postback whose data is the choice's action; LINE sends
  it back as a postback event, read as a button press.

A request holds at most 5 messages (`MAX_MESSAGES`); `render` never makes
more than two per reply.
"""

from __future__ import annotations

from collections.abc import Sequence

from linebot.v3.messaging import (
    FlexBox,
    FlexBubble,
    FlexButton,
    FlexCarousel,
    FlexMessage,
    FlexText,
    Message,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)

from bot.handlers.citation import cited
from bot.values import Card, Choice, Reply

__all__ = [
    "MAX_BUBBLES",
    "MAX_LABEL_CHARS",
    "MAX_MESSAGES",
    "MAX_QUICK_REPLIES",
    "MAX_TEXT_CHARS",
    "label",
    "render",
]

MAX_MESSAGES = 5
"""Messages in one reply or push request."""

MAX_QUICK_REPLIES = 13
MAX_LABEL_CHARS = 20
"""Quick reply and postback labels."""

MAX_DISPLAY_CHARS = 300
MAX_BUBBLES = 12
MAX_TEXT_CHARS = 5000
MAX_ALT_CHARS = 400
MAX_CARD_TEXT_CHARS = 300
"""Card text is cut here, so a carousel of ten stays far below LINE's 50 KB."""


def render(replies: Sequence[Reply]) -> list[Message]:
    """LINE messages for ``replies``, in order; the last one carries the quick replies."""
    messages: list[Message] = []
    buttons: dict[str, Choice] = {}
    for reply in replies:
        messages.append(TextMessage(text=cited(reply.text, reply.source, MAX_TEXT_CHARS)))
        if reply.cards:
            messages.append(_carousel(reply.cards, reply.text))
        for choice in reply.choices:
            buttons.setdefault(choice.action, choice)
    if messages and buttons:
        messages[-1].quick_reply = _quick_reply(list(buttons.values()))
    return messages


def label(text: str) -> str:
    """A button label LINE accepts: at most 20 characters, shortened with "…"."""
    return _cut(text, MAX_LABEL_CHARS)


def _quick_reply(choices: Sequence[Choice]) -> QuickReply:
    items = [QuickReplyItem(action=_postback(choice)) for choice in choices[:MAX_QUICK_REPLIES]]
    return QuickReply(items=items)


def _postback(choice: Choice) -> PostbackAction:
    return PostbackAction(
        label=label(choice.label),
        data=choice.action,
        display_text=_cut(choice.label, MAX_DISPLAY_CHARS),
    )


def _carousel(cards: Sequence[Card], text: str) -> FlexMessage:
    bubbles = [_bubble(card) for card in cards[:MAX_BUBBLES]]
    titles = "、".join(card.title for card in cards)
    alt = _cut(f"{titles}（{_cut(text, 60)}）", MAX_ALT_CHARS)
    return FlexMessage(alt_text=alt, contents=FlexCarousel(type="carousel", contents=bubbles))


def _bubble(card: Card) -> FlexBubble:
    body: list[FlexText] = [FlexText(type="text", text=card.title, weight="bold", wrap=True)]
    if card.text:
        body.append(
            FlexText(
                type="text", text=_cut(card.text, MAX_CARD_TEXT_CHARS), wrap=True, size="sm", margin="md"
            )
        )
    bubble = FlexBubble(
        type="bubble", size="kilo", body=FlexBox(type="box", layout="vertical", contents=body)
    )
    if card.choices:
        buttons = [
            FlexButton(type="button", action=_postback(choice), style="link", height="sm")
            for choice in card.choices
        ]
        bubble.footer = FlexBox(type="box", layout="vertical", contents=buttons)
    return bubble


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
