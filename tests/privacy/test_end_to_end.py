"""Personal information typed anywhere never reaches the database, an outgoing message or a log line raw.

A property test over the real application (`init_app` on a fresh SQLite
file, the fake webhook and SMTP servers of tests/auxil/platforms.py, the
real delivery worker): hypothesis draws personal information in every
writing tests/auxil/personal.py knows, and each piece is typed at another
place: a question (kept in the state and in the buttons' tokens), a forged
button, the consultation intake (content, deadline, supplement), an
addition, the DX team's note, request for information and tags, answers
from the dashboard and the admin API, an FAQ draft, a dashboard search. After every step, every table of the
database (reflected, so a table added later is checked too) is searched for
the raw values; at the end, so are the webhook and e-mail bodies, the
messages the web chat fetches, and every log line.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.app import init_app
from bot.appkeys import CHANNELS, CONSULT, STORE
from bot.config import Settings
from bot.delivery import build_worker, client_session
from bot.privacy.logs import install
from bot.search import Searcher
from tests.auxil.personal import WRITERS, Written, leaked, strategy
from tests.auxil.platforms import FakeSmtp, FakeWebhook
from tests.handlers.conftest import ADMIN_TOKEN, CHAT_AUTH, CHAT_TOKEN, Client, say
from tests.handlers.test_dashboard import add_user, login, page, post, version_of

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
MEMBER = "dx-member"
"""The DX team's account, named so that no generated personal information can be found in it."""
PLACES = 14
"""Pieces of personal information typed per example, one for each place in `scenario`."""


def pieces() -> st.SearchStrategy[list[Written]]:
    """Fourteen pieces, every kind among them, in random order."""
    kinds = list(WRITERS.values())
    return st.tuples(*(strategy(kinds[i % len(kinds)]) for i in range(PLACES))).flatmap(
        lambda drawn: st.permutations(list(drawn))
    )


