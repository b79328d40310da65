"""The Teams webhook end to end: the real application, the SDK's own code, the fake Bot Framework over HTTP.

What the shared channel tests (`tests/handlers/test_channels.py`) do not
cover: every way a token is refused, the ``serviceUrl`` host check, the
token the bot obtains for its own posts, suggested actions answered in the
HTTP response, the typing indicator, a reply that fails falling back to a
push, connector outages retried and gone conversations recorded, and the
anonymous mode.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient
from jwt import jwks_client
from microsoft_agents.hosting.core.authorization import _entra_issuers
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import CHANNELS, CONSULT, CONVERSATIONS, DISPATCHER, STORE
from bot.config import Settings
from bot.consult.actions import MAX_TEXT_CHARS
from bot.conversations import EDITED, GROUP_ONLY
from bot.db.schema import conversations, messages, outbox
from bot.dialogue.tickets import answer_delivered
from bot.handlers.teams.channel import TeamsChannel
from bot.search import Searcher
from bot.values import ConversationKey, Notice, Reply
from tests.auxil.botframework import BOTFRAMEWORK_ISSUER, TENANT_ID, FakeBotFramework, Posted
from tests.auxil.consultations import open_consultation
from tests.auxil.databases import migrated_sqlite
from tests.auxil.platforms import free_port, rsa_key
from tests.auxil.teams import APP_PASSWORD, block_texts, offline

Client = TestClient[web.Request, web.Application]

pytestmark = pytest.mark.asyncio

USER = "6b1f2c3d-aaaa-4bbb-8ccc-0123456789ab"
CONVERSATION = "a:1personal-chat-with-hanako"
KEY = ConversationKey("teams", USER, CONVERSATION)
MICROSOFT_SERVICE_URL = "https://smba.trafficmanager.net/jp/"


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeBotFramework]:
    started = FakeBotFramework()
    await started.start()
    yield started
    await started.stop()


def _settings(tmp_path: Path, **env: str) -> Settings:
    base = {"KAIZEN_CACHE_DIR": "", "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1", **env}
    return Settings.from_env(base, DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"))


def _credentials(fake: FakeBotFramework) -> dict[str, str]:
    return {"TEAMS_APP_ID": fake.app_id, "TEAMS_APP_PASSWORD": APP_PASSWORD, "TEAMS_TENANT_ID": TENANT_ID}


@pytest_asyncio.fixture
async def teams(
    aiohttp_client: AiohttpClient,
    fake: FakeBotFramework,
    searcher: Searcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Client:
    offline(monkeypatch, fake)
    return await aiohttp_client(init_app(_settings(tmp_path, **_credentials(fake)), searcher=searcher))


async def post(client: Client, activity: dict[str, Any], authorization: str | None) -> ClientResponse:
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    return await client.post(
        "/webhooks/teams", data=json.dumps(activity, ensure_ascii=False), headers=headers
    )


async def settle(client: Client) -> None:
    """Wait until every event handed to the dispatcher has been handled, its typing indicator too."""
    async with asyncio.timeout(10):
        await client.app[DISPATCHER].settled()


def rows(client: Client, table: sa.Table) -> list[sa.Row[Any]]:
    with client.app[STORE].engine.connect() as connection:
        return list(connection.execute(sa.select(table)).all())


async def outbox_row(client: Client, status: str) -> sa.Row[Any]:
    """The only outbox row, once it has reached ``status``."""
    async with asyncio.timeout(15):
        while True:
            (row,) = rows(client, outbox)
            if row.status == status:
                return row
            await asyncio.sleep(0.1)


def card_texts(posted: Posted) -> list[str]:
    return [
        text
        for attachment in posted.activity.get("attachments", [])
        for text in block_texts(attachment["content"]["body"])
    ]


async def test_an_answer_is_posted_to_the_connector_with_the_bots_own_token(
    teams: Client, fake: FakeBotFramework
) -> None:
    response = await post(
        teams, fake.activity("RPAとは何ですか？", activity_id="1001"), f"Bearer {fake.token()}"
    )
    assert response.status == 200
    answer, *_rest = await fake.wait_for(1)
    assert answer.conversation_id == CONVERSATION
    assert answer.reply_to_id == "1001"
    assert any("RPA" in text for text in card_texts(answer))
    assert answer.authorization.removeprefix("Bearer ") in fake.issued
    assert fake.key_fetches >= 1, "the SDK fetched the Bot Framework's keys over HTTP"
    request = fake.token_requests[0]
    assert (request["client_id"], request["client_secret"]) == (fake.app_id, APP_PASSWORD)
    assert request["scope"] == "https://api.botframework.com/.default"
    typing = await fake.wait_for(1, kind="typing")  # in either order: the answer never waits for it
    assert [p.conversation_id for p in typing] == [CONVERSATION]
    (conversation,) = rows(teams, conversations)
    assert json.loads(conversation.address)["serviceUrl"] == fake.service_url


@pytest.mark.parametrize(
    ("authorization", "reason"),
    [
        pytest.param(None, "without a token", id="missing"),
        pytest.param("Basic dXNlcjpwYXNz", "not a bearer token", id="not-bearer"),
        pytest.param("Bearer", "not a bearer token", id="empty"),
        pytest.param("Bearer two parts", "not a bearer token", id="spaces"),
        pytest.param("Bearer not.a.jwt", "not a readable JWT", id="garbage"),
        pytest.param("audience", "for another app id", id="another-app"),
        pytest.param("expired", "an expired token", id="expired"),
        pytest.param("stranger", "not signed with the issuer's published keys", id="another-key"),
        pytest.param("issuer", "from an issuer that is not allowed", id="another-issuer"),
        pytest.param("unreachable", "published keys could not be fetched", id="keys-unreachable"),
    ],
)
async def test_a_missing_or_bad_token_is_401_logged_with_its_reason_and_changes_nothing(
    teams: Client,
    fake: FakeBotFramework,
    authorization: str | None,
    reason: str,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if authorization == "audience":
        authorization = f"Bearer {fake.token(audience='11111111-2222-3333-4444-555555555555')}"
    elif authorization == "expired":
        authorization = f"Bearer {fake.token(expires_in=-600)}"  # beyond the SDK's 300 s of leeway
    elif authorization == "stranger":
        authorization = f"Bearer {fake.token(key=rsa_key('stranger'))}"  # its kid and claims, another key
    elif authorization == "issuer":  # its keys found (at the fake), its issuer not on the allow-list
        monkeypatch.setitem(_entra_issuers.BOTFRAMEWORK_JWKS_URIS, "https://issuer.example/", fake.jwks_url)
        authorization = f"Bearer {fake.token(issuer='https://issuer.example/')}"
    elif authorization == "unreachable":  # a valid token, its issuer's keys where nothing answers
        keys = f"http://127.0.0.1:{free_port()}/v1/.well-known/keys"
        monkeypatch.setitem(_entra_issuers.BOTFRAMEWORK_JWKS_URIS, BOTFRAMEWORK_ISSUER, keys)
        authorization = f"Bearer {fake.token()}"
    with caplog.at_level(logging.WARNING, logger="bot"):
        response = await post(teams, fake.activity("RPAとは何ですか？"), authorization)
    assert response.status == 401
    assert (await response.json())["error"] in ("missing_token", "invalid_token")
    (refusal,) = [r for r in caplog.records if r.name.startswith("bot.")]
    assert refusal.levelno == logging.WARNING
    assert reason in refusal.getMessage()
    assert "from 127.0.0.1: refused" in refusal.getMessage()
    token = (authorization or "").partition(" ")[2]
    assert len(token) < 20 or token not in caplog.text
    await settle(teams)
    assert fake.posted == []
    assert rows(teams, conversations) == []


async def test_a_fake_started_where_an_earlier_one_listened_is_trusted_with_its_own_keys(
    aiohttp_client: AiohttpClient, searcher: Searcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SDK keeps each JWKS address's keys for the whole process (five minutes, refreshed on an unknown
    key id at most every 30 s): a fake given, by port 0, the port of an earlier one has its own address.

    Sharing it, a valid token was once refused in CI (401 "not signed with the issuer's published keys").
    """

    async def answer(fake: FakeBotFramework, name: str) -> int:
        await fake.start()
        offline(monkeypatch, fake)
        (tmp_path / name).mkdir()
        settings = _settings(tmp_path / name, **_credentials(fake))
        client = await aiohttp_client(init_app(settings, searcher=searcher))
        response = await post(client, fake.activity("RPAとは何ですか？"), f"Bearer {fake.token()}")
        if response.status == 200:
            await fake.wait_for(1)
        await settle(client)
        await client.close()
        await fake.stop()
        return response.status

    earlier = FakeBotFramework()
    assert await answer(earlier, "earlier") == 200
    later = FakeBotFramework(port=earlier.port)  # as port 0 may give it
    assert await answer(later, "later") == 200
    assert (earlier.key_fetches, later.key_fetches) == (1, 1), "each fake's keys fetched from it"


