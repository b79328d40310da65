"""Requests that come through a trusted reverse proxy: the real scheme, client, host and signed-in user.

Behind a proxy that terminates TLS, the connection comes from the proxy, over
plain HTTP. Only when it comes from an address in ``KAIZEN_TRUSTED_PROXIES``
does `proxy_middleware` believe what the proxy says, and hand the rest of the
application a clone of the request with:

- ``scheme`` from ``X-Forwarded-Proto`` (so ``request.secure`` is true behind
  TLS, and cookies get their ``Secure`` flag);
- ``remote`` from ``X-Forwarded-For``: the right-most address that is not a
  trusted proxy itself (what any client writes further left is not believed);
- ``host`` from ``X-Forwarded-Host`` (the origin checks compare against it);
- the user named in ``KAIZEN_SSO_USER_HEADER``, under `SSO_USER`.

From any other address those headers are ignored, so a client cannot claim
to be on TLS, to come from elsewhere, or to be someone. Each X-Forwarded-*
header may carry a list (proxies append); the value the nearest proxy wrote,
the last, is the one used. The single sign-on header is the exception: it
must come once. Twice means the proxy passed on one a client sent beside its
own, and which is whose cannot be told, so the request is refused (400,
``ambiguous_user``) rather than answered as either person.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable, Iterable

from aiohttp import web

from bot.appkeys import SETTINGS
from bot.config import Network
from bot.handlers.errors import json_error

__all__ = ["SSO_USER", "client_address", "proxy_middleware"]

SSO_USER = web.RequestKey("sso_user", str)
"""The user a trusted proxy's single sign-on named; absent otherwise."""

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@web.middleware
async def proxy_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Believe the forwarded headers and the single sign-on header only from a trusted proxy."""
    proxy = request.config_dict[SETTINGS].proxy
    peer = _address(request.remote or "")
    if peer is None or not _within(peer, proxy.trusted):
        return await handler(request)
    scheme = _last(request.headers.getall("X-Forwarded-Proto", ())).lower()
    host = _last(request.headers.getall("X-Forwarded-Host", ()))
    client = client_address(request.headers.getall("X-Forwarded-For", ()), proxy.trusted)
    forwarded = request.clone(
        scheme=scheme if scheme in ("http", "https") else request.scheme,
        host=host if host and _plain(host) else request.host,
        remote=client or str(peer),
    )
    if proxy.sso_user_header:
        users = request.headers.getall(proxy.sso_user_header, ())
        if len(users) > 1:
            log.warning(
                "%s came %d times through the proxy %s: refused; make the proxy overwrite it",
                proxy.sso_user_header,
                len(users),
                peer,
            )
            return json_error(400, "ambiguous_user", _AMBIGUOUS_USER)
        if users and (user := users[0].strip()):
            forwarded[SSO_USER] = user
    return await handler(forwarded)


_AMBIGUOUS_USER = (
    "ご利用者を確認できなかったため、お受けできませんでした。"
    "お手数ですが、システムの担当者にお知らせください。"
)


def client_address(values: Iterable[str], trusted: tuple[Network, ...]) -> str | None:
    """The client in ``X-Forwarded-For``: the right-most hop that is not a trusted proxy.

    None when the header is missing or the nearest hop is not an address (then
    the proxy's own address stands). When every hop is trusted, the left-most.
    """
    found: str | None = None
    for hop in reversed([hop.strip() for value in values for hop in value.split(",")]):
        address = _address(hop)
        if address is None:
            break
        found = str(address)
        if not _within(address, trusted):
            break
    return found


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:192.0.2.1 on a dual-stack socket
    return address


def _within(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def _last(values: Iterable[str]) -> str:
    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    return items[-1] if items else ""


def _plain(host: str) -> bool:
    """A host[:port] with nothing a URL or a header could be bent with."""
    return len(host) <= 255 and all(c.isascii() and (c.isalnum() or c in ".-:[]") for c in host)
