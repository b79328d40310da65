"""The one bearer-token check of the APIs: constant-time, and a 401 that says which token is missing."""

from __future__ import annotations

import hmac

from aiohttp import web

from bot.handlers.errors import json_exception

__all__ = ["require_bearer"]


def require_bearer(request: web.Request, token: str, setting: str, realm: str) -> None:
    """Raise 401 (JSON, naming ``setting``) unless ``Authorization: Bearer <token>`` came with ``request``.

    ``token`` must not be empty: the caller turns its API off without one.
    """
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise json_exception(
            401,
            "unauthorized",
            f"認証が必要です。Authorization: Bearer <{setting}> を付けてください。",
            headers={"WWW-Authenticate": f'Bearer realm="{realm}"'},
        )