@settings(
    max_examples=8,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # shrinking whole app runs takes minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(written=pieces())
def test_nothing_typed_is_stored_sent_or_logged_raw(
    searcher: Searcher, tmp_path_factory: pytest.TempPathFactory, written: list[Written]
) -> None:
    # A folder an example, left to pytest to remove (as tmp_path is): removed here at once, it raced the
    # database's background checkpoint, whose last round may still open the file after the app stopped.
    asyncio.run(scenario(searcher, tmp_path_factory.mktemp("privacy"), written))


class Leaks:
    """Every secret typed so far, checked against whatever is given."""

    def __init__(self) -> None:
        self.secrets: list[str] = []

    def typed(self, written: Written, *, bare: bool = False) -> str:
        """The sentence (or the bare value) to type, its secrets remembered."""
        self.secrets.extend(written.secrets)
        return written.value if bare else written.text

    def check(self, where: str, haystack: str) -> None:
        found = leaked(tuple(self.secrets), haystack)
        assert not found, f"{where} holds {found} in: {_around(haystack, found[0])}"


async def scenario(searcher: Searcher, folder: Path, written: list[Written]) -> None:
    webhook, smtp = FakeWebhook(), FakeSmtp()
    await webhook.start()
    await smtp.start()
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    install(root)
    config = Settings.from_env(
        {"KAIZEN_CACHE_DIR": ""},
        DATABASE_URL=f"sqlite:///{folder / 'kaizen.db'}",
        KAIZEN_ADMIN_TOKEN=ADMIN_TOKEN,
        KAIZEN_NOTIFY_WEBHOOK_URL=webhook.url,
        KAIZEN_NOTIFY_WEBHOOK_FORMAT="slack",
        KAIZEN_SMTP_HOST="127.0.0.1",
        KAIZEN_SMTP_PORT=str(smtp.port),
        KAIZEN_SMTP_STARTTLS="false",
        KAIZEN_SMTP_TO="dx-team@city.sample.lg.jp",
        KAIZEN_CHAT_API_TOKEN=CHAT_TOKEN,
    )
    client: Client = TestClient(TestServer(init_app(config, searcher=searcher)))
    await client.start_server()
    leaks = Leaks()
    try:
        await staff_side(client, leaks, written[:7])
        await team_side(client, leaks, written[7:])
        await deliver(client, config)
        pushed = await client.get("/api/v1/chat/messages", headers={**CHAT_AUTH, "X-Kaizen-User": "staff-1"})
        leaks.check("the web chat's messages", await pushed.text())
        await check_database(client, leaks, "the end")
        assert webhook.accepted, "the webhook notice went out"
        assert smtp.messages, "the e-mail notice went out"
        for received in webhook.received:
            leaks.check("a webhook body", json.dumps(received.body, ensure_ascii=False))
        assert "］" in json.dumps(webhook.received[0].body, ensure_ascii=False), "the masked content was sent"
        for message in smtp.messages:
            assert isinstance(message, EmailMessage)
            leaks.check("an e-mail", _body(message))
            leaks.check("an e-mail's headers", str(message.items()))
    finally:
        await client.close()
        await webhook.stop()
        await smtp.stop()
        root.removeHandler(handler)
        root.setLevel(level)
    assert "GET /admin/consultations" in log.getvalue(), "the access log was captured"
    leaks.check("the log", log.getvalue())


async def staff_side(client: Client, leaks: Leaks, written: list[Written]) -> None:
    """A question, a forged button, the whole intake, and an addition, as a staff member types them."""
    first = await say(client, "staff-1", text=leaks.typed(written[0]) + "、RPAで何とかなりますか")
    await check_database(client, leaks, "a question (the state, its tokens and the log)")
    assert first
    forged = await client.post(
        "/api/v1/chat", json={"user": "staff-1", "action": leaks.typed(written[1])}, headers=CHAT_AUTH
    )
    assert forged.status == 200
    await check_database(client, leaks, "a forged button")
    await say(client, "staff-1", action="consult")
    await say(client, "staff-1", text=f"{leaks.typed(written[2])}。この方の申請の入力作業を減らしたいです")
    await check_database(client, leaks, "the intake's content")
    asked = await say(client, "staff-1", text="総務課 庶務係")
    if "いつごろまでに" in asked[-1]["text"]:
        asked = await say(client, "staff-1", text=leaks.typed(written[3]))
    if "いつごろまでに" in asked[-1]["text"]:  # a sentence typed there went to the content: asked again
        await say(client, "staff-1", text="今月中")
    summary = await say(client, "staff-1", text=f"補足です。{leaks.typed(written[4])}")
    assert "個人情報保護のため" in summary[-1]["text"], "the staff member is told what was masked"
    receipt = (await say(client, "staff-1", action="in:send"))[-1]["text"]
    assert "受付番号は No.1" in receipt
    assert "個人情報保護のため" in receipt
    await check_database(client, leaks, "the consultation")
    await say(client, "staff-1", action="cs:1:add")
    added = await say(client, "staff-1", text=f"追記します。{leaks.typed(written[5])}")
    assert "個人情報保護のため" in added[-1]["text"]
    await say(client, "staff-1", text=leaks.typed(written[6]))
    await check_database(client, leaks, "an addition")


async def team_side(client: Client, leaks: Leaks, written: list[Written]) -> None:
    """A search, a note, a request for information, tags, answers (dashboard, API), an FAQ draft."""
    await add_user(client, MEMBER)  # not 田中: a generated surname would be "found" in the account's name
    csrf = await login(client, MEMBER)
    detail = await page(client, f"/admin/consultations/1?q={leaks.typed(written[0])}")
    text = leaks.typed(written[1])
    location = await post(
        client, "/admin/consultations/1/note", {"version": version_of(detail), "csrf": csrf, "text": text}
    )
    noted = await page(client, location)
    assert "と思われる部分は伏せて記録しました" in noted, "the team member is told what was masked"
    ask = {"version": version_of(noted), "csrf": csrf, "form": "ask", "text": leaks.typed(written[6])}
    asked = await page(client, await post(client, "/admin/consultations/1/ask", ask))
    assert "と思われる部分は伏せて記録しました" in asked
    tags = {
        "version": version_of(asked),
        "csrf": csrf,
        "tags": f"要確認 {leaks.typed(written[2], bare=True)}",
    }
    detail = await page(client, await post(client, "/admin/consultations/1/tags", tags))
    answer = {"version": version_of(detail), "csrf": csrf, "form": "answer", "text": leaks.typed(written[3])}
    await post(client, "/admin/consultations/1/answer", answer)
    await check_database(client, leaks, "the dashboard's note, tags and answer")
    await say(client, "staff-1", action="cs:1:ng")
    await say(client, "staff-1", text="まだ困っています")
    body = {"text": f"ご連絡ください。{leaks.typed(written[4])}"}
    answered = await client.post("/api/v1/consultations/1/answer", json=body, headers=AUTH)
    assert answered.status == 200, await answered.text()
    leaks.check("the admin API", await answered.text())
    last = (await answered.json())["consultation"]["events"][-1]
    assert last["kind"] == "answer"
    assert last["data"]["masked"], "the API tells what was masked"
    detail = await page(client, "/admin/consultations/1")
    location = await post(client, "/admin/consultations/1/faq", {"version": version_of(detail), "csrf": csrf})
    draft = await page(client, location)
    fields = {
        "csrf": csrf,
        "version": version_of(draft),
        "entry_id": "consult-1",
        "category": "相談",
        "question": f"質問 {leaks.typed(written[5])}",
        "answer": "回答です。",
        "phrasings": "言い換え",
        "keywords": f"キーワード、{written[5].text}",
    }
    await post(client, re.sub(r"\?.*", "", location) + "/save", fields)
    await check_database(client, leaks, "the FAQ draft")


async def deliver(client: Client, config: Settings) -> None:
    """Deliver the outbox now (the app's own worker may take some of it; the rows tell)."""
    engine = client.app[STORE].engine
    async with client_session(config) as session:
        senders = client.app[CHANNELS].senders(client.app[STORE])
        worker = build_worker(config, engine, client.app[CONSULT], session, senders)
        for _ in range(50):
            await worker.deliver_due()
            with engine.connect() as connection:
                pending = connection.execute(sa.text("SELECT count(*) FROM outbox WHERE status = 'pending'"))
                if pending.scalar() == 0:
                    return
            await asyncio.sleep(0.1)
    raise AssertionError("the outbox was not delivered")


async def check_database(client: Client, leaks: Leaks, where: str) -> None:
    """Every value of every table, JSON decoded, holds no secret."""
    engine = client.app[STORE].engine
    tables = sa.MetaData()
    tables.reflect(engine)
    assert {"conversations", "messages", "consultations", "outbox", "faq_drafts"} <= set(tables.tables)
    with engine.connect() as connection:
        for table in tables.sorted_tables:
            for row in connection.execute(sa.select(table)).all():
                for value in row:
                    leaks.check(f"{where}: table {table.name}", _text(value))


def _text(value: Any) -> str:
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return value + "\n" + json.dumps(decoded, ensure_ascii=False)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _around(haystack: str, secret: str) -> str:
    at = max(haystack.find(secret), 0)
    return repr(haystack[max(0, at - 80) : at + len(secret) + 40])


def _body(message: EmailMessage) -> str:
    return "\n".join(str(part.get_content()) for part in message.walk() if not part.is_multipart())