async def test_keys_rotated_at_the_same_address_are_fetched_again_and_the_withdrawn_one_refused(
    teams: Client, fake: FakeBotFramework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Microsoft rotates its signing keys at one address while the SDK holds that address's keys (five
    minutes): a token under a key id it does not know makes it fetch them again, at most every 30 s
    (PyJWKClient's cooldown; the test moves that clock on instead of waiting)."""
    assert (await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")).status == 200
    withdrawn = fake.token()
    fake.rotate()
    later = time.monotonic() + 31
    monkeypatch.setattr(jwks_client, "time", SimpleNamespace(monotonic=lambda: later))
    assert (await post(teams, fake.activity("RPAとは何ですか？"), f"Bearer {fake.token()}")).status == 200
    assert fake.key_fetches == 2
    assert (await post(teams, fake.activity("もう一度"), f"Bearer {withdrawn}")).status == 401
    await settle(teams)


@pytest.mark.parametrize("where", ["conversation", "channelData", "both"])
async def test_an_activity_from_another_tenant_is_403_logged_and_not_answered(
    teams: Client, fake: FakeBotFramework, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    other = "99999999-8888-4777-8666-555555555555"
    activity = fake.activity("RPAとは何ですか？")
    if where != "channelData":
        activity["conversation"]["tenantId"] = other
    if where != "conversation":
        activity["channelData"]["tenant"]["id"] = other
    with caplog.at_level(logging.WARNING, logger="bot"):
        response = await post(teams, activity, f"Bearer {fake.token()}")  # a valid Bot Framework token
    assert response.status == 403
    assert (await response.json())["error"] == "wrong_tenant"
    assert f"another tenant ({other})" in caplog.text
    await settle(teams)
    assert fake.posted == []
    assert rows(teams, conversations) == []
    ours = fake.activity("RPAとは何ですか？")
    ours["conversation"]["tenantId"] = TENANT_ID.upper()  # a GUID in capitals is the same tenant
    assert (await post(teams, ours, f"Bearer {fake.token()}")).status == 200
    await settle(teams)  # answered before the fake platform closes (else the stop waits for the reply)
    assert any(p.type == "message" for p in fake.posted), "ours is answered"


@pytest_asyncio.fixture
async def checked(
    aiohttp_client: AiohttpClient,
    fake: FakeBotFramework,
    searcher: Searcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Client:
    """Teams with the production host check on: only Microsoft's https hosts, matching the token."""
    offline(monkeypatch, fake)
    monkeypatch.undo()  # keep only the keys and the token source; the host check is the real one
    monkeypatch.setitem(_entra_issuers.BOTFRAMEWORK_JWKS_URIS, BOTFRAMEWORK_ISSUER, fake.jwks_url)
    return await aiohttp_client(init_app(_settings(tmp_path, **_credentials(fake)), searcher=searcher))


@pytest.mark.parametrize(
    ("activity_url", "claimed_url"),
    [
        pytest.param("fake", "fake", id="not-a-microsoft-host"),
        pytest.param(MICROSOFT_SERVICE_URL, "https://attacker.example.com/", id="claim-mismatch"),
    ],
)
async def test_a_service_url_that_is_not_microsofts_is_refused(
    checked: Client, fake: FakeBotFramework, activity_url: str, claimed_url: str
) -> None:
    activity_url = fake.service_url if activity_url == "fake" else activity_url
    claimed_url = fake.service_url if claimed_url == "fake" else claimed_url
    activity = fake.activity("RPAとは何ですか？", service_url=activity_url)
    response = await post(checked, activity, f"Bearer {fake.token(service_url=claimed_url)}")
    assert response.status == 401
    await settle(checked)
    assert rows(checked, conversations) == []
    assert fake.posted == []


async def test_a_suggested_action_is_acknowledged_in_the_response_and_answered(
    teams: Client, fake: FakeBotFramework
) -> None:
    invoke = fake.activity(
        None, activity_id="2001", kind="invoke", name="suggestedActions/submit", value={"action": "menu"}
    )
    response = await post(teams, invoke, f"Bearer {fake.token()}")
    assert response.status == 200
    (menu, *_cards) = await fake.wait_for(1)
    assert menu.reply_to_id == "2001"
    assert card_texts(menu)[0].startswith("ご用件をお選びください")


NOT_SUPPORTED = "この操作には対応していません。ご質問はチャットにメッセージでお送りください。"


@pytest.mark.parametrize(
    ("name", "value", "body"),
    [
        pytest.param(
            "adaptiveCard/action",
            {"action": {"type": "Action.Execute", "verb": "menu"}, "trigger": "manual"},
            {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": NOT_SUPPORTED},
            id="universal-action",
        ),
        pytest.param(
            "task/fetch",
            {"data": {"action": "menu"}},
            {"task": {"type": "message", "value": NOT_SUPPORTED}},
            id="dialog",
        ),
        pytest.param(
            "composeExtension/query",
            {"commandId": "search", "parameters": [{"name": "q", "value": "RPA"}]},
            {"composeExtension": {"type": "message", "text": NOT_SUPPORTED}},
            id="message-extension",
        ),
        pytest.param("signin/verifyState", {"state": "123456"}, None, id="sign-in"),
        pytest.param("application/unknownThing", {}, None, id="unknown"),
        pytest.param(None, None, None, id="no-name"),
        pytest.param("suggestedActions/submit", {"something": "else"}, None, id="submit-without-action"),
    ],
)
async def test_an_invoke_the_bot_does_not_handle_is_200_with_nothing_done(
    teams: Client,
    fake: FakeBotFramework,
    caplog: pytest.LogCaptureFixture,
    name: str | None,
    value: dict[str, Any] | None,
    body: dict[str, Any] | None,
) -> None:
    """Never a 5xx: Teams shows "not supported" where the invoke's answer has room for it, else nothing."""
    invoke = fake.activity(None, kind="invoke", name=name, value=value)
    with caplog.at_level(logging.INFO, logger="bot.handlers.teams"):
        response = await post(teams, invoke, f"Bearer {fake.token()}")
    assert response.status == 200
    assert (await response.json() if body is not None else await response.text()) == (body or "")
    await settle(teams)
    assert fake.posted == []
    assert rows(teams, conversations) == []
    (line,) = [r for r in caplog.records if r.name.startswith("bot.handlers.teams")]
    assert repr(name or "") in line.getMessage(), "one line naming the invoke"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], "no traceback"


async def test_a_user_of_another_bot_framework_channel_is_never_a_teams_person(
    teams: Client, fake: FakeBotFramework
) -> None:
    """Web Chat or Direct Line, enabled on the same bot, come with a valid token and no tenant, and their
    client names its own user: one naming a Teams person's Entra id must not see their consultations."""
    number = (await asyncio.to_thread(open_consultation, teams.app[CONSULT], KEY)).id
    posed = fake.activity(None, conversation_id="webchat-conversation-1", user_id=USER, aad_object_id=USER)
    posed.update(channelId="webchat", value={"action": "cs:list"})
    del posed["conversation"]["tenantId"], posed["channelData"]
    assert (await post(teams, posed, f"Bearer {fake.token()}")).status == 200
    await settle(teams)
    shown = json.dumps([p.activity for p in fake.posted], ensure_ascii=False)
    assert "これまでのご相談" not in shown
    assert f"No.{number}" not in shown, "a Teams person's consultation shown to a Web Chat user"
    people = {(row.channel, row.user_id, row.conversation_id) for row in rows(teams, conversations)}
    assert ("teams", "webchat:" + USER, "webchat-conversation-1") in people


async def test_a_group_chat_is_told_the_bot_works_one_to_one(teams: Client, fake: FakeBotFramework) -> None:
    activity = fake.activity("<at>kaizen-bot</at> 質問です")
    activity["conversation"]["conversationType"] = "groupChat"
    assert (await post(teams, activity, f"Bearer {fake.token()}")).status == 200
    (reply,) = await fake.wait_for(1)
    assert reply.activity["text"] == GROUP_ONLY.text


async def test_an_edited_message_is_answered_once_and_never_read(
    teams: Client, fake: FakeBotFramework
) -> None:
    question = fake.activity("RPAの導入手順を教えてくだしあ", activity_id="1001")
    assert (await post(teams, question, f"Bearer {fake.token()}")).status == 200
    await fake.wait_for(1)
    await settle(teams)
    answers, lines = len(fake.messages()), len(rows(teams, messages))
    edit = fake.edited("RPAの導入手順を教えてください", activity_id="1001")
    assert (await post(teams, edit, f"Bearer {fake.token()}")).status == 200
    (*_, told) = await fake.wait_for(answers + 1)
    assert (told.activity["text"], told.reply_to_id) == (EDITED.text, "1001")
    assert (await post(teams, edit, f"Bearer {fake.token()}")).status == 200  # Teams retries it
    again = fake.edited("RPAの導入手順を教えてください。", activity_id="1001")  # edited a second time
    assert (await post(teams, again, f"Bearer {fake.token()}")).status == 200
    await settle(teams)
    assert len(fake.messages()) == answers + 1
    assert len(rows(teams, messages)) == lines + 2  # no question: its kind and its answer are logged


async def test_edits_in_a_group_chat_and_undeletes_get_nothing(teams: Client, fake: FakeBotFramework) -> None:
    in_group = fake.edited("<at>kaizen-bot</at> 質問です", activity_id="2001")
    in_group["conversation"]["conversationType"] = "groupChat"
    undeleted = fake.edited("RPAとは", activity_id="2002", event_type="undeleteMessage")
    for activity in (in_group, undeleted):
        assert (await post(teams, activity, f"Bearer {fake.token()}")).status == 200
    await settle(teams)
    assert fake.messages() == []
    assert rows(teams, conversations) == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b'{"type": 5}', "invalid_activity"),
        (b'{"type": "message", "id": "1", "conversation": {"id": "a:1"}, "text": "x"}', "invalid_activity"),
    ],
)
async def test_a_body_that_is_not_an_activity_is_400(
    teams: Client, fake: FakeBotFramework, body: bytes, code: str, caplog: pytest.LogCaptureFixture
) -> None:
    headers = {"Authorization": f"Bearer {fake.token()}", "Content-Type": "application/json"}
    with caplog.at_level(logging.WARNING):
        response = await teams.post("/webhooks/teams", data=body, headers=headers)
    assert response.status == 400
    assert (await response.json())["error"] == code
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "one warning line, no traceback"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("serviceUrl", "smba.trafficmanager.net/jp/", id="relative-service-url"),
        pytest.param("serviceUrl", "https://[smba.trafficmanager.net/jp/", id="unreadable-service-url"),
        pytest.param("serviceUrl", "https://smba.trafficmanager.net:99999999/jp/", id="service-url-port"),
        pytest.param("channelId", "", id="empty-channel-id"),
        pytest.param("recipient", None, id="no-recipient"),
    ],
)
async def test_an_activity_missing_what_every_activity_has_is_400_not_a_500(
    teams: Client, fake: FakeBotFramework, caplog: pytest.LogCaptureFixture, field: str, value: object
) -> None:
    activity = fake.activity("RPAとは何ですか？")
    activity[field] = value
    with caplog.at_level(logging.WARNING):
        response = await post(teams, activity, f"Bearer {fake.token()}")
    assert response.status == 400
    assert (await response.json())["error"] == "invalid_activity"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "one warning line, no traceback"


