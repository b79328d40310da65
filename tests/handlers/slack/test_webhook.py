"""The Slack webhook end to end: the real application, slack-sdk's own code, the fake Slack over HTTP.

What the shared channel tests (`tests/handlers/test_channels.py`) do not
cover: the timestamp window, the URL verification challenge, Slack's
retries, button presses acknowledged before the turn runs, threads, the
refusals Slack answers with, bolt-python's sample payloads through the
route, and notices to the DX team's channel.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient, make_mocked_request
from pytest_aiohttp import AiohttpClient
from slack_sdk.signature import Clock

from bot.app import init_app
from bot.appkeys import CHANNELS, CONSULT, DISPATCHER, STORE
from bot.config import Settings, SlackSettings
from bot.consult.model import Status
from bot.conversations import EDITED, GROUP_ONLY, greeting
from bot.db.outbox import Delivery
from bot.db.schema import consultations, conversations, messages, outbox
from bot.delivery.http import PlatformRefused
from bot.delivery.worker import Undeliverable
from bot.handlers.slack.address import Address
from bot.handlers.slack.channel import SlackChannel
from bot.knowledge import Ward
from bot.search import Searcher
from bot.values import ConversationKey, Notice, Reply
from tests.auxil.channels import Webhook
from tests.auxil.databases import migrated_sqlite
from tests.auxil.slack import SECRET, FakeSlack, dm, sign
from tests.conftest import SAMPLE_SOURCES
from tests.handlers.slack.test_events import SAMPLES

Client = TestClient[web.Request, web.Application]

pytestmark = pytest.mark.asyncio

USER = "U0STAFF0001"
ROOM = "C0DXTEAM01"


@pytest_asyncio.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture
async def bot(aiohttp_client: AiohttpClient, slack: FakeSlack, searcher: Searcher, tmp_path: Path) -> Client:
    env = {"KAIZEN_CACHE_DIR": "", "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1", **slack.settings()}
    settings = Settings.from_env(env, DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"))
    return await aiohttp_client(init_app(settings, searcher=searcher))


async def post(bot: Client, webhook: Webhook) -> tuple[int, str]:
    response = await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)
    return response.status, await response.text()


async def settle(bot: Client) -> None:
    async with asyncio.timeout(10):
        await bot.app[DISPATCHER].settled()


def count(bot: Client, table: sa.Table) -> int:
    with bot.app[STORE].engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)


# -- verification -----------------------------------------------------------------


# A future timestamp comes closer while the request travels: 30 s spare, for a loaded machine.
@pytest.mark.parametrize("age", [301, 3600, -330])
async def test_a_request_outside_the_five_minute_window_is_refused(
    bot: Client, slack: FakeSlack, age: int, caplog: pytest.LogCaptureFixture
) -> None:
    event = slack.message(USER, "RPAとは何ですか？")
    body = json.dumps(slack.envelope(event, "Ev1")).encode()
    status, text = await post(bot, slack.signed(body, "application/json", at=time.time() - age))
    assert status == 401
    assert json.loads(text)["error"] == "invalid_signature"
    assert "five minutes" in caplog.text
    assert "RPA" not in caplog.text
    await settle(bot)
    assert slack.calls == []
    assert count(bot, conversations) == 0


async def test_a_request_within_the_window_is_taken(bot: Client, slack: FakeSlack) -> None:
    body = json.dumps(slack.envelope(slack.message(USER, "RPAとは何ですか？"), "Ev1")).encode()
    assert (await post(bot, slack.signed(body, "application/json", at=time.time() - 240)))[0] == 200
    assert len(await slack.sent(USER, 1)) == 1


@pytest.mark.parametrize(
    "timestamp",
    ["", "abc", "1e9", "-5", "9" * 400, "0" * 400 + "1", "9" * 5000],
    ids=["empty", "letters", "float", "negative", "400-nines", "padded", "5000-nines"],
)
async def test_a_timestamp_that_is_not_a_number_of_any_clock_is_refused(
    bot: Client, slack: FakeSlack, timestamp: str
) -> None:
    """Before anyone is authenticated: 400 nines once overflowed a float and gave 500, and 5,000
    digits (more than Python reads as an int, and well within a header) did too."""
    webhook = slack.text(USER, "RPAとは", "Ev1")
    headers = {**webhook.headers, "X-Slack-Request-Timestamp": timestamp}
    headers["X-Slack-Signature"] = sign(webhook.body, timestamp)
    status, text = await post(bot, Webhook(webhook.path, webhook.body, headers))
    assert status == 401
    assert json.loads(text)["error"] == "invalid_signature"


async def test_a_signature_over_another_body_is_refused(bot: Client, slack: FakeSlack) -> None:
    genuine = slack.text(USER, "RPAとは", "Ev1")
    other = slack.text(USER, "相談したい", "Ev2")
    assert (await post(bot, Webhook(genuine.path, other.body, genuine.headers)))[0] == 401


async def test_a_signed_body_that_is_not_slacks_is_a_bad_request(bot: Client, slack: FakeSlack) -> None:
    for body, kind in [
        (b"{not json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b"payload=%7Bbroken", "application/x-www-form-urlencoded"),
        (b"payload=%5B%5D", "application/x-www-form-urlencoded"),
        (b"text=hello", "application/x-www-form-urlencoded"),
        (b'{"type": "event_callback", "event": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", "application/json"),
    ]:
        status, _ = await post(bot, slack.signed(body, kind))
        assert status == 400, body
    assert slack.calls == []


@pytest.mark.parametrize("authorizations", [5, True], ids=["number", "boolean"])
async def test_authorizations_of_another_shape_read_as_absent_not_a_500(
    bot: Client, slack: FakeSlack, authorizations: object
) -> None:
    """The envelope's ``authorizations`` (a list, naming the bot) of any other shape was a TypeError once."""
    envelope = slack.envelope(slack.message(USER, "RPAとは何ですか？"), "Ev1")
    envelope["authorizations"] = authorizations
    status, _ = await post(bot, slack.signed(json.dumps(envelope).encode(), "application/json"))
    assert status == 200
    assert len(await slack.sent(USER, 1)) == 1


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"\xff\xfe", "text/plain"),
        (b'{"type": "event_callback", "x": "\xff"}', "application/json"),
        (b'{"type": "event_callback", "x": NaN}', "application/json"),
        (b'{"type": "event_callback", "x": Infinity}', "application/json"),
        (
            b"payload=%7B%22type%22%3A%22block_actions%22%2C%22x%22%3ANaN%7D",
            "application/x-www-form-urlencoded",
        ),
        (
            b"payload=%7B%22type%22%3A%22block_actions%22%2C%22x%22%3A%22%FF%22%7D",
            "application/x-www-form-urlencoded",
        ),
    ],
)
async def test_a_signed_body_that_is_not_strict_utf8_json_is_400_not_a_wrong_signature(
    bot: Client, slack: FakeSlack, caplog: pytest.LogCaptureFixture, body: bytes, kind: str
) -> None:
    with caplog.at_level(logging.WARNING):
        status, _ = await post(bot, slack.signed(body, kind))
    assert status == 400
    assert "wrong signature" not in caplog.text
    assert slack.calls == []


