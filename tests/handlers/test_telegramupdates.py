"""Telegram updates, read by the SDK, as channel-neutral events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Bot, Update

from bot.handlers.telegram.updates import BotIdentity, incoming_of
from bot.values import ConversationKey, Incoming

ME = BotIdentity(42, "kaizen_bot")
PERSON = {"id": 7, "is_bot": False, "first_name": "職員"}
PRIVATE = {"id": 7, "type": "private", "first_name": "職員"}
GROUP = {"id": -100555, "type": "supergroup", "title": "DX推進課"}


def read(**update: Any) -> Incoming | None:
    parsed = Update.de_json({"update_id": 99, **update}, Bot("1:A"))
    return incoming_of(parsed, ME, datetime.now(UTC))


def message(chat: dict[str, Any] = PRIVATE, **fields: Any) -> dict[str, Any]:
    return {"message_id": 3, "date": 1, "chat": chat, "from": PERSON, **fields}


def test_a_private_text_is_a_message_keyed_by_person_and_chat() -> None:
    found = read(message=message(text="RPAとは"))
    assert found is not None
    assert (found.kind, found.text, found.event_id) == ("message", "RPAとは", "99")
    assert found.key == ConversationKey("telegram", "7", "7")
    assert (found.address, found.reply_token, found.room) == ("7", "m:3", None)


def test_an_edited_private_text_is_an_edit_keyed_by_the_message_never_its_text() -> None:
    found = read(edited_message=message(text="RPAとは何ですか", edit_date=2))
    assert found is not None
    assert (found.kind, found.text, found.action) == ("edited", None, None)
    assert (found.event_id, found.address, found.reply_token) == ("edit:7:3", "7", "m:3")
    assert found.key == ConversationKey("telegram", "7", "7")


@pytest.mark.parametrize(
    "edited",
    [
        message(GROUP, text="@kaizen_bot RPAとは", entities=[{"type": "mention", "offset": 0, "length": 11}]),
        message(location={"latitude": 35.68, "longitude": 139.76, "live_period": 900}),  # a live location
        {**message(text="ボタンのあるメッセージ"), "from": {"id": 42, "is_bot": True, "first_name": "bot"}},
    ],
)
def test_edits_in_groups_of_locations_or_by_bots_are_ignored(edited: dict[str, Any]) -> None:
    assert read(edited_message={**edited, "edit_date": 2}) is None


def test_a_group_mention_is_a_group_event_without_the_mention() -> None:
    text = "@Kaizen_Bot #12 回答 確認します\n二行目"
    entity = {"type": "mention", "offset": 0, "length": 11}
    found = read(message=message(GROUP, text=text, entities=[entity]))
    assert found is not None
    assert (found.kind, found.text, found.room) == ("group", "#12 回答 確認します\n二行目", "-100555")
    assert found.key == ConversationKey("telegram", "7", "-100555")
    assert found.address == "-100555"


def test_a_bare_mention_is_a_group_event_without_text() -> None:
    entity = {"type": "mention", "offset": 0, "length": 11}
    found = read(message=message(GROUP, text="@Kaizen_Bot ", entities=[entity]))
    assert found is not None
    assert (found.kind, found.text, found.room) == ("group", None, "-100555")


def test_mention_offsets_count_utf16_code_units_as_telegram_does() -> None:
    text = "😀 @kaizen_bot お願いします"
    entity = {"type": "mention", "offset": 3, "length": 11}  # the emoji is two code units
    found = read(message=message(GROUP, text=text, entities=[entity]))
    assert found is not None
    assert found.text == "😀  お願いします"


def test_a_text_mention_of_the_bot_user_counts_as_a_mention() -> None:
    entity = {
        "type": "text_mention",
        "offset": 0,
        "length": 3,
        "user": {"id": 42, "is_bot": True, "first_name": "bot"},
    }
    found = read(message=message(GROUP, text="bot 質問です", entities=[entity]))
    assert found is not None
    assert found.text == "質問です"


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "お昼どうしますか"},
        {"text": "@someone_else どうぞ", "entities": [{"type": "mention", "offset": 0, "length": 13}]},
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "u",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
    ],
)
def test_group_messages_not_said_to_the_bot_are_ignored(fields: dict[str, Any]) -> None:
    assert read(message=message(GROUP, **fields)) is None


def test_messages_from_bots_and_service_messages_are_ignored() -> None:
    other_bot = {"id": 9, "is_bot": True, "first_name": "other"}
    assert read(message={**message(text="hi"), "from": other_bot}) is None
    assert read(message=message(pinned_message={"message_id": 1, "date": 0, "chat": PRIVATE})) is None


def test_start_is_a_follow_and_menu_commands_press_the_menu() -> None:
    start = read(message=message(text="/start campaign"))
    assert start is not None
    assert start.kind == "follow"
    help_ = read(message=message(text="/help@kaizen_bot"))
    assert help_ is not None
    assert (help_.kind, help_.action) == ("message", "menu")


def test_a_button_press_in_a_private_chat_is_its_callback_data() -> None:
    query = {"id": "q1", "from": PERSON, "chat_instance": "c", "data": "faq:12", "message": message(text="x")}
    found = read(callback_query=query)
    assert found is not None
    assert (found.action, found.reply_token, found.address) == ("faq:12", "q:q1", "7")


@pytest.mark.parametrize("data", [5, 0, True, False, {"a": 1}, [], 1.5])
def test_a_press_whose_data_is_not_a_string_is_a_type_error_wherever_it_is(data: object) -> None:
    """The webhook answers the TypeError 400, even in a group, where a press would be ignored."""
    query = {"id": "q1", "from": PERSON, "chat_instance": "c", "data": data, "message": message(text="x")}
    with pytest.raises(TypeError, match=r"callback_query\.data"):
        read(callback_query=query)
    with pytest.raises(TypeError, match=r"callback_query\.data"):
        read(callback_query={**query, "message": message(GROUP, text="x")})


def test_presses_without_data_or_outside_a_private_chat_are_ignored() -> None:
    inline = {"id": "q1", "from": PERSON, "chat_instance": "c", "data": "x", "inline_message_id": "i"}
    assert read(callback_query=inline) is None
    grouped = {
        "id": "q2",
        "from": PERSON,
        "chat_instance": "c",
        "data": "x",
        "message": message(GROUP, text="x"),
    }
    assert read(callback_query=grouped) is None
    game = {
        "id": "q3",
        "from": PERSON,
        "chat_instance": "c",
        "game_short_name": "g",
        "message": message(text="x"),
    }
    assert read(callback_query=game) is None


def member_update(chat: dict[str, Any], status: str) -> dict[str, Any]:
    bot = {"id": 42, "is_bot": True, "first_name": "bot"}
    return {
        "chat": chat,
        "from": PERSON,
        "date": 1,
        "old_chat_member": {"status": "member", "user": bot},
        "new_chat_member": {
            "status": status,
            "user": bot,
            **({"until_date": 0} if status == "kicked" else {}),
        },
    }


def test_blocking_in_a_private_chat_is_an_unfollow_and_nothing_else_is() -> None:
    blocked = read(my_chat_member=member_update(PRIVATE, "kicked"))
    assert blocked is not None
    assert (blocked.kind, blocked.key.user_id) == ("unfollow", "7")
    assert read(my_chat_member=member_update(PRIVATE, "member")) is None
    assert read(my_chat_member=member_update(GROUP, "kicked")) is None