@pytest.mark.parametrize("tenant", [[], {"id": "x"}], ids=["array", "object"])
async def test_a_tenant_id_that_is_not_a_string_is_another_tenant(
    teams: Client, fake: FakeBotFramework, tenant: object
) -> None:
    """``channelData`` is free-form: a tenant id of another type was a TypeError (a 500) once."""
    activity = fake.activity("RPAとは何ですか？")
    activity["channelData"]["tenant"]["id"] = tenant
    response = await post(teams, activity, f"Bearer {fake.token()}")
    assert response.status == 403
    assert (await response.json())["error"] == "wrong_tenant"


async def test_an_activity_without_a_conversation_is_400_in_the_apis_error_format(
    teams: Client, fake: FakeBotFramework
) -> None:
    activity = fake.activity("こんにちは")
    del activity["conversation"]
    response = await post(teams, activity, f"Bearer {fake.token()}")
    assert response.status == 400
    assert (await response.json()).keys() >= {"error", "message"}
    assert (await response.json())["error"] == "invalid_activity"


async def test_a_push_is_a_new_message_at_the_stored_service_url(
    teams: Client, fake: FakeBotFramework
) -> None:
    await post(teams, fake.activity("こんにちは", activity_id="3001"), f"Bearer {fake.token()}")
    await fake.wait_for(1)
    await settle(teams)
    before = len(fake.messages())
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("DX推進課からのお知らせです。")])
    pushed = (await fake.wait_for(before + 1))[-1]
    assert pushed.reply_to_id is None, "a push starts a new message instead of replying"
    assert pushed.conversation_id == CONVERSATION
    assert pushed.activity["text"] == "DX推進課からのお知らせです。"
    assert pushed.authorization.removeprefix("Bearer ") in fake.issued


