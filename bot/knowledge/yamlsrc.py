"""YAML reading that remembers where every value came from.

Knowledge editors need ``file:line`` for each problem, so files are composed
into a node tree (keeping marks) and constructed from it. libyaml's C loader
is used when PyYAML was built with it: it is several times faster on a large
FAQ.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.problems import KnowledgeError, Problem

__all__ = ["YamlDocument", "line_of", "read_yaml"]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlDocument:
    """A parsed YAML file that can say on which line a value stands.

    Parsing builds plain Python data with libyaml; the node tree, which keeps a
    position for every value and costs about ten times the memory, is composed
    only when a problem must be located below the top level.
    """

    def __init__(self, path: Path, text: str, data: Any) -> None:
        self.path = path
        self.data = data
        self._text = text
        self._node: yaml.Node | None = None
        self._items: list[int] | None = None

    def line(self, loc: tuple[int | str, ...]) -> int:
        """The 1-based line of the value at ``loc`` (or of its nearest parent)."""
        if len(loc) == 1 and isinstance(loc[0], int):
            items = self._item_lines()
            if items is not None:
                return items[loc[0]]
        return line_of(self.node(), loc)

    def node(self) -> yaml.Node | None:
        """The node tree of the file, composed on first use."""
        if self._node is None:
            self._node = yaml.compose(self._text, Loader=_Loader)
        return self._node

    def _item_lines(self) -> list[int] | None:
        """Lines of a top-level block list's items, found by a text scan (None if not that shape)."""
        if self._items is None and isinstance(self.data, list):
            found = [m.start() for m in _TOP_LEVEL_ITEM.finditer(self._text)]
            if len(found) == len(self.data):
                starts = [0, *(m.end() for m in _NEWLINE.finditer(self._text))]
                self._items = [bisect_right(starts, offset) for offset in found]
        return self._items


_TOP_LEVEL_ITEM = re.compile(r"^-(?=[ \t\r\n])", re.MULTILINE)
_NEWLINE = re.compile(r"\n")


def read_yaml(path: Path) -> YamlDocument:
    """Parse ``path``; raise `KnowledgeError` with the line of a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError([Problem(path, 0, "ファイルが見つかりません")]) from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError([Problem(path, 1, f"UTF-8 として読めません（{exc.reason}）")]) from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = exc.problem or exc.context or "YAMLとして読めません"
        raise KnowledgeError([Problem(path, line, f"YAMLの書き方に誤りがあります: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise KnowledgeError([Problem(path, 1, f"YAMLとして読めません: {exc}")]) from None
    return YamlDocument(path, text, data)


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int:
    """Return the 1-based line of the value at ``loc``, or of its nearest parent."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for key in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            child = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        if child is None:
            return line
        node = child
        if not isinstance(node, yaml.ScalarNode) or node.style not in ("|", ">"):
            line = node.start_mark.line + 1
    return line
