"""LINE WORKS callback bodies read as channel-neutral events."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.db.retention import MAX_EVENT_AGE
from bot.handlers.lineworks.events import RoomRules, event_id_of, incoming_of
from bot.values import ConversationKey

USER = "hanako@example.lineworks"
ROOM = "dx-team-room-0001"
ISSUED = "2026-12-02T05:16:05.716Z"
NOW = datetime(2026, 12, 2, 5, 16, 6, tzinfo=UTC)
"""A moment after `ISSUED`: a callback issued longer ago than event ids are kept is ignored."""


def _body(kind: str, **fields: object) -> dict[str, object]:
    source = {"userId": USER, "domainId": 40029600}
    return {"type": kind, "source": source, "issuedTime": ISSUED, **fields}


def test_one_to_one_text_postback_and_media() -> None:
    now = NOW
    key = ConversationKey("lineworks", USER, USER)
    text = incoming_of(_body("message", content={"type": "text", "text": "こんにちは"}), "e1", now)
    assert text is not None
    assert (text.key, text.kind, text.text) == (key, "message", "こんにちは")
    assert text.address == f"user:{USER}"
    press = incoming_of(_body("postback", data="faq:1"), "e2", now)
    assert press is not None
    assert (press.kind, press.action) == ("message", "faq:1")
    sticker = incoming_of(_body("message", content={"type": "sticker", "stickerId": "1"}), "e3", now)
    assert sticker is not None
    assert sticker.kind == "unsupported"


def test_begin_and_end_are_follow_and_unfollow() -> None:
    now = NOW
    begin = incoming_of(_body("begin", source={"userId": USER, "channelId": "c1"}), "e1", now)
    end = incoming_of(_body("end", source={"userId": USER, "channelId": "c1"}), "e2", now)
    assert begin is not None
    assert begin.kind == "follow"
    assert begin.key.conversation_id == USER
    assert end is not None
    assert end.kind == "unfollow"
    assert end.key.user_id == USER


def test_nothing_readable_is_ignored() -> None:
    now = NOW
    assert incoming_of({"type": "message"}, "e", now) is None  # no source
    assert incoming_of(_body("message", content={"type": "text", "text": ""}), "e", now) is None
    assert incoming_of(_body("message", content={"type": "unknown"}), "e", now) is None
    assert incoming_of(_body("postback", data=""), "e", now) is None
    in_room = _body("postback", data="faq:1", source={"userId": USER, "channelId": ROOM})
    assert incoming_of(in_room, "e", now) is None  # a group event carries text, never an action


def test_room_text_becomes_a_group_event_without_the_mention() -> None:
    body = {
        "type": "message",
        "source": {"userId": USER, "channelId": ROOM, "domainId": 1},
        "issuedTime": ISSUED,
        "content": {"type": "text", "text": '<m userId="bot-1">  #12 回答 手順書を\n共有します'},
    }
    now = NOW
    incoming = incoming_of(body, "sha256:x", now, RoomRules("bot-1"))
    assert incoming is not None
    assert incoming.kind == "group"
    assert incoming.text == "#12 回答 手順書を\n共有します"
    assert incoming.room == ROOM
    assert incoming.key == ConversationKey("lineworks", USER, ROOM)
    assert incoming.address == f"channel:{ROOM}"
    assert incoming.event_id == "sha256:x"


def test_the_event_id_is_a_hash_of_the_raw_body() -> None:
    body = json.dumps({"type": "message"}).encode()
    assert event_id_of(body) == event_id_of(bytes(body))
    assert event_id_of(body) != event_id_of(body + b" ")
    assert len(event_id_of(body)) == len("sha256:") + 64


def _said_in(room: str, text: str) -> dict[str, object]:
    source = {"userId": USER, "channelId": room, "domainId": 1}
    return _body("message", source=source, content={"type": "text", "text": text})


def test_in_the_team_room_only_commands_and_mentions_are_said_to_the_bot() -> None:
    now = NOW
    rules = RoomRules("bot-1", ROOM)
    command = incoming_of(_said_in(ROOM, "＃12 回答 手順書を共有します"), "e1", now, rules)
    assert command is not None
    assert (command.kind, command.text, command.room) == ("group", "＃12 回答 手順書を共有します", ROOM)
    called = incoming_of(_said_in(ROOM, '<m userId="bot-1"> 使い方は？'), "e2", now, rules)
    assert called is not None
    assert called.text == "使い方は？"
    for chatter in ("お昼どうしますか", '<m userId="sato"> 了解です', "明日は #在宅 です"):
        assert incoming_of(_said_in(ROOM, chatter), "e3", now, rules) is None, chatter


def test_in_other_rooms_only_a_mention_of_the_bot_is_said_to_it() -> None:
    now = NOW
    rules = RoomRules("bot-1", ROOM)
    other = "sales-room-0002"
    assert incoming_of(_said_in(other, "#12 回答 こんにちは"), "e1", now, rules) is None
    assert incoming_of(_said_in(other, "お疲れさまです"), "e2", now, rules) is None
    assert incoming_of(_said_in(other, "<m userId='someone'> bot-1 さん"), "e3", now, rules) is None
    called = incoming_of(_said_in(other, "<m userId='bot-1'>RPAについて"), "e4", now, rules)
    assert called is not None
    assert (called.kind, called.text, called.room) == ("group", "RPAについて", other)


def test_the_bot_joining_the_team_room_is_an_event_without_text_and_elsewhere_nothing() -> None:
    now = NOW
    rules = RoomRules("bot-1", ROOM)
    joined = incoming_of(_body("join", source={"channelId": ROOM, "domainId": 1}), "e1", now, rules)
    assert joined is not None
    assert (joined.kind, joined.text, joined.room, joined.address) == ("group", None, ROOM, f"channel:{ROOM}")
    elsewhere = _body("join", source={"channelId": "sales-room-0002", "domainId": 1})
    assert incoming_of(elsewhere, "e2", now, rules) is None
    assert incoming_of(_body("join", source={"channelId": ROOM, "domainId": 1}), "e3", now) is None


def test_a_callback_issued_longer_ago_than_event_ids_are_kept_is_ignored() -> None:
    """Its hash may be purged already: a replay of a captured body could not be told from a first delivery."""
    body = _body("postback", data="cs:12:wdy")
    assert incoming_of(body, "e1", NOW + MAX_EVENT_AGE + timedelta(minutes=1)) is None
    assert incoming_of(body, "e1", NOW + MAX_EVENT_AGE - timedelta(minutes=1)) is not None
    for unreadable in ("", "yesterday", None):
        assert incoming_of({**body, "issuedTime": unreadable}, "e1", NOW) is not None
