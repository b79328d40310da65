"""The Microsoft 365 Agents SDK, set up from the settings: token checks in, tokens out, the adapter.

Two modes, never mixed (`bot.config.TeamsSettings` refuses both at once):

- **credentials** (``TEAMS_APP_ID``, ``TEAMS_APP_PASSWORD``,
  ``TEAMS_TENANT_ID``): every webhook must carry a Bot Framework or Entra
  token for this app id, checked by the SDK's `JwtTokenValidator` (RS256
  against Microsoft's published keys, audience, issuer allow-list,
  tenant binding); the activity's ``serviceUrl`` must be a Microsoft host
  and match the token's ``serviceurl`` claim (the SDK's host validator);
  outgoing calls get tokens from Entra through MSAL (single-tenant app).
- **anonymous** (``TEAMS_ANONYMOUS=true``, a local trial with the Bot
  Framework Emulator or Dev Tunnels): no token is required or sent, and any
  ``serviceUrl`` is accepted. A token that is sent anyway is still checked.

`authorize` is the SDK's own aiohttp middleware logic, called on one route
instead of installed on the whole application (the middleware reads its
configuration from a string key of the app).
"""

from __future__ import annotations

import logging

from aiohttp import web
from jwt import (
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidSignatureError,
    PyJWKClientConnectionError,
    PyJWKClientError,
    PyJWTError,
)
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ClaimsIdentity,
    ConnectionManager,
    Connections,
    OutboundHostValidator,
)
from microsoft_agents.hosting.core.authorization import JwtTokenValidator

from bot.config import TeamsSettings
from bot.handlers.errors import json_exception

__all__ = [
    "SERVICE_CONNECTION",
    "Sdk",
    "authorize",
    "build_sdk",
    "credential_connections",
    "microsoft_hosts_only",
]

log = logging.getLogger(__name__)

SERVICE_CONNECTION = "SERVICE_CONNECTION"


class Sdk:
    """The SDK objects of one Teams channel: how tokens are checked, where outgoing tokens come from."""

    def __init__(
        self,
        configuration: AgentAuthConfiguration,
        connections: Connections,
        host_validator: OutboundHostValidator,
    ) -> None:
        self.configuration = configuration
        self.connections = connections
        self.adapter = CloudAdapter(connection_manager=connections, host_validator=host_validator)
        # Errors reach our code: the SDK's own handler would post the exception's text to the user.
        self.adapter.on_turn_error = None

    @property
    def anonymous(self) -> bool:
        """True when no token is required (``TEAMS_ANONYMOUS``)."""
        return self.configuration.ANONYMOUS_ALLOWED


def build_sdk(settings: TeamsSettings) -> Sdk:
    """The SDK for ``settings``: anonymous, or with the app's credentials."""
    if settings.anonymous:
        configuration = AgentAuthConfiguration(anonymous_allowed=True)
        connections: Connections = ConnectionManager(
            provider_factory=lambda _config: AnonymousTokenProvider(),
            connections_configurations={SERVICE_CONNECTION: configuration},
        )
        return Sdk(configuration, connections, OutboundHostValidator(enabled=False))
    configuration = AgentAuthConfiguration(
        client_id=settings.app_id,
        client_secret=settings.app_password,
        tenant_id=settings.tenant_id,
        validate_issuer=True,
    )
    return Sdk(configuration, credential_connections(configuration), microsoft_hosts_only())


def credential_connections(configuration: AgentAuthConfiguration) -> Connections:
    """Outgoing tokens from Microsoft Entra through MSAL (client secret, single tenant).

    One of the two seams offline tests replace: MSAL only talks to the real
    Entra (https, instance discovery).
    """
    return MsalConnectionManager(connections_configurations={SERVICE_CONNECTION: configuration})


def microsoft_hosts_only() -> OutboundHostValidator:
    """Accept a ``serviceUrl`` only on Microsoft's https hosts, and only if it matches the token's claim.

    The other seam offline tests replace: no fake on 127.0.0.1 passes it.
    """
    return OutboundHostValidator(enabled=True)


async def authorize(request: web.Request, configuration: AgentAuthConfiguration) -> ClaimsIdentity:
    """The caller's verified identity; 401 (JSON) for a missing, malformed or invalid token.

    Without a header, anonymous mode gives the anonymous identity; a header
    that is present is always checked. Each refusal is logged with its
    reason and the client's address, never the token.
    """
    header = request.headers.get("Authorization")
    validator = JwtTokenValidator(configuration)
    if header is None:
        if configuration.ANONYMOUS_ALLOWED:
            return validator.get_anonymous_claims()
        log.warning("Teams webhook without a token from %s: refused", request.remote)
        raise json_exception(401, "missing_token", "認証情報がありません。")
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or any(c.isspace() for c in token):
        log.warning(
            "Teams webhook with an Authorization header that is not a bearer token from %s: refused",
            request.remote,
        )
        raise json_exception(401, "invalid_token", "認証情報の形式が正しくありません。")
    try:
        return await validator.validate_token(token)
    except (PyJWTError, ValueError, KeyError) as exc:
        log.warning("Teams webhook with %s from %s: refused", _refusal(exc), request.remote)
        raise json_exception(401, "invalid_token", "認証情報を確認できませんでした。") from exc


def _refusal(exc: Exception) -> str:
    """Why the SDK refused a token, for an operator (the SDK's exceptions say little, or nothing)."""
    if isinstance(exc, ExpiredSignatureError):
        return "an expired token"
    if isinstance(exc, ImmatureSignatureError):
        return "a token not valid yet"
    if isinstance(exc, PyJWKClientConnectionError):  # before its base class, PyJWKClientError
        return "a token not checked: the issuer's published keys could not be fetched"
    if isinstance(exc, InvalidSignatureError | PyJWKClientError):
        return "a token not signed with the issuer's published keys"
    if isinstance(exc, DecodeError):
        return "a token that is not a readable JWT"
    if isinstance(exc, KeyError):
        return "a token without a key id"
    if str(exc) == "Invalid audience.":
        return "a token for another app id (its audience)"
    if str(exc) == "Invalid issuer.":
        return "a token from an issuer that is not allowed"
    return f"a token that failed the check ({type(exc).__name__})"
