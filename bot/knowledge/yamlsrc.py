"""YAML reading that remembers where every value came from.

Knowledge editors need ``file:line`` for each problem, so a node tree (which
keeps marks) is composed where a problem must be located. libyaml's C loader
is used when PyYAML was built with it: it is several times faster on a large
FAQ, which is read item by item (`YamlList`).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.problems import KnowledgeError, Problem, undecodable, unreadable
from bot.knowledge.yamlerrors import DuplicateKey, explain

__all__ = ["YamlDocument", "YamlList", "line_of", "read_yaml", "read_yaml_list"]

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, refusing a key written twice in one mapping (YAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], yaml.Node] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    first = seen.setdefault((key.tag, key.value), key)
                    if first is not key:
                        raise DuplicateKey(key.value, first.start_mark, key.start_mark)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


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


class YamlList:
    """A file that is a plain top-level block list, parsed a few items at a time as it is iterated.

    Parsed whole, a 50,000-entry FAQ holds the node tree and data of every
    entry at once (over 600 MiB) and spends most of its time in garbage
    collection; item by item, only what the caller keeps of each item adds up
    (and the plain data of the last read, kept so a re-read parses only what changed).
    `read_yaml_list` makes one only for text where every line at column 0
    starts an item, is blank or is a comment, and that has no anchors: each
    item then parses as it would inside the whole document. Should a batch
    still not parse on its own (a syntax error, or a multi-line value that
    hides what looked like the start of an item), the whole file is parsed
    instead, so iteration goes on with the same items or raises the
    `KnowledgeError` that `read_yaml` would.
    """

    BATCH = 8
    """Items per parse: one call has a fixed cost, and a larger batch a larger node tree to collect."""

    def __init__(self, path: Path, text: str, starts: list[int]) -> None:
        self.path = path
        self._text = text
        self._starts = starts
        self._lines = _lines_of(text, starts)
        self._whole: YamlDocument | None = None

    def __iter__(self) -> Iterator[Any]:
        """The items in order; raises `KnowledgeError` on a syntax error (after yielding earlier items).

        Batches whose text is unchanged since this path was last read whole are not parsed again
        (`_BATCHES`): reading a 50,000-entry FAQ after one edit parses one batch. The items are
        then the same objects as last time, so callers must not change them.
        """
        bounds = [*self._starts, len(self._text)]
        last_time = _BATCHES.get(self.path, {})
        this_time: dict[bytes, list[Any]] = {}
        for first in range(0, len(self._starts), self.BATCH):
            last = min(first + self.BATCH, len(self._starts))
            text = self._text[bounds[first] : bounds[last]]
            key = hashlib.blake2b(text.encode(), digest_size=16).digest()
            items = last_time.get(key)
            if items is None:
                items = self._parse(text)
            if items is None or len(items) != last - first:
                # Items before ``first`` parsed on their own, as they do in the whole file.
                _BATCHES.pop(self.path, None)
                self._whole = _parse(self.path, self._text)
                yield from self._whole.data[first:]
                return
            this_time[key] = items
            yield from items
        _BATCHES[self.path] = this_time

    def line(self, loc: tuple[int | str, ...]) -> int:
        """The 1-based line of the value at ``loc`` (an item's number, then keys) or of its nearest parent."""
        if self._whole is not None:
            return self._whole.line(loc)
        number = loc[0] if loc else None
        if not isinstance(number, int) or not 0 <= number < len(self._starts):
            return self._lines[0]  # the list itself, which starts with its first item
        if len(loc) == 1:
            return self._lines[number]
        end = self._starts[number + 1] if number + 1 < len(self._starts) else len(self._text)
        node = yaml.compose(self._text[self._starts[number] : end], Loader=_Loader)
        return self._lines[number] - 1 + line_of(node, (0, *loc[1:]))

    def _parse(self, text: str) -> list[Any] | None:
        try:
            items = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError:
            return None
        return items if isinstance(items, list) else None


_BATCHES: dict[Path, dict[bytes, list[Any]]] = {}
"""The parsed batches of each `YamlList` path read to its end, by a digest of their text (the last read's
only): a server reloading its knowledge after an edit parses only what changed."""

_TOP_LEVEL_ITEM = re.compile(r"^-(?=[ \t\r\n])", re.MULTILINE)
_NEWLINE = re.compile(r"\n")
_COLUMN_ZERO = re.compile(r"^[^ \t\r\n#]", re.MULTILINE)
"""The first character of a line that neither is blank, indented nor a comment."""
_OTHER_BREAK = re.compile(r"[\x85\u2028\u2029]")
"""Line breaks to YAML that a scan by ``\\n`` would not see (reading the text made ``\\r`` one)."""
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")
"""What may be an anchor. Anchors are the one thing items share: an alias may name another item's
anchor, and an anchor may not be defined twice. Text such as ``R&D`` does not match."""
_BLANK_OR_COMMENTS = re.compile(r"(?: *(?:#[^\n]*)?\n)*")


def _block_list_items(text: str) -> list[int] | None:
    """Offsets of the items of a plain top-level block list, or None if ``text`` is anything else.

    Plain means: only blank lines and comments before the first item (no
    document header or directive), every other line at column 0 starts an
    item with ``-`` and a space, a tab or a line end, and no anchors.
    """
    starts: list[int] = []
    for match in _COLUMN_ZERO.finditer(text):
        if not _TOP_LEVEL_ITEM.match(text, match.start()):
            return None
        starts.append(match.start())
    if not starts or not _BLANK_OR_COMMENTS.fullmatch(text, 0, starts[0]):
        return None
    if _OTHER_BREAK.search(text) or _ANCHOR.search(text):
        return None
    return starts


def _lines_of(text: str, offsets: list[int]) -> list[int]:
    """The 1-based line of each of the ascending ``offsets``."""
    lines: list[int] = []
    line, previous = 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        lines.append(line)
        previous = offset
    return lines


def read_yaml(path: Path) -> YamlDocument:
    """Parse ``path``; raise `KnowledgeError` with the line of a syntax error."""
    return _parse(path, _read_text(path))


def read_yaml_list(path: Path) -> YamlDocument | YamlList:
    """Read a file meant to be a top-level list: a plain block list as a `YamlList`, anything else whole.

    Raises `KnowledgeError` if the file cannot be read or, when parsed whole, has a syntax error.
    """
    text = _read_text(path)
    body = text.removeprefix("\ufeff")  # YAML ignores a byte order mark at the start
    starts = _block_list_items(body)
    return _parse(path, text) if starts is None else YamlList(path, body, starts)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError([Problem(path, 0, "ファイルが見つかりません")]) from None
    except IsADirectoryError:
        raise KnowledgeError([Problem(path, 0, "フォルダです。ファイルを指定してください")]) from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError([undecodable(path, exc)]) from None
    except OSError as exc:
        raise KnowledgeError([unreadable(path, exc)]) from None


def _parse(path: Path, text: str) -> YamlDocument:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        line, message = explain(exc, text)
        raise KnowledgeError([Problem(path, line, message)]) from None
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
