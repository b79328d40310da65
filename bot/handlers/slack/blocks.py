"""Replies and team notices as Slack Block Kit messages (slack-sdk's block models, which check the limits).

One message per reply:

- its text as ``section`` blocks of mrkdwn, at most 3000 characters each
  (a longer text takes several sections, split at line breaks);
- where the answer comes from, as a ``context`` block (出典：…), and as the
  last line of the message's ``text`` (`bot.handlers.citation`); not as a
  button, which only showed the same answer or page again;
- its cards (cases, chapters, candidates) as a ``section`` each, the card's
  buttons in an ``actions`` block under it; a run of cards sharing one
  list's buttons (「課から探す（1/7）」 to 「（7/7）」, `bot.values.Card.group`, set where the list is split)
  is headed once (「課から探す」), its buttons' ``actions`` blocks one under another;
- its choices as one ``actions`` block.

Limits kept (Slack's, checked again by the SDK's models): at most 50 blocks
(cards beyond are left out, the text says how many there were), button text
at most 75 characters (shortened with "…"), action values at most 2000
(ours are at most 64 bytes, `bot.values.MAX_ACTION_BYTES`). Every message
has its ``text``, which Slack shows in notifications and where blocks
cannot be shown.

Nothing anyone typed renders as a link or a mention: every text goes
through `bot.plaintext.for_slack` (``&``, ``<``, ``>`` as entities,
``@channel`` broken); button labels are plain text. The dashboard's link
in a notice is the only link, as a button.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.handlers.citation import citation
from bot.handlers.slack.notice import as_typed
from bot.plaintext import for_slack
from bot.values import NOTICE_LINK_LABEL, Card, Choice, Notice, Reply

__all__ = ["MAX_BLOCKS", "MAX_BUTTON_CHARS", "MAX_SECTION_CHARS", "Message", "notice_message", "render"]

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_BUTTON_CHARS = 75
MAX_ACTIONS = 25
"""Elements in one ``actions`` block."""

MAX_FALLBACK_CHARS = 4000
"""The ``text`` of a message with blocks: Slack truncates a top-level text after 40,000; keep it short."""


@dataclass(frozen=True, slots=True)
class Message:
    """One ``chat.postMessage``: the fallback text and the blocks (as JSON-ready dicts)."""

    text: str
    blocks: list[dict[str, Any]]


def render(replies: Sequence[Reply]) -> list[Message]:
    """One message for each reply, in order."""
    return [_message(reply) for reply in replies]


def notice_message(item: Notice) -> Message:
    """A notice to the DX team's channel: its title, its text as ``plain_text``, the dashboard's button."""
    blocks: list[Block] = [_section(f"*{for_slack(item.title)}*")]
    blocks.append(SectionBlock(text=PlainTextObject(text=as_typed(item.text), emoji=False)))
    if item.url:
        button = ButtonElement(
            text=PlainTextObject(text=NOTICE_LINK_LABEL), url=item.url, action_id="kaizen-open-dashboard"
        )
        blocks.append(ActionsBlock(elements=[button]))
    fallback = f"{for_slack(item.title)}\n{for_slack(item.text)}"
    return Message(_cut(fallback, MAX_FALLBACK_CHARS), [b.to_dict() for b in blocks[:MAX_BLOCKS]])


def _message(reply: Reply) -> Message:
    text = for_slack(reply.text)
    fallback = _cut(text, MAX_FALLBACK_CHARS)
    head: list[Block] = [_section(chunk) for chunk in _chunks(text)]
    if reply.source is not None:
        source = _cut(citation(for_slack(reply.source.label)), MAX_SECTION_CHARS)
        head.append(ContextBlock(elements=[MarkdownTextObject(text=source)]))
        fallback = f"{_cut(text, MAX_FALLBACK_CHARS - len(source) - 2)}\n\n{source}"
    tail: list[Block] = [_actions(reply.choices, "c")] if reply.choices else []
    room = MAX_BLOCKS - len(head) - len(tail)
    cards: list[Block] = []
    for number, card in enumerate(reply.cards):
        previous = reply.cards[number - 1] if number else None
        blocks = _card(card, number, headed=not card.continues(previous))
        if len(cards) + len(blocks) > room:
            break
        cards.extend(blocks)
    blocks = [*head[: MAX_BLOCKS - len(tail)], *cards, *tail]
    return Message(fallback, [b.to_dict() for b in blocks])


def _card(card: Card, number: int, *, headed: bool = True) -> list[Block]:
    """A card's section and its buttons; ``headed`` False: its buttons alone, under its list's first card."""
    body = f"*{for_slack(card.group or card.title)}*"
    if card.text:
        body += f"\n{for_slack(card.text)}"
    blocks: list[Block] = [_section(_cut(body, MAX_SECTION_CHARS))] if headed else []
    if card.choices:
        blocks.append(_actions(card.choices, f"k{number}"))
    return blocks


def _actions(choices: Sequence[Choice], prefix: str) -> ActionsBlock:
    """Buttons whose values are the choices' actions; action ids unique in the message, as Slack requires."""
    elements = [
        ButtonElement(
            text=PlainTextObject(text=_cut(choice.label, MAX_BUTTON_CHARS)),
            value=choice.action,
            action_id=f"kaizen-{prefix}-{n}",
        )
        for n, choice in enumerate(choices[:MAX_ACTIONS])
    ]
    return ActionsBlock(elements=elements)


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _chunks(text: str) -> list[str]:
    """``text`` in pieces of at most `MAX_SECTION_CHARS`, cut after a line break where there is one."""
    pieces: list[str] = []
    while len(text) > MAX_SECTION_CHARS:
        cut = _whole_entities(text, text.rfind("\n", 0, MAX_SECTION_CHARS) + 1 or MAX_SECTION_CHARS)
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return [piece for piece in pieces if piece.strip()]


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters with "…", never inside ``&amp;``, ``&lt;`` or ``&gt;``."""
    if len(text) <= limit:
        return text
    return text[: _whole_entities(text, limit - 1)] + "…"


def _whole_entities(text: str, cut: int) -> int:
    """``cut``, or the start of the entity it would split."""
    start = text.rfind("&", max(0, cut - 4), cut)
    if start > 0 and text.startswith(("&amp;", "&lt;", "&gt;"), start) and text.index(";", start) >= cut:
        return start
    return cut
