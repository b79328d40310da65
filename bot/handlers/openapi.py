"""``GET /api/v1/openapi.json``: the OpenAPI 3 description of the HTTP API (``bot/openapi.yaml``).

The description is a file kept next to the code, written for people as
much as for tools; it is read and checked to be a mapping once, when the
application is built, so a broken file stops the start rather than a request.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

__all__ = ["DESCRIPTION", "load", "setup"]

DESCRIPTION = Path(__file__).resolve().parent.parent / "openapi.yaml"


def load(path: Path = DESCRIPTION) -> dict[str, Any]:
    """The description as a mapping; ``ValueError`` if the file holds something else."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or "paths" not in document:
        raise ValueError(f"{path}: not an OpenAPI description")
    return document


def setup(app: web.Application) -> None:
    """Add ``GET /api/v1/openapi.json`` to ``app``."""
    body = json.dumps(load(), ensure_ascii=False)

    async def openapi(_request: web.Request) -> web.Response:
        return web.json_response(text=body, headers={"Cache-Control": "no-cache"})

    app.router.add_get("/api/v1/openapi.json", openapi)
