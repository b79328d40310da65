"""The DX team's room, end to end over real HTTP: staff on one channel, the team in a room of another.

Each room platform in `ROOMS` (`tests.auxil.teamroom.RoomPlatform`) runs
every test here, on SQLite and PostgreSQL: the real application with the
staff's channel (LINE, unless a test says otherwise) and the room's channel
on, both against their fake platforms, and the room set as
``KAIZEN_TEAM_ROOM``. A new channel implementing `TeamRoom` joins by adding
its fake to `ROOMS`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import ACCOUNTS, CONSULT, DISPATCHER, STORE
from bot.config import Settings
from bot.consult.model import Status
from bot.conversations import GROUP_ONLY
from bot.db.schema import outbox
from bot.knowledge import Ward
from bot.search import Searcher
from bot.teamroom.commands import help_text
from bot.teamroom.desk import joined as joined_text
from bot.teamroom.desk import not_a_member
from tests.auxil.channels import Platform, Webhook
from tests.auxil.line import FakeLine
from tests.auxil.lineworks import FakeLineWorks, LineWorksRoom
from tests.auxil.slack import SlackRoom
from tests.auxil.teamroom import Posted, RoomPlatform
from tests.auxil.teams import TeamsRoom
from tests.auxil.telegram import TelegramRoom

Client = TestClient[web.Request, web.Application]

ROOMS: dict[str, Callable[[], RoomPlatform]] = {
    "lineworks": LineWorksRoom,
    "slack": SlackRoom,
    "teams": TeamsRoom,
    "telegram": TelegramRoom,
}

pytestmark = pytest.mark.asyncio

STAFF = "U0123456789abcdef0123456789abcde"
PUBLIC_URL = "https://kaizen.example.lg.jp"
PASSWORD = "correct horse battery staple"


@pytest_asyncio.fixture(params=sorted(ROOMS))
async def room(request: pytest.FixtureRequest) -> AsyncIterator[RoomPlatform]:
    fake = ROOMS[request.param]()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture
async def bot(
    aiohttp_client: AiohttpClient, line: FakeLine, room: RoomPlatform, searcher: Searcher, migrated_url: str
) -> Client:
    return await serve(aiohttp_client, line, room, searcher, migrated_url)


async def serve(
    aiohttp_client: AiohttpClient, staff: Platform, room: RoomPlatform, searcher: Searcher, database_url: str
) -> Client:
    """The application with the staff's channel and the room's on, tanaka and sato members of the room."""
    settings = Settings.from_env(
        {
            "KAIZEN_CACHE_DIR": "",
            "KAIZEN_PUBLIC_URL": PUBLIC_URL,
            "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
            "KAIZEN_TEAM_ROOM": f"{room.channel}:{room.room}",
            "KAIZEN_TEAM_MEMBERS": ",".join(f"{room.channel}:{room.user(n)}={n}" for n in ("tanaka", "sato")),
            **staff.settings(),
            **room.settings(),
        },
        DATABASE_URL=database_url,
    )
    client = await aiohttp_client(init_app(settings, searcher=searcher))
    await asyncio.to_thread(client.app[ACCOUNTS].add_user, "tanaka", PASSWORD, "田中")
    return client  # sato is a member without a dashboard account


async def post(bot: Client, webhook: Webhook) -> None:
    response = await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)
    assert response.status == 200, await response.text()


async def settle(bot: Client) -> None:
    async with asyncio.timeout(30):
        await bot.app[DISPATCHER].settled()


async def staff_says(bot: Client, staff: Platform, webhook: Webhook, user: str = STAFF) -> str:
    """What the bot answered the staff member ``user`` (the last message of its answer)."""
    before = len(staff.all_sent(user))
    await post(bot, webhook)
    await staff.sent(user, before + 1)
    await settle(bot)
    return staff.all_sent(user)[-1].text


async def consult(
    bot: Client,
    staff: Platform,
    user: str = STAFF,
    content: str = "会議録の作成に毎回半日かかっています",
    events: str = "staff",
) -> int:
    """A consultation asking ``content`` from the staff member ``user`` on ``staff``'s channel; its number.

    ``events`` names its webhooks' event ids (``staff-1``…), different for each consultation of a test.
    """
    await staff_says(bot, staff, staff.press(user, "consult", f"{events}-1"), user)
    await staff_says(bot, staff, staff.text(user, content, f"{events}-2"), user)
    said = await staff_says(bot, staff, staff.text(user, "総務課 庶務係", f"{events}-3"), user)
    if "いつごろまでに" in said:
        await staff_says(bot, staff, staff.press(user, "in:by:m", f"{events}-4"), user)
    sent = staff.all_sent(user)[-1]
    confirm = sent.actions[sent.buttons.index("この内容で相談する")]
    receipt = await staff_says(bot, staff, staff.press(user, confirm, f"{events}-5"), user)
    found = re.search(r"受付番号は No\.(\d+)", receipt)
    assert found, receipt
    return int(found.group(1))


async def in_room(bot: Client, room: RoomPlatform, name: str, text: str, event_id: str) -> Posted:
    """``name`` says ``text`` to the bot in the room; the bot's reply there."""
    before = len(room.all_posted())
    await post(bot, room.said(name, text, event_id))
    await settle(bot)
    return (await room.posted(before + 1))[-1]


