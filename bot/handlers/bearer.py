"""The one bearer-token check of the APIs: constant-time; the 401 says if a token was missing or wrong."""

from __future__ import annotations

import hmac

from aiohttp import web

from bot.handlers.errors import json_exception

__all__ = ["require_bearer"]


def require_bearer(request: web.Request, token: str, setting: str, realm: str) -> None:
    """Raise 401 (JSON, naming ``setting``) unless ``Authorization: Bearer <token>`` came with ``request``.

    A token that was sent but is not the server's is told apart from a missing one (the message, and
    ``error="invalid_token"`` in ``WWW-Authenticate``). ``token`` must not be empty: the caller turns its
    API off without one.
    """
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return
    if scheme.lower() == "bearer" and given.strip():
        message = f"トークンがサーバーの {setting} と一致しません。同じ値を設定してください。"
        challenge = f'Bearer realm="{realm}", error="invalid_token"'
    else:
        message = f"認証が必要です。Authorization: Bearer <{setting}> を付けてください。"
        challenge = f'Bearer realm="{realm}"'
    raise json_exception(401, "unauthorized", message, headers={"WWW-Authenticate": challenge})
