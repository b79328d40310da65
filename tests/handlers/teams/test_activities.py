"""Teams activities read as channel-neutral events."""

from __future__ import annotations

from typing import Any

import pytest
from microsoft_agents.activity import Activity

from bot.handlers.teams.activities import event_id_of, reference_of, to_incoming
from bot.values import MAX_MESSAGE_CHARS, UNREAD_TEXT, ConversationKey
from tests.auxil.botframework import FakeBotFramework

FAKE = FakeBotFramework(port=3978)
USER = "6b1f2c3d-aaaa-4bbb-8ccc-0123456789ab"
KEY = ConversationKey("teams", USER, "a:1personal-chat-with-hanako")


def _read(body: dict[str, Any]) -> Any:
    return to_incoming(Activity.model_validate(body))


def test_text_becomes_a_message_keyed_by_the_entra_object_id() -> None:
    incoming = _read(FAKE.activity("RPAってなに？", activity_id="1001"))
    assert incoming.key == KEY
    assert incoming.kind == "message"
    assert incoming.text == "RPAってなに？"
    assert incoming.action is None
    assert incoming.event_id == event_id_of("1001", KEY.conversation_id)


def test_the_same_activity_id_in_two_conversations_is_two_events() -> None:
    first = _read(FAKE.activity("はい", activity_id="1701234567890"))
    second = _read(FAKE.activity("はい", activity_id="1701234567890", conversation_id="a:1another-chat"))
    assert first.event_id != second.event_id
    assert first.event_id.startswith("1701234567890@")
    assert len(event_id_of("1" * 300, "a:" + "x" * 400)) <= 255


def test_an_edit_in_a_personal_chat_is_an_edit_keyed_by_the_message_never_its_text() -> None:
    incoming = _read(FAKE.edited("RPAってなんですか？", activity_id="1001"))
    assert (incoming.key, incoming.kind, incoming.text, incoming.action) == (KEY, "edited", None, None)
    assert incoming.event_id == f"edit:{event_id_of('1001', KEY.conversation_id)}"
    assert len(_read(FAKE.edited("x", activity_id="1" * 300)).event_id) <= 255


def test_an_edit_by_the_bot_itself_is_nothing() -> None:
    own = FAKE.edited("ご用件をお選びください", activity_id="1002", user_id=f"28:{FAKE.app_id}")
    assert _read(own) is None


def test_the_bots_mention_is_removed() -> None:
    body = FAKE.activity("<at>kaizen-bot</at> 申請の電子化について")
    body["entities"] = [
        {
            "type": "mention",
            "text": "<at>kaizen-bot</at>",
            "mentioned": {"id": f"28:{FAKE.app_id}", "name": "kaizen-bot"},
        }
    ]
    assert _read(body).text == "申請の電子化について"


def test_a_user_without_an_entra_id_is_keyed_by_the_teams_id() -> None:
    body = FAKE.activity("こんにちは")
    del body["from"]["aadObjectId"]
    assert _read(body).key.user_id == "29:1hanako-teams-id"


def test_a_card_button_is_an_action() -> None:
    incoming = _read(FAKE.activity(None, value={"action": "faq:tool-rpa-basics"}))
    assert incoming.kind == "message"
    assert incoming.action == "faq:tool-rpa-basics"
    assert incoming.text is None


@pytest.mark.parametrize("name", ["suggestedActions/submit", "suggestedAction/submit"])
def test_a_suggested_action_is_an_action(name: str) -> None:
    incoming = _read(FAKE.activity(None, kind="invoke", name=name, value={"action": "menu"}))
    assert incoming.action == "menu"


def test_other_invokes_are_ignored() -> None:
    assert (
        _read(FAKE.activity(None, kind="invoke", name="adaptiveCard/action", value={"action": "menu"}))
        is None
    )
    assert _read(FAKE.activity(None, kind="invoke", name="suggestedActions/submit", value={"x": 1})) is None


def test_an_image_alone_is_unsupported() -> None:
    image = {"contentType": "image/png", "contentUrl": "https://example.invalid/a.png"}
    incoming = _read(FAKE.activity(None, attachments=[image]))
    assert incoming.kind == "unsupported"
    assert incoming.text is None


