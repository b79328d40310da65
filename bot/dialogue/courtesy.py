"""Greetings, thanks and apologies answered when the knowledge has no small talk of its own.

A ward that brings only its FAQ (``knowledge/smalltalk.yaml`` absent or empty)
would otherwise get 「こんにちは」 searched and answered with FAQ candidates
(「もしかして：パソコンの処分」). These few courtesies are matched exactly, as
the knowledge's small talk is (`bot.dialogue.intents.key_of`), never searched, so
they do not enter the index or move its calibration; their answers use the
ward's own names (`bot.knowledge.Ward`). A ward's own ``smalltalk.yaml`` with any
entry replaces them all.
"""

from __future__ import annotations

from bot.knowledge import SmallTalk, Ward

__all__ = ["courtesies"]

_MENU_HINT = "知りたいことをそのまま入力するか、「メニュー」と送って項目からお選びください。"


def courtesies(ward: Ward) -> tuple[SmallTalk, ...]:
    """The built-in small talk, worded for ``ward``."""
    return (
        SmallTalk(
            id="greeting",
            phrasings=[
                *("こんにちは", "こんばんは", "おはよう", "おはようございます", "はじめまして"),
                *("お疲れさまです", "お疲れ様です", "おつかれさまです", "よろしくお願いします"),
            ],
            answer=f"お疲れさまです。{ward.bot_name}です。{_MENU_HINT}",
        ),
        SmallTalk(
            id="thanks",
            phrasings=[
                *("ありがとう", "ありがとうございます", "ありがとうございました"),
                *("助かりました", "参考になりました"),
            ],
            answer=f"どういたしまして。ほかにも気になることがあれば、{_MENU_HINT}",
        ),
        SmallTalk(
            id="apology",
            phrasings=["すみません", "ごめんなさい", "失礼しました", "間違えました", "申し訳ありません"],
            answer=f"どうぞお気になさらないでください。あらためて{_MENU_HINT}",
        ),
        SmallTalk(
            id="who-are-you",
            phrasings=["あなたは誰", "あなたは誰ですか", "何ができるの", "何ができますか", "使い方を教えて"],
            answer=f"{ward.team}の{ward.bot_name}です。{ward.subject}について、{_MENU_HINT}",
        ),
        SmallTalk(
            id="connection-test",
            phrasings=["テスト", "てすと", "test", "動作確認", "届いてますか", "届いていますか"],
            answer=f"はい、メッセージは届いています。{ward.subject}について、{_MENU_HINT}",
        ),
    )
