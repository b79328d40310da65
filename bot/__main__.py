"""``python -m bot``: the command line.

Importing it takes a second or two (the knowledge's parsers, the masker's patterns); Ctrl+C then
exits 130 without a traceback, as it does once a command runs (`bot.cli.main`).
"""

try:
    from bot.cli import main
except KeyboardInterrupt:
    raise SystemExit(130) from None

raise SystemExit(main())
