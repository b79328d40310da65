"""``python -m bot doctor``: what in the FAQ staff are likely to miss or confuse, found by the search itself.

Every FAQ entry's question and phrasings are asked as queries, and its
question once more as staff in a hurry type it: without its question frame
(「【粗大ごみ】手数料はいくらですか。」 → 「粗大ごみ 手数料」), which the index
does not hold verbatim. An entry is
*confused* with another when one of its own phrasings finds the other first,
or finds it nearly as well (`CLOSE`), so staff asking that way would get the
wrong answer or a もしかして; a pair counts once, whichever way it is confused.
Entries asking the very same question (`same_questions`) are *duplicates*
instead: no wording tells them apart. An entry is *hard to find* when its own
question does not find it first, or it gives the search little to go on:
no phrasings, or a very short answer. Hard-to-find entries are listed with
the other entry that comes closest to them when their question is typed in a
hurry, closest first: in a ward's own FAQ every entry lacks phrasings, and
the entries a short query most easily mistakes for a sibling
(児童手当 → 児童扶養手当) are where phrasings help first. Each finding comes
with what to do about it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from bot.knowledge import FaqEntry
from bot.knowledge.schema import same_questions
from bot.search import Hit, Searcher

__all__ = ["CLOSE", "Confusion", "Report", "Weak", "diagnose", "run_doctor"]

CLOSE = 0.9
"""A runner-up scoring at least this share of the best one is a near confusion."""
NEAR = 0.5
"""A hard-to-find entry's nearest entry is named (people) from this share of its score on."""
_LOST = "質問文そのもので検索しても、この項目が1位になりません"
_NO_PHRASINGS = "言い換え（phrasings）がありません"
SHORT_ANSWER_CHARS = 20
_TOPIC = re.compile(r"【([^】]*)】")
_FRAME = re.compile(
    r"(?:ことは|ことが|では|には|とは|は|を|が|に|で|って)?(?:どのよう|どう|どこ|いつ|いくら|何|なに|どれ|どんな|だれ|誰|教えて|知りたい"
    r"|できます|できない|ありま|あります|ですか|ますか|でしょうか|したい|必要)"
)


@dataclass
class Confusion:
    """Two entries that staff asking one way cannot tell apart; ``queries`` show how."""

    entry: str
    other: str
    queries: list[str] = field(default_factory=list)
    wrong: int = 0
    """How many of the queries found ``other`` first (the rest found it nearly as well)."""


@dataclass
class Weak:
    """An entry that is hard to find, with the reasons and what to do."""

    entry: str
    question: str
    reasons: list[str]
    advice: list[str]
    nearest: str | None = None
    """The other FAQ entry ranked next when the question is typed in a hurry (none: nothing else found)."""
    closeness: float = 0.0
    """``nearest``'s score as a share of this entry's on that query (1.0: a tie, or ranked above it); the list
    is sorted by it."""


@dataclass
class Report:
    """The findings; empty lists mean nothing to fix."""

    entries: int
    queries: int
    duplicates: list[list[str]]
    """Ids of entries asking the same question, a list for each question."""
    confusions: list[Confusion]
    weak: list[Weak]

    def as_json(self) -> dict[str, object]:
        """For scripts: ``{"entries", "queries", "duplicates": [[id, ...]], "confusions", "weak"}``."""
        return asdict(self)


def diagnose(searcher: Searcher) -> Report:
    """Ask every FAQ question and phrasing: duplicates, confusions (worst first) and hard-to-find entries."""
    faq = searcher.kb.faq
    duplicates = [[faq[at].id for at in group] for group in same_questions(faq)]
    twin = {id_: set(ids) for ids in duplicates for id_ in ids}
    pairs: dict[tuple[str, str], Confusion] = {}
    weak: list[Weak] = []
    asked = 0
    for entry in searcher.kb.faq:
        twins = twin.get(entry.id, set())
        own_question_lost = False
        hits: Sequence[Hit] = ()
        for number, query in enumerate((entry.question, *entry.phrasings, _hurried(entry.question))):
            asked += 1
            hits = searcher.search(query).hits
            ids = [h.entry.id for h in hits]
            if not ids or ids[0] in twins:
                continue
            if ids[0] != entry.id:
                _note(pairs, entry.id, ids[0], query, wrong=True)
                own_question_lost = own_question_lost or number == 0
            elif _close(hits) and ids[1] not in twins:
                _note(pairs, entry.id, ids[1], query, wrong=False)
        found = _weak(entry, own_question_lost=own_question_lost)
        if found.reasons:
            found.nearest, found.closeness = _nearest(entry.id, hits, twins)
            weak.append(found)
    confusions = sorted(pairs.values(), key=lambda c: (-c.wrong, -len(c.queries), c.entry, c.other))
    weak.sort(key=lambda w: (w.reasons[0] != _LOST, -w.closeness))
    return Report(len(searcher.kb.faq), asked, duplicates, confusions, weak)


def _nearest(entry: str, hits: Sequence[Hit], twins: set[str]) -> tuple[str | None, float]:
    """The FAQ entry that ``hits`` rank closest to ``entry``, and its score as a share of the first one's."""
    best = hits[0].score if hits else 0.0
    if best <= 0:
        return None, 0.0
    for hit in hits:
        if hit.entry.kind == "faq" and hit.entry.id != entry and hit.entry.id not in twins:
            return hit.entry.id, round(min(hit.score / best, 1.0), 3)
    return None, 0.0


def _close(hits: Sequence[Hit]) -> bool:
    """Whether another FAQ entry scores nearly as well as the first."""
    return len(hits) > 1 and hits[1].score >= CLOSE * hits[0].score and hits[1].entry.kind == "faq"


