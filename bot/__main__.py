"""``python -m bot``: the command line.

Importing it takes a second or so (the knowledge's parsers, the masker's patterns). A Ctrl+C then waits
for the imports to end and exits 130 without a traceback, as it does once a command runs
(`bot.cli.main`): an interrupt raised inside an extension's start-up (pydantic-core's, which imports
``datetime`` from Rust) came out as that extension's panic and a traceback, exit 1.
"""

import signal

_hold = getattr(signal, "pthread_sigmask", None)  # POSIX only: elsewhere a Ctrl+C comes as it comes
try:
    if _hold is not None:
        _hold(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        from bot.cli import main
    finally:
        if _hold is not None:
            _hold(signal.SIG_UNBLOCK, {signal.SIGINT})  # one held meanwhile is raised here
except KeyboardInterrupt:
    raise SystemExit(130) from None

raise SystemExit(main())
