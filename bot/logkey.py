"""The keyed digest that names a conversation in the log (`bot.values.ConversationKey`'s text).

A plain hash of a platform's user id is no pseudonym: Telegram's ids are small integers and LINE WORKS'
are guessable, so whoever reads the log could hash candidates until one matches. The digest is therefore
an HMAC-SHA-256 under ``KAIZEN_LOG_SECRET``: the same secret in every process (``serve``, ``worker``) and
across restarts gives the same key for the same conversation; without it each process draws a random
secret at start, so its lines cannot be matched with another process's, nor reversed by anyone.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["DIGITS", "configure", "configured", "digest"]

DIGITS = 12
"""Hex digits of the HMAC kept: 48 bits, enough to tell a ward's conversations apart."""

_secret = secrets.token_bytes(32)
_configured = False


def configure(secret: str) -> None:
    """Key the digests of this process with ``secret`` (``KAIZEN_LOG_SECRET``); empty keeps the random one."""
    global _secret, _configured
    if secret:
        _secret, _configured = secret.encode(), True


def configured() -> bool:
    """Whether a secret was set, so that keys match across processes and restarts."""
    return _configured


def digest(user_id: str, conversation_id: str) -> str:
    """The first `DIGITS` hex digits of the HMAC of ``user_id``, a line break and ``conversation_id``."""
    ids = f"{user_id}\n{conversation_id}".encode()
    return hmac.new(_secret, ids, hashlib.sha256).hexdigest()[:DIGITS]
