"""Every setting once, with its default and help text.

Settings come from the environment (and a few command-line options); the
README's settings table is checked against `SETTINGS` by a test.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PROJECT_ROOT", "SETTINGS", "Setting", "Settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable the bot reads."""

    name: str
    default: str
    help: str


def _default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "kaizen-bot")


SETTINGS: tuple[Setting, ...] = (
    Setting("KAIZEN_FAQ", str(PROJECT_ROOT / "faq.yaml"), "The FAQ file (same as --faq)."),
    Setting(
        "KAIZEN_KNOWLEDGE", str(PROJECT_ROOT / "knowledge"), "The knowledge directory (same as --knowledge)."
    ),
    Setting(
        "DATABASE_URL",
        f"sqlite:///{PROJECT_ROOT / 'var' / 'kaizen.db'}",
        "Database URL (same as --database): sqlite:///path or postgresql://user:pass@host/db.",
    ),
    Setting(
        "KAIZEN_CACHE_DIR",
        "~/.cache/kaizen-bot",
        "Where the search index cache is kept; empty disables the cache.",
    ),
    Setting("KAIZEN_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING or ERROR."),
    Setting("KAIZEN_HOST", "127.0.0.1", "Address `serve` listens on (same as serve --host)."),
    Setting("KAIZEN_PORT", "8080", "Port `serve` listens on (same as serve --port)."),
    Setting(
        "KAIZEN_MAX_BODY_BYTES",
        "65536",
        "Largest HTTP request body accepted, in bytes; a larger one gets 413.",
    ),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings in force, validated at start-up."""

    faq_path: Path
    knowledge_dir: Path
    database_url: str
    cache_dir: Path | None
    log_level: str
    host: str = "127.0.0.1"
    port: int = 8080
    max_body_bytes: int = 65536

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: str | None) -> Settings:
        """Read the environment; a non-None keyword (from the command line) wins."""
        source = os.environ if env is None else env
        values = {s.name: source.get(s.name, s.default) for s in SETTINGS}
        if "KAIZEN_CACHE_DIR" not in source:
            values["KAIZEN_CACHE_DIR"] = _default_cache_dir()
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
        level = values["KAIZEN_LOG_LEVEL"].upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError(f"KAIZEN_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
        cache = values["KAIZEN_CACHE_DIR"].strip()
        return cls(
            faq_path=Path(values["KAIZEN_FAQ"]).expanduser(),
            knowledge_dir=Path(values["KAIZEN_KNOWLEDGE"]).expanduser(),
            database_url=values["DATABASE_URL"],
            cache_dir=Path(cache).expanduser() if cache else None,
            log_level=level,
            host=values["KAIZEN_HOST"].strip(),
            port=_integer(values, "KAIZEN_PORT", 1, 65535),
            max_body_bytes=_integer(values, "KAIZEN_MAX_BODY_BYTES", 1024, 100 * 1024 * 1024),
        )


def _integer(values: Mapping[str, str], name: str, low: int, high: int) -> int:
    try:
        number = int(values[name])
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {values[name]!r}") from None
    if not low <= number <= high:
        raise ValueError(f"{name} must be between {low} and {high}, not {number}")
    return number
