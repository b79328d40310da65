"""Recognise the few kinds of text the engine handles before (or instead of) a search.

Only short, unambiguous messages are recognised here: a menu request, a
way out (戻る, キャンセル, 終了: typed as a command, never a question), a
follow-up to the previous answer, a request to see cases ("OCRの事例"), an
explicit wish to consult the DX team ("DXの人に相談したい"), a question after
one's own consultation ("相談の返事まだ？"), assent, dissent or emoji alone
("いいえ", "👍"), and the exact phrasings of small talk. Everything else is a question for the
search, so a real question that merely contains "事例" still gets searched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.knowledge import Case, KnowledgeBase, SmallTalk
from bot.search.normalize import normalize, sentences

__all__ = [
    "CaseQuery",
    "ConsultWish",
    "Followup",
    "Reaction",
    "asks_after_own",
    "case_query",
    "consult_wish",
    "followup",
    "is_back",
    "is_cancel",
    "is_goodbye",
    "is_menu",
    "key_of",
    "match_cases",
    "reaction",
    "smalltalk_keys",
]

Followup = Literal["detail", "other"]

_PUNCTUATION = re.compile(r"[\s。、，．,.!！?？・…〜~♪「」『』()（）]+")

_MENU = frozenset(
    key
    for word in ("メニュー", "ヘルプ", "menu", "help", "はじめから", "最初から", "トップ")
    for key in (word, f"{word}を見せて", f"{word}を表示", f"{word}をください")
)

_BACK = frozenset(
    {"戻る", "もどる", "戻ります", "戻りたい", "戻って", "前に戻る", "前の画面", "前の画面に戻る", "ホーム"}
    | {"メニューに戻る", "トップに戻る", "最初に戻る", "はじめに戻る", "ホームに戻る", "back"}
    | {"リセット", "やり直し", "やりなおし", "やり直す", "やり直したい", "reset"}
)
_CANCEL = frozenset({"やめる", "やめます", "やめたい", "キャンセル", "中止", "取り消し", "取消", "cancel"})
_GOODBYE = frozenset(
    {"終了", "終了です", "終了します", "終わり", "おわり", "終わる", "終わります", "おわります", "終わりです"}
    | {"終わりにします", "以上", "以上です"}
    | {"閉じる", "とじる", "quit", "exit", "bye"}
)

_DETAIL = re.compile(
    r"^(もっと|もう少し|さらに)?(詳しく|くわしく|詳細)(を)?(教えて(ください|ほしい|下さい)?|知りたい|お願いします|見たい)?$"
)
_OTHER = re.compile(
    r"^((他|ほか|その他|そのほか)(に|には|の|のは|にも)?(ある|あります|ありますか|は|を|の候補|の情報)?"
    r"|(次|つぎ|続き|つづき)(を|は)?)(教えて|見たい|見せて|お願いします)?$"
)

_CASE = re.compile(
    r"^(?P<topic>.*?)(の|に関する|についての|を使った|を使った改善)?(改善)?(事例|実例|ケース)(一覧)?"
    r"(を|が|は)?(見たい|見せて|教えて|知りたい|探して|ください|ありますか|ある|をください)?(ください)?$"
)
_WISH_ENDING = (
    "です|ですが|ですけど|のですが|のですけど|んですが|んですけど|んですけれど|んだけど|んだけれど|んだが"
    "|けど|けれど|な|なあ|なぁ"
)
"""How a wish ends, politely or as staff type to a colleague (相談したいんだけど, 相談したいな)."""
_CONSULT_WISH = re.compile(
    r"^(?P<topic>.*?)(について|に関して|の件で|のことで|の件について|のことについて|で)?"
    r"((dx推進課|dx推進担当|dxの担当|dx|担当者|担当の方|職員|専門の人|詳しい人|人|方|誰か|だれか)"
    r"(の人|の方|さん)?(に|へ|と))?"
    r"(直接|個別に|一度|少し|ちょっと)?(相談|問い合わせ|話)(を)?"
    rf"(したい({_WISH_ENDING})?|させて(ください|下さい|ほしい|もらいたい)|お願いします"
    rf"|お願いしたい({_WISH_ENDING})?|申し込みたい({_WISH_ENDING})?|申込みたい({_WISH_ENDING})?"
    rf"|に乗ってほしい({_WISH_ENDING})?|に乗って(ください|もらいたい)|を聞いてほしい({_WISH_ENDING})?)$"
)
_WISH_FILLER = frozenset({"", "ちょっと", "少し", "すこし", "一度", "ぜひ", "あの", "えっと", "すみません"})
_TOPIC_FILLER = re.compile(r"^(ほかの|他の|よその|他|いろいろな|色々な)")
_ANY_SECTION = frozenset({"", "課", "部署", "所属", "職場", "区役所"})


Reaction = Literal["yes", "no", "mark"]

_YES = (
    *("はい", "うん", "ええ", "そう", "そうです", "ok", "okです", "オッケー", "オーケー", "おk"),
    *(
        "了解",
        "了解です",
        "了解しました",
        "承知しました",
        "わかりました",
        "分かりました",
        "わかった",
        "分かった",
    ),
)
_NO = (
    *("いいえ", "いえ", "いや", "いいや", "ううん", "違う", "違います", "ちがう", "ちがいます", "違いました"),
    *("そうじゃない", "そうではありません", "いいえ違います", "no", "ノー"),
)
"""Assent and dissent said alone: answers to a question the bot did not ask, never questions of their own."""


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """A request to see cases; ``topic`` is empty for "事例を見たい" alone."""

    topic: str


def key_of(text: str) -> str:
    """The comparison form of a short message: normalised, punctuation and spaces removed."""
    return _PUNCTUATION.sub("", normalize(text))


_YES_KEYS = frozenset(key_of(word) for word in _YES)
_NO_KEYS = frozenset(key_of(word) for word in _NO)


def reaction(text: str) -> Reaction | None:
    """A reply with nothing to search: はい (``yes``), いいえ (``no``), emoji or marks alone (``mark``).

    Searched, 「いいえ」 offered FAQ entries (いいね is praise), 「わかりました」 was thanked for, and
    「👍」 or 「？」 was told nothing matched it, with the consultation offered.
    """
    key = key_of(text)
    if key in _YES_KEYS:
        return "yes"
    if key in _NO_KEYS:
        return "no"
    if text.strip() and not any(unicodedata.category(c)[0] in "LN" for c in text):
        return "mark"
    return None


_AFTER_MINE = re.compile(
    r"相談[^。？?!！]{0,10}?(?:状況|どうなっ|どうなり|進捗|まだ|来ない|こない|届かない|取り下げ|取下げ|取り消|取消"
    r"|キャンセル|追記)"
)
"""A question after one's own consultation: 相談の返事まだ？, 相談したやつどうなった, 相談を取り下げたい."""
MAX_AFTER_MINE_CHARS = 40


