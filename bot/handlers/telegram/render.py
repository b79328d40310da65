"""Replies and notices as Telegram messages: HTML text with inline keyboards, within Telegram's limits.

- A reply is one message: its text, its source cited in the line right
  under it (`bot.handlers.citation`: not a button, which only showed the
  same answer or page again; under the cards it read as the last card's
  source), then its cards as a compact numbered list (each card's title in
  bold, its text below), then one inline keyboard with the card buttons (a
  row per card) and the reply's choices. One message per reply
  keeps a list of ten cases readable and far below Telegram's flood limit
  of about one message a second per chat; a card's button is numbered ("2. 詳しく見る") only when another
  card has a button of the same label. A run of cards that share one list's buttons, three each
  (「課から探す（1/7）」 to 「（7/7）」, `bot.values.Card.group`, set where the list is split), is one
  section, headed once, its buttons all in the keyboard: a carousel shows such cards side by side,
  but in one message they read as seven identical headings over nothing.
- Text is HTML with everything not ours escaped (`html.escape`), so
  nothing typed by a person renders as markup; ``@name`` mentions are
  broken invisibly (`bot.plaintext.without_telegram_mentions`),
  so none pings anyone in a group; notices show no link preview.
- A message holds at most 4096 characters (`MAX_TEXT_CHARS`, counted as
  Telegram counts them, in UTF-16 code units of the visible text): longer
  text is split at paragraph breaks, else at line breaks, else where it
  must be; the keyboard goes under the last part.
- Every button is callback data (at most 64 bytes, which every
  `bot.values.Choice` action fits); Telegram sends it back as a callback
  query, read as a button press.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.citation import citation
from bot.plaintext import without_telegram_mentions
from bot.values import NOTICE_LINK_LABEL, Card, Choice, Notice, Reply

__all__ = ["MAX_LABEL_CHARS", "MAX_TEXT_CHARS", "Outgoing", "notice", "render"]

MAX_TEXT_CHARS = 4096
"""Telegram's limit on a message's text, after its HTML is parsed."""

MAX_LABEL_CHARS = 40
"""Longer button labels are shortened with "…": clients cut them anyway, and keep few characters."""

MAX_ROW_CHARS = 16
"""Buttons share a row while their labels together stay this short (Japanese is wide on a phone)."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One Telegram message: its HTML text and, under the last part of a reply, its keyboard."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None


@dataclass(frozen=True, slots=True)
class _Span:
    """A run of text and whether it shows in bold; ``text`` is plain (escaped when rendered)."""

    text: str
    bold: bool = False

    @classmethod
    def of(cls, text: str, bold: bool = False) -> _Span:
        """A span of text from anywhere (staff, the FAQ, a case), its mentions broken."""
        return cls(without_telegram_mentions(text), bold)


def render(replies: Sequence[Reply]) -> list[Outgoing]:
    """The messages for ``replies``, in order: one per reply unless its text needs splitting."""
    messages: list[Outgoing] = []
    for reply in replies:
        parts = _split(_spans(reply))
        keyboard = _keyboard(reply)
        messages.extend(Outgoing(_html(part)) for part in parts[:-1])
        messages.append(Outgoing(_html(parts[-1]), keyboard))
    return messages


def notice(message: Notice) -> list[Outgoing]:
    """A notice for the DX team's group: its title in bold, its text, the dashboard link as the only link."""
    spans = [_Span.of(message.title, bold=True), _Span.of("\n" + message.text)]
    parts = _split(spans)
    rendered = [_html(part) for part in parts]
    if message.url:
        link = f'\n<a href="{html.escape(message.url)}">{NOTICE_LINK_LABEL}</a>'
        last = sum(_length(span.text) for span in parts[-1])
        if last + 1 + len(NOTICE_LINK_LABEL) <= MAX_TEXT_CHARS:
            rendered[-1] += link
        else:
            rendered.append(link.lstrip())
    return [Outgoing(text) for text in rendered]


