"""The LINE demo (scripts/line_demo.py) plays its whole conversation against the fake platform."""

from __future__ import annotations

import subprocess
import sys

from bot.config import PROJECT_ROOT


def test_the_line_demo_plays_to_the_end() -> None:
    script = PROJECT_ROOT / "scripts" / "line_demo.py"
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "職員 ▶ RPAってなに？" in done.stdout
    assert "[プッシュ（月間の通数に数える）] 【DX推進課からの回答】No.1" in done.stdout
    assert "プッシュ 1 回" in done.stdout  # the answer after the block was not pushed