async def test_a_reply_the_connector_refuses_for_a_while_is_pushed_instead(
    teams: Client, fake: FakeBotFramework
) -> None:
    fake.script = [503]  # the answer is refused (typing, in either order, is never scripted)
    await post(teams, fake.activity("こんにちは", activity_id="4001"), f"Bearer {fake.token()}")
    delivered = await fake.wait_for(1)
    assert delivered[0].reply_to_id is None, "delivered by the outbox, as a push"
    assert next(p.status for p in fake.posted if p.type == "message") == 503


async def test_a_connector_outage_is_retried(teams: Client, fake: FakeBotFramework) -> None:
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")
    await fake.wait_for(1)
    await settle(teams)
    fake.script = [503]
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("回答です。")])
    row = await outbox_row(teams, "sent")
    assert row.attempts == 2
    assert [p.status for p in fake.posted if p.conversation_id == CONVERSATION][-2:] == [503, 201]


async def test_a_throttled_push_waits_as_long_as_the_connectors_retry_after(
    teams: Client, fake: FakeBotFramework
) -> None:
    """Teams throttles with 429 and ``Retry-After``: the worker waits that long, not its 1 s backoff."""
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")
    await fake.wait_for(1)
    await settle(teams)
    fake.script = [(429, {"Retry-After": "3"})]
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("回答です。")])
    row = await outbox_row(teams, "sent")
    assert row.attempts == 2
    throttled, delivered = [p for p in fake.posted if p.conversation_id == CONVERSATION][-2:]
    assert (throttled.status, delivered.status) == (429, 201)
    assert delivered.at - throttled.at >= 3, "the connector's Retry-After, longer than the backoff"


