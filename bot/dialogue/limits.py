"""What staff are told when they reach a limit: politely, when they may go on, and whom to call.

The limits themselves are kept where every channel passes
(`bot.conversations` for messages, the `Desk` for consultations); these
are only the words.
"""

from __future__ import annotations

import math
from datetime import datetime

from bot.dialogue.desk import Limit
from bot.dialogue.tickets import SEND, STATUS
from bot.dialogue.views import MENU
from bot.knowledge import Ward
from bot.localtime import local
from bot.values import Reply

__all__ = ["consultations_deferred", "consultations_full", "messages_full", "sessions_full", "urgent"]


def urgent(ward: Ward) -> str:
    """Whom staff can call when the bot cannot help them now."""
    return f"お急ぎの場合は、{ward.contact}までお電話ください。"


def messages_full(limit: Limit, now: datetime, ward: Ward) -> Reply:
    """Too many messages in a minute: the last one was not read; when to send it again."""
    seconds = max(1, math.ceil((limit.until - now).total_seconds()))
    text = (
        f"申し訳ありません。短い時間にたくさんのメッセージをいただいたため（1分間に{limit.allowed}件まで）、"
        "いまのメッセージは受け付けられませんでした。"
        f"{seconds}秒ほどたってから、もう一度お送りください。{urgent(ward)}"
    )
    return Reply(text, kind="refused")


def consultations_full(limit: Limit, ward: Ward) -> Reply:
    """The day's consultations are used up: no intake today."""
    text = (
        f"申し訳ありません。新しいご相談の受付は、1人1日{limit.allowed}件までとしており、"
        f"本日はすでに{limit.allowed}件お受けしています。{_when(limit)}以降に、改めてお送りください。"
        f"これまでのご相談への追記は「相談状況」からいつでもできます。{urgent(ward)}"
    )
    return Reply(text, (STATUS, MENU), kind="prompt")


def consultations_deferred(limit: Limit, ward: Ward) -> Reply:
    """The limit was reached while this one was being written: it is kept, to send later."""
    text = (
        f"申し訳ありません。新しいご相談の受付は、1人1日{limit.allowed}件までとしており、"
        f"本日の受付の上限に達しました。入力いただいた内容はこのまま保存してありますので、"
        f"{_when(limit)}以降に「{SEND.label}」を押して送信してください。{urgent(ward)}"
    )
    return Reply(text, (SEND, MENU), kind="prompt")


def sessions_full(limit: Limit, ward: Ward) -> str:
    """Too many new web chat sessions from one address: no new one until ``limit.until``."""
    return (
        "申し訳ありません。この端末（またはこのネットワーク）から新しく始められたご利用が、"
        f"1日{limit.allowed}件の上限に達したため、いまは新しく始められません。"
        f"{_when(limit)}以降に、改めてお試しください。"
        "すでにご利用中の画面は、そのまま続けてお使いいただけます。"
        f"{urgent(ward)}"
    )


def _when(limit: Limit) -> str:
    moment = local(limit.until)
    if (moment.hour, moment.minute) == (0, 0):
        return f"{moment.month}月{moment.day}日（明日）"
    return f"{moment.month}月{moment.day}日 {moment.hour}時{moment.minute:02d}分"
