"""What the DX team types in their room, read into a `Command`: a pure function, no I/O.

The grammar (full-width ``＃`` and digits are read as ASCII; the verb may
be followed by a space, a line break or a colon, and the text may span lines)::

    #123                  show No.123 (also: #123 表示)
    #123 回答 <text>       answer the staff member
    #123 追加情報 <text>    ask the staff member for more information (also: 確認)
    #123 クローズ           close it as 解決 (also: 解決, 完了, close)
    #123 担当              take it (assigned to the member, 対応中)
    #123 メモ <text>        an internal note, never shown to the staff member

Anything else, including a verb without its text, is `None` and gets the help.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from bot.knowledge import Ward

__all__ = ["Command", "Verb", "help_text", "parse"]

Verb = Literal["show", "answer", "request", "close", "take", "note"]

_VERBS: dict[str, Verb] = {
    "表示": "show",
    "show": "show",
    "回答": "answer",
    "answer": "answer",
    "追加情報": "request",
    "確認": "request",
    "request": "request",
    "クローズ": "close",
    "解決": "close",
    "完了": "close",
    "close": "close",
    "担当": "take",
    "take": "take",
    "メモ": "note",
    "note": "note",
}
_NEEDS_TEXT = frozenset({"answer", "request", "note"})

_HEAD = re.compile(r"^\s*#\s*(\d{1,9})(?:[\s:：]+|$)")
_VERB = re.compile(r"^(\S+?)(?:[\s:：]+|$)")

_HELP = (
    "{team}の相談botです。このルームでは、相談番号を付けて次のように入力してください。\n"
    "・#123 … No.123 の内容を表示\n"
    "・#123 回答 （本文） … 相談者に回答を送る（改行を含めても構いません）\n"
    "・#123 追加情報 （本文） … 相談者に追加の情報をお願いする\n"
    "・#123 担当 … 自分の担当にして対応中にする\n"
    "・#123 メモ （本文） … チーム内のメモを残す（相談者には送られません）\n"
    "・#123 クローズ … 解決として閉じる"
)


def help_text(ward: Ward) -> str:
    """What the room's commands are, for ``ward``'s team."""
    return _HELP.format(team=ward.team)


@dataclass(frozen=True, slots=True)
class Command:
    """One command: the consultation's number, what to do, and the text that goes with it ("" if none)."""

    number: int
    verb: Verb
    text: str = ""


def parse(said: str) -> Command | None:
    """The command in ``said`` (the mention already removed), or None when it is not one."""
    head = _HEAD.match(_folded(said))
    if head is None:
        return None
    number = int(head.group(1))
    rest = said[head.end() :]
    if not rest.strip():
        return Command(number, "show")
    found = _VERB.match(rest.lstrip())
    if found is None:
        return None
    verb = _VERBS.get(unicodedata.normalize("NFKC", found.group(1)).lower())
    text = rest.lstrip()[found.end() :].strip()
    if verb is None or (verb in _NEEDS_TEXT) != bool(text):
        return None
    return Command(number, verb, text)


def _folded(said: str) -> str:
    """``said`` with full-width ``＃`` and digits as ASCII, character for character (positions kept)."""
    return said.translate(_FULL_WIDTH)


_FULL_WIDTH = str.maketrans("＃０１２３４５６７８９", "#0123456789")
