"""One test set for every messenger channel, each against its fake platform over real HTTP.

A new channel joins by adding its fake (`tests.auxil.channels.Platform`) to
`PLATFORMS`. The bot is the real application (`init_app`) with the
channel's settings pointing at the fake; the fake records what the
channel's SDK sent it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import CONSULT, DISPATCHER, STORE
from bot.config import Settings
from bot.conversations import GROUP_ONLY, TEXT_ONLY
from bot.db.journal import UNREAD_LINES
from bot.db.schema import conversations, inbox, messages, outbox
from bot.dialogue.views import TOO_LONG
from bot.search import Searcher
from bot.values import MAX_MESSAGE_CHARS, ConversationKey, Reply
from tests.auxil.channels import Platform, Sent, Webhook
from tests.auxil.databases import migrated_sqlite
from tests.auxil.line import FakeLine
from tests.auxil.lineworks import FakeLineWorks
from tests.auxil.logs import until_logged
from tests.auxil.slack import FakeSlack
from tests.auxil.teams import TeamsPlatform
from tests.auxil.telegram import FakeTelegram

Client = TestClient[web.Request, web.Application]

PLATFORMS: dict[str, Callable[[], Platform]] = {"line": FakeLine, "teams": TeamsPlatform}
PLATFORMS["slack"] = FakeSlack
PLATFORMS["lineworks"] = FakeLineWorks
PLATFORMS["telegram"] = FakeTelegram

pytestmark = pytest.mark.asyncio

USER = "U0123456789abcdef0123456789abcde"
QUESTION = "RPAってなに？"


@pytest_asyncio.fixture(params=sorted(PLATFORMS))
async def platform(request: pytest.FixtureRequest) -> AsyncIterator[Platform]:
    fake = PLATFORMS[request.param]()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture
async def bot(
    aiohttp_client: AiohttpClient, platform: Platform, searcher: Searcher, tmp_path: Path
) -> Client:
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", **platform.settings()},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


@pytest_asyncio.fixture
async def limited(
    aiohttp_client: AiohttpClient, platform: Platform, searcher: Searcher, tmp_path: Path
) -> Client:
    """The bot of `bot`, taking two messages a minute from each person."""
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", "KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "2", **platform.settings()},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


async def post(bot: Client, webhook: Webhook) -> int:
    response = await bot.post(webhook.path, data=webhook.body, headers=webhook.headers)
    return response.status


async def settle(bot: Client) -> None:
    """Wait until every event handed to the dispatcher has been handled."""
    async with asyncio.timeout(10):
        await bot.app[DISPATCHER].settled()


async def say(bot: Client, platform: Platform, webhook: Webhook) -> list[Sent]:
    """Send one event; return what the bot sent back for it."""
    before = len(platform.all_sent(USER))
    assert await post(bot, webhook) == 200
    await platform.sent(USER, before + 1)
    await settle(bot)
    return platform.all_sent(USER)[before:]


def action(sent: list[Sent], label: str) -> str:
    for message in sent:
        if label in message.buttons:
            return message.actions[message.buttons.index(label)]
    raise AssertionError(f"no button {label!r} in {sent}")


def count(bot: Client, table: sa.Table) -> int:
    with bot.app[STORE].engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)


async def test_a_text_message_is_answered_with_its_buttons(bot: Client, platform: Platform) -> None:
    (answer,) = await say(bot, platform, platform.text(USER, "RPAとは何ですか？", "ev-1"))
    assert "RPA" in answer.text
    assert answer.via == "reply"
    assert {"解決した", "解決しない"} <= set(answer.buttons)


async def test_a_button_press_comes_back_as_the_action(bot: Client, platform: Platform) -> None:
    await say(bot, platform, platform.text(USER, "RPAとは何ですか？", "ev-1"))
    menu = await say(bot, platform, platform.press(USER, "menu", "ev-2"))
    assert menu[0].text.startswith("ご用件をお選びください")
    categories = await say(bot, platform, platform.press(USER, action(menu, "相談状況を見る"), "ev-3"))
    assert "相談" in categories[0].text


@pytest.mark.parametrize(
    ("shown", "cited"),
    [
        ("sec:inventory#steps", "出典：『業務改善の手引き』第2章 業務の棚卸し「棚卸しの進め方」"),
        ("faq:tool-rpa-basics", "出典：よくある質問「RPAとは何ですか？"),
    ],
)
async def test_the_source_is_cited_in_the_text_not_a_button_showing_the_same_page_again(
    bot: Client, platform: Platform, shown: str, cited: str
) -> None:
    """A manual page and an answer: a button for the source carried the ref of the page it sat under."""
    (page,) = await say(bot, platform, platform.press(USER, shown, "ev-1"))
    (line,) = [line for line in page.text.splitlines() if line.startswith("出典：")]
    assert cited in line
    assert shown not in page.actions, "no button to what is already shown"


async def test_the_source_is_cited_right_under_the_answer_not_under_its_cards(
    bot: Client, platform: Platform
) -> None:
    """On Telegram the cards came between: 出典 under the last case read as that case's source."""
    (answer,) = await say(bot, platform, platform.press(USER, "faq:tool-rpa-basics", "ev-1"))
    assert "case:rpa-kosodate-input" in answer.actions, "an answer with cards under it"
    lines = [line for line in answer.text.splitlines() if line]
    (at,) = [n for n, line in enumerate(lines) if line.startswith("出典：")]
    assert lines[at - 1] == "区では、LGWAN系の端末で使えるRPAツールをDX推進課が管理しています。"


