"""How the dashboard words the audit trail and the kinds of knowledge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.consult.actions import API, STAFF
from bot.consult.model import LABELS, Event, Status
from bot.knowledge.ward import Ward

__all__ = ["Described", "actor_name", "describe_event", "kind_label"]

_KINDS = {"faq": "よくある質問", "case": "改善事例", "ref": "案内先"}


@dataclass(frozen=True, slots=True)
class Described:
    """One line of the trail as shown: when, who, what happened, and the text written (if any)."""

    at: datetime
    who: str
    what: str
    text: str | None
    kind: str


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


def describe_event(event: Event, names: Mapping[str, str]) -> Described:
    """A trail entry in words."""
    data = event.data
    what = {
        "created": "相談を受け付けました",
        "answer": "回答しました（相談者に送信）",
        "request": "相談者に追加の情報をお願いしました（相談者に送信）",
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
        change = f"状態：{_label(data.get('from'))} → {_label(data.get('to'))}"
        what = f"{what}（{change}）" if what else change
        if data.get("feedback"):
            what += "　※相談者が「解決した／まだ困っている」で回答"
    if data.get("masked"):
        what += f"（個人情報を伏せた項目：{'、'.join(data['masked'])}）"
    return Described(event.at, actor_name(event.actor, names), what, event.text, event.kind)


def _label(code: object) -> str:
    try:
        return LABELS[Status(str(code))]
    except ValueError:
        return str(code)
