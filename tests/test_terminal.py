"""``python -m bot chat``: the same engine in a terminal, choices numbered."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.db import ConversationStore
from bot.dialogue import Card, Choice, ConversationKey, Reply
from bot.terminal import render, run_chat


def settings(tmp_path: Path) -> Settings:
    return Settings.from_env({"KAIZEN_CACHE_DIR": ""}, DATABASE_URL=f"sqlite:///{tmp_path / 'kaizen.db'}")


def test_buttons_are_numbered_in_order_choices_then_cards_and_the_source_is_cited() -> None:
    """The source used to be a numbered choice, which only showed the same answer again."""
    reply = Reply(
        "本文",
        (Choice("解決した", "t:0"), Choice("解決しない", "t:1")),
        (Card("事例", "効果\n2行目", (Choice("詳しく見る", "case:a"),)),),
        Choice("よくある質問「RPA」", "faq:x"),
    )
    lines, buttons = render([reply])
    assert [b.action for b in buttons] == ["t:0", "t:1", "case:a"]
    text = "\n".join(lines)
    assert "本文\n\n出典：よくある質問「RPA」\n  [1] 解決した" in text
    assert "  │ 2行目" in text
    assert "[3] 詳しく見る" in text


def test_a_conversation_with_typed_text_and_numbers(tmp_path: Path) -> None:
    out = io.StringIO()
    typed = io.StringIO("RPAとは何ですか？\n１\n９９\n終了\n")
    assert run_chat(settings(tmp_path), "staff-1", typed, out) == 0
    shown = out.getvalue()
    assert "ご用件をお選びください" in shown
    assert "定型的な操作" in shown
    assert "[1] 解決した" in shown
    assert "（解決した）" in shown
    assert "お役に立ててよかったです" in shown


def test_end_of_input_ends_the_chat(tmp_path: Path) -> None:
    assert run_chat(settings(tmp_path), "staff-1", io.StringIO(""), io.StringIO()) == 0


def test_the_chat_command_stores_the_conversation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = f"sqlite:///{tmp_path / 'kaizen.db'}"
    out = io.StringIO()
    monkeypatch.setenv("KAIZEN_CACHE_DIR", "")
    monkeypatch.setattr("sys.stdin", io.StringIO("RPAとは何ですか？\n"))
    monkeypatch.setattr("sys.stdout", out)
    assert main(["--database", database, "chat", "--user", "staff-9"]) == 0
    assert "定型的な操作" in out.getvalue()
    store = ConversationStore.open(database)
    assert store.load(ConversationKey("terminal", "staff-9", "staff-9")).query == "RPAとは何ですか？"
    store.close()


def test_a_number_no_button_has_is_said_so_and_the_buttons_stay(tmp_path: Path) -> None:
    out = io.StringIO()
    typed = io.StringIO("99\n0\n1\n終了\n")
    assert run_chat(settings(tmp_path), "staff-1", typed, out) == 0
    shown = out.getvalue()
    menu = shown.split("99番の選択肢はありません")[0]
    count = menu.count("] ")
    assert count > 1, "the menu's buttons were shown first"
    assert f"99番の選択肢はありません。1〜{count}の番号で選んでください。" in shown
    assert f"0番の選択肢はありません。1〜{count}の番号で選んでください。" in shown
    assert "もしかして" not in shown, "the number was not searched as a question"
    first = menu.split("[1] ")[1].splitlines()[0]
    assert f"（{first}）" in shown, "the menu's buttons still answer to their numbers"
