"""Recognising an explicit wish to consult the DX team."""

from __future__ import annotations

import pytest

from bot.dialogue.intents import consult_wish


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("相談したいです", ""),
        ("DXの人に相談したい", ""),
        ("ＤＸ推進課に直接相談したい！", ""),
        ("担当者と話したい", ""),
        ("ちょっと相談させてください", ""),
        ("RPAの導入について相談したいのですが", "rpaの導入"),
        ("休暇のことで相談したい", "休暇"),
        ("相談したいんだけど", ""),
        ("ちょっと相談したいんですけど…", ""),
        ("DXの人に話を聞いてほしいんだけど", ""),
        ("kintoneのことで相談したいな", "kintone"),
    ],
)
def test_wishes_and_what_they_are_about(text: str, topic: str) -> None:
    wish = consult_wish(text)
    assert wish is not None
    assert wish.topic == topic


@pytest.mark.parametrize(
    "text", ["相談できますか？", "相談してもいいですか", "相談の申込み方法", "相談状況", "RPAとは何ですか"]
)
def test_questions_about_consulting_are_not_wishes(text: str) -> None:
    assert consult_wish(text) is None
