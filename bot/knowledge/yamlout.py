"""YAML writing in faq.yaml's hand-written style, shared by everything that writes FAQ entries.

A text of several lines is a literal block (``|``) with its lines below it,
not a quoted string of escaped line breaks, so that an editor can read and change
it. Line breaks are written as LF: a CR LF typed in a browser or kept in a
spreadsheet cell (and a draft saved before forms were read as LF) would force
a double-quoted string. PyYAML falls back to a quoted string for what a block
cannot hold (a line ending in a space).
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["dump_blocks"]


class _BlockDumper(yaml.SafeDumper):
    """Multi-line text as ``|`` blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_BlockDumper.add_representer(str, _represent_str)


def dump_blocks(data: Any) -> str:
    """``data`` as YAML: keys in their order, Japanese as it is, multi-line texts as blocks."""
    return yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=1000)
