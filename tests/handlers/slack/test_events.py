"""Slack request bodies read as neutral events: bolt-python's own sample payloads, and what is ignored."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.handlers.slack.address import Address
from bot.handlers.slack.events import incoming_of, plain
from bot.values import ConversationKey
from tests.auxil.slack import BOT_USER, FakeSlack, dm
from tests.conftest import DATA_DIR

SAMPLES: dict[str, Any] = json.loads((DATA_DIR / "slack" / "bolt-payloads.json").read_text())
"""slackapi/bolt-python's scenario-test payloads (MIT); see the file's ``_source``."""

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
USER = "U0STAFF01"


def sample(kind: str, name: str) -> dict[str, Any]:
    return copy.deepcopy(SAMPLES[kind][name])


def test_bolts_app_mention_is_a_group_event_with_its_text_and_room() -> None:
    (incoming,) = incoming_of(sample("events", "app_mention"), NOW)
    assert incoming.kind == "group"
    assert incoming.text == "Hi there!"  # the mention of the bot removed
    assert incoming.room == "C111"
    assert incoming.key == ConversationKey("slack", "W222", "C111")
    assert incoming.event_id == "Ev111"
    assert Address.decode(incoming.address or "") == Address("C111", "1595926230.009600", "1595926230.009600")


@pytest.mark.parametrize(
    "name",
    [
        "reaction_added",
        "member_joined_channel",
        "member_left_channel",
        "app_uninstalled",
        "tokens_revoked",
        "message_file_share",  # in a private channel: not said to the bot
        "message",  # in a public channel: only mentions are for the bot
        "message_changed",  # an edit in a public channel: nothing was said to the bot
    ],
)
def test_bolts_other_events_are_ignored(name: str) -> None:
    assert incoming_of(sample("events", name), NOW) == []


def test_bolts_file_share_in_a_direct_message_is_unsupported() -> None:
    body = sample("events", "message_file_share")
    body["event"].update(channel="D111", channel_type="im", user="U222")  # from a person, to the bot
    (incoming,) = incoming_of(body, NOW)
    assert incoming.kind == "unsupported"
    assert incoming.key == ConversationKey("slack", "U222", "D111")


def test_bolts_file_share_from_the_bot_itself_is_ignored() -> None:
    body = sample("events", "message_file_share")
    body["event"].update(channel="D111", channel_type="im")  # user U111 is the bot (authorizations)
    assert incoming_of(body, NOW) == []


def test_bolts_message_in_a_direct_message_is_a_message() -> None:
    body = sample("events", "message")
    body["event"].update(channel="D111", channel_type="im")
    (incoming,) = incoming_of(body, NOW)
    assert (incoming.kind, incoming.text, incoming.event_id) == ("message", "Hello World!", "Ev111")
    assert Address.decode(incoming.address or "") == Address("D111", None, "1596183880.004200")


def test_bolts_message_changed_in_a_direct_message_is_an_edit_keyed_by_the_message() -> None:
    body = sample("events", "message_changed")
    body["event"].update(channel="D111", channel_type="im")
    (incoming,) = incoming_of(body, NOW)
    assert (incoming.kind, incoming.text, incoming.action) == ("edited", None, None)
    assert incoming.key == ConversationKey("slack", "U111", "D111")
    assert incoming.event_id == "edit:D111:1665102338.901939"  # the message's ts, not the change's
    again = sample("events", "message_changed")
    again["event"].update(channel="D111", channel_type="im", ts="1665102999.000100")
    again["event_id"] = "Ev222"
    assert [e.event_id for e in incoming_of(again, NOW)] == [incoming.event_id]  # a second edit: one event


def test_an_edit_of_the_bots_own_message_is_ignored() -> None:
    body = sample("events", "message_changed")
    body["event"].update(channel="D111", channel_type="im")
    body["event"]["message"]["user"] = "U-auth"  # the bot (authorizations)
    assert incoming_of(body, NOW) == []
    body["event"]["message"].update(user="U111", bot_id="B111")
    assert incoming_of(body, NOW) == []


def test_bolts_button_press_in_a_channel_is_ignored_and_in_a_direct_message_is_its_value() -> None:
    assert incoming_of(sample("interactions", "block_actions"), NOW) == []
    body = sample("interactions", "block_actions")
    body["channel"]["id"] = body["container"]["channel_id"] = "D111"
    (incoming,) = incoming_of(body, NOW)
    assert (incoming.kind, incoming.action) == ("message", "click_me_123")
    assert incoming.key == ConversationKey("slack", "W111", "D111")
    assert incoming.event_id == "press:111.222.valid"
    assert Address.decode(incoming.address or "") == Address("D111", None, "111.222")


def test_url_verification_is_no_event() -> None:
    assert incoming_of(SAMPLES["url_verification"], NOW) == []


def events_of(event: dict[str, Any]) -> list[Any]:
    fake = FakeSlack()
    return incoming_of(fake.envelope(event, "Ev1"), NOW)


@pytest.mark.parametrize(
    "change",
    [
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"subtype": "channel_join"},
        {"subtype": "bot_message", "bot_id": "B0OTHER"},
        {"bot_id": "B0OTHER"},
        {"user": BOT_USER},
        {"user": None},
    ],
)
def test_edits_joins_and_bots_are_ignored(change: dict[str, Any]) -> None:
    event = FakeSlack().message(USER, "RPAとは")
    event.update(change)
    assert events_of(event) == []


def test_a_message_written_in_a_thread_is_answered_in_that_thread() -> None:
    event = FakeSlack().message(USER, "RPAとは", thread_ts="1700000000.000100")
    (incoming,) = events_of(event)
    address = Address.decode(incoming.address or "")
    assert (address.channel, address.thread, address.ts) == (dm(USER), "1700000000.000100", event["ts"])


def test_a_thread_broadcast_is_read_and_empty_text_is_unsupported() -> None:
    fake = FakeSlack()
    (broadcast,) = events_of(fake.message(USER, "RPAとは", subtype="thread_broadcast", thread_ts="1.2"))
    assert broadcast.text == "RPAとは"
    (empty,) = events_of(fake.message(USER, "   "))
    assert empty.kind == "unsupported"


def test_the_messages_tab_greets_once_per_person_and_the_home_tab_not_at_all() -> None:
    opened = {
        "type": "app_home_opened",
        "user": USER,
        "channel": dm(USER),
        "tab": "messages",
        "event_ts": "1.1",
    }
    (follow,) = events_of(opened)
    assert follow.kind == "follow"
    assert follow.event_id == f"home:{USER}"  # the same every time: the greeting is de-duplicated
    assert events_of({**opened, "tab": "home"}) == []


def test_a_deactivated_account_is_an_unfollow_and_other_changes_nothing() -> None:
    person = {"id": USER, "deleted": True, "is_bot": False}
    (gone,) = events_of({"type": "user_change", "user": person})
    assert (gone.kind, gone.key.user_id) == ("unfollow", USER)
    assert events_of({"type": "user_change", "user": {**person, "deleted": False}}) == []


def test_a_mention_drops_the_bots_mention_and_keeps_others_as_plain_text() -> None:
    event = {
        "type": "app_mention",
        "user": USER,
        "channel": "C9",
        "ts": "5.5",
        "text": f"<@{BOT_USER}> <@U0Y> 質問",
    }
    (incoming,) = events_of(event)
    assert incoming.text == "@U0Y 質問"
    envelope = FakeSlack().envelope({**event, "text": "<@U0X> <@U0Y> 質問"}, "Ev2")
    del envelope["authorizations"]  # older envelopes do not name the bot: its mention comes first
    (incoming,) = incoming_of(envelope, NOW)
    assert incoming.text == "@U0Y 質問"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A &amp; B &lt;b&gt;", "A & B <b>"),
        (f"<@{BOT_USER}> RPAとは", "RPAとは"),
        ("<https://example.jp|手引き> を見ました", "手引き を見ました"),
        ("<https://example.jp> です", "https://example.jp です"),
        ("&amp;lt; のまま", "&lt; のまま"),
    ],
)
def test_plain_is_what_the_person_typed(text: str, expected: str) -> None:
    assert plain(text, BOT_USER) == expected


@pytest.mark.parametrize(
    "body", [{"type": "view_submission"}, {"type": "shortcut"}, {"type": "event_callback"}]
)
def test_other_payloads_are_ignored(body: dict[str, Any]) -> None:
    assert incoming_of(body, NOW) == []


@pytest.mark.parametrize(
    "body",
    [
        {"type": "event_callback", "event": "typed"},
        {"type": "event_callback", "event": 5},
        {
            "type": "event_callback",
            "event": {"type": "message", "user": ["U1"], "channel": 3, "channel_type": "im"},
        },
        {"type": "event_callback", "event": {"type": "user_change", "user": "U1"}},
        {
            "type": "event_callback",
            "event": {"type": "app_mention", "user": "U1", "channel": {}, "ts": "1.1"},
        },
        {"type": "block_actions"},
        {"type": "block_actions", "actions": []},
        {"type": "block_actions", "actions": ["menu"]},
        {"type": "block_actions", "actions": [{"value": "menu"}], "user": "U1", "channel": "D1"},
        {"type": "block_actions", "actions": [{"value": 5}], "user": {"id": "U1"}, "channel": {"id": "D1"}},
    ],
)
def test_a_body_of_an_unexpected_shape_is_ignored_without_an_error(body: dict[str, Any]) -> None:
    assert incoming_of(body, NOW) == []
