"""``python -m bot import-faq``: a ward's FAQ from Excel (.xlsx) or CSV into faq.yaml.

Wards keep their FAQ in a spreadsheet: one row an entry, a header row naming
the columns. The columns are found by their header (質問, 回答, ID, 分類, …,
see `COLUMN_NAMES`) or given by the caller (a header, a letter ``B`` or a
number ``2``). A CSV file may be UTF-8 (with or without the BOM Excel
writes) or Shift_JIS (cp932, Excel's "CSV" on Japanese Windows).

Nothing is dropped silently: a row with no question or no answer, an id
that is malformed or used twice, or a cell that does not fit the FAQ's
format is reported by its row number, and then nothing is written. Blank
rows are skipped (and counted). Every entry written is validated against
the FAQ's schema first, so the output always passes ``python -m bot check``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.knowledge.schema import FaqEntry

__all__ = ["COLUMN_NAMES", "FIELDS", "ImportProblems", "Imported", "import_faq", "read_rows", "to_yaml"]

FIELDS = ("id", "category", "question", "answer", "phrasings", "keywords")
COLUMN_NAMES: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "ID", "番号", "No", "No.", "管理番号", "FAQ番号"),
    "category": ("category", "分類", "カテゴリ", "カテゴリー", "区分", "分野"),
    "question": ("question", "質問", "問い", "問", "Q", "質問内容", "よくある質問"),
    "answer": ("answer", "回答", "答え", "答", "A", "回答内容"),
    "phrasings": ("phrasings", "言い換え", "別の聞き方", "類似質問"),
    "keywords": ("keywords", "キーワード", "検索語"),
}
"""Headers recognised for each field (compared without spaces, case-insensitively)."""

_LIST_SPLIT = re.compile(r"[\n;；]|、(?=\S)")
_SPACES = re.compile(r"\s+")


class ImportProblems(Exception):
    """The file cannot be imported; ``problems`` are lines for people, each with its row where known."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass
class Imported:
    """What an import produced: the entries, and how many blank rows were skipped."""

    entries: list[FaqEntry] = field(default_factory=list)
    blank_rows: int = 0


def read_rows(path: Path, sheet: str | None = None) -> list[list[str]]:
    """Every row of the file as text cells (the header row first)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv_rows(path, "\t" if suffix == ".tsv" else ",")
    raise ImportProblems([f"{path}: 対応していない形式です（.xlsx か .csv にしてください）"])


def import_faq(rows: Sequence[Sequence[str]], columns: Mapping[str, str] | None = None) -> Imported:
    """Turn rows (a header row, then one row an entry) into FAQ entries; raise `ImportProblems`."""
    if not rows:
        raise ImportProblems(["ファイルに行がありません（1行目に見出しが必要です）"])
    where = _columns(rows[0], columns or {})
    imported = Imported()
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: _cell(row, index) for name, index in where.items()}
        if not any(cells.values()):
            imported.blank_rows += 1
            continue
        entry_id = cells.get("id") or f"q{number - 1:04d}"
        missing = [label for name, label in (("question", "質問"), ("answer", "回答")) if not cells.get(name)]
        if missing:
            problems.append(f"{number}行目: {'と'.join(missing)}が空です")
            continue
        if entry_id in seen:
            problems.append(f"{number}行目: ID「{entry_id}」は{seen[entry_id]}行目でも使われています")
            continue
        seen[entry_id] = number
        try:
            imported.entries.append(
                FaqEntry.model_validate(
                    {
                        "id": entry_id,
                        "category": cells.get("category", ""),
                        "question": cells["question"],
                        "answer": cells["answer"],
                        "phrasings": _items(cells.get("phrasings", "")),
                        "keywords": _items(cells.get("keywords", "")),
                    }
                )
            )
        except ValidationError as exc:
            problems.extend(f"{number}行目: {_describe(error)}" for error in exc.errors())
    if problems:
        raise ImportProblems(problems)
    return imported


def to_yaml(entries: Sequence[FaqEntry]) -> str:
    """The entries in faq.yaml's format (empty lists left out)."""
    data = [
        {key: value for key, value in entry.model_dump().items() if value not in ([], "")}
        for entry in entries
    ]
    header = "# Imported with python -m bot import-faq; check it with python -m bot check.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _columns(header: Sequence[str], given: Mapping[str, str]) -> dict[str, int]:
    """Where each field is: given by the caller, else found by its header."""
    keys = [_header_key(cell) for cell in header]
    where: dict[str, int] = {}
    problems: list[str] = []
    for name in FIELDS:
        wanted = given.get(name)
        if wanted:
            index = _given_column(wanted, keys)
            if index is None:
                problems.append(f"列「{wanted}」（{name}）が見出し行にありません")
            else:
                where[name] = index
            continue
        candidates = {_header_key(c) for c in COLUMN_NAMES[name]}
        found = next((i for i, key in enumerate(keys) if key in candidates), None)
        if found is not None:
            where[name] = found
    for name, label in (("question", "質問"), ("answer", "回答")):
        if name not in where and not given.get(name):
            names = "、".join(COLUMN_NAMES[name][1:4])
            problems.append(
                f"{label}の列が見つかりません（見出しを「{names}」のどれかにするか、"
                f"--{name} で列を指定してください）"
            )
    if problems:
        raise ImportProblems(problems)
    return where


def _given_column(wanted: str, keys: Sequence[str]) -> int | None:
    """A column named by its header, its letter (B) or its number (2, counting from 1)."""
    key = _header_key(wanted)
    if key in keys:
        return keys.index(key)
    if wanted.isdigit() and 0 < int(wanted) <= max(len(keys), 1):
        return int(wanted) - 1
    if re.fullmatch(r"[A-Za-z]{1,2}", wanted):
        index = 0
        for letter in wanted.upper():
            index = index * 26 + ord(letter) - ord("A") + 1
        return index - 1
    return None


def _header_key(text: str) -> str:
    return _SPACES.sub("", str(text)).casefold()


def _cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _items(text: str) -> list[str]:
    """A cell of several items: one a line, or separated by ; or 、."""
    return [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]


def _describe(error: Mapping[str, Any]) -> str:
    place = ".".join(str(part) for part in error.get("loc", ()))
    return f"「{place}」の値が正しくありません（{error.get('msg', '')}）"


def _xlsx_rows(path: Path, sheet: str | None) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or encrypted workbook: say so, never a traceback
        raise ImportProblems([f"{path}: Excelファイルとして読み込めません（{exc}）"]) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = "、".join(book.sheetnames)
            raise ImportProblems([f"{path}: シート「{sheet}」がありません（あるのは {names}）"])
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        return [[_text(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(_csv_reader(text, delimiter))
    raise ImportProblems([f"{path}: 文字コードを読み取れません（UTF-8 か Shift_JIS で保存してください）"])


def _csv_reader(text: str, delimiter: str) -> Iterator[list[str]]:
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise ImportProblems([f"CSVとして読み込めません（{exc}）"]) from exc
