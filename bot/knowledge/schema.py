"""Typed schema of every knowledge file kind.

Models forbid unknown keys, so a misspelt key (``phrasing:``) is reported
instead of silently ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

__all__ = [
    "ENTRY_ID_PATTERN",
    "SECTION_REF_PATTERN",
    "TOOLS",
    "Case",
    "FaqEntry",
    "Referral",
    "SmallTalk",
    "SynonymGroup",
    "Text",
    "number_as_text",
    "question_key",
    "same_questions",
]


def number_as_text(value: object) -> object:
    """A ward's ids are often plain numbers (``id: 1002``); read them as the text they are."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def question_key(question: str) -> str:
    """A question as compared with others: width, case, spaces and the closing mark do not count."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", question).casefold()).rstrip("?.!。")


def same_questions(entries: Sequence[FaqEntry]) -> list[list[int]]:
    """The places in ``entries`` of those asking the same question (`question_key`), a list per question."""
    groups: dict[str, list[int]] = {}
    for at, entry in enumerate(entries):
        groups.setdefault(question_key(entry.question), []).append(at)
    return [group for group in groups.values() if len(group) > 1]


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ENTRY_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
EntryId = Annotated[
    str,
    BeforeValidator(number_as_text),
    StringConstraints(pattern=ENTRY_ID_PATTERN, max_length=48),
]
"""Letters, digits, ``-``, ``_`` and ``.``: short enough for a button's 64-byte payload (``faq:<id>``)."""
SECTION_REF_PATTERN = r"^[a-z0-9-]+#[a-z0-9-]+$"
SectionRef = Annotated[str, StringConstraints(pattern=SECTION_REF_PATTERN)]
"""A manual section, ``<chapter id>#<section id>``."""

CATEGORY_MAX = 50
Category = Annotated[str, StringConstraints(strip_whitespace=True, max_length=CATEGORY_MAX)]
"""Any name of at most 50 characters (longer is a column mistaken for the category); empty for none.

A name too long for a button's payload is named there by one of its entries (`bot.dialogue.browse`)."""

Tool = Literal[
    "RPA",
    "AI-OCR",
    "電子申請",
    "ノーコード",
    "Excel",
    "オンライン会議",
    "ビジネスチャット",
    "ペーパーレス",
    "生成AI",
    "タブレット",
    "LINE",
]
TOOLS: tuple[str, ...] = get_args(Tool)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class FaqEntry(_Model):
    """One curated question and its answer (faq.yaml)."""

    id: EntryId
    category: Category = ""
    question: Text
    answer: Text
    phrasings: list[Text] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)
    manual: list[SectionRef] = Field(default_factory=list)
    cases: list[EntryId] = Field(default_factory=list)


class Case(_Model):
    """One improvement case (knowledge/cases/<id>.yaml)."""

    id: EntryId
    title: Text
    section: Text
    problem: Text
    actions: Text
    tools: list[Tool]
    effect: list[Text] = Field(min_length=1)
    period: Text
    contact: Text
    keywords: list[Text] = Field(default_factory=list)
    manual: list[SectionRef] = Field(default_factory=list)


class Referral(_Model):
    """An area the DX team does not handle, and the office that does."""

    id: EntryId
    topic: Text
    office: Text
    contact: Text
    portal: Text | None = None
    answer: Text
    phrasings: list[Text] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)


class SmallTalk(_Model):
    """A greeting, thanks or chit-chat, answered without a search."""

    id: EntryId
    phrasings: list[Text] = Field(min_length=1)
    answer: Text


SynonymGroup = Annotated[list[Text], Field(min_length=2)]
