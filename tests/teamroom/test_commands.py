"""What the DX team types in their room, read into commands."""

from __future__ import annotations

import pytest

from bot.knowledge import Ward
from bot.teamroom.commands import Command, help_text, parse
from bot.teamroom.desk import joined, not_a_member


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("#123", Command(123, "show")),
        ("  #123  ", Command(123, "show")),
        ("#123 表示", Command(123, "show")),
        ("＃１２３", Command(123, "show")),
        ("# 7 クローズ", Command(7, "close")),
        ("#7 解決", Command(7, "close")),
        ("#7 CLOSE", Command(7, "close")),
        ("#7 担当", Command(7, "take")),
        ("#7 回答 ありがとうございます", Command(7, "answer", "ありがとうございます")),
        ("#7　回答　全角の空白でも", Command(7, "answer", "全角の空白でも")),
        ("#7 回答：コロンでも", Command(7, "answer", "コロンでも")),
        ("#7 回答\n一行目\n\n二行目\n", Command(7, "answer", "一行目\n\n二行目")),
        ("#7\n追加情報\n何件ありますか？", Command(7, "request", "何件ありますか？")),
        ("#7 確認 何件ありますか？", Command(7, "request", "何件ありますか？")),
        ("#7 メモ 電話済み", Command(7, "note", "電話済み")),
    ],
)
def test_commands_are_read(said: str, command: Command) -> None:
    assert parse(said) == command


@pytest.mark.parametrize(
    "said",
    [
        "",
        "こんにちは",
        "123 回答 番号に#がない",
        "#abc",
        "#7 回答",  # an answer needs its text
        "#7 追加情報   ",
        "#7 クローズ 理由を書いても閉じない",  # closing takes no text: ask again rather than guess
        "#7 なおす",
        "#7回答 続けて書くと読めない",
        "#1234567890",  # more than nine digits is no consultation number
        "回答 #7 こんにちは",
    ],
)
def test_anything_else_is_no_command(said: str) -> None:
    assert parse(said) is None


def test_the_rooms_words_name_the_wards_own_team() -> None:
    ward = Ward(team="業務改革係")
    for text in (help_text(ward), joined(ward), not_a_member(ward)):
        assert "業務改革係" in text
        assert "DX推進課" not in text
    assert help_text(Ward()).startswith("DX推進課の相談botです。")
