"""The keyed digest that names a conversation in the log (`bot.values.ConversationKey`'s text).

A plain hash of a platform's user id is no pseudonym: Telegram's ids are small integers and LINE WORKS'
are guessable, so whoever reads the log could hash candidates until one matches. The digest is therefore
an HMAC-SHA-256 under a secret drawn once, at the first start, and stored in the database
(`bot.db.installation`): every process that opens it (``serve``, ``worker``, ``admin``, ``purge``) keys
with it (`bot.db.ConversationStore.open`), so a conversation has one key in every process and across
restarts. Until then (a command that opens no database) the secret is a random one of this process.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["DIGITS", "configure", "digest"]

DIGITS = 12
"""Hex digits of the HMAC kept: 48 bits, enough to tell a ward's conversations apart."""

_secret = secrets.token_bytes(32)


def configure(secret: str) -> None:
    """Key the digests of this process with ``secret``, the installation's (`bot.db.installation`)."""
    global _secret
    _secret = secret.encode()


def digest(user_id: str, conversation_id: str) -> str:
    """The first `DIGITS` hex digits of the HMAC of ``user_id``, a line break and ``conversation_id``."""
    ids = f"{user_id}\n{conversation_id}".encode()
    return hmac.new(_secret, ids, hashlib.sha256).hexdigest()[:DIGITS]
