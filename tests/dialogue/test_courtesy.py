"""A ward's FAQ alone, without small talk of its own: greetings get a greeting, not FAQ candidates."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.dialogue import Incoming, State
from bot.dialogue.engine import Engine
from bot.knowledge import KnowledgeBase, SmallTalk, Ward
from bot.knowledge.schema import FaqEntry
from bot.search import Searcher
from tests.auxil.desk import MemoryDesk
from tests.auxil.transcript import KEY

OWN_FAQ = (
    FaqEntry(
        id="pc",
        question="パソコンの処分",
        answer="パソコンは市の回収ボックスか、メーカーの回収にお出しください。",
    ),
    FaqEntry(
        id="conv",
        question="コンビニでの証明書の交付",
        answer="マイナンバーカードがあれば、コンビニで住民票が取れます。",
    ),
    FaqEntry(id="help", question="ヘルプマーク", answer="ヘルプマークは障害福祉課の窓口で配布しています。"),
)
WARD = Ward(team="情報政策課", bot_name="みなと台市 職員向け相談bot", subject="窓口改善")


@pytest.fixture(scope="module")
def faq_only(kb: KnowledgeBase) -> Engine:
    own = replace(kb, faq=OWN_FAQ, referrals=(), smalltalk=(), cases=(), chapters=(), sections={}, ward=WARD)
    return Engine(Searcher.build(own, semantic=False))


def said(engine: Engine, text: str) -> str:
    (reply,) = engine.step(Incoming(KEY, text=text), State(), MemoryDesk()).replies
    assert reply.kind == "smalltalk", (text, reply)
    return reply.text


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("こんにちは", "お疲れさまです。みなと台市 職員向け相談botです。"),
        ("ありがとうございます！", "どういたしまして。"),
        ("すみません。", "どうぞお気になさらないでください。"),
        ("あなたは誰？", "情報政策課のみなと台市 職員向け相談botです。窓口改善について"),
        ("テスト", "はい、メッセージは届いています。窓口改善について"),
    ],
)
def test_courtesies_are_answered_in_the_wards_own_names(faq_only: Engine, text: str, answer: str) -> None:
    assert said(faq_only, text).startswith(answer)


def test_goodbye_names_the_wards_subject(faq_only: Engine) -> None:
    assert "窓口改善で困ったときは" in said(faq_only, "終了")


def test_a_question_is_still_searched(faq_only: Engine) -> None:
    (reply,) = faq_only.step(Incoming(KEY, text="パソコンを捨てたい"), State(), MemoryDesk()).replies
    assert reply.kind != "smalltalk"


def test_a_wards_own_small_talk_replaces_the_courtesies(kb: KnowledgeBase) -> None:
    hello = SmallTalk(id="hello", phrasings=["こんにちは"], answer="こんにちは。市役所の相談窓口です。")
    own = replace(kb, faq=OWN_FAQ, referrals=(), smalltalk=(hello,), cases=(), chapters=(), sections={})
    engine = Engine(Searcher.build(own, semantic=False))
    assert said(engine, "こんにちは") == "こんにちは。市役所の相談窓口です。"
    (reply,) = engine.step(Incoming(KEY, text="テスト"), State(), MemoryDesk()).replies
    assert reply.kind != "smalltalk", "the built-in ones are not mixed in"


def test_what_was_not_found_names_only_the_kinds_of_knowledge_the_ward_has(faq_only: Engine) -> None:
    """A ward with its FAQ alone was told nothing was in 「よくある質問・手引き・改善事例」: two it lacks."""
    (reply,) = faq_only.step(Incoming(KEY, text="庁舎の駐輪場の場所"), State(), MemoryDesk()).replies
    assert reply.kind == "escalate", reply
    assert "ぴったり合う情報は、よくある質問の中に見つかりませんでした。" in reply.text
