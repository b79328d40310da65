"""YAML reading that remembers where every value came from.

Knowledge editors need ``file:line`` for each problem, so files are composed
into a node tree (keeping marks) and constructed from it. libyaml's C loader
is used when PyYAML was built with it: it is several times faster on a large
FAQ.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.problems import KnowledgeError, Problem

__all__ = ["YamlDocument", "line_of", "read_yaml"]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML file with its node tree, for locating values."""

    path: Path
    data: Any
    node: yaml.Node | None


def read_yaml(path: Path) -> YamlDocument:
    """Parse ``path``; raise `KnowledgeError` with the line of a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError([Problem(path, 0, "ファイルが見つかりません")]) from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError([Problem(path, 1, f"UTF-8 として読めません（{exc.reason}）")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = exc.problem or exc.context or "YAMLとして読めません"
        raise KnowledgeError([Problem(path, line, f"YAMLの書き方に誤りがあります: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise KnowledgeError([Problem(path, 1, f"YAMLとして読めません: {exc}")]) from None
    finally:
        loader.dispose()
    return YamlDocument(path, data, node)


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
