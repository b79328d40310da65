"""Which short messages are handled before the search, and which are left to it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.dialogue.intents import (
    case_query,
    followup,
    is_back,
    is_cancel,
    is_goodbye,
    is_menu,
    match_cases,
    reaction,
    typed_feedback,
)
from bot.dialogue.library import Library
from bot.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    "text", ["メニュー", "めにゅー", "ﾒﾆｭｰ", "ヘルプ", "help", "MENU", "メニューを見せて", " メニュー！"]
)
def test_menu_requests(text: str) -> None:
    assert is_menu(text)


@pytest.mark.parametrize("text", ["メニューの作り方", "ヘルプデスクの内線", "RPAのヘルプが欲しい"])
def test_questions_that_mention_menu_or_help_are_questions(text: str) -> None:
    assert not is_menu(text)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("戻る", is_back),
        ("もどる", is_back),
        ("メニューに戻る", is_back),
        ("リセット", is_back),
        ("キャンセル", is_cancel),
        ("やめる。", is_cancel),
        ("終了", is_goodbye),
        ("以上です！", is_goodbye),
    ],
)
def test_ways_out_are_commands(text: str, meant: Callable[[str], bool]) -> None:
    assert meant(text)


@pytest.mark.parametrize(
    "text", ["元のやり方に戻る", "やめる・まとめる・入れ替える", "会議を終了する時間", "研修の中止"]
)
def test_questions_that_contain_a_way_out_are_questions(text: str) -> None:
    assert not is_back(text)
    assert not is_cancel(text)
    assert not is_goodbye(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("もっと詳しく", "detail"),
        ("詳しく教えてください", "detail"),
        ("もう少し詳しく！", "detail"),
        ("詳細", "detail"),
        ("他には？", "other"),
        ("ほかには", "other"),
        ("他にある？", "other"),
        ("その他の候補", "other"),
        ("続きを見せて", "other"),
        ("次", "other"),
        ("RPAについてもっと詳しく知りたいのですが予算は？", None),
        ("他の課の取り組みを知りたい", None),
    ],
)
def test_follow_ups(text: str, kind: str | None) -> None:
    assert followup(text) == kind


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("OCRの事例", "ocr"),
        ("ＲＰＡの事例を見たい", "rpa"),
        ("Excelを使った事例", "excel"),
        ("税務課の改善事例", "税務課"),
        ("事例を見たい", ""),
        ("他の課の事例を見たい", ""),
        ("事例一覧", ""),
    ],
)
def test_case_requests(text: str, topic: str) -> None:
    wanted = case_query(text)
    assert wanted is not None
    assert wanted.topic == topic


@pytest.mark.parametrize("text", ["事例を共有したい", "自分の課の改善を事例として登録するには？", "RPA"])
def test_other_messages_about_cases_are_questions(text: str) -> None:
    assert case_query(text) is None


def test_cases_by_tool_synonym_section_and_word(kb: KnowledgeBase) -> None:
    name, cases = match_cases(kb, "ocr")
    assert name == "AI-OCR"
    assert cases
    assert all("AI-OCR" in c.tools for c in cases)
    name, cases = match_cases(kb, "エクセル")
    assert name == "Excel"
    assert all("Excel" in c.tools for c in cases)
    name, cases = match_cases(kb, "税務")
    assert name == "税務課"
    assert [c.section for c in cases] == ["税務課"]
    name, cases = match_cases(kb, "児童手当")
    assert [c.id for c in cases] == ["rpa-kosodate-input"]
    assert match_cases(kb, "宇宙開発") == ("宇宙開発", ())


def test_small_talk_matches_exact_phrasings_only(kb: KnowledgeBase) -> None:
    lib = Library.of(kb)
    assert lib.smalltalk_of("こんにちは") == "greeting"
    assert lib.smalltalk_of("ありがとうございます！！") == "thanks"
    assert lib.smalltalk_of("こんにちは、RPAについて教えて") is None
    assert lib.smalltalk_of("   ") is None


@pytest.mark.parametrize(
    ("text", "felt"),
    [
        ("いいえ", "no"),
        ("いいえ、違います。", "no"),
        ("ＯＫ！", "yes"),
        ("おっけー", "yes"),
        ("了解しました", "yes"),
        ("👍", "mark"),
        ("？？", "mark"),
        ("🙇‍♀️", "mark"),
    ],
)
def test_yes_no_and_marks_alone_are_reactions(text: str, felt: str) -> None:
    assert reaction(text) == felt


@pytest.mark.parametrize("text", ["いいね", "いいえの書き方", "OKか確認したい", "RPA？", "w", "3", ""])
def test_words_with_anything_to_search_are_no_reactions(text: str) -> None:
    assert reaction(text) is None


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("解決しました", "ok"),
        ("解決しました！ありがとうございました", "ok"),
        ("無事解決できました。", "ok"),
        ("まだ困っている", "ng"),
        ("まだ困っています。", "ng"),
        ("解決していません", "ng"),
        ("まだ困っています、フォームが開けない", None),
        ("困っている人がいます", None),
        ("解決策を教えて", None),
    ],
)
def test_only_the_feedback_buttons_words_typed_are_feedback(text: str, verdict: str | None) -> None:
    assert typed_feedback(text) == verdict