ANSWER_LINE = "住民票の写しの交付申請は、窓口の端末で受け付けてから番号札をお渡しください。"


def long_answer() -> str:
    """4,000 characters, the most the dashboard takes, in lines of a usual length (31 KB as one card)."""
    return "\n".join([ANSWER_LINE] * 200)[:MAX_TEXT_CHARS]


async def test_the_dx_teams_longest_answer_arrives_whole_in_parts_the_connector_accepts(
    teams: Client, fake: FakeBotFramework
) -> None:
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")
    await fake.wait_for(1)
    await settle(teams)
    before = len(fake.messages())
    answer = long_answer()
    reply = answer_delivered(7, "窓口の待ち時間を減らしたい", answer, "DX推進課")
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [reply])
    row = await outbox_row(teams, "sent")
    pushed = fake.messages()[before:]
    statuses = [p.status for p in fake.posted if p.conversation_id == CONVERSATION]
    assert statuses[-len(pushed) :] == [201] * len(pushed), "no part was refused"
    assert len(pushed) >= 2, "too long for one message: split"
    assert all(p.size <= 28 * 1024 for p in pushed)
    shown = "".join(text for p in pushed for text in card_texts(p))
    assert "".join(answer.split("\n")) in shown, "every character of the answer, in order"
    cards = [p.activity["attachments"][0]["content"] for p in pushed]
    assert [("actions" in card) for card in cards] == [False] * (len(cards) - 1) + [True]
    assert [a["title"] for a in cards[-1]["actions"]] == ["解決した", "まだ困っている"]
    assert row.attempts == 1