def test_text_with_an_image_is_read_as_text() -> None:
    image = {"contentType": "image/png", "contentUrl": "https://example.invalid/a.png"}
    assert _read(FAKE.activity("この画面です", attachments=[image])).text == "この画面です"


def test_a_submit_that_is_not_ours_is_unsupported() -> None:
    assert _read(FAKE.activity(None, value={"vote": "approve"})).kind == "unsupported"


def test_an_empty_message_is_ignored() -> None:
    assert _read(FAKE.activity("   ")) is None


def test_a_long_text_is_read_whole_not_cut_where_a_number_may_be_half_masked() -> None:
    """It was cut at 2,000 characters before masking: the rest was lost, and a phone number across the cut
    was stored in part. Whole, it is masked whole; over `MAX_MESSAGE_CHARS` it is not read at all."""
    text = "経緯を説明します。" * 222 + "折り返しは090-1234-5678までお願いします。"
    incoming = _read(FAKE.activity(text))
    assert incoming.text == text
    assert "5678" not in incoming.masked().text
    assert incoming.masked().text.endswith("までお願いします。")
    assert _read(FAKE.activity("あ" * (MAX_MESSAGE_CHARS + 1))).masked().text == UNREAD_TEXT


@pytest.mark.parametrize("conversation_type", ["groupChat", "channel"])
def test_group_chats_and_channels_are_group_events_with_their_text_and_room(conversation_type: str) -> None:
    body = FAKE.activity("<at>kaizen-bot</at> #12 回答 ありがとうございます")
    body["entities"].append(
        {
            "type": "mention",
            "mentioned": {"id": f"28:{FAKE.app_id}", "name": "kaizen-bot"},
            "text": "<at>kaizen-bot</at>",
        }
    )
    body["conversation"]["conversationType"] = conversation_type
    body["conversation"]["id"] = "19:room@thread.tacv2"
    incoming = _read(body)
    assert incoming.kind == "group"
    assert incoming.text == "#12 回答 ありがとうございます"
    assert incoming.room == "19:room@thread.tacv2"


def test_a_reply_in_a_channel_thread_is_in_the_channel_room() -> None:
    body = FAKE.activity("#3")
    body["conversation"] = {
        **body["conversation"],
        "conversationType": "channel",
        "id": "19:room@thread.tacv2;messageid=1700000000000",
    }
    incoming = _read(body)
    assert incoming.room == "19:room@thread.tacv2"
    assert incoming.key.conversation_id == "19:room@thread.tacv2;messageid=1700000000000"


def test_the_bot_added_is_a_follow_and_someone_else_is_nothing() -> None:
    body = FAKE.activity(None, kind="conversationUpdate")
    body["membersAdded"] = [{"id": f"28:{FAKE.app_id}"}]
    assert _read(body).kind == "follow"
    body["membersAdded"] = [{"id": "29:someone-else"}]
    assert _read(body) is None


def test_the_app_removed_is_an_unfollow() -> None:
    body = FAKE.activity(None, kind="installationUpdate")
    body["action"] = "remove"
    assert _read(body).kind == "unfollow"
    body["action"] = "add"
    assert _read(body) is None


def test_reactions_and_typing_are_ignored() -> None:
    assert _read(FAKE.activity(None, kind="messageReaction")) is None
    assert _read(FAKE.activity(None, kind="typing")) is None


def test_the_address_is_the_conversation_reference_with_its_service_url() -> None:
    incoming = _read(FAKE.activity("こんにちは", activity_id="1001"))
    reference = reference_of(incoming.address)
    assert reference.service_url == FAKE.service_url
    assert reference.conversation.id == KEY.conversation_id
    assert reference.conversation.tenant_id == "72f988bf-86f1-41af-91ab-2d7cd011db47"
    assert reference.activity_id == "1001"
    assert reference.user is not None
    assert reference.user.id == "29:1hanako-teams-id"
    assert "区役所 花子" not in incoming.address, "the display name is not kept"


@pytest.mark.parametrize(
    "address", ["{}", "not json", '{"serviceUrl": "https://smba.trafficmanager.net/jp/"}']
)
def test_an_address_without_a_conversation_is_refused(address: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 (pydantic's and ours)
        reference_of(address)
