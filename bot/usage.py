"""The command line's parser, whose refusals of bad usage are in Japanese like every other message.

argparse words its own refusals in English ("the following arguments are required: name"),
beside the bot's Japanese ones ("1以上の整数を指定してください"): an operator read one command in
two languages. The usage line and ``--help`` stay as argparse writes them.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

__all__ = ["Parser", "in_japanese"]

_REFUSALS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"^the following arguments are required: (.+)$", r"次の引数を指定してください: \1"),
        (r"^unrecognized arguments: (.+)$", r"認識できない引数です: \1"),
        (r"^argument (\S+): not allowed with argument (\S+)$", r"\1 と \2 は一緒に指定できません"),
        (
            r"^argument (\S+): invalid choice: (.+) \(choose from (.+)\)$",
            r"\1 に \2 は指定できません（\3 のいずれか）",
        ),
        (r"^argument (\S+): expected one argument$", r"\1 には値を1つ指定してください"),
        (r"^argument (\S+): ignored explicit argument (.+)$", r"\1 は値をとりません（指定された値: \2）"),
        (r"^ambiguous option: (\S+) could match (.+)$", r"\1 は \2 のどれのことか決められません"),
        (r"^argument (\S+): invalid \S+ value: (.+)$", r"\1 に \2 は指定できません"),
        (r"^argument (\S+): (.+)$", r"\1: \2"),  # the bot's own checks of a value, already in Japanese
    )
)


def in_japanese(message: str) -> str:
    """Argparse's refusal ``message`` in Japanese; one it does not know, as it is."""
    for pattern, text in _REFUSALS:
        if pattern.match(message):
            return pattern.sub(text, message)
    return message


class Parser(argparse.ArgumentParser):
    """An `argparse.ArgumentParser` (and its subcommands' parsers) that refuses bad usage in Japanese."""

    def error(self, message: str) -> NoReturn:
        """The usage, then the refusal in Japanese; exit 2, as argparse does."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: エラー: {in_japanese(message)}\n")
