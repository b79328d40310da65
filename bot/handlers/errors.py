"""JSON error responses shared by every JSON route."""

from __future__ import annotations

import json

from aiohttp import web

__all__ = ["json_error", "json_exception", "request_error"]


def json_error(status: int, code: str, message: str) -> web.Response:
    """``{"error": code, "message": message}`` with ``status``.

    ``code`` is stable, for programs; ``message`` is for people, in Japanese.
    """
    body = json.dumps({"error": code, "message": message}, ensure_ascii=False)
    return web.json_response(text=body, status=status)


def request_error(code: str, message: str) -> web.HTTPBadRequest:
    """A 400 to raise, carrying the same JSON body as `json_error`."""
    response = json_error(400, code, message)
    return web.HTTPBadRequest(text=response.text, content_type="application/json")


def json_exception(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> web.HTTPException:
    """An HTTP error of any status to raise, carrying the same JSON body as `json_error`."""
    response = json_error(status, code, message)
    error = web.HTTPException(text=response.text, content_type="application/json", headers=headers)
    error.set_status(status)
    return error
