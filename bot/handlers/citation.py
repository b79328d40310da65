"""A reply's source, cited as the last line of its text (出典：…) on every messenger.

A reply's `bot.values.Reply.source` names where its answer comes from, and its
action is the ref of the entry the reply itself shows: a button to it only
showed the same answer or page again. So the messengers cite it as text, and
offer no button for it.
"""

from __future__ import annotations

from bot.values import Choice

__all__ = ["citation", "cited"]


def citation(label: str) -> str:
    """The line that cites a source whose label is ``label``: 「出典：…」."""
    return f"出典：{label}"


def cited(text: str, source: Choice | None, limit: int | None = None) -> str:
    """``text``, then a blank line and the citation of ``source`` (if any) as the last line.

    With ``limit``, the result is at most ``limit`` characters: the text is
    shortened with "…" to make room, so the citation is never cut off.
    """
    line = f"\n\n{citation(source.label)}" if source is not None else ""
    if limit is not None and len(text) + len(line) > limit:
        text = text[: max(limit - len(line) - 1, 0)] + "…"
    return text + line
