"""A query asking what a 【topic】 is finds the topic's overview, not a sibling repeating its name."""

from __future__ import annotations

import pytest

from bot.knowledge import FaqEntry, KnowledgeBase
from bot.search import Searcher
from bot.search.definition import defines
from tests.auxil.searchers import own_faq_searcher

FAQ = (
    FaqEntry(
        id="student-overview",
        question="【学生納付特例】学生の保険料の猶予について教えてください。",
        answer="在学中の保険料の納付が猶予されます。",
    ),
    FaqEntry(
        id="student-later",
        question="【学生納付特例】学生納付特例の期間は後から払えますか。",
        answer="10年以内であれば追納できます。",
    ),
    FaqEntry(
        id="student-period",
        question="【学生納付特例】学生納付特例の申請は毎年必要ですか。",
        answer="毎年度の申請が必要です。",
    ),
    FaqEntry(
        id="checkup-overview",
        question="【特定健診】特定健康診査について教えてください。",
        answer="40歳から74歳の方の健診です。",
    ),
    FaqEntry(
        id="checkup-fee",
        question="【特定健診】特定健診の費用はかかりますか。",
        answer="無料です。",
    ),
    FaqEntry(id="bulky", question="粗大ごみの申込みはどこでしますか。", answer="受付センターへどうぞ。"),
)


@pytest.fixture(scope="module")
def ward(kb: KnowledgeBase) -> Searcher:
    return own_faq_searcher(kb, FAQ)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("学生納付特例ってなに？", "student-overview"),
        ("学生納付特例とは何ですか", "student-overview"),
        ("特定健診ってなに", "checkup-overview"),
    ],
)
def test_a_what_is_question_finds_the_topics_overview(ward: Searcher, query: str, expected: str) -> None:
    assert ward.search(query).ranking.candidates[0].entry.id == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("学生納付特例の期間は後から払える？", "student-later"),  # not a what-is question
        ("特定健診の費用ってなに", "checkup-fee"),  # asks about the fee, not the topic
    ],
)
def test_other_questions_of_the_topic_keep_their_sibling(ward: Searcher, query: str, expected: str) -> None:
    assert ward.search(query).ranking.candidates[0].entry.id == expected


def test_an_overview_asks_about_its_subject_as_a_whole() -> None:
    assert defines("【特定健診】特定健康診査について教えてください。")
    assert defines("【高額療養費】多数回該当とは何ですか。")
    assert not defines("【特定健診】特定健診の費用はかかりますか。")