@pytest.mark.parametrize("text", ["RPA\\ud800", "RP\\u0000A"])
async def test_a_signed_message_with_text_no_database_takes_is_a_bad_request(
    bot: Client, slack: FakeSlack, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    """A lone surrogate or a NUL, escaped in the JSON: the engine failed on it and apologised for a fault."""
    body = slack.text("U0LONE", "RPA", "Ev-lone").body.decode().replace('"text": "RPA"', f'"text": "{text}"')
    with caplog.at_level(logging.ERROR):
        status, answer = await post(bot, slack.signed(body.encode(), "application/json"))
        await settle(bot)
    assert (status, json.loads(answer)["error"]) == (400, "invalid_text")
    assert slack.calls == []
    assert not caplog.records


# -- the URL verification challenge --------------------------------------------------


async def test_the_url_verification_challenge_is_answered(bot: Client, slack: FakeSlack) -> None:
    body = json.dumps(SAMPLES["url_verification"]).encode()
    response = await bot.post(
        "/webhooks/slack", data=body, headers=slack.signed(body, "application/json").headers
    )
    assert response.status == 200
    assert await response.json() == {"challenge": SAMPLES["url_verification"]["challenge"]}


async def test_an_unsigned_challenge_is_refused(bot: Client, slack: FakeSlack) -> None:
    body = json.dumps(SAMPLES["url_verification"]).encode()
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(int(time.time()))}
    assert (await post(bot, Webhook("/webhooks/slack", body, headers)))[0] == 401


