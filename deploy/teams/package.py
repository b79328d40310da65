"""Build the Teams app package: manifest.json with its placeholders filled, and the two icons, in one zip.

Usage (from the repository root)::

    python deploy/teams/package.py --app-id <Microsoft App ID> --public-url https://bot.example.lg.jp \
        [--developer "サンプル区 DX推進課"] [--output kaizen-bot-teams.zip]

``--app-id`` and ``--public-url`` default to ``TEAMS_APP_ID`` and
``KAIZEN_PUBLIC_URL``. Upload the zip in Teams (Apps → Manage your apps →
Upload an app) or in the Teams Developer Portal.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with every ``{{NAME}}`` replaced; a name without a value is an error."""
    missing = sorted({name for name in PLACEHOLDER.findall(template) if name not in values})
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda m: json.dumps(values[m.group(1)], ensure_ascii=False)[1:-1], template)


def values_for(app_id: str, public_url: str, developer: str) -> dict[str, str]:
    """The placeholder values, checked: a GUID app id and an https URL."""
    if not GUID.match(app_id):
        raise ValueError(
            "--app-id（または TEAMS_APP_ID）には bot の Microsoft App ID（GUID の形）を指定してください"
            f"（指定された値: {app_id!r}）"
        )
    parts = urlsplit(public_url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(
            "--public-url（または KAIZEN_PUBLIC_URL）には https:// で始まる bot のURLを指定してください"
            f"（指定された値: {public_url!r}）"
        )
    return {
        "TEAMS_APP_ID": app_id.lower(),
        "PUBLIC_URL": public_url.rstrip("/"),
        "PUBLIC_HOST": parts.hostname,
        "DEVELOPER_NAME": developer,
    }


def build(output: Path, values: dict[str, str]) -> None:
    """Write the package: the filled manifest and both icons at the zip's top level."""
    manifest = fill((HERE / "manifest.json").read_text(encoding="utf-8"), values)
    json.loads(manifest)  # a value must never break the JSON
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", manifest)
        package.write(HERE / "color.png", "color.png")
        package.write(HERE / "outline.png", "outline.png")


def main(argv: list[str] | None = None) -> int:
    """The command line; 0 on success, 2 with a message in Japanese on bad input or an output not written."""
    parser = argparse.ArgumentParser(description="Build the Teams app package (zip).")
    parser.add_argument("--app-id", default=os.environ.get("TEAMS_APP_ID", ""))
    parser.add_argument("--public-url", default=os.environ.get("KAIZEN_PUBLIC_URL", ""))
    parser.add_argument("--developer", default="サンプル区 DX推進課")
    parser.add_argument("--output", type=Path, default=Path("kaizen-bot-teams.zip"))
    args = parser.parse_args(argv)
    try:
        build(args.output, values_for(args.app_id, args.public_url, args.developer))
    except ValueError as exc:
        print(f"package.py: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that is not there, or not writable: said, not a traceback
        print(f"package.py: {args.output}: 書き出せません（{exc.strerror or exc}）", file=sys.stderr)
        return 2
    print(f"{args.output} を書き出しました")
    return 0


if __name__ == "__main__":
    sys.exit(main())
