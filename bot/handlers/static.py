"""The static files (the chat page, its script and styles, the dashboard's styles), served by name.

The files are a fixed set, known at start: a request names one of them or
gets 404, whatever its name holds (``..``, a NUL, 300 bytes), so no name
ever reaches the file system.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from aiohttp import web

__all__ = ["FILES", "STATIC", "setup"]

STATIC = Path(__file__).resolve().parent.parent / "static"
FILES = MappingProxyType({path.name: path for path in sorted(STATIC.iterdir()) if path.is_file()})

_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


def setup(app: web.Application) -> None:
    """Add ``GET /static/{name}`` to ``app``."""
    app.router.add_get("/static/{name}", static_file)


async def static_file(request: web.Request) -> web.FileResponse:
    """One of the static files; 404 for any other name."""
    path = FILES.get(request.match_info["name"])
    if path is None:
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers=_HEADERS)