def _split(spans: Sequence[_Span], limit: int = MAX_TEXT_CHARS) -> list[list[_Span]]:
    """``spans`` cut into parts of at most ``limit`` UTF-16 code units: at paragraphs, lines, or anywhere."""
    parts: list[list[_Span]] = [[]]
    room = limit
    for span in spans:
        text = span.text
        while _length(text) > room:
            head, text = _cut(text, room)
            if head:
                parts[-1].append(_Span(head, span.bold))
            parts.append([])
            room = limit
            text = text.lstrip("\n")
        if text:
            parts[-1].append(_Span(text, span.bold))
            room -= _length(text)
    return [part for part in parts if part] or [[_Span("")]]


def _cut(text: str, room: int) -> tuple[str, str]:
    """The longest head of ``text`` that fits ``room``, ending at a paragraph or line break if one is near."""
    fits = _fitting(text, room)
    head = text[:fits]
    for mark in ("\n\n", "\n"):
        at = head.rfind(mark)
        if at > fits // 2:
            return text[:at], text[at:]
    return head, text[fits:]


def _fitting(text: str, room: int) -> int:
    """How many characters of ``text`` fit in ``room`` UTF-16 code units (a surrogate pair kept whole)."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > room:
            return index
    return len(text)


def _length(text: str) -> int:
    """Telegram's length of ``text``: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class _Section:
    """What the message shows of one card, or of a run of cards sharing one list's buttons."""

    title: str
    text: str
    choices: tuple[Choice, ...]


def _sections(cards: Sequence[Card]) -> list[_Section]:
    """``cards`` as sections: each alone, but a run of one list's button cards (`Card.group`) as one."""
    sections: list[_Section] = []
    for number, card in enumerate(cards):
        if card.continues(cards[number - 1] if number else None):
            sections[-1] = replace(sections[-1], choices=sections[-1].choices + card.choices)
        else:
            sections.append(_Section(card.group or card.title, card.text, card.choices))
    return sections


def _spans(reply: Reply) -> list[_Span]:
    """The reply's text, its source cited right under it, then its cards.

    Cited after the cards, the source read as the last card's.
    """
    spans = [_Span.of(reply.text)]
    if reply.source is not None:
        spans.append(_Span.of("\n\n" + citation(reply.source.label)))
    sections = _sections(reply.cards)
    numbered = len(sections) > 1
    for n, card in enumerate(sections, 1):
        spans.append(_Span("\n\n"))
        spans.append(_Span.of(f"{n}. {card.title}" if numbered else card.title, bold=True))
        if card.text:
            spans.append(_Span.of("\n" + card.text))
    return spans


def _html(spans: Sequence[_Span]) -> str:
    out = []
    for span in spans:
        text = html.escape(span.text, quote=False)
        out.append(f"<b>{text}</b>" if span.bold and text.strip() else text)
    return "".join(out)


def _keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    seen: set[str] = set()
    rows: list[list[InlineKeyboardButton]] = []
    sections = _sections(reply.cards)
    labels = Counter(c.label for card in sections for c in card.choices)
    for n, card in enumerate(sections, 1):
        rows.extend(_rows([_button(c, n if labels[c.label] > 1 else None) for c in _new(card, seen)]))
    rows.extend(_rows([_button(c, None) for c in reply.choices if _first(c, seen)]))
    return InlineKeyboardMarkup(rows) if rows else None


def _new(card: _Section, seen: set[str]) -> list[Choice]:
    return [c for c in card.choices if _first(c, seen)]


def _first(choice: Choice, seen: set[str]) -> bool:
    """True the first time an action is offered in a message (each button once)."""
    if choice.action in seen:
        return False
    seen.add(choice.action)
    return True


def _button(choice: Choice, number: int | None) -> InlineKeyboardButton:
    label = choice.label if number is None else f"{number}. {choice.label}"
    if len(label) > MAX_LABEL_CHARS:
        label = label[: MAX_LABEL_CHARS - 1] + "…"
    return InlineKeyboardButton(label, callback_data=choice.action)


def _rows(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    """Buttons in rows: side by side while their labels are short together, else one a row."""
    rows: list[list[InlineKeyboardButton]] = []
    width = MAX_ROW_CHARS + 1
    for button in buttons:
        if rows and width + len(button.text) <= MAX_ROW_CHARS and len(rows[-1]) < 3:
            rows[-1].append(button)
            width += len(button.text)
        else:
            rows.append([button])
            width = len(button.text)
    return rows