async def joined(bot: Client, room: RoomPlatform) -> Posted:
    """The bot is added to the room (so the room's address is known); its introduction."""
    await post(bot, room.joined("joined-1"))
    await settle(bot)
    return (await room.posted(1))[-1]


async def delivered(bot: Client, channel: str | None = None) -> list[tuple[str, int]]:
    """`outbox_rows` once none of ``channel`` (None: of any channel) is pending (the worker records a
    delivery after the platform's answer, so a message the fake platform has received may still be pending).

    After `settle`, all the bot will send for the events so far has then gone: a turn's replies are sent in
    the turn, everything else through the outbox.
    """
    async with asyncio.timeout(30):
        while True:  # the database has no event to wait on
            rows = outbox_rows(bot, channel)
            if all(status != "pending" for status, _ in rows):
                return rows
            await asyncio.sleep(0.05)


def outbox_rows(bot: Client, channel: str | None = None) -> list[tuple[str, int]]:
    """(status, attempts) of the outbox's messages for ``channel`` (None: every channel), oldest first."""
    with bot.app[STORE].engine.connect() as connection:
        query = sa.select(outbox.c.status, outbox.c.attempts)
        if channel is not None:
            query = query.where(outbox.c.channel == channel)
        return [(row.status, row.attempts) for row in connection.execute(query.order_by(outbox.c.id))]


