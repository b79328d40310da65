"""A query asking what a 【topic】 is, and the sub-question of that topic that says what it is.

「学生納付特例ってなに？」 asks for the topic itself. A ward's FAQ answers that
in the topic's overview (【学生納付特例】学生の保険料の猶予について教えてください), while
a sibling that repeats the topic's name in its question
(【学生納付特例】学生納付特例の期間は後から払えますか) shares more words with the
query and outranks it. `bot.search.ranker` lifts the overview above its
siblings for such a query.
"""

from __future__ import annotations

import re

from bot.search.analyzer import Analysis
from bot.search.index import TOPIC_PREFIX, SearchIndex, Topic

__all__ = ["asked_topics", "defines"]

WHAT_IS = re.compile(
    r"\S\s*(?:って|とは)\s*(?:なに|何|なん|なあに)?\s*(?:ですか|でしょうか|なの|だっけ)?[\s?？。!！]*$"
)
"""A question whose closing frame asks what its subject is: 〜ってなに？, 〜とは何ですか, 〜とは."""
OVERVIEW = re.compile(
    r"(?:について(?:教えて(?:ください|下さい)?|知りたい)|とは(?:何|なん)ですか|って(?:何|なん)ですか)[\s。?？]*$"
)
"""A question asking about its subject as a whole (〜について教えてください, 〜とは何ですか)."""


def asked_topics(index: SearchIndex, analysis: Analysis, numbers: list[int]) -> set[Topic]:
    """The topics of ``numbers`` that the query asks what they are: every noun of it is in the topic.

    Empty unless the query is a what-is question (`WHAT_IS`) with content nouns:
    「学生納付特例の期間ってなに」 asks about the period, not the topic.
    """
    if not analysis.noun_terms or not WHAT_IS.search(analysis.normalized):
        return set()
    topics = {index.topics[number] for number in numbers if number in index.topics}
    return {
        topic for topic in topics if all(not topic.words.isdisjoint(terms) for terms in analysis.noun_terms)
    }


def defines(question: str) -> bool:
    """Whether a 【topic】 sub-question asks about its subject as a whole (`OVERVIEW`)."""
    return bool(OVERVIEW.search(TOPIC_PREFIX.sub("", question)))
