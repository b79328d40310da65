"""``python -m bot chat``: the conversation engine in a terminal, choices numbered.

The terminal is one more channel: its conversation state is stored like the
web chat's, so a conversation survives a restart of the command.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TextIO

from bot import wiring
from bot.config import Settings
from bot.db import ConversationStore
from bot.dialogue import Choice, ConversationKey, Incoming, Reply
from bot.handlers.citation import cited
from bot.search import Searcher

__all__ = ["CHANNEL", "render", "run_chat"]

CHANNEL = "terminal"
GREETING = "{bot_name}です。番号で選ぶか、知りたいことを入力してください（「終了」で終わります）。"
_QUIT = frozenset({"終了", "おわり", "exit", "quit", "q"})


def run_chat(settings: Settings, user: str, stdin: TextIO, stdout: TextIO) -> int:
    """Talk until end of input or 「終了」; return the exit code."""
    searcher = Searcher.load(
        settings.faq_path, settings.knowledge_dir, settings.cache_dir, semantic=settings.semantic
    )
    store = ConversationStore.configured(settings)
    try:
        conversations = wiring.conversations(settings, store, searcher, wiring.consultations(settings, store))
        key = ConversationKey(CHANNEL, user, user)
        print(GREETING.format(bot_name=searcher.kb.ward.bot_name), file=stdout)
        buttons = _show(conversations.handle(Incoming(key, action="menu")), stdout)
        while True:
            print("> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line:
                print(file=stdout)
                return 0
            text = unicodedata.normalize("NFKC", line).strip()
            if text in _QUIT:
                return 0
            if text.isdecimal() and buttons and not 1 <= int(text) <= len(buttons):
                # A slip of the finger, not a question: searched, 「99」 was offered the budget's referral.
                print(f"{text}番の選択肢はありません。1〜{len(buttons)}の番号で選んでください。", file=stdout)
                continue
            if text.isdecimal() and buttons:
                chosen = buttons[int(text) - 1]
                print(f"（{chosen.label}）", file=stdout)
                incoming = Incoming(key, action=chosen.action)
            else:
                incoming = Incoming(key, text=line.strip())
            buttons = _show(conversations.handle(incoming), stdout)
    finally:
        store.close()


def _show(replies: Sequence[Reply], stdout: TextIO) -> list[Choice]:
    lines, buttons = render(replies)
    print("\n".join(lines), file=stdout, flush=True)
    return buttons


def render(replies: Sequence[Reply]) -> tuple[list[str], list[Choice]]:
    """Replies as terminal lines, every button numbered in order; return the lines and the buttons."""
    lines: list[str] = []
    buttons: list[Choice] = []

    def number(choice: Choice) -> str:
        buttons.append(choice)
        return f"[{len(buttons)}]"

    for reply in replies:
        lines.append("")
        lines.extend(cited(reply.text, reply.source).splitlines())
        lines.extend(f"  {number(choice)} {choice.label}" for choice in reply.choices)
        for card in reply.cards:
            lines.append(f"  ┌ {card.title}")
            lines.extend(f"  │ {line}" for line in card.text.splitlines())
            if card.choices:
                lines.append("  │ " + "  ".join(f"{number(c)} {c.label}" for c in card.choices))
            lines.append("  └")
    return lines, buttons