@pytest.mark.parametrize("status", [413, 400], ids=["413", "400 MessageSizeTooBig"])
async def test_a_push_refused_as_too_large_ends_at_once_and_the_next_message_goes_through(
    teams: Client, fake: FakeBotFramework, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")
    await fake.wait_for(1)
    await settle(teams)
    fake.max_body_bytes = 2000  # a connector stricter than the split allows for
    fake.too_large_status = status
    with caplog.at_level(logging.ERROR, logger="bot.delivery.worker"):
        await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("回答です。" * 400)])
        row = await outbox_row(teams, "dropped")
    assert row.attempts == 1
    assert str(status) in row.last_error
    assert any("too large" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    before = len(fake.messages())
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("次のお知らせです。")])
    (later,) = (await fake.wait_for(before + 1))[-1:]
    assert later.activity["text"] == "次のお知らせです。", "the person's later message is not held back"
    assert [p.status for p in fake.posted if p.conversation_id == CONVERSATION].count(status) == 1


async def test_a_push_the_connector_refuses_as_malformed_ends_at_once_but_a_refused_token_is_retried(
    teams: Client, fake: FakeBotFramework, caplog: pytest.LogCaptureFixture
) -> None:
    """400 (``BadArgument``) never passes by waiting; 401 does once the operator mends the credentials."""
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")
    await fake.wait_for(1)
    await settle(teams)
    fake.script = [400]
    with caplog.at_level(logging.ERROR, logger="bot.delivery.worker"):
        await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("回答です。")])
        dropped = await outbox_row(teams, "dropped")
    assert (dropped.attempts, "400" in dropped.last_error) == (1, True)
    assert any(f"message {dropped.id} to teams dropped" in r.getMessage() for r in caplog.records)
    with teams.app[STORE].engine.begin() as connection:
        connection.execute(sa.delete(outbox))
    fake.script = [401]
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("もう一通です。")])
    sent = await outbox_row(teams, "sent")
    assert sent.attempts == 2