INDICATING = ("line", "teams", "telegram")
"""The platforms whose channel shows a typing or loading indicator (LINE WORKS and Slack offer bots none)."""


@pytest.mark.parametrize("platform", INDICATING, indirect=True)
async def test_an_indicator_the_platform_leaves_hanging_holds_no_answer_back(
    bot: Client, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    """The indicator is best effort, shown meanwhile: LINE's reply waited 10 s for it, Telegram's 5 s."""
    assert isinstance(platform, FakeLine | TeamsPlatform | FakeTelegram)
    hold = platform.hold_indicator()
    try:
        with caplog.at_level(logging.INFO):
            assert await post(bot, platform.text(USER, "RPAとは何ですか？", "ev-1")) == 200
            (answer,) = await platform.sent(USER, 1)
            async with asyncio.timeout(10):
                await hold.arrived.wait()
            assert hold.waited_on, "answered while the bot still waited for the indicator's answer"
            assert (answer.via, "RPA" in answer.text) == ("reply", True)
    finally:
        hold.release.set()
    await settle(bot)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_an_answer_pushed_after_a_pause_keeps_its_place_and_waits_as_asked(
    bot: Client, platform: Platform
) -> None:
    """A reply refused with 429 and Retry-After is pushed no sooner; the person's next answer waits behind it.

    The next answer overtook the push (the RPA answer before the menu), and the push went out at once.
    """
    other = "U00000000000000000000000000other"
    for n, event in enumerate(
        (platform.press(other, "menu", "ev-o1"), platform.text(other, QUESTION, "ev-o2"))
    ):
        assert await post(bot, event) == 200
        await platform.sent(other, n + 1)
        await settle(bot)
    expected = [s.text for s in platform.all_sent(other)]  # the two answers in order, nothing refused
    platform.pause_next(2)
    started = asyncio.get_running_loop().time()
    assert await post(bot, platform.press(USER, "menu", "ev-1")) == 200
    await settle(bot)  # its reply refused: the menu waits in the outbox
    assert await post(bot, platform.text(USER, QUESTION, "ev-2")) == 200
    await settle(bot)
    await platform.sent(USER, len(expected))
    waited = asyncio.get_running_loop().time() - started
    await asyncio.sleep(0.3)
    sent = platform.all_sent(USER)
    assert [s.text for s in sent] == expected, "an answer overtook the one pushed before it"
    assert {s.via for s in sent} == {"push"}
    assert waited >= 2, "pushed before the platform's Retry-After"


SENDING_ONE_BY_ONE = ("lineworks", "slack", "teams", "telegram")
"""The platforms whose channel answers a turn's replies in several requests (LINE's reply is one request)."""


@pytest.mark.parametrize("platform", SENDING_ONE_BY_ONE, indirect=True)
async def test_an_answer_refused_halfway_pushes_only_what_was_not_shown(
    bot: Client, platform: Platform
) -> None:
    """The first of two replies went out, the second was refused: both were pushed, the first shown twice."""
    assert isinstance(platform, FakeLineWorks | FakeSlack | TeamsPlatform | FakeTelegram)
    await say(bot, platform, platform.press(USER, "consult", "ev-1"))
    await say(bot, platform, platform.text(USER, "会議録の作成に毎回半日かかっています", "ev-2"))
    before = len(platform.all_sent(USER))
    platform.pause_after(1, 1)
    assert await post(bot, platform.press(USER, "cases", "ev-3")) == 200  # left the form: two replies
    await settle(bot)
    await platform.sent(USER, before + 2)
    await asyncio.sleep(0.5)
    texts = [s.text for s in platform.all_sent(USER)[before:]]
    assert len(texts) == 2, texts
    assert texts[0].startswith("改善事例は")
    assert "入力中だったご相談の内容は保存してあります" in texts[1]


async def test_an_expired_button_is_answered_with_the_menus_buttons_in_the_apology_itself(
    bot: Client, platform: Platform
) -> None:
    """Apology and menu were two messages, the apology with no button of its own."""
    assert await post(bot, platform.press(USER, "case:no-longer-there", "ev-1")) == 200
    await settle(bot)
    (apology, *_) = await platform.sent(USER, 1)
    assert "このボタンは有効期限が切れたか" in apology.text
    assert "メニューからもう一度お選びいただくか" in apology.text
    assert {"改善事例を見る", "DX推進課に相談する", "相談状況を見る"} <= set(apology.buttons)
    await asyncio.sleep(0.5)
    menus = [s for s in platform.all_sent(USER) if s.text.startswith("ご用件をお選びください")]
    assert not menus, "the menu twice"


CUTTING_A_REPLY_IN_PARTS = ("lineworks", "teams")
"""The platforms whose channel sends an answer with cards in two requests: its text or card, its carousel."""


@pytest.mark.parametrize("platform", CUTTING_A_REPLY_IN_PARTS, indirect=True)
async def test_a_reply_cut_short_pushes_only_its_parts_not_shown(bot: Client, platform: Platform) -> None:
    """Its text shown, its carousel refused: the reply was pushed whole, and its text showed twice."""
    assert isinstance(platform, FakeLineWorks | TeamsPlatform)
    platform.pause_after(1, 1)
    assert await post(bot, platform.press(USER, "faq:tool-rpa-basics", "ev-1")) == 200
    await settle(bot)
    async with asyncio.timeout(10):  # the carousel is pushed after the platform's Retry-After
        while not any("case:rpa-kosodate-input" in s.actions for s in platform.all_sent(USER)):  # noqa: ASYNC110
            await asyncio.sleep(0.05)  # the fakes have no one event to wait on
    await asyncio.sleep(0.5)
    (answer,) = platform.all_sent(USER)  # the fakes join a carousel to the message before it
    assert "RPA" in answer.text
    assert "case:rpa-kosodate-input" in answer.actions


@pytest_asyncio.fixture
async def retrying(
    aiohttp_client: AiohttpClient, platform: Platform, searcher: Searcher, tmp_path: Path
) -> Client:
    """The bot of `bot`, retrying a failed push after a second."""
    settings = Settings.from_env(
        {"KAIZEN_CACHE_DIR": "", "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1", **platform.settings()},
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


SPLITTING_LONG_TEXTS = ("lineworks", "telegram")
"""The platforms whose channel sends a long text in pieces (LINE WORKS: 2,000 characters, Telegram 4,096)."""

LONG_TEXT = "\n\n".join(
    f"手順{n}：録音を音声認識のソフトに読み込み、下書きを作ってから、発言ごとに聞き直して整えてください。" * 3
    for n in range(1, 41)
)
"""About 6,300 characters: two Telegram messages, four LINE WORKS texts."""


@pytest.mark.parametrize("platform", SPLITTING_LONG_TEXTS, indirect=True)
async def test_a_push_cut_short_is_retried_without_its_parts_shown(
    retrying: Client, platform: Platform
) -> None:
    """A long push's first piece shown, the next refused: the retry sent it whole, the first piece twice."""
    assert isinstance(platform, FakeLineWorks | FakeTelegram)
    await say(retrying, platform, platform.text(USER, QUESTION, "ev-1"))  # the conversation and its address
    with retrying.app[STORE].engine.connect() as connection:
        row = connection.execute(sa.select(conversations)).one()
    before = len(platform.all_sent(USER))
    platform.pause_after(1, 1)
    key = ConversationKey(row.channel, row.user_id, row.conversation_id)
    await asyncio.to_thread(retrying.app[STORE].push, key, Reply(LONG_TEXT))
    await platform.until(lambda: "手順40：" in "".join(s.text for s in platform.all_sent(USER)[before:]))
    await asyncio.sleep(0.5)
    pushed = "\n".join(s.text for s in platform.all_sent(USER)[before:])
    for n in range(1, 41):
        assert pushed.count(f"手順{n}：") == 3, f"手順{n} shown {pushed.count(f'手順{n}：') / 3:g} times"


@pytest_asyncio.fixture
async def impatient(
    aiohttp_client: AiohttpClient, platform: Platform, searcher: Searcher, tmp_path: Path
) -> Client:
    """The bot of `retrying`, cutting a push off after a second (the shortest delivery timeout)."""
    settings = Settings.from_env(
        {
            "KAIZEN_CACHE_DIR": "",
            "KAIZEN_DELIVERY_BACKOFF_SECONDS": "1",
            "KAIZEN_DELIVERY_TIMEOUT_SECONDS": "1",
            "KAIZEN_DELIVERY_LEASE_SECONDS": "5",
            **platform.settings(),
        },
        DATABASE_URL=migrated_sqlite(tmp_path / "kaizen.db"),
    )
    return await aiohttp_client(init_app(settings, searcher=searcher))


@pytest.mark.parametrize("platform", SPLITTING_LONG_TEXTS, indirect=True)
async def test_a_push_cut_off_by_the_delivery_timeout_is_retried_without_its_parts_shown(
    impatient: Client, platform: Platform
) -> None:
    """A long push's first piece shown, the next hanging past the timeout: the retry sent the first again."""
    assert isinstance(platform, FakeLineWorks | FakeTelegram)
    await say(impatient, platform, platform.text(USER, QUESTION, "ev-1"))
    with impatient.app[STORE].engine.connect() as connection:
        row = connection.execute(sa.select(conversations)).one()
    before = len(platform.all_sent(USER))
    hung = platform.hang_after(1)
    key = ConversationKey(row.channel, row.user_id, row.conversation_id)
    await asyncio.to_thread(impatient.app[STORE].push, key, Reply(LONG_TEXT))
    async with asyncio.timeout(10):
        await hung.arrived.wait()
        while hung.waited_on:  # noqa: ASYNC110 - the bot closes the connection when it gives up
            await asyncio.sleep(0.05)
    hung.release.set()
    await platform.until(lambda: "手順40：" in "".join(s.text for s in platform.all_sent(USER)[before:]))
    await asyncio.sleep(0.5)
    pushed = "\n".join(s.text for s in platform.all_sent(USER)[before:])
    for n in range(1, 41):
        assert pushed.count(f"手順{n}：") == 3, f"手順{n} shown {pushed.count(f'手順{n}：') / 3:g} times"


@pytest.mark.parametrize("platform", SPLITTING_LONG_TEXTS, indirect=True)
async def test_a_push_whose_server_stopped_midway_is_resumed_after_its_parts_shown(
    aiohttp_client: AiohttpClient, platform: Platform, searcher: Searcher, tmp_path: Path
) -> None:
    """A long push's first piece shown, the server stopped while the next hung: after the lease the
    next server sent the whole push again, the first piece twice (the count shown was never kept)."""
    assert isinstance(platform, FakeLineWorks | FakeTelegram)
    settings = Settings.from_env(
        {
            "KAIZEN_CACHE_DIR": "",
            "KAIZEN_DELIVERY_TIMEOUT_SECONDS": "1",
            "KAIZEN_DELIVERY_LEASE_SECONDS": "2",
            **platform.settings(),
        },
        DATABASE_URL=f"sqlite:///{tmp_path / 'kaizen.db'}",
    )
    first = await aiohttp_client(init_app(settings, searcher=searcher))
    await say(first, platform, platform.text(USER, QUESTION, "ev-1"))
    with first.app[STORE].engine.connect() as connection:
        row = connection.execute(sa.select(conversations)).one()
    before = len(platform.all_sent(USER))
    hung = platform.hang_after(1)
    key = ConversationKey(row.channel, row.user_id, row.conversation_id)
    await asyncio.to_thread(first.app[STORE].push, key, Reply(LONG_TEXT))
    async with asyncio.timeout(10):
        await hung.arrived.wait()
    await first.close()  # the server stops, its worker in the middle of the push
    hung.release.set()
    await aiohttp_client(init_app(settings, searcher=searcher))  # the next one, after the lease
    await platform.until(lambda: "手順40：" in "".join(s.text for s in platform.all_sent(USER)[before:]))
    await asyncio.sleep(0.5)
    pushed = "\n".join(s.text for s in platform.all_sent(USER)[before:])
    for n in range(1, 41):
        assert pushed.count(f"手順{n}：") == 3, f"手順{n} shown {pushed.count(f'手順{n}：') / 3:g} times"


@pytest.mark.parametrize("platform", ["telegram"], indirect=True)
async def test_a_long_list_of_buttons_is_one_section_headed_once_with_all_its_buttons(
    bot: Client, platform: Platform
) -> None:
    """The departments' twenty buttons came under seven headings 「課から探す（1/7）」…, each over nothing."""
    (listed,) = await say(bot, platform, platform.press(USER, "depts", "ev-1"))
    assert listed.text.count("課から探す") == 1
    assert "（1/7）" not in listed.text
    assert "課を選んでください。" in listed.text
    departments = [a for a in listed.actions if a.startswith("dept:")]
    assert len(departments) == 20
    assert "1. 課から探す" not in listed.text, "one section is not numbered"


async def test_a_sticker_or_image_is_asked_to_be_written(bot: Client, platform: Platform) -> None:
    (reply,) = await say(bot, platform, platform.sticker(USER, "ev-1"))
    assert reply.text == TEXT_ONLY.text
    assert reply.text.endswith("お手数ですが、文字でご質問ください。")  # politely, as the DX team writes


async def test_a_sticker_in_the_consultation_form_asks_its_question_again_and_the_form_goes_on(
    bot: Client, platform: Platform
) -> None:
    """Answered with the menu button alone, the form's question was lost to the sticker."""
    await say(bot, platform, platform.press(USER, "consult", "ev-1"))
    await say(bot, platform, platform.text(USER, "会議録の作成に毎回半日かかっています", "ev-2"))
    (reply,) = await say(bot, platform, platform.sticker(USER, "ev-3"))
    assert "スタンプや画像、ファイル、位置情報などには対応していません" in reply.text
    assert "入力中のご相談はそのままです" in reply.text
    assert "ご所属（課・係名）を入力してください" in reply.text, "the question waiting for an answer"
    assert "内容を書き直す" in reply.buttons
    (asked,) = await say(bot, platform, platform.text(USER, "総務課 庶務係", "ev-4"))
    assert "いつごろまでに解決したいか" in asked.text, "the section answered the form's question"
    await say(bot, platform, platform.press(USER, "in:by:m", "ev-5"))
    (summary,) = await say(bot, platform, platform.sticker(USER, "ev-6"))
    assert "【ご相談内容】会議録の作成に毎回半日かかっています" in summary.text
    assert "【所属】総務課 庶務係" in summary.text
    assert "この内容で相談する" in summary.buttons


async def test_the_per_minute_limit_is_told_once_a_window_and_the_later_messages_get_no_reply(
    limited: Client, platform: Platform
) -> None:
    """Told again for every message of the minute, the same refusal flooded the chat."""
    await say(limited, platform, platform.text(USER, "こんにちは", "ev-1"))
    await say(limited, platform, platform.text(USER, QUESTION, "ev-2"))
    lines = count(limited, messages)
    (refused,) = await say(limited, platform, platform.text(USER, "まだですか", "ev-3"))
    assert "1分間に2件まで" in refused.text
    assert "もう一度お送りください" in refused.text
    for n in range(4, 7):
        assert await post(limited, platform.text(USER, "まだですか", f"ev-{n}")) == 200
    await settle(limited)
    assert len(platform.all_sent(USER)) == 3, "no reply to the later messages of the window"
    assert count(limited, messages) == lines, "the refused messages were not read, nor counted"
    assert (count(limited, inbox), count(limited, outbox)) == (0, 0), "nothing waits to be answered later"


def said(bot: Client) -> list[str]:
    """What the conversation log keeps of what people sent, oldest first."""
    query = sa.select(messages.c.text).where(messages.c.role != "bot").order_by(messages.c.id)
    with bot.app[STORE].engine.connect() as connection:
        return list(connection.execute(query).scalars())


async def test_stickers_count_against_the_per_minute_limit_and_are_refused_once_over_it(
    limited: Client, platform: Platform
) -> None:
    """Never logged, stickers escaped the count: ten on LINE got ten replies within the minute."""
    for n in (1, 2):
        (reply,) = await say(limited, platform, platform.sticker(USER, f"ev-{n}"))
        assert reply.text == TEXT_ONLY.text, "under the limit, a sticker gets today's answer"
    (refused,) = await say(limited, platform, platform.sticker(USER, "ev-3"))
    assert "1分間に2件まで" in refused.text
    assert "もう一度お送りください" in refused.text
    for n in range(4, 11):
        assert await post(limited, platform.sticker(USER, f"ev-{n}")) == 200
    assert await post(limited, platform.text(USER, "まだですか", "ev-11")) == 200
    await settle(limited)
    assert len(platform.all_sent(USER)) == 3, "no reply to the later events of the window"
    assert (count(limited, inbox), count(limited, outbox)) == (0, 0), "nothing waits to be answered later"
    assert said(limited) == [UNREAD_LINES["unsupported"]] * 2, "logged by their kind alone"


async def test_texts_stickers_and_texts_too_long_to_read_count_together(
    limited: Client, platform: Platform
) -> None:
    await say(limited, platform, platform.text(USER, "こんにちは", "ev-1"))
    pasted = "電話090-1234-5678、" + "あ" * MAX_MESSAGE_CHARS
    (parts,) = await say(limited, platform, platform.text(USER, pasted, "ev-2"))
    assert parts.text == TOO_LONG.text
    (refused,) = await say(limited, platform, platform.sticker(USER, "ev-3"))
    assert "1分間に2件まで" in refused.text
    assert await post(limited, platform.text(USER, QUESTION, "ev-4")) == 200
    await settle(limited)
    assert len(platform.all_sent(USER)) == 3
    assert said(limited) == ["こんにちは", UNREAD_LINES["too_long"]], "nothing of the long text is kept"


async def test_the_one_to_one_notice_uses_no_word_of_one_messenger() -> None:
    """Said on Slack, Teams and Telegram too, where a chat is no トーク (LINE's word)."""
    assert "トーク" not in GROUP_ONLY.text
    assert "1対1のチャット" in GROUP_ONLY.text


async def test_a_redelivered_event_does_nothing_the_second_time(bot: Client, platform: Platform) -> None:
    webhook = platform.text(USER, "RPAとは何ですか？", "ev-1")
    await say(bot, platform, webhook)
    lines = count(bot, messages)
    assert await post(bot, webhook) == 200
    await settle(bot)
    assert len(platform.all_sent(USER)) == 1
    assert count(bot, messages) == lines


async def test_a_bad_or_missing_signature_is_refused_and_changes_nothing(
    bot: Client, platform: Platform
) -> None:
    webhook = platform.text(USER, "RPAとは何ですか？", "ev-1")
    assert await post(bot, platform.forged(webhook)) == 401
    assert await post(bot, platform.unsigned(webhook)) == 401
    await settle(bot)
    assert platform.all_sent(USER) == []
    assert count(bot, conversations) == 0
    assert await post(bot, webhook) == 200  # the genuine one still works: nothing was recorded as seen
    assert len(await platform.sent(USER, 1)) == 1


async def consult(bot: Client, platform: Platform) -> int:
    """Send a consultation through the channel, as a staff member would; return its number."""
    events = iter(f"ev-{n}" for n in range(100))
    await say(bot, platform, platform.press(USER, "consult", next(events)))
    await say(bot, platform, platform.text(USER, "会議録の作成に毎回半日かかっています", next(events)))
    sent = await say(bot, platform, platform.text(USER, "総務課 庶務係", next(events)))
    if "いつごろまでに" in sent[-1].text:
        sent = await say(bot, platform, platform.press(USER, "in:by:m", next(events)))
    receipt = await say(bot, platform, platform.press(USER, action(sent, "この内容で相談する"), next(events)))
    found = re.search(r"受付番号は No\.(\d+)", receipt[-1].text)
    assert found, receipt
    return int(found.group(1))


async def test_the_dx_teams_answer_is_pushed_later(bot: Client, platform: Platform) -> None:
    number = await consult(bot, platform)
    before = len(platform.all_sent(USER))
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "音声認識をお使いください。", "tanaka")
    pushed = (await platform.sent(USER, before + 1))[-1]
    assert pushed.via == "push"
    assert pushed.text.startswith(f"【DX推進課からの回答】No.{number}")
    assert {"解決した", "まだ困っている"} <= set(pushed.buttons)


async def test_withdrawing_twice_says_it_is_withdrawn_already_not_a_stiff_refusal(
    bot: Client, platform: Platform
) -> None:
    """The confirmation's 「取り下げる」 pressed again, late: it answered 「この操作はできません」."""
    number = await consult(bot, platform)
    asked = await say(bot, platform, platform.press(USER, f"cs:{number}:wd", "ev-w1"))
    confirm = action(asked, "取り下げる")
    (done,) = await say(bot, platform, platform.press(USER, confirm, "ev-w2"))
    assert f"No.{number} のご相談を取り下げました。" in done.text
    (again,) = await say(bot, platform, platform.press(USER, confirm, "ev-w3"))
    assert again.text.startswith(f"No.{number} のご相談は、すでに取り下げています。")
    assert "この操作はできません" not in again.text
    assert {"DX推進課に相談する", "相談状況を見る"} <= set(again.buttons)


async def test_a_push_is_logged_without_the_persons_messenger_id(
    bot: Client, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    """Every LINE and Telegram push wrote an INFO line naming the person's id (LINE U…, Telegram's number)."""
    number = await consult(bot, platform)
    before = len(platform.all_sent(USER))
    with caplog.at_level(logging.INFO):
        await asyncio.to_thread(bot.app[CONSULT].answer, number, "音声認識をお使いください。", "tanaka")
        await platform.sent(USER, before + 1)
        await until_logged(caplog, r"delivered message [1-9]")  # the worker's, after the sender's lines
    ids = {USER, str(platform.user_id(USER)) if isinstance(platform, FakeTelegram) else USER}
    ours = [r for r in caplog.records if r.name.startswith("bot.")]
    routine = [r.getMessage() for r in ours if r.levelno < logging.WARNING]
    assert any(f"message {n}" in line for line in routine for n in range(1, 10)), routine
    assert [line for line in routine if any(i in line for i in ids)] == []


async def test_pushes_to_a_person_who_blocked_the_bot_stop(bot: Client, platform: Platform) -> None:
    number = await consult(bot, platform)
    before = len(platform.all_sent(USER))
    assert await post(bot, platform.unfollow(USER, "ev-blocked")) == 200
    await settle(bot)
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "回答です。", "tanaka")
    with bot.app[STORE].engine.connect() as connection:
        statuses = connection.execute(sa.select(outbox.c.status)).scalars()  # USER's: the only person
        assert list(statuses) == ["dropped"]
    await asyncio.sleep(2.5)  # a worker pass
    assert len(platform.all_sent(USER)) == before


@pytest.mark.parametrize("platform", ["line", "teams", "telegram"], indirect=True)
async def test_someone_who_adds_the_bot_again_is_told_what_could_not_be_delivered_meanwhile(
    bot: Client, platform: Platform
) -> None:
    """Greeted as a newcomer, they never learnt that the DX team's answer came while they had blocked it."""
    assert isinstance(platform, FakeLine | TeamsPlatform | FakeTelegram)
    number = await consult(bot, platform)
    assert await post(bot, platform.unfollow(USER, "ev-blocked")) == 200
    await settle(bot)
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "音声認識をお使いください。", "tanaka")
    back = await say(bot, platform, platform.follow(USER, "ev-back"))
    told = [s for s in back if "お届けできませんでした" in s.text]
    assert len(told) == 1, back
    assert "DX推進課からのメッセージが1件" in told[0].text
    assert "cs:list" in [a for s in back for a in s.actions]
    assert await post(bot, platform.unfollow(USER, "ev-blocked-2")) == 200
    await settle(bot)
    again = await say(bot, platform, platform.follow(USER, "ev-back-2"))
    assert not [s for s in again if "お届けできませんでした" in s.text], "told once, at that return"


async def test_a_push_the_platform_refuses_for_good_is_dropped_not_retried(
    bot: Client, platform: Platform
) -> None:
    number = await consult(bot, platform)
    platform.block(USER)  # blocked without the bot hearing of it
    await asyncio.to_thread(bot.app[CONSULT].answer, number, "回答です。", "tanaka")
    async with asyncio.timeout(10):
        while True:
            with bot.app[STORE].engine.connect() as connection:
                row = connection.execute(sa.select(outbox.c.status, outbox.c.attempts)).one()
            if row.status != "pending":
                break
            await asyncio.sleep(0.1)
    assert (row.status, row.attempts) == ("dropped", 1)
