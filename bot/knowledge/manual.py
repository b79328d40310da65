"""The improvement manual: one Markdown chapter a file, ``##`` sections with ids."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.problems import Problem

__all__ = ["Chapter", "Section", "parse_chapter"]

MAX_REF_LENGTH = 48
"""``chapter#section`` must fit a 64-byte button payload (Telegram's limit) with its prefix."""

_FILE_NAME = re.compile(r"^(?P<order>\d{2})-(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
_SECTION = re.compile(r"^##\s+(?P<title>.*?)\s*(?:\{#(?P<id>[^}]*)\})?\s*$")
_SECTION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CHAPTER_NUMBER = re.compile(r"^第(?P<number>\d+)章")
_CHAPTER_PREFIX = re.compile(r"^第[^章\s]{1,4}章\s*")
"""A chapter number in any writing (第三章 too): what a suggested title leaves out."""


@dataclass(frozen=True, slots=True)
class Section:
    """A manual section, quotable on its own; ``ref`` is ``chapter#section``."""

    chapter_id: str
    id: str
    title: str
    body: str
    line: int

    @property
    def ref(self) -> str:
        """The section's address, ``chapter#section``."""
        return f"{self.chapter_id}#{self.id}"


@dataclass(frozen=True, slots=True)
class Chapter:
    """A manual chapter (one file)."""

    id: str
    order: int
    title: str
    lead: str
    sections: tuple[Section, ...]
    path: Path


def parse_chapter(path: Path, text: str) -> tuple[Chapter | None, list[Problem]]:
    """Parse one chapter file; return the chapter (if usable) and its problems."""
    problems: list[Problem] = []
    name = _FILE_NAME.match(path.name)
    if name is None:
        return None, [Problem(path, 1, "ファイル名は「NN-章id.md」（例: 02-inventory.md）にしてください")]
    chapter_id = name["id"]
    title, title_line = "", 1
    lead: list[str] = []
    sections: list[Section] = []
    current: tuple[str, str, int] | None = None
    body: list[str] = []
    seen: dict[str, int] = {}

    def close() -> None:
        if current is None:
            return
        sec_id, sec_title, line = current
        text_body = "\n".join(body).strip()
        if not text_body:
            problems.append(Problem(path, line, f"節「{sec_title}」に本文がありません"))
        sections.append(Section(chapter_id, sec_id, sec_title, text_body, line))

    lines = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text).splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("# ") and not title and current is None:
            title, title_line = line[2:].strip(), number
            continue
        heading = _SECTION.match(line)
        if heading is None:
            (body if current is not None else lead).append(line)
            continue
        close()
        body = []
        sec_id = heading["id"]
        if sec_id is None:
            problems.append(
                Problem(path, number, "節の見出しの末尾に {#id} を付けてください（例: ## 進め方 {#steps}）")
            )
            sec_id = f"section-{len(sections) + 1}"
        elif not _SECTION_ID.match(sec_id):
            problems.append(
                Problem(path, number, f"節のid「{sec_id}」は半角英小文字・数字・ハイフンで書いてください")
            )
        elif len(f"{chapter_id}#{sec_id}") > MAX_REF_LENGTH:
            problems.append(
                Problem(
                    path,
                    number,
                    f"「{chapter_id}#{sec_id}」が長すぎます（ボタンに収めるため{MAX_REF_LENGTH}文字以内）",
                )
            )
        if sec_id in seen:
            problems.append(Problem(path, number, f"節のid「{sec_id}」が{seen[sec_id]}行目と重複しています"))
        seen.setdefault(sec_id, number)
        current = (sec_id, heading["title"], number)
    close()
    if not title:
        problems.append(Problem(path, 1, "1行目に章のタイトルを「# 第N章 …」の形で書いてください"))
    else:
        problems.extend(_title_problems(path, title_line, title, int(name["order"])))
    if not sections:
        problems.append(Problem(path, 1, "節（## 見出し {#id}）が一つもありません"))
    chapter = Chapter(chapter_id, int(name["order"]), title, "\n".join(lead).strip(), tuple(sections), path)
    return chapter, problems


def _title_problems(path: Path, line: int, title: str, order: int) -> list[Problem]:
    """A title not starting with 「第N章」, N the file's number: citations show the title as written."""
    number = _CHAPTER_NUMBER.match(unicodedata.normalize("NFKC", title))
    if number is None:
        meant = f"# 第{order}章 {_CHAPTER_PREFIX.sub('', title)}"
        return [Problem(path, line, f"章のタイトルは「{meant}」のように「第N章」から書いてください")]
    if int(number["number"]) != order:
        return [
            Problem(
                path,
                line,
                f"「第{number['number']}章」がファイル名（{path.name}）の番号と違います。"
                f"「第{order}章」にするか、ファイル名の番号を直してください",
            )
        ]
    return []