async def test_a_notice_into_the_teams_room_fits_the_connector_whatever_its_length(
    teams: Client, fake: FakeBotFramework
) -> None:
    """A notice is one card: one too long for the connector is cut to fit, never refused and lost."""
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")  # the tenant's serviceUrl
    await fake.wait_for(1)
    await settle(teams)
    channel = teams.app[CHANNELS]["teams"]
    assert isinstance(channel, TeamsChannel)
    url = "https://kaizen.example.lg.jp/admin/consultations/7"
    text = "内容：" + ANSWER_LINE * 200
    room = "19:dx-room@thread.tacv2"
    await channel.post_notice(room, Notice(7, "new", "新しいご相談です（No.7）", text, url))
    (posted,) = [p for p in fake.posted if p.conversation_id == room]
    assert (posted.status, posted.size <= 28 * 1024) == (201, True)
    card = posted.activity["attachments"][0]["content"]
    shown = card["body"][1]["inlines"][0]["text"]
    assert text.startswith(shown.removesuffix("…"))
    assert shown.endswith("…")
    assert len(shown) > 2000, "cut where it must, not short"
    assert card["body"][0]["inlines"][0]["text"] == "新しいご相談です（No.7）"
    assert card["actions"][0]["url"] == url, "the dashboard shows it whole"