def _hurried(question: str) -> str:
    """The question as typed in a hurry: the topic and what is asked, without the frame.

    A topic the question repeats is typed once (【死亡届】死亡届に必要なもの → 死亡届).
    """
    text = _TOPIC.sub(r"\1 ", question)
    text = _FRAME.split(text, maxsplit=1)[0]
    return " ".join(dict.fromkeys(text.strip(" 　、。？?！!").split()))


def _note(
    pairs: dict[tuple[str, str], Confusion], entry: str, other: str, query: str, *, wrong: bool
) -> None:
    key = (min(entry, other), max(entry, other))  # one pair, whichever way it is confused
    confusion = pairs.setdefault(key, Confusion(entry, other))
    confusion.queries.append(query)
    confusion.wrong += wrong


def _weak(entry: FaqEntry, *, own_question_lost: bool) -> Weak:
    reasons: list[str] = []
    advice: list[str] = []
    if own_question_lost:
        reasons.append(_LOST)
        advice.append("ほかの項目と区別できる言葉（対象・手続き・場所など）を質問に入れてください")
    if not entry.phrasings:
        reasons.append(_NO_PHRASINGS)
        advice.append(
            "職員が実際に使う言い方（くだけた言い方・日常の言葉）を phrasings に3つ以上足してください"
        )
    if len(entry.answer.strip()) < SHORT_ANSWER_CHARS:
        reasons.append(f"回答が短すぎます（{len(entry.answer.strip())}文字）")
        advice.append("回答に、窓口・手順・期限など具体的な内容を書いてください")
    return Weak(entry.id, entry.question, reasons, advice)


def run_doctor(searcher: Searcher, *, as_json: bool, limit: int) -> int:
    """Print the report (for people, or as JSON); exit 1 when something needs attention."""
    report = diagnose(searcher)
    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(_text(searcher, report, limit))
    return 1 if report.duplicates or report.confusions or report.weak else 0


def _text(searcher: Searcher, report: Report, limit: int) -> str:
    title = {entry.id: entry.question for entry in searcher.kb.faq}
    phrasings = sum(len(entry.phrasings) for entry in searcher.kb.faq)
    lines = [
        f"FAQ {report.entries}件の質問、言い換え {phrasings}件、質問を短くした形で、"
        f"計{report.queries}回検索して確かめました。",
        "",
    ]
    if report.duplicates:
        shown = min(limit, len(report.duplicates))
        lines.append(f"■ 同じ質問の項目（{len(report.duplicates)}組、上位{shown}組）")
        for ids in report.duplicates[:limit]:
            lines.append(f"- {'、'.join(ids)}「{title[ids[0]]}」")
            lines.append(
                f"  → 同じ質問が{len(ids)}件あります。1つにまとめるか、"
                "違い（対象・手続き・時期など）が分かるように質問を書き分けてください。"
            )
        lines.append("")
    if report.confusions:
        shown = min(limit, len(report.confusions))
        lines.append(f"■ 取り違えやすい組み合わせ（{len(report.confusions)}組、上位{shown}組）")
        for confusion in report.confusions[:limit]:
            how = f"{confusion.wrong}件で取り違え" if confusion.wrong else "僅差"
            lines.append(f"- {confusion.entry}「{title.get(confusion.entry, '')}」")
            lines.append(f"  ↔ {confusion.other}「{title.get(confusion.other, confusion.other)}」（{how}）")
            for query in confusion.queries[:3]:
                lines.append(f"    例：{query}")
        lines.append(
            "  → 2つの項目の違い（対象・手続き・時期など）が質問と言い換えに表れるようにしてください。"
        )
        lines.append("")
    by_reason: dict[str, int] = defaultdict(int)
    for weak in report.weak:
        for reason in weak.reasons:
            by_reason[re.sub(r"（\d+文字）$", "", reason)] += 1
    if report.weak:
        lines.append(f"■ 見つかりにくい項目（{len(report.weak)}件、上位{min(limit, len(report.weak))}件）")
        # A ward's own FAQ has no phrasings at all: said once, not under every entry.
        none_have_phrasings = phrasings == 0
        if none_have_phrasings:
            lines.append(
                "  どの項目にも言い換え（phrasings）がありません。職員は質問文どおりには尋ねないため、"
                "ほかの項目と紛れやすいもの（上から順）から、職員が実際に使う言い方を3つ以上足してください。"
            )
        for weak in report.weak[:limit]:
            lines.append(f"- {weak.entry}「{weak.question}」")
            for reason, advice in zip(weak.reasons, weak.advice, strict=True):
                if none_have_phrasings and reason == _NO_PHRASINGS:
                    continue
                lines.append(f"    {reason}")
                lines.append(f"    → {advice}")
            if weak.nearest and weak.closeness >= NEAR:
                other = f"{weak.nearest}「{title.get(weak.nearest, '')}」"
                lines.append(
                    f"    「{_hurried(weak.question)}」とだけ検索すると、"
                    + (
                        f"{other}がこの項目と同じか上の順位になります"
                        if weak.closeness >= 1
                        else f"次点は {other}です（この項目の得点の{weak.closeness:.0%}）"
                    )
                )
                lines.append("    → 2つの項目の違い（対象・手続き・時期など）が分かる言い方を足してください")
        lines.append("")
        lines.append("理由ごとの件数：" + "、".join(f"{reason} {n}件" for reason, n in by_reason.items()))
    if not report.duplicates and not report.confusions and not report.weak:
        lines.append("問題は見つかりませんでした。")
    return "\n".join(lines)
