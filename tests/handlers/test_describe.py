"""How the dashboard words the trail (and what became of each answer) and the kinds of knowledge."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.consult.model import Event
from bot.db.outbox import Receipt
from bot.db.reach import BLOCKED, ENDED
from bot.handlers.dashboard.describe import describe_event, kind_label
from bot.knowledge.ward import Ward


def test_a_manual_section_is_labelled_by_the_wards_own_name_for_its_manual() -> None:
    ward = Ward(manual="しごと改善ガイド", manual_short="ガイド")
    assert kind_label("sec:remedy#rpa", ward) == "ガイド"
    assert kind_label("sec:remedy#rpa", Ward()) == "手引き"
    assert [kind_label(ref, ward) for ref in ("faq:x", "case:y", "ref:z", "web:q")] == [
        "よくある質問",
        "改善事例",
        "案内先",
        "その他",
    ]


def test_an_answers_line_in_the_trail_says_what_the_outbox_says_of_its_message() -> None:
    at = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)
    answer = Event(7, at, "tanaka", "answer", "回答です。", {"from": "new", "to": "answered", "outbox": 3})
    older = Event(8, at, "tanaka", "answer", "回答です。", {"from": "answered", "to": "answered"})
    names = {"tanaka": "田中"}
    cases = [
        (Receipt("sent", 1, at, None), "sent", "相談者に届けました"),
        (Receipt("pending", 0, None, None), "waiting", "相談者への送信を待っています"),
        (
            Receipt("pending", 3, None, "timed out"),
            "retrying",
            "相談者への送信に失敗したため、自動で再送しています（これまでに3回試しました）",
        ),
        (
            Receipt("dropped", 0, None, BLOCKED),
            "undelivered",
            "相談者に届いていません（相談者がbotをブロックしたか、相談者のアカウントが使えなくなったため）",
        ),
        (
            Receipt("dropped", 0, None, ENDED),
            "undelivered",
            "相談者に届いていません（相談者がWebチャットの利用を終了し、この会話を見られる画面がなくなったため）",
        ),
        (
            Receipt("dropped", 1, None, "undeliverable: LINE refused it (HTTP 400)"),
            "undelivered",
            "相談者に届いていません（送信先のサービスが、この相談者あてのメッセージを受け付けなかったため）",
        ),
        (None, "unknown", "相談者に届いたかどうかの記録は、保存期間を過ぎたため削除されています"),
    ]
    for receipt, reach, words in cases:
        shown = describe_event(answer, names, receipt)
        assert (shown.what, shown.reach, shown.delivery) == (
            "回答しました（状態：未対応 → 回答済み）",
            reach,
            words,
        )
        assert shown.undelivered == (reach == "undelivered")
    before = describe_event(older, names)
    assert (before.reach, before.delivery) == ("", ""), "recorded before events named their message: no claim"
    assert "送信" not in before.what


def test_what_the_staff_member_did_to_the_state_is_said_in_words() -> None:
    at = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)

    def said(actor: str, data: dict[str, object]) -> str:
        return describe_event(Event(1, at, actor, "status", None, data), {"tanaka": "田中"}).what

    assert (
        said("staff", {"from": "answered", "to": "reopened", "feedback": True})
        == "「まだ困っている」を選びました（状態：回答済み → 再開）"
    )
    assert (
        said("staff", {"from": "answered", "to": "resolved", "feedback": True})
        == "「解決した」を選びました（状態：回答済み → 解決）"
    )
    assert (
        said("staff", {"from": "new", "to": "withdrawn"}) == "相談を取り下げました（状態：未対応 → 取り下げ）"
    )
    assert said("tanaka", {"from": "new", "to": "in_progress"}) == "状態：未対応 → 対応中", "the team's own"
