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


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("RPAの導入について相談したいです。対象は毎月の給与明細の仕分け作業です。", "rpaの導入"),
        ("相談したいです。毎月の集計に丸2日かかっています", ""),
        ("DXの人に相談したい！\n窓口の待ち時間を減らしたい", ""),
    ],
)
def test_a_wish_followed_by_what_it_is_about_is_a_wish_that_goes_on(text: str, topic: str) -> None:
    """The README's 「RPAの導入について相談したい」 with a second sentence showed candidates instead."""
    wish = consult_wish(text)
    assert wish is not None
    assert wish.topic == topic
    assert wish.goes_on


@pytest.mark.parametrize(
    "text", ["相談できますか？内容はRPAです。", "相談したいんだけど、RPAって何？", "RPAとは？\nOCRとは？"]
)
def test_a_wish_is_only_ever_the_first_sentence(text: str) -> None:
    assert consult_wish(text) is None