# -- retries and acknowledgement ---------------------------------------------------


async def test_slacks_retries_of_an_event_do_nothing(bot: Client, slack: FakeSlack) -> None:
    event = slack.message(USER, "RPAとは何ですか？")
    assert (await post(bot, slack.events(event, "Ev42")))[0] == 200
    await slack.sent(USER, 1)
    await settle(bot)
    lines = count(bot, messages)
    for number, reason in [("1", "http_timeout"), ("2", "http_error"), ("3", "http_timeout")]:
        retry = slack.events(event, "Ev42", {"X-Slack-Retry-Num": number, "X-Slack-Retry-Reason": reason})
        assert (await post(bot, retry))[0] == 200
    await settle(bot)
    assert len(slack.all_sent(USER)) == 1
    assert count(bot, messages) == lines


async def test_a_retrys_unsigned_headers_reach_the_log_only_as_slack_writes_them(
    bot: Client, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """The signature covers the body and the timestamp, not the other headers: a replay may carry any."""
    caplog.set_level(logging.INFO)
    event = slack.message(USER, "RPAとは何ですか？")
    forged = {"X-Slack-Retry-Num": "9" * 300, "X-Slack-Retry-Reason": "<script>" + "x" * 3000}
    assert (await post(bot, slack.events(event, "Ev42", forged)))[0] == 200
    retry = {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"}
    assert (await post(bot, slack.events(event, "Ev42", retry)))[0] == 200
    await settle(bot)
    assert "Slack retry ? (?) of event Ev42" in caplog.text
    assert "Slack retry 2 (http_timeout) of event Ev42" in caplog.text
    assert "9" * 50 not in caplog.text
    assert "<script>" not in caplog.text


async def test_a_button_press_is_acknowledged_before_its_turn_is_answered(
    bot: Client, slack: FakeSlack
) -> None:
    slack.hold()  # Slack's API does not answer: the turn cannot finish
    status, text = await asyncio.wait_for(post(bot, slack.press(USER, "menu", "t1")), timeout=10)
    assert (status, text) == (200, "")
    await slack.until(lambda: "chat.postMessage" in slack.arrived)  # the answer is on its way, after the ack
    assert slack.all_sent(USER) == []
    slack.release()
    (menu,) = await slack.sent(USER, 1)
    assert menu.text.startswith("ご用件をお選びください")


async def test_the_same_button_press_delivered_twice_counts_once(bot: Client, slack: FakeSlack) -> None:
    press = slack.press(USER, "menu", "t1")
    assert (await post(bot, press))[0] == 200
    assert (await post(bot, press))[0] == 200
    await slack.sent(USER, 1)
    await settle(bot)
    assert len(slack.all_sent(USER)) == 1


# -- who is answered, and where ------------------------------------------------------


async def test_the_bots_own_messages_are_never_answered(bot: Client, slack: FakeSlack) -> None:
    own = slack.message(USER, "ご用件をお選びください", bot_id="BKAIZEN01", subtype="bot_message")
    edit = slack.message(USER, "RPAとは", subtype="message_changed")
    assert (await post(bot, slack.events(own, "Ev1")))[0] == 200
    assert (await post(bot, slack.events(edit, "Ev2")))[0] == 200
    await settle(bot)
    assert slack.calls == []
    assert count(bot, conversations) == 0


async def test_a_signed_event_from_another_workspace_of_the_app_is_neither_answered_nor_kept(
    bot: Client, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """One signing secret signs every workspace's events; the bot token's workspace is the one served."""
    stranger = "U0ELSEWHERE"
    envelope = slack.envelope(slack.message(stranger, "RPAとは何ですか？"), "Ev1")
    body = json.dumps({**envelope, "team_id": "T0OTHER0001"}).encode()
    assert (await post(bot, slack.signed(body, "application/json")))[0] == 200
    payload = slack.block_actions(stranger, "consult", "t1")
    payload["team"] = {"id": "T0OTHER0001", "domain": "another-office"}
    assert (await post(bot, slack.interaction(payload)))[0] == 200
    await settle(bot)
    assert slack.posted() == []
    assert count(bot, conversations) == 0
    assert count(bot, messages) == 0
    assert "T0OTHER0001" in caplog.text
    assert (await post(bot, slack.text(USER, "RPAとは何ですか？", "Ev2")))[0] == 200, "its own is served"
    assert len(await slack.sent(USER, 1)) == 1
    assert [c.method for c in slack.calls].count("auth.test") == 1, "asked once"


async def test_an_edit_in_the_direct_message_is_answered_once_and_never_read(
    bot: Client, slack: FakeSlack
) -> None:
    question = slack.message(USER, "RPAの導入手順を教えてくだしあ")
    assert (await post(bot, slack.events(question, "Ev1")))[0] == 200
    await slack.sent(USER, 1)
    await settle(bot)
    lines = count(bot, messages)
    edit = slack.edited(question, "RPAの導入手順を教えてください")
    assert (await post(bot, slack.events(edit, "Ev2")))[0] == 200
    said = await slack.sent(USER, 2)
    assert said[-1].text == EDITED.text
    retry = slack.events(edit, "Ev2", {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert (await post(bot, retry))[0] == 200  # Slack's retry of the same edit
    again = slack.edited(question, "RPAの導入手順を教えてください。")
    assert (await post(bot, slack.events(again, "Ev3")))[0] == 200  # a second edit of the same message
    await settle(bot)
    assert [s.text for s in slack.all_sent(USER)][1:] == [EDITED.text]
    assert count(bot, messages) == lines + 2  # the edit is no question: its kind and its answer are logged


async def test_edits_that_are_not_a_persons_in_the_direct_message_get_nothing(
    bot: Client, slack: FakeSlack
) -> None:
    said = slack.message(USER, "お疲れさまです", channel="C0GENERAL1", channel_type="channel")
    in_channel = slack.edited(said, "お疲れさまです！")
    question = slack.message(USER, "https://example.jp を見てください")
    unfurled = slack.edited(question, "https://example.jp を見てください")
    del unfurled["message"]["edited"]  # a link's preview added: Slack's change, not the person's
    for number, event in enumerate([in_channel, unfurled]):
        assert (await post(bot, slack.events(event, f"Ev{number}")))[0] == 200
    await settle(bot)
    assert slack.calls == []
    assert count(bot, conversations) == 0


async def test_a_mention_in_a_channel_is_answered_in_its_thread(bot: Client, slack: FakeSlack) -> None:
    webhook = slack.mention(USER, "C0GENERAL1", "RPAとは何ですか？", "Ev1")
    mention_ts = json.loads(webhook.body)["event"]["ts"]
    assert (await post(bot, webhook))[0] == 200
    await slack.until(lambda: bool(slack.posted("C0GENERAL1")))
    (call,) = slack.posted("C0GENERAL1")
    assert call.body["thread_ts"] == mention_ts
    assert call.body["text"] == GROUP_ONLY.text


async def test_a_message_in_a_thread_of_the_direct_message_is_answered_there(
    bot: Client, slack: FakeSlack
) -> None:
    event = slack.message(USER, "RPAとは何ですか？", thread_ts="1700000000.000100")
    assert (await post(bot, slack.events(event, "Ev1")))[0] == 200
    await slack.sent(USER, 1)
    (call,) = slack.posted(dm(USER))
    assert call.body["thread_ts"] == "1700000000.000100"
    top = slack.message(USER, "相談状況", thread_ts=None)
    del top["thread_ts"]
    assert (await post(bot, slack.events(top, "Ev2")))[0] == 200
    await slack.sent(USER, 2)
    assert "thread_ts" not in slack.posted(dm(USER))[1].body  # a top-level message, a top-level answer


async def test_the_messages_tab_greets_once(bot: Client, slack: FakeSlack) -> None:
    opened = {
        "type": "app_home_opened",
        "user": USER,
        "channel": dm(USER),
        "tab": "messages",
        "event_ts": "1.1",
    }
    assert (await post(bot, slack.events(opened, "Ev1")))[0] == 200
    welcome = await slack.sent(USER, 1)
    assert welcome[0].text == greeting(Ward(), SAMPLE_SOURCES).text
    await settle(bot)
    before = len(slack.all_sent(USER))
    assert (await post(bot, slack.events(opened, "Ev2")))[0] == 200  # opened again another day
    await settle(bot)
    assert len(slack.all_sent(USER)) == before


async def consult(bot: Client, slack: FakeSlack) -> tuple[int, str]:
    """A consultation sent from Slack; its number and the ts of the summary the person confirmed."""
    events = iter(f"Ev{n}" for n in range(100))

    async def say(webhook: Webhook) -> None:
        before = len(slack.all_sent(USER))
        assert (await post(bot, webhook))[0] == 200
        await slack.sent(USER, before + 1)
        await settle(bot)

    await say(slack.press(USER, "consult", next(events)))
    await say(slack.text(USER, "会議録の作成に毎回半日かかっています", next(events)))
    await say(slack.text(USER, "総務課 庶務係", next(events)))
    last = slack.all_sent(USER)[-1]
    if "いつごろまでに" in last.text:
        await say(slack.press(USER, "in:by:m", next(events)))
        last = slack.all_sent(USER)[-1]
    confirm = last.actions[last.buttons.index("この内容で相談する")]
    summary_ts = "1700000123.000900"
    await say(slack.press(USER, confirm, next(events), message_ts=summary_ts))
    found = re.search(r"受付番号は No\.(\d+)", slack.all_sent(USER)[-1].text)
    assert found
    return int(found.group(1)), summary_ts


async def test_the_dx_teams_answer_goes_in_the_thread_of_the_consultation(
    bot: Client, slack: FakeSlack
) -> None:
    number, summary_ts = await consult(bot, slack)
    before = len(slack.all_sent(USER))
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "音声認識をお使いください。", "tanaka")
    pushed = (await slack.sent(USER, before + 1))[-1]
    assert pushed.via == "push"
    call = slack.posted(dm(USER))[-1]
    assert call.body["thread_ts"] == summary_ts
    assert call.body["reply_broadcast"] is True  # shown in the conversation as well
    with bot.app[STORE].engine.connect() as connection:
        row = connection.execute(sa.select(outbox.c.id, outbox.c.status).order_by(outbox.c.id.desc())).first()
    assert row is not None
    assert call.body["metadata"] == {"event_type": "kaizen_push", "event_payload": {"outbox": row.id}}


async def later_message(bot: Client, slack: FakeSlack) -> str:
    """The staff member writes again after the consultation, at the top of the conversation; its ts."""
    event = slack.message(USER, "相談状況")
    before = len(slack.all_sent(USER))
    assert (await post(bot, slack.events(event, "EvLater")))[0] == 200
    await slack.sent(USER, before + 1)
    await settle(bot)
    return str(event["ts"])


async def test_the_teams_messages_stay_in_the_consultations_thread_after_the_person_writes_again(
    bot: Client, slack: FakeSlack
) -> None:
    number, summary_ts = await consult(bot, slack)
    later_ts = await later_message(bot, slack)
    assert later_ts != summary_ts
    service = bot.app[CONSULT]
    steps = [
        lambda: service.request_info(number, "添付の資料名を教えてください。", "tanaka"),
        lambda: service.answer(number, "音声認識をお使いください。", "tanaka"),
        lambda: service.transition(number, Status.RESOLVED, "tanaka"),
    ]
    for step in steps:
        before = len(slack.all_sent(USER))
        await asyncio.to_thread(step)
        assert (await slack.sent(USER, before + 1))[-1].via == "push"
        call = slack.posted(dm(USER))[-1]
        assert (call.body["channel"], call.body["thread_ts"]) == (dm(USER), summary_ts)
    with bot.app[STORE].engine.connect() as connection:
        kept = connection.execute(sa.select(outbox.c.address).order_by(outbox.c.id)).scalars().all()
    assert [Address.decode(a).push_thread if a else None for a in kept[-3:]] == [summary_ts] * 3


async def test_a_consultation_without_a_kept_address_is_answered_under_the_last_message(
    bot: Client, slack: FakeSlack
) -> None:
    number, _ = await consult(bot, slack)
    with bot.app[STORE].engine.begin() as connection:  # opened before addresses were kept
        connection.execute(consultations.update().where(consultations.c.id == number).values(address=None))
    later_ts = await later_message(bot, slack)
    before = len(slack.all_sent(USER))
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "回答です。", "tanaka")
    await slack.sent(USER, before + 1)
    assert slack.posted(dm(USER))[-1].body["thread_ts"] == later_ts


async def test_a_rate_limited_push_waits_as_long_as_slack_asks(bot: Client, slack: FakeSlack) -> None:
    number, _ = await consult(bot, slack)
    slack.refuse("ratelimited", retry_after="120")
    asked = datetime.now(UTC)
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "回答です。", "tanaka")
    await slack.until(lambda: any(c.error == "ratelimited" for c in slack.calls))
    async with asyncio.timeout(10):
        while True:
            with bot.app[STORE].engine.connect() as connection:
                row = connection.execute(sa.select(outbox).order_by(outbox.c.id.desc())).first()
            if row is not None and row.attempts == 1 and row.last_error:
                break
            await asyncio.sleep(0.1)
    assert row.status == "pending"
    assert "ratelimited" in row.last_error
    later = row.next_attempt_at if row.next_attempt_at.tzinfo else row.next_attempt_at.replace(tzinfo=UTC)
    assert later - asked >= timedelta(seconds=115)


@pytest.mark.parametrize("error", ["channel_not_found", "is_archived", "not_in_channel", "account_inactive"])
async def test_a_push_slack_refuses_for_good_is_dropped_and_the_person_recorded(
    bot: Client, slack: FakeSlack, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    number, _ = await consult(bot, slack)
    slack.gone[dm(USER)] = error
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "回答です。", "tanaka")
    async with asyncio.timeout(10):
        while True:
            with bot.app[STORE].engine.connect() as connection:
                row = connection.execute(sa.select(outbox).order_by(outbox.c.id.desc())).first()
                blocked = connection.execute(
                    sa.select(conversations.c.blocked_at).where(conversations.c.user_id == USER)
                ).scalar()
            # The sender records the person as gone (dropping what waits for them) before the worker logs it.
            if row is not None and row.status != "pending" and f"Slack refused it ({error})" in caplog.text:
                break
            await asyncio.sleep(0.1)
    assert (row.status, row.attempts) == ("dropped", 1)
    assert blocked is not None  # later answers to them are dropped at once, until they write again


@pytest.mark.parametrize("error", ["msg_too_long", "invalid_blocks"])
async def test_a_push_slack_refuses_as_it_is_is_dropped_and_the_person_left_reachable(
    bot: Client, slack: FakeSlack, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Slack answers these with HTTP 200: the same message never passes, but the person is still there."""
    number, _ = await consult(bot, slack)
    slack.refuse(error)
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "回答です。", "tanaka")
    async with asyncio.timeout(10):
        while True:
            with bot.app[STORE].engine.connect() as connection:
                row = connection.execute(sa.select(outbox).order_by(outbox.c.id.desc())).first()
            if row is not None and row.status != "pending" and f"message itself ({error})" in caplog.text:
                break
            await asyncio.sleep(0.1)
    assert (row.status, row.attempts) == ("dropped", 1)
    with bot.app[STORE].engine.connect() as connection:
        blocked = connection.execute(
            sa.select(conversations.c.blocked_at).where(conversations.c.user_id == USER)
        ).scalar()
    assert blocked is None, "the person still reads Slack: their next answer goes to them"


# -- bolt-python's sample payloads through the route ---------------------------------


async def test_bolts_sample_payloads_are_taken_without_an_error(bot: Client, slack: FakeSlack) -> None:
    slack.team = "T111"  # the samples' workspace
    for name, body in SAMPLES["events"].items():
        status, _ = await post(bot, slack.signed(json.dumps(body).encode(), "application/json"))
        assert status == 200, name
    payload = f"payload={quote(json.dumps(SAMPLES['interactions']['block_actions']))}".encode()
    assert (await post(bot, slack.signed(payload, "application/x-www-form-urlencoded")))[0] == 200
    await settle(bot)
    (call,) = slack.posted()  # only the mention in C111 is answered (one-to-one, please)
    assert (call.body["channel"], call.body["thread_ts"]) == ("C111", "1595926230.009600")


# -- the DX team's room ------------------------------------------------------------


@pytest_asyncio.fixture
async def channel(bot: Client) -> SlackChannel:
    found = bot.app[CHANNELS]["slack"]
    assert isinstance(found, SlackChannel)
    return found


NOTICE = Notice(
    7,
    "new",
    "新しい相談 No.7",
    "<!channel> <https://evil.example|押して> & @here",
    "https://kaizen.example/d/7",
)


async def test_a_notice_is_posted_to_the_teams_channel_with_the_dashboard_button(
    channel: SlackChannel, slack: FakeSlack
) -> None:
    await channel.post_notice(ROOM, NOTICE)
    (call,) = slack.posted(ROOM)
    body: dict[str, Any] = call.body
    assert "<" not in body["text"]
    assert "&amp;" in body["text"]
    assert body["text"].startswith("新しい相談 No.7")
    links = [e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [e["url"] for e in links] == [NOTICE.url]
    assert body["unfurl_links"] is False


async def test_a_rate_limited_notice_is_refused_with_slacks_wait(
    channel: SlackChannel, slack: FakeSlack
) -> None:
    slack.refuse("ratelimited", retry_after="30")
    with pytest.raises(PlatformRefused) as refused:
        await channel.post_notice(ROOM, NOTICE)
    assert (refused.value.status, refused.value.retry_after) == (429, 30.0)


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived", "account_inactive"])
async def test_a_notice_to_a_room_the_bot_cannot_reach_is_undeliverable(
    channel: SlackChannel, slack: FakeSlack, error: str
) -> None:
    slack.gone[ROOM] = error
    with pytest.raises(Undeliverable, match=error):
        await channel.post_notice(ROOM, NOTICE)


async def test_another_slack_error_is_retried(channel: SlackChannel, slack: FakeSlack) -> None:
    slack.refuse("internal_error", status=500)
    with pytest.raises(PlatformRefused) as refused:
        await channel.post_notice(ROOM, NOTICE)
    assert (refused.value.status, refused.value.retry_after) == (500, None)


async def test_a_signed_request_for_another_secret_is_not_ours(bot: Client, slack: FakeSlack) -> None:
    webhook = slack.text(USER, "RPAとは", "Ev1")
    timestamp = webhook.headers["X-Slack-Request-Timestamp"]
    assert sign(webhook.body, timestamp, SECRET) == webhook.headers["X-Slack-Signature"]
    headers = {**webhook.headers, "X-Slack-Signature": sign(webhook.body, timestamp, SECRET + "x")}
    assert (await post(bot, Webhook(webhook.path, webhook.body, headers)))[0] == 401


async def test_a_body_over_the_limit_is_refused_before_anything_else(
    aiohttp_client: AiohttpClient, slack: FakeSlack, searcher: Searcher, tmp_path: Path
) -> None:
    env = {"KAIZEN_CACHE_DIR": "", "KAIZEN_MAX_BODY_BYTES": "4096", **slack.settings()}
    settings = Settings.from_env(env, DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"))
    small = await aiohttp_client(init_app(settings, searcher=searcher))
    webhook = slack.text(USER, "あ" * 3000, "Ev1")
    assert (await post(small, webhook))[0] == 413
    assert slack.calls == []


SLACK_VECTOR = (
    "8f742231b10e8888abcd99yyyzzz85a5",
    "1531420618",
    b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&"
    b"channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
    b"response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&"
    b"trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
)
"""Slack's documented example ("Verifying requests from Slack"): secret, timestamp, body, signature."""


class _At(Clock):
    def __init__(self, now: float) -> None:
        self.moment = now

    def now(self) -> float:
        return self.moment


@pytest.mark.parametrize(("late", "accepted"), [(0, True), (300, True), (301, False)])
async def test_slacks_documented_signature_is_verified_within_its_window(late: int, accepted: bool) -> None:
    secret, timestamp, body, signature = SLACK_VECTOR
    assert sign(body, timestamp, secret) == signature  # the fake signs as Slack documents
    channel = SlackChannel(SlackSettings("xoxb-x", secret), 5.0)
    channel.verifier.clock = _At(int(timestamp) + late)
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
    request = make_mocked_request("POST", "/webhooks/slack", headers=headers)
    if accepted:
        channel.verify(request, body)
    else:
        with pytest.raises(web.HTTPException) as refused:
            channel.verify(request, body)
        assert refused.value.status == 401


@pytest.mark.parametrize("address", [None, "{broken", '{"thread": "1.1"}'])
async def test_a_push_without_a_readable_address_is_undeliverable(
    bot: Client, channel: SlackChannel, slack: FakeSlack, address: str | None
) -> None:
    sender = channel.sender(bot.app[STORE])
    delivery = Delivery(
        1, ConversationKey("slack", USER, dm(USER)), Reply("回答です。").to_record(), 1, address
    )
    with pytest.raises(Undeliverable):
        await sender.send(delivery)
    assert slack.calls == []


async def test_a_long_list_of_buttons_is_headed_once_its_buttons_in_rows_under_it(
    bot: Client, slack: FakeSlack
) -> None:
    """The departments' buttons came under seven sections 「課から探す（1/7）」… each saying the same."""
    assert (await post(bot, slack.press(USER, "depts", "ev-1")))[0] == 200
    await slack.until(lambda: bool(slack.posted(dm(USER))))
    await settle(bot)
    blocks = slack.posted(dm(USER))[-1].body["blocks"]
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert [t for t in sections if "課から探す" in t] == ["*課から探す*\n課を選んでください。"]
    values = [e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert len([v for v in values if v.startswith("dept:")]) == 20
