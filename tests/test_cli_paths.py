"""Every command that takes a path says in Japanese why the system refused it, never with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.auxil.server import run_bot

LONG = "a" * 300
"""A name the system refuses to look up (over 255 bytes): ``OSError: [Errno 36] File name too long``."""

COMMANDS = {
    "check --faq": ("--faq", "{long}.yaml", "check"),
    "check --knowledge": ("--knowledge", "{long}", "check"),
    "ask": ("--faq", "{long}.yaml", "ask", "粗大ごみ"),
    "eval --faq": ("--faq", "{long}.yaml", "eval"),
    "eval FILE": ("eval", "{long}.yaml"),
    "doctor": ("--faq", "{long}.yaml", "doctor"),
    "bench": ("--faq", "{long}.yaml", "bench", "--sizes", "10", "--queries", "1"),
    "import-faq FILE": ("import-faq", "{long}.csv"),
    "import-faq --output": ("import-faq", "{tmp}/faq.csv", "--output", "{long}.yaml"),
    "serve --faq": ("--faq", "{long}.yaml", "serve", "--port", "1"),
    "serve --database": ("--database", "sqlite:///{long}.db", "serve", "--port", "1"),
    "chat": ("--database", "sqlite:///{long}.db", "chat"),
    "worker": ("--database", "sqlite:///{long}.db", "worker"),
    "purge": ("--database", "sqlite:///{long}.db", "purge"),
    "admin": ("--database", "sqlite:///{long}.db", "admin", "list-users"),
}


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_name_too_long_for_the_system_is_one_japanese_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Each of these raised "OSError: [Errno 36] File name too long" with its traceback."""
    (tmp_path / "faq.csv").write_text("質問,回答\n粗大ごみは？,予約制です。\n", encoding="utf-8")
    long = tmp_path / LONG
    done = run_bot(*(arg.format(long=long, tmp=tmp_path) for arg in args), stdin="", timeout=60)
    said = done.stdout + done.stderr  # check prints its problems on standard output
    assert done.returncode in (1, 2), said
    assert "Traceback" not in said
    assert "名前が長すぎます" in said
    assert "File name too long" not in said
    assert not list(tmp_path.glob(f"{LONG[:200]}*")), "nothing created"
