"""The bot's own cookies: ``__Host-`` over HTTPS, so that no neighbouring subdomain can plant one.

A cookie set by ``intranet.example.lg.jp`` with ``Domain=example.lg.jp`` is
sent to the bot too, and the browser does not say where it came from: under
a plain name it could pass for a session the bot issued. A name that starts
with ``__Host-`` is one the browser takes only from this very host, over
HTTPS, with ``Secure``, ``Path=/`` and no ``Domain``. So whenever the request
came over HTTPS (``request.secure``: directly, or through a trusted proxy's
``X-Forwarded-Proto``, `bot.handlers.proxy`) the cookie is set and read only
under its ``__Host-`` name; the plain name, which anyone nearby could have
set, is not read at all. Over plain HTTP (the local start on 127.0.0.1) the
prefix cannot be used, and the plain name is used at its own narrower path.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

__all__ = ["HOST_PREFIX", "SiteCookie"]

HOST_PREFIX = "__Host-"


@dataclass(frozen=True, slots=True)
class SiteCookie:
    """One cookie of ours: ``name`` at ``path`` over plain HTTP, ``__Host-`` + ``name`` at ``/`` over HTTPS.

    Always HttpOnly and SameSite=Strict; ``Secure`` over HTTPS.
    """

    name: str
    path: str

    def named(self, request: web.Request) -> tuple[str, str]:
        """The cookie's name and path for ``request``'s scheme."""
        return (HOST_PREFIX + self.name, "/") if request.secure else (self.name, self.path)

    def read(self, request: web.Request) -> str:
        """The value the browser sent under the name for this scheme; empty when none."""
        return request.cookies.get(self.named(request)[0], "")

    def set(
        self, request: web.Request, response: web.StreamResponse, value: str, max_age: int | None = None
    ) -> None:
        """Set the cookie on ``response`` (a session cookie when ``max_age`` is None)."""
        name, path = self.named(request)
        response.set_cookie(
            name, value, path=path, max_age=max_age, httponly=True, samesite="Strict", secure=request.secure
        )

    def clear(self, request: web.Request, response: web.StreamResponse) -> None:
        """Tell the browser to drop the cookie."""
        name, path = self.named(request)
        response.del_cookie(name, path=path, secure=request.secure, httponly=True, samesite="Strict")
