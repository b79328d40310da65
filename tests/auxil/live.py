"""A live ``python -m bot serve`` with something in it, for the fuzz and schemathesis runs.

The database is seeded in-process before the server starts (so seeding does
not depend on the chat API's contract): two consultations, one of them
answered and turned into an FAQ draft, and a dashboard editor with an open
session, whose cookie and CSRF token the fuzzers send.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.consult.accounts import Accounts, Attempt, LoggedIn
from bot.consult.faqdrafts import FaqDrafts
from bot.consult.notices import Notices
from bot.consult.service import ConsultationService, utcnow
from bot.db import ConversationStore
from tests.auxil.consultations import OTHER, STAFF, open_consultation
from tests.auxil.server import serve

ADMIN_TOKEN = "live-admin-api-token-0123456789abcdefghij"
CHAT_TOKEN = "live-chat-api-token-0123456789abcdefghij"
METRICS_TOKEN = "live-metrics-token-0123456789abcdefghij"
EDITOR = "fuzz-editor"
PASSWORD = "fuzz-editor-password-1"


@dataclass(frozen=True)
class Live:
    """A running, seeded server and what a client needs to reach every part of it."""

    url: str
    log: Path
    consultations: tuple[int, ...]
    draft: int
    session: str
    csrf: str
    chat_cookie: str
    """A web chat session's cookie (``kaizen_chat=...``), issued on a first message; empty if none was."""


def seed(database_url: str) -> tuple[tuple[int, ...], int, str, str]:
    """Consultations, an FAQ draft and an editor's session: (numbers, draft id, cookie token, CSRF token)."""
    store = ConversationStore.open(database_url)
    try:
        service = ConsultationService(store.engine, Notices())
        numbers = tuple(open_consultation(service, key).id for key in (STAFF, OTHER))
        service.answer(numbers[0], "議事録作成の支援ツールをご案内します。", EDITOR)
        accounts = Accounts(store.engine, utcnow, 12)
        accounts.add_user(EDITOR, PASSWORD, "ファズ担当", editor=True)
        draft = FaqDrafts(store.engine, utcnow, set).create_from(numbers[0], EDITOR).id
        opened = accounts.login(Attempt(EDITOR, "127.0.0.1"), PASSWORD)
        assert isinstance(opened, LoggedIn)
        return numbers, draft, opened.token, opened.session.csrf
    finally:
        store.close()


@contextmanager
def live_server(folder: Path, env: dict[str, str] | None = None) -> Iterator[Live]:
    """Seed a SQLite database in ``folder`` and serve it, with the admin, chat API and metrics tokens set."""
    numbers, draft, token, csrf = seed(f"sqlite:///{folder / 'kaizen.db'}")
    settings = {
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_METRICS_TOKEN": METRICS_TOKEN,
        **(env or {}),
    }
    with serve(folder, env=settings) as served:
        yield Live(served.url, folder / "serve.log", numbers, draft, token, csrf, chat_session(served.url))


def chat_session(url: str) -> str:
    """The session cookie the server issues a browser on its first message (``name=value``), or ""."""
    body = json.dumps({"text": "こんにちは"}).encode()
    request = urllib.request.Request(
        f"{url}/api/v1/chat", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            cookie = response.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError:
        return ""
    return str(cookie).partition(";")[0]