def asks_after_own(text: str) -> bool:
    """Whether the message asks after the staff member's own consultation rather than how consulting works.

    The engine shows 相談状況 for it only to someone who has consultations; anyone else's is searched
    (申し込んだ相談が今どうなっているか確認するには: the FAQ answers that). A wish (相談したいことがまだある)
    is none.
    """
    key = key_of(text)
    return len(key) <= MAX_AFTER_MINE_CHARS and "相談したい" not in key and bool(_AFTER_MINE.search(key))


_SOLVED = re.compile(
    r"(?:無事)?解決(?:した|しました|できた|できました|です)(?:ありがとう(?:ございました|ございます)?)?"
)
_UNSOLVED = re.compile(
    r"(?:まだ)?困って(?:いる|る|います|ます)|(?:まだ)?解決して(?:いない|ない|いません|ません)"
    r"|解決しない|解決しません"
)


def typed_feedback(text: str) -> Literal["ok", "ng"] | None:
    """「解決しました」 (``ok``) or 「まだ困っています」 (``ng``) typed, not pressed, after the team's answer.

    Only the words of the two buttons and their polite forms: a message with more in it
    (まだ困っています、フォームが開けない) is a question or an addition of its own.
    """
    key = key_of(text)
    if _SOLVED.fullmatch(key):
        return "ok"
    if _UNSOLVED.fullmatch(key):
        return "ng"
    return None