async def test_a_consultation_is_noticed_in_the_room_and_answered_from_it(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    introduction = await joined(bot, room)
    assert introduction.text.startswith(joined_text(Ward()))
    assert "#123 回答" in introduction.text

    number = await consult(bot, line)
    notice = (await room.posted(2))[-1]
    assert not notice.reply
    assert f"新しいご相談が届きました（No.{number}）" in notice.text
    assert "会議録の作成に毎回半日かかっています" in notice.text
    assert notice.links == (f"{PUBLIC_URL}/admin/consultations/{number}",)

    answer = "音声認識ソフトで下書きを作れます。\n詳しくは 090-1234-5678 までお電話ください。"
    before = len(line.all_sent(STAFF))  # counted before the command: the push may beat the confirmation
    confirmation = await in_room(bot, room, "tanaka", f"#{number} 回答 {answer}", "room-1")
    assert confirmation.reply is room.threads
    assert confirmation.text == f"No.{number} の相談者に回答を送りました。（対応者：田中、状態：回答済み）"

    pushed = (await line.sent(STAFF, before + 1))[-1]
    assert pushed.via == "push"
    assert pushed.text.startswith(f"【DX推進課からの回答】No.{number}")
    assert "音声認識ソフトで下書きを作れます。\n詳しくは" in pushed.text
    assert "090-1234-5678" not in pushed.text, "what the team types is masked like everything else"

    service = bot.app[CONSULT]
    assert (await asyncio.to_thread(service.get, number)).status == Status.ANSWERED
    answered = [e for e in await asyncio.to_thread(service.events, number) if e.kind == "answer"]
    assert [(e.actor, "090-1234-5678" in (e.text or "")) for e in answered] == [("tanaka", False)]


LONG_CONSULTATION = (  # 223 characters: a notice quotes 200
    "議会の委員会が月に四回あり、そのたびに会議録を作っています。"
    "録音を聞き直しながら発言者ごとに文字に起こすので、一回に半日かかります。"
    "音声認識のソフトを試したことはありますが、専門用語や地名の誤変換が多く、結局手で直していました。"
    "庁内で使えるツールがあれば教えてください。"
    "できれば来月の定例会から使いたいので、導入の手順と費用の目安も知りたいです。"
    "録音データは共有フォルダに保存していますが、個人情報を含むため外部のサービスに送ってよいかも不安です"
)


async def test_a_notice_names_the_messenger_and_quotes_whole_sentences(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    await joined(bot, room)
    number = await consult(bot, line, content=LONG_CONSULTATION)
    notice = (await room.posted(2))[-1]
    assert "連絡手段：LINE" in notice.text, "the messenger as the dashboard names it"
    sentences = LONG_CONSULTATION.split("。")
    assert f"内容：{'。'.join(sentences[:5])}…" in notice.text, "cut where a sentence ends, not mid-word"

    shown = await in_room(bot, room, "tanaka", f"#{number}", "room-1")
    assert "連絡手段：LINE" in shown.text


async def test_the_other_commands_show_ask_take_note_and_close(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    await joined(bot, room)
    number = await consult(bot, line)
    await room.posted(2)

    shown = await in_room(bot, room, "tanaka", f"＃{number}", "room-1")
    assert shown.text.startswith(f"No.{number}（未対応）")
    assert "所属：総務課 庶務係" in shown.text
    assert "担当：未割り当て" in shown.text
    taken = await in_room(bot, room, "tanaka", f"#{number} 担当", "room-2")
    assert taken.text == f"No.{number} を田中さんの担当にしました。（対応者：田中、状態：対応中）"
    shown = await in_room(bot, room, "tanaka", f"#{number}", "room-2-shown")
    assert "担当：田中" in shown.text, "the team's name for the assignee, not the account's"
    noted = await in_room(bot, room, "tanaka", f"#{number} メモ 来週電話する", "room-3")
    assert "メモを残しました" in noted.text

    before = len(line.all_sent(STAFF))
    asked = await in_room(bot, room, "tanaka", f"#{number} 追加情報\n会議は月に何回ありますか？", "room-4")
    assert asked.text.endswith("状態：対応中）")
    question = (await line.sent(STAFF, before + 1))[-1]
    assert "会議は月に何回ありますか？" in question.text

    closed = await in_room(bot, room, "tanaka", f"#{number} クローズ", "room-5")
    assert closed.text.endswith("状態：解決）")
    told = (await line.sent(STAFF, before + 2))[-1]
    assert told.via == "push"
    assert f"No.{number}" in told.text

    kinds = [(e.kind, e.actor) for e in await asyncio.to_thread(bot.app[CONSULT].events, number)]
    assert kinds[1:] == [
        ("assigned", "tanaka"),
        ("note", "tanaka"),
        ("request", "tanaka"),
        ("status", "tanaka"),
    ]


async def test_a_stranger_is_refused_politely_and_logged_without_the_text(
    bot: Client, line: FakeLine, room: RoomPlatform, caplog: pytest.LogCaptureFixture
) -> None:
    await joined(bot, room)
    number = await consult(bot, line)
    await room.posted(2)
    before = len(line.all_sent(STAFF))
    with caplog.at_level(logging.WARNING, logger="bot.teamroom.desk"):
        refused = await in_room(bot, room, "suzuki", f"#{number} 回答 ひみつの回答です", "room-1")
    assert refused.text == not_a_member(Ward())
    assert room.user("suzuki") in caplog.text
    assert "ひみつの回答" not in caplog.text
    assert (await asyncio.to_thread(bot.app[CONSULT].get, number)).status == Status.NEW
    await delivered(bot)  # all the bot was to send has gone: nothing of it reached the staff member
    assert len(line.all_sent(STAFF)) == before


async def test_unknown_numbers_closed_consultations_and_unknown_commands_get_a_reason(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    await joined(bot, room)
    number = await consult(bot, line)
    await room.posted(2)

    unknown = await in_room(bot, room, "tanaka", "#99999 回答 こんにちは", "room-1")
    assert unknown.text == "申し訳ありません。No.99999 の相談は見つかりません。"
    await in_room(bot, room, "tanaka", f"#{number} クローズ", "room-2")
    late = await in_room(bot, room, "tanaka", f"#{number} 回答 遅れてすみません", "room-3")
    assert late.text.startswith(f"申し訳ありません。No.{number} の相談は「解決」のため回答できません。")
    again = await in_room(bot, room, "tanaka", f"#{number} クローズ", "room-4")
    assert "すでに「解決」です" in again.text
    for said in ("こんにちは", f"#{number} 回答", f"#{number} なおす"):  # the help, for anything else
        assert (await in_room(bot, room, "tanaka", said, f"room-{said}")).text == help_text(Ward())

    answers = [e for e in await asyncio.to_thread(bot.app[CONSULT].events, number) if e.kind == "answer"]
    assert answers == []


async def test_a_member_whose_dashboard_account_is_gone_is_told_and_nothing_changes(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    await joined(bot, room)
    number = await consult(bot, line)
    await room.posted(2)
    refused = await in_room(bot, room, "sato", f"#{number} 回答 こんにちは", "room-1")
    assert refused.text.startswith(
        "申し訳ありません。あなたに割り当てられたダッシュボードのアカウント「sato」"
    )
    events = await asyncio.to_thread(bot.app[CONSULT].events, number)
    assert [e.kind for e in events] == ["created"]


async def test_a_redelivered_command_is_carried_out_once(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    await joined(bot, room)
    number = await consult(bot, line)
    await room.posted(2)
    webhook = room.said("tanaka", f"#{number} 回答 一度だけ届きます", "room-1")
    await post(bot, webhook)
    await settle(bot)
    await room.posted(3)
    await post(bot, webhook)
    await settle(bot)
    await delivered(bot)  # all the bot was to send has gone
    assert len(room.all_posted()) == 3
    answers = [e for e in await asyncio.to_thread(bot.app[CONSULT].events, number) if e.kind == "answer"]
    assert len(answers) == 1
    assert all(status == "sent" for status, _attempts in await delivered(bot, "line"))


async def test_a_notice_the_platform_refuses_is_retried_until_it_arrives(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    await joined(bot, room)
    room.refuse(503, 429)
    number = await consult(bot, line)
    notice = (await room.posted(2))[-1]
    assert f"No.{number}" in notice.text
    assert await delivered(bot, "notify-room") == [("sent", 3)]


async def test_a_notice_the_platform_refuses_for_good_is_dropped_and_the_next_one_arrives(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    """A 400 (a body the platform cannot take: malformed, or too large as Teams says) never passes."""
    await joined(bot, room)
    room.refuse(400)
    first = await consult(bot, line)
    second = await consult(bot, line, content="議事録の要約を自動化したい", events="again")
    notice = (await room.posted(2))[-1]
    assert f"No.{second}" in notice.text
    assert first != second
    assert await delivered(bot, "notify-room") == [("dropped", 1), ("sent", 1)]


async def test_a_group_elsewhere_gets_the_one_to_one_answer(
    bot: Client, line: FakeLine, room: RoomPlatform
) -> None:
    message: dict[str, object] = {
        "id": "m1",
        "type": "text",
        "text": "@kaizen-bot #1 回答 こんにちは",
        "quoteToken": "q",
    }
    message["mention"] = {"mentionees": [{"index": 0, "length": 11, "type": "user", "isSelf": True}]}
    event = line.event(STAFF, "message", "line-group-1", message=message)
    event["source"] = {"type": "group", "groupId": "Cgroup0000", "userId": STAFF}
    await post(bot, line.webhook(event))
    await settle(bot)
    (reply,) = await line.sent("Cgroup0000", 1)
    assert reply.text == GROUP_ONLY.text


# -- across channels, and LINE WORKS' rooms --------------------------------------------------------------

WORKS_STAFF = "kaizen-staff-0000-4000-8000-works"


@pytest_asyncio.fixture
async def works() -> AsyncIterator[FakeLineWorks]:
    fake = FakeLineWorks()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture
async def works_room() -> AsyncIterator[LineWorksRoom]:
    room = LineWorksRoom()
    await room.start()
    yield room
    await room.stop()


async def test_a_consultation_from_line_works_is_answered_from_slack_and_reaches_the_person(
    aiohttp_client: AiohttpClient, works: FakeLineWorks, searcher: Searcher, migrated_url: str
) -> None:
    """The issue's proof: LINE WORKS staff, the DX team answering in Slack, the answer back on LINE WORKS."""
    slack = SlackRoom()
    await slack.start()
    try:
        bot = await serve(aiohttp_client, works, slack, searcher, migrated_url)
        number = await consult(bot, works, WORKS_STAFF)
        (notice,) = await slack.posted(1)
        assert f"新しいご相談が届きました（No.{number}）" in notice.text
        assert notice.links == (f"{PUBLIC_URL}/admin/consultations/{number}",)

        answer = "議事録は音声認識で下書きを作れます。\n手順書をお送りします。"
        before = len(works.all_sent(WORKS_STAFF))  # the push may arrive before the confirmation
        confirmation = await in_room(bot, slack, "tanaka", f"#{number} 回答 {answer}", "slack-1")
        assert confirmation.reply
        assert confirmation.text == (
            f"No.{number} の相談者に回答を送りました。（対応者：田中、状態：回答済み）"
        )

        pushed = (await works.sent(WORKS_STAFF, before + 1))[-1]
        assert pushed.via == "push"
        assert pushed.text.startswith(f"【DX推進課からの回答】No.{number}")
        assert "議事録は音声認識で下書きを作れます。\n手順書をお送りします。" in pushed.text
        assert len(slack.all_posted()) == 2, "only the notice and the confirmation went to Slack"

        service = bot.app[CONSULT]
        consultation = await asyncio.to_thread(service.get, number)
        assert (consultation.key.channel, consultation.key.user_id) == ("lineworks", WORKS_STAFF)
        assert consultation.status == Status.ANSWERED
        trail = [(e.kind, e.actor) for e in await asyncio.to_thread(service.events, number)]
        assert trail[0][0] == "created"
        assert trail[1:] == [("answer", "tanaka")]
        answered = [e for e in await asyncio.to_thread(service.events, number) if e.kind == "answer"]
        assert "議事録は音声認識で下書きを作れます。" in (answered[0].text or "")
        assert await delivered(bot, "lineworks") == [("sent", 1)]
    finally:
        await slack.stop()


async def test_a_line_works_team_room_hears_commands_and_mentions_not_the_chatter(
    aiohttp_client: AiohttpClient,
    line: FakeLine,
    works_room: LineWorksRoom,
    searcher: Searcher,
    migrated_url: str,
) -> None:
    room = works_room
    bot = await serve(aiohttp_client, line, room, searcher, migrated_url)
    number = await consult(bot, line)
    await room.posted(1)
    tanaka = room.user("tanaka")
    for said in ("お昼どうしますか", "明日の会議は #在宅 で", "了解です"):  # the team among themselves
        await post(bot, room.fake.in_room(tanaka, room.room, said))
    await settle(bot)
    await asyncio.sleep(1)
    assert len(room.all_posted()) == 1, "the team's chatter gets no reply"

    await post(bot, room.fake.in_room(tanaka, room.room, f"#{number} 担当"))  # a command needs no mention
    await settle(bot)
    (taken,) = (await room.posted(2))[1:]
    assert taken.text == f"No.{number} を田中さんの担当にしました。（対応者：田中、状態：対応中）"
    help_ = await in_room(bot, room, "tanaka", "使い方を教えてください", "works-1")  # a mention
    assert help_.text == help_text(Ward())


async def test_what_staff_typed_shown_in_a_line_works_room_mentions_nobody(
    aiohttp_client: AiohttpClient,
    line: FakeLine,
    works_room: LineWorksRoom,
    searcher: Searcher,
    migrated_url: str,
) -> None:
    """A consultation's text holding LINE WORKS' mention tags is shown in the team's room, inert."""
    room = works_room
    bot = await serve(aiohttp_client, line, room, searcher, migrated_url)
    tanaka = room.user("tanaka")
    typed = f'会議録の作成に毎回半日かかっています <m userId="all"> <m userId="{tanaka}">'
    number = await consult(bot, line, content=typed)
    await room.posted(1)
    shown = await in_room(bot, room, "tanaka", f"#{number}", "works-show")
    assert "会議録の作成に毎回半日かかっています" in shown.text
    assert 'userId="all"' in shown.text, "the staff member's words are shown as they typed them"
    assert "<m" not in shown.text, "but no mention tag reaches LINE WORKS, which would call the room"
