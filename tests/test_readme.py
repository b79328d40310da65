"""The README is the front door: its settings table and command list match the code."""

from __future__ import annotations

import re

from bot.cli import _parser
from bot.config import PROJECT_ROOT, SETTINGS

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def documented_settings() -> set[str]:
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", README, re.MULTILINE))


def test_every_setting_is_documented_once_and_nothing_else() -> None:
    assert documented_settings() == {s.name for s in SETTINGS}


def test_every_setting_has_help_text() -> None:
    for setting in SETTINGS:
        assert setting.help.strip(), setting.name


def test_every_command_is_in_the_readme() -> None:
    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for name in commands.choices:  # type: ignore[union-attr]
        assert f"python -m bot {name}" in README, name


def test_quick_start_has_the_two_commands() -> None:
    assert "python -m pip install -e . && python -m bot serve" in README
    assert "python -m pip install -e '.[dev]' && python -m pytest -q" in README
