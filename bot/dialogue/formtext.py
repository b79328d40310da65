"""What an answer typed in the consultation form says: a section, a time, or more of what is wanted.

Staff answer the question they think was asked: what they want typed
where the section or the time was asked is kept as content by the intake
(`bot.dialogue.intake`), which asks these classifiers first. Pure
functions of the text.
"""

from __future__ import annotations

import re

from bot.dialogue.deadline import find_deadline
from bot.dialogue.intents import key_of

__all__ = [
    "is_confirmation",
    "is_status",
    "looks_like_deadline",
    "looks_like_section",
    "names_a_section",
    "section_name",
]

MAX_SECTION_CHARS = 60
_SECTION_WORD = re.compile(
    r"(?:課|係|室|部|局|所|署|館|園|センター|担当|グループ|チーム|本部|支所|出張所|委員会|学校|事務局)"
    r"(?:$|[\s・/／、,（(])"
)
"""A section's own word ending a word (税務課 収納係, 福祉事務所); not 課税 or 部品."""
_STOPS = "。．！!？?"
"""The marks that end a sentence."""
_SENTENCE_BREAK = re.compile(rf"[{_STOPS}\n]")
_SENTENCE = re.compile(
    rf"{_SENTENCE_BREAK.pattern}|(?:たい|ます|です|でした|ません|ない|ください|かな|した|って|けど)[。！？!?\s]*$"
)
"""What ends or marks a sentence: what staff want, not where they work."""
_SECTION_POLITE_END = re.compile(r"\s*(?:です|でございます)?[。．\s]*$")
MAX_BARE_SECTION_CHARS = 20
"""A section named without 課 or 係 (ケースワーカー, 窓口) is short."""
MAX_WANTED_BY_CHARS = 50

_CONFIRM = frozenset(
    {"はい", "お願いします", "おねがいします", "それでお願いします", "送信", "送信する", "相談する", "ok"}
    | {"この内容で相談する", "この内容でお願いします", "はいお願いします", "はいおねがいします"}
)
_STATUS = frozenset(
    {"相談状況", "相談の状況", "相談状況を見る", "相談状況を確認", "相談状況を教えて", "私の相談", "相談一覧"}
    | {"そうだんじょうきょう", "そうだんのじょうきょう"}  # typed before the IME converts it
)


def looks_like_section(text: str) -> bool:
    """Whether an answer to 「ご所属は？」 names a section rather than says what the staff member wants.

    A section's word (課, 係, 事務所, センター…) ending a word says a section, even
    with 「です」 after it; otherwise a sentence, or anything long, is what they
    want to improve, typed at the wrong question.
    """
    if len(text) > MAX_SECTION_CHARS:
        return False
    if _SECTION_WORD.search(text):
        return not _SENTENCE.search(section_name(text))
    return len(text) <= MAX_BARE_SECTION_CHARS and not _SENTENCE.search(text)


def looks_like_deadline(text: str) -> bool:
    """Whether an answer to 「いつごろまでに？」 says when rather than more of what the staff member wants.

    A time is said in a phrase (3月末まで, なるべく早めにお願いします, 急ぎません);
    more than one sentence, or anything long, is detail typed at the wrong question.
    """
    return len(text) <= MAX_WANTED_BY_CHARS and not _SENTENCE_BREAK.search(text.rstrip(f"{_STOPS} \n"))


def names_a_section(text: str) -> bool:
    """Whether an answer to 「いつごろまでに？」 names a section (市民課) rather than a time.

    Only a section's own word says so (not a bare name, which may be a time:
    3月末), and never with a time in it (委員会の前, 3月の委員会まで).
    """
    name = section_name(text)
    return bool(_SECTION_WORD.search(name)) and looks_like_section(name) and find_deadline(name) is None


def section_name(text: str) -> str:
    """A section as typed, without a polite ending (市民課です。 → 市民課)."""
    return _SECTION_POLITE_END.sub("", text)


def is_confirmation(text: str) -> bool:
    """Whether the message at the summary says to send it (はい, お願いします, 送信)."""
    return key_of(text) in _CONFIRM


def is_status(text: str) -> bool:
    """Whether the message asks for the staff member's consultations (相談状況)."""
    return key_of(text) in _STATUS
