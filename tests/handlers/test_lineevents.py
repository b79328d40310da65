"""LINE webhook events as Incoming values: the SDK's own signature vector and sample payload."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError

from bot.db.retention import MAX_EVENT_AGE, SEEN_EVENTS_KEPT
from bot.handlers.lineevents import incoming_of
from tests.auxil.line import SECRET, sign
from tests.conftest import DATA_DIR

SAMPLE = DATA_DIR / "line" / "webhook.json"
"""line/line-bot-sdk-python tests/v3/text/webhook.json (Apache-2.0): one event of every type."""

USER = "U206d25c2ea6bd87c17655609a1c37cb8"
GROUP = "Ca56f94637cc4347f90a25382909b24b9"


def test_the_sdks_own_signature_vector_verifies() -> None:
    parser = WebhookParser("channel_secret")
    with pytest.raises(json.JSONDecodeError):  # the signature passed; the body is no JSON
        parser.parse("bodybodybodybody", "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k=")
    with pytest.raises(InvalidSignatureError):
        parser.parse("bodybodybodybody", "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7l=")


def parsed_sample(stamp: datetime | None = None) -> list[Any]:
    """The SDK's sample parsed, its events stamped at ``stamp`` (now; the published stamps are of 2016)."""
    loaded = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for event in loaded["events"]:
        event["timestamp"] = int((stamp or datetime.now(UTC)).timestamp() * 1000)
    raw = json.dumps(loaded)
    events: list[Any] = WebhookParser(SECRET).parse(raw, sign(raw.encode()))
    return events


KINDS = {
    0: "message",
    2: "unsupported",
    3: "unsupported",
    4: "unsupported",
    5: "unsupported",
    6: "follow",
    7: "unfollow",
    8: "group",
    10: "message",
    16: "message",
    17: "message",
    18: "message",
    21: "unsupported",
    24: "unsupported",
    25: "message",
    26: "edited",
}
"""What each event of the sample becomes; every other index (leave, beacon, group chatter, …) is ignored."""


def test_every_event_of_the_sdks_sample_is_read_or_ignored_on_purpose() -> None:
    events = parsed_sample()
    assert len(events) == 28
    found = {i: incoming_of(event, datetime.now(UTC)) for i, event in enumerate(events)}
    assert {i: incoming.kind for i, incoming in found.items() if incoming is not None} == KINDS
    text, postback, join, redelivered = (found[i] for i in (0, 10, 8, 25))
    assert text is not None
    assert (text.text, text.reply_token, text.address) == (
        "Hello, world",
        "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
        USER,
    )
    assert postback is not None
    assert postback.action == "action=buyItem&itemId=123123&color=red"
    assert join is not None
    assert join.address == GROUP
    assert redelivered is not None
    assert redelivered.reply_token is None  # likely expired: the answer is pushed
    edit = found[26]
    assert edit is not None
    assert (edit.text, edit.event_id, edit.address) == (None, f"edit:{USER}:325708", USER)
    assert edit.reply_token == "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"  # the edit's own


def test_an_event_stamped_longer_ago_than_event_ids_are_kept_is_ignored() -> None:
    """Its id may be purged already: a replay of a captured body could not be told from a first delivery."""
    now = datetime.now(UTC)
    (stale, *_) = parsed_sample(now - MAX_EVENT_AGE - timedelta(minutes=1))
    (recent, *_) = parsed_sample(now - MAX_EVENT_AGE + timedelta(minutes=1))
    assert incoming_of(stale, now) is None
    found = incoming_of(recent, now)
    assert found is not None
    assert found.text == "Hello, world"
    assert MAX_EVENT_AGE < SEEN_EVENTS_KEPT