def is_menu(text: str) -> bool:
    """Whether the message asks for the menu or help."""
    return key_of(text) in _MENU


def is_back(text: str) -> bool:
    """Whether the message asks to go back or start over (戻る, リセット): outside a form, to the menu.

    Inside the consultation form it is no way out (the form would be lost
    for a word that may mean one question back), nor an answer.
    """
    return key_of(text) in _BACK


def is_cancel(text: str) -> bool:
    """Whether the message calls off what is under way (やめる, キャンセル); outside a form, nothing is."""
    return key_of(text) in _CANCEL


def is_goodbye(text: str) -> bool:
    """Whether the message ends the conversation (終了, 以上です) rather than asks anything."""
    return key_of(text) in _GOODBYE


def followup(text: str) -> Followup | None:
    """Recognise a follow-up: "もっと詳しく" → ``detail``, "他には？" → ``other``, else None."""
    key = key_of(text)
    if _DETAIL.match(key):
        return "detail"
    if _OTHER.match(key):
        return "other"
    return None


def case_query(text: str) -> CaseQuery | None:
    """A request to see cases ("OCRの事例", "事例を見たい", "税務課の事例"), or None."""
    match = _CASE.match(key_of(text))
    if match is None:
        return None
    topic = _TOPIC_FILLER.sub("", match["topic"])
    return CaseQuery("" if topic in _ANY_SECTION else topic)


@dataclass(frozen=True, slots=True)
class ConsultWish:
    """An explicit wish to consult the DX team; ``topic`` is what it is about ("" when unsaid)."""

    topic: str
    goes_on: bool = False
    """The wish is the message's first sentence and more follows: the whole message is what to consult."""


def consult_wish(text: str) -> ConsultWish | None:
    """A wish to consult ("相談したいです", "RPAの導入について相談したい"), or None.

    A message whose first sentence is such a wish is one too, the rest
    saying more of it. Asking whether something may be consulted
    ("相談できますか") is a question for the search, not a wish.
    """
    match = _CONSULT_WISH.match(key_of(text))
    goes_on = False
    if match is None:  # 「RPAの導入について相談したいです。対象は…」: the wish, then what it is about
        said = sentences(text)
        goes_on = len(said) > 1
        match = _CONSULT_WISH.match(key_of(said[0])) if goes_on else None
    if match is None:
        return None
    topic = match["topic"]
    return ConsultWish("" if topic in _WISH_FILLER else topic, goes_on)


def smalltalk_keys(talks: Iterable[SmallTalk]) -> dict[str, str]:
    """The comparison form of every small-talk phrasing, to the id of its entry (the first one wins)."""
    keys: dict[str, str] = {}
    for talk in talks:
        for phrasing in talk.phrasings:
            key = key_of(phrasing)
            if key:
                keys.setdefault(key, talk.id)
    return keys


def match_cases(kb: KnowledgeBase, topic: str) -> tuple[str, tuple[Case, ...]]:
    """Cases about a non-empty ``topic``, and the name of what matched.

    The most specific reading wins: a tool (its synonyms count) is a tool, a
    section name is a section; otherwise any case that mentions the topic.
    """
    key = key_of(topic)
    tools = _tools_meaning(kb, key)
    if tools:
        return "・".join(sorted(tools)), tuple(c for c in kb.cases if tools.intersection(c.tools))
    by_section = tuple(
        c for c in kb.cases if key in (key_of(c.section), key_of(c.section).removesuffix("課"))
    )
    if by_section:
        return by_section[0].section, by_section
    return topic, tuple(c for c in kb.cases if key in _case_text(c))


def _tools_meaning(kb: KnowledgeBase, key: str) -> set[str]:
    found: set[str] = set()
    for tool in sorted({t for c in kb.cases for t in c.tools}):
        names: Iterable[str] = [tool, *next((g for g in kb.synonyms if tool in g), ())]
        if any(key_of(name) == key for name in names):
            found.add(tool)
    return found


def _case_text(case: Case) -> str:
    return key_of(" ".join((case.title, case.section, case.problem, case.actions, *case.keywords)))