async def test_a_web_chat_activity_never_becomes_where_the_rooms_notices_go(
    teams: Client, fake: FakeBotFramework
) -> None:
    """Only a Teams activity names the tenant's connector: Web Chat's (another one) once took its place."""
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")  # the tenant's serviceUrl
    await fake.wait_for(1)
    elsewhere = "http://127.0.0.1:9/webchat/"  # Web Chat's own connector, which knows no Teams channel
    chat = fake.activity("こんにちは", conversation_id="webchat-conversation-1", service_url=elsewhere)
    chat["channelId"] = "webchat"
    assert (await post(teams, chat, f"Bearer {fake.token(service_url=elsewhere)}")).status == 200
    await settle(teams)
    channel = teams.app[CHANNELS]["teams"]
    assert isinstance(channel, TeamsChannel)
    room = "19:dx-room@thread.tacv2"
    await channel.post_notice(room, Notice(7, "new", "新しいご相談です（No.7）", "内容：会議録", None))
    (posted,) = [p for p in fake.posted if p.conversation_id == room]
    assert posted.status == 201


async def test_a_conversation_that_no_longer_exists_is_recorded_and_not_retried(
    teams: Client, fake: FakeBotFramework
) -> None:
    await post(teams, fake.activity("こんにちは"), f"Bearer {fake.token()}")
    await fake.wait_for(1)
    await settle(teams)
    fake.gone[CONVERSATION] = 404
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("回答です。")])
    row = await outbox_row(teams, "dropped")
    assert row.attempts == 1
    (conversation,) = rows(teams, conversations)
    assert conversation.blocked_at is not None
    await asyncio.to_thread(teams.app[CONVERSATIONS].push, KEY, [Reply("もう一通")])
    assert [r.status for r in rows(teams, outbox)] == ["dropped", "dropped"], "no more attempts"


async def test_anonymous_mode_needs_no_token_and_says_so_loudly(
    aiohttp_client: AiohttpClient,
    fake: FakeBotFramework,
    searcher: Searcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setitem(_entra_issuers.BOTFRAMEWORK_JWKS_URIS, BOTFRAMEWORK_ISSUER, fake.jwks_url)
    fake.require_token = False
    with caplog.at_level(logging.WARNING, logger="bot.handlers.teams"):
        client = await aiohttp_client(
            init_app(_settings(tmp_path, TEAMS_ANONYMOUS="true"), searcher=searcher)
        )
    assert any("TEAMS_ANONYMOUS=true" in r.message and r.levelno == logging.WARNING for r in caplog.records)
    assert (await post(client, fake.activity("RPAとは何ですか？"), None)).status == 200
    (answer, *_rest) = await fake.wait_for(1)
    assert answer.authorization == "", "no token is sent either"
    forged = await post(client, fake.activity("もう一度"), f"Bearer {fake.token(key=rsa_key('stranger'))}")
    assert forged.status == 401, "a token that is sent is still checked"


async def test_anonymous_mode_warns_once_at_start_not_on_every_activity(
    aiohttp_client: AiohttpClient,
    fake: FakeBotFramework,
    searcher: Searcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake.require_token = False
    with caplog.at_level(logging.WARNING):
        client = await aiohttp_client(
            init_app(_settings(tmp_path, TEAMS_ANONYMOUS="true"), searcher=searcher)
        )
        for n, text in enumerate(["RPAとは何ですか？", "ありがとうございます"], start=1):
            assert (await post(client, fake.activity(text, activity_id=f"500{n}"), None)).status == 200
            await fake.wait_for(n)
            await settle(client)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "TEAMS_ANONYMOUS=true" in warnings[0]
