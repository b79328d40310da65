"""``python -m bot ARGS`` run in the test's own process: `bot.cli.main`, its output and exit code captured.

A command's own work takes milliseconds; a new ``python -m bot`` process takes one to three seconds
to import the package. Tests of what a command says and writes run it here; a few per command keep
`tests.auxil.server.run_bot`, the real process, for its exit codes and output as a shell sees them.
The root logger `bot.cli.main` sets up is put back after each test (``restored_logging``).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

from bot.cli import main


def run_main(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``main(args)`` with ``stdin`` as standard input; its exit code and standard output and error as text.

    Shaped as `run_bot`'s result. Bad usage that argparse refuses (``SystemExit``) is its exit code too.
    """
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # as the interpreter turns it into an exit code
                code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["python", "-m", "bot", *args], code, out.getvalue(), err.getvalue())
