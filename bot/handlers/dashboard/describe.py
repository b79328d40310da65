"""How the dashboard words the audit trail, what became of the messages sent, and the kinds of knowledge.

An answer or a request for information is recorded as written, and
whether it reached the staff member is read from the outbox
(`bot.db.outbox.Receipt`), never assumed: the person may have blocked the
bot, or their account may be gone, and then it is dropped unsent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.consult.actions import API, STAFF
from bot.consult.model import LABELS, Event, Status
from bot.db.outbox import Receipt
from bot.knowledge.ward import Ward

__all__ = ["Described", "actor_name", "delivery", "describe_event", "kind_label"]

_KINDS = {"faq": "よくある質問", "case": "改善事例", "ref": "案内先"}
_BLOCKED = "相談者がbotをブロックしたか、相談者のアカウントが使えなくなったため"
"""Why `bot.db.reach.BLOCKED`: an ``unfollow`` (blocked or removed), or the platform says they are gone."""
_ENDED = "相談者がWebチャットの利用を終了し、この会話を見られる画面がなくなったため"
"""Why `bot.db.reach.ENDED`: the anonymous session ended (「この端末での利用を終了」) or expired."""
_REFUSED = "送信先のサービスが、この相談者あてのメッセージを受け付けなかったため"
"""Why another message is dropped: its platform refused it for good (`bot.delivery.worker.Undeliverable`)."""


@dataclass(frozen=True, slots=True)
class Described:
    """One line of the trail as shown: when, who, what happened, and the text written (if any).

    ``delivery`` says whether what it sent reached the staff member, and
    ``reach`` is its state (`delivery`): both "" when it sent nothing, or
    was recorded before the trail kept its message.
    """

    at: datetime
    who: str
    what: str
    text: str | None
    kind: str
    delivery: str = ""
    reach: str = ""

    @property
    def undelivered(self) -> bool:
        """What it sent will never reach the staff member (dropped)."""
        return self.reach == "undelivered"


def kind_label(ref: str, ward: Ward) -> str:
    """What kind of knowledge a ref names, in Japanese: a manual's section by the ward's name for it."""
    kind = ref.partition(":")[0]
    return ward.manual_short if kind == "sec" else _KINDS.get(kind, "その他")


def actor_name(actor: str, names: Mapping[str, str]) -> str:
    """Who made a change, as the team calls them."""
    if actor == STAFF:
        return "相談者（職員）"
    if actor == API:
        return "管理API"
    return names.get(actor, actor)


def delivery(receipt: Receipt | None) -> tuple[str, str]:
    """Whether a message to the staff member reached them, as its outbox ``receipt`` records it.

    The state (`Described.reach`) and its words. None: the purge has deleted
    the record (it deletes only delivered and dropped messages, so which is no longer known).
    """
    if receipt is None:
        return "unknown", "相談者に届いたかどうかの記録は、保存期間を過ぎたため削除されています"
    if receipt.status == "sent":
        return "sent", "相談者に届けました"
    if receipt.status == "dropped":
        why = _BLOCKED if receipt.blocked else _ENDED if receipt.ended else _REFUSED
        return "undelivered", f"相談者に届いていません（{why}）"
    if receipt.error:
        tried = f"これまでに{receipt.attempts}回試しました"
        return "retrying", f"相談者への送信に失敗したため、自動で再送しています（{tried}）"
    return "waiting", "相談者への送信を待っています"


def describe_event(event: Event, names: Mapping[str, str], receipt: Receipt | None = None) -> Described:
    """A trail entry in words; ``receipt`` is what became of the message it sent, if it sent one."""
    data = event.data
    what = {
        "created": "相談を受け付けました",
        "answer": "回答しました",
        "request": "相談者に追加の情報をお願いしました",
        "note": "メモを追加しました（相談者には表示されません）",
        "staff": "相談者が追記しました",
        "tags": f"タグを「{'、'.join(data.get('to') or []) or 'なし'}」にしました",
        "due": f"期限を{str(data.get('to') or 'なし').replace('-', '/')}にしました",
        "faq": f"FAQの下書き（No.{data.get('draft')}）を作成しました",
    }.get(event.kind, "")
    if event.kind == "assigned":
        before, after = data.get("from"), data.get("to")
        what = f"担当者を「{actor_name(before, names) if before else '未割り当て'}」から「"
        what += f"{actor_name(after, names) if after else '未割り当て'}」にしました"
        if data.get("status_to"):
            what += f"（状態：{_label(data.get('status_from'))} → {_label(data.get('status_to'))}）"
    elif "to" in data and event.kind in ("status", "answer", "request", "staff"):
        what = what or _staff_status(event)
        change = f"状態：{_label(data.get('from'))} → {_label(data.get('to'))}"
        what = f"{what}（{change}）" if what else change
    if data.get("masked"):
        what += f"（個人情報を伏せた項目：{'、'.join(data['masked'])}）"
    sent = "outbox" in data and event.kind in ("answer", "request")
    reach, told = delivery(receipt) if sent else ("", "")
    return Described(event.at, actor_name(event.actor, names), what, event.text, event.kind, told, reach)


def _staff_status(event: Event) -> str:
    """What the staff member did that changed the state: a button of the answer, or a withdrawal."""
    if event.actor != STAFF:
        return ""
    if event.data.get("feedback"):
        pressed = "解決した" if event.data.get("to") == Status.RESOLVED.value else "まだ困っている"
        return f"「{pressed}」を選びました"
    return "相談を取り下げました" if event.data.get("to") == Status.WITHDRAWN.value else ""


def _label(code: object) -> str:
    try:
        return LABELS[Status(str(code))]
    except ValueError:
        return str(code)
