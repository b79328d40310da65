"""``python -m bot import-faq``: a ward's FAQ from Excel (.xlsx, or .xls of Excel 97-2003) or CSV to faq.yaml.

Wards keep their FAQ in a spreadsheet (read by `bot.knowledge.spreadsheet`):
one row an entry, a header row naming the columns. The columns are found by
their header (質問, 回答, ID, 分類, …, see `COLUMN_NAMES`; 「質問（Q）」 and
「Q（質問）」 too) or given by the caller (a header, a letter ``B`` or a number
``2``). The header need not be the first row: a sheet often starts with a
title or a date, so the first of the first `HEADER_SEARCH_ROWS` rows that has
the question and answer columns is the header. A second header row below it
(the header's cells merged down over both rows, sub-headings under a heading
merged across) is part of the header, and a row repeating the header's names
further down (a header printed on every page) is skipped and said, never an entry.

Cells are tidied as a person would when copying them: a question's leading
「Q1.」 or 「問：」 and an answer's 「A.」 go, and HTML from a CMS export (``<br>``,
``<p>``, links) becomes plain text, a link's address kept after its label.

Some sheets put a section heading on a row of its own (「■ ごみ・リサイクル」 above
its questions) instead of a category column. With ``headings``, a row with one
cell and no answer is such a heading, and its text is the category of the rows
below it that have none; without, it is reported like any row without an answer.

Nothing is dropped silently: a row with no question or no answer (also when
its only text is in a column that is not read, a note or a heading), a row
whose cell read is a formula without a result to read (``failed_formulas``:
saved without one by a program other than Excel, or an error such as #N/A), an id
that is malformed or used twice, or a cell that does not fit the FAQ's
format is reported by its row number, and then nothing is written. Only rows
with no text at all, or nothing but an id (a sheet numbered ahead), are skipped
(and counted), and rows hidden in Excel
(``hidden``) are skipped and named: what a person sees is what is read. A
second column whose header names a field already read (回答（英語） beside 回答)
is reported as not read, and so is any other named column (担当課, 更新日); of
two, one hidden in Excel gives way to the one a person sees. A link in an
answer cell keeps its address after the text (``links``).
Every entry written is validated against the FAQ's schema first, so the
output always passes ``python -m bot check``; entries asking the same
question are written, and their rows listed (`Imported.same_questions`), as
``check`` notes them.

An FAQ kept on a sheet for each category (ごみ, 税, 子育て) is read a sheet at a
time and joined by `import_sheets`: a sheet's name is the category of its rows
without one, ids made from row numbers are told apart by the sheet's place
(``s2-q0005``), and an id given on two sheets is a problem naming both. A sheet
without a single entry is named (`ImportedSheets.empty`), a problem only when
no sheet has one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from bot.knowledge.schema import CATEGORY_MAX, ENTRY_ID_PATTERN, FaqEntry, same_questions
from bot.knowledge.spreadsheet import ImportProblems, Sheet, read_rows
from bot.knowledge.yamlout import dump_blocks

__all__ = [
    "COLUMN_NAMES",
    "FIELDS",
    "HEADER_SEARCH_ROWS",
    "NO_ID",
    "ImportProblems",
    "Imported",
    "ImportedSheets",
    "NoEntries",
    "import_faq",
    "import_sheets",
    "read_rows",
    "to_yaml",
]

FIELDS = ("id", "category", "question", "answer", "phrasings", "keywords")
COLUMN_NAMES: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "ID", "番号", "No", "管理番号", "FAQ番号", "項番", "通番", "通し番号"),
    "category": (
        "category",
        "分類",
        "カテゴリ",
        "カテゴリー",
        "区分",
        "分野",
        "大分類",
        "分類名",
        "カテゴリ名",
    ),
    "question": ("question", "質問", "問い", "問", "Q", "質問内容", "よくある質問", "質問文", "質問事項"),
    "answer": ("answer", "回答", "答え", "答", "A", "回答内容", "回答文"),
    "phrasings": ("phrasings", "言い換え", "別の聞き方", "類似質問"),
    "keywords": ("keywords", "キーワード", "検索語"),
}
"""Headers recognised for each field (compared in NFKC without spaces, case and a closing ``.`` or ``:``;
a header's part in brackets and the rest are each compared too: 質問（Q）, Q（質問）)."""
FIELD_LABELS: Mapping[str, str] = {
    "id": "ID",
    "category": "分類",
    "question": "質問",
    "answer": "回答",
    "phrasings": "言い換え",
    "keywords": "キーワード",
}
"""Each field as the messages name it."""
HEADER_SEARCH_ROWS = 20
"""Rows searched for the header row: a sheet often opens with a title, a date or a note."""
NO_ID = "-"
"""``--id -``: ignore any ID column and number the entries by their rows (`import_faq`): row 5 is q0005."""

_ID = re.compile(ENTRY_ID_PATTERN)
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
"""Half-width katakana (ｼｽﾃﾑ, with their voiced marks: ﾊﾟｿｺﾝ), as old systems and some typists write them."""
_DITTO = frozenset({"〃", "同上"})
"""A cell that says "the same as above" (a category 〃, an answer 同上): read as the entry above's."""
_LIST_SPLIT = re.compile(r"[\n;；]|、(?=\S)")
_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"[（(【\[「〈<]([^）)】\]」〉>]*)[）)】\]」〉>]")
_CLOSING_MARKS = ".:：．。"
_MARKERS = {
    "question": re.compile(r"^(?:[QqＱｑ][0-9０-９]*[.．:：)）]|(?:問い?|質問)[0-9０-９]*[.．:：、)）])\s*"),
    "answer": re.compile(r"^(?:[AaＡａ][0-9０-９]*[.．:：)）]|(?:答え?|回答)[0-9０-９]*[.．:：、)）])\s*"),
}
"""A question's or an answer's own marker at its start (Q1. 粗大ごみは？, A：事前に…, 答え、…).

A letter before 「、」 is no marker: 「A4、A3のどちらでも」 names paper sizes, 「A、B、Cの順に」 a list."""
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(ord("！"), ord("～") + 1)}
"""Full-width ASCII (Ｍ００１, typed with the input method on) to half-width: an ID as its writer meant it."""
_TAG = r"/?(?:a|b|br|div|em|font|h[1-6]|i|img|li|ol|p|span|strong|table|td|th|tr|u|ul)\b[^<>]*"
_HTML_TAG = re.compile(rf"<{_TAG}>", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<br\b[^<>]*>|</(?:p|div|li|tr|h[1-6])>", re.IGNORECASE)
_HTML_ITEM = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_HTML_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_HTML_SCRIPT = re.compile(r"<(script|style)\b[^<>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
"""A script or a style sheet, with what it holds: code, never text for people."""
_HTML_LINK = re.compile(r"<a\b[^<>]*?href=[\"']([^\"']+)[\"'][^<>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")
_HEADING_MARKS = re.compile(r"^[■□●○◆◇▼▽▲△◎★☆・\s]+|[【】\[\]［］]")
"""A section heading's decoration (■ ごみ, 【ごみ】), not its name."""
_QUESTION_END = re.compile(r"(?:[?？]|か[。．.]?)$")
_EMPTY_SECTION = "{}行目: 見出し「{}」の下に質問がありません（質問であれば回答を入れてください）"
_UNSAVED_WHY = (
    "（Excel以外のソフトで作られたファイルの数式は、計算結果が保存されていないため空として読まれます。"
    "Excelで開いて上書き保存してから、もう一度読み込んでください）"
)


class NoEntries(ImportProblems):
    """A sheet without a single entry: no rows, no header row, or none below it with a question and answer.

    Alone, it is the import's problem; beside other sheets that have entries, a sheet named and left out.
    A column given (``--answer 回答内容``) that the sheet does not have is no such thing: its FAQ is there.
    """


@dataclass
class Imported:
    """What an import produced: the entries, how many blank rows were skipped, and the header's row."""

    entries: list[FaqEntry] = field(default_factory=list)
    blank_rows: int = 0
    """Rows without any text, in any column."""
    heading_rows: int = 0
    header_row: int = 1
    """The header's row number (from 1); the rows above it (a title, a date) were not read as entries."""
    header_end: int = 1
    """The header's last row: the next when a second header row continues it (cells merged down)."""
    header_repeats: list[int] = field(default_factory=list)
    """Rows below the header that repeat its names (a header printed on every page): skipped."""
    hidden_rows: list[int] = field(default_factory=list)
    """Rows with text that Excel hides: skipped, as a person reading the sheet does not see them."""
    dittos: list[int] = field(default_factory=list)
    """Rows with a category or answer 〃 or 同上, read as the entry above's."""
    numbered_rows: int = 0
    """Rows with nothing but a number in the ID column (a sheet numbered ahead for entries to come)."""
    unread: list[str] = field(default_factory=list)
    """Columns whose header names a field read from another column (lines for people)."""
    same_questions: list[list[int]] = field(default_factory=list)
    """The rows of entries asking the same question, a list per question (imported all the same)."""
    rows: list[int] = field(default_factory=list)
    """Each entry's row number, in the order of `entries`."""
    named_rows: list[int] = field(default_factory=list)
    """Rows whose category is the ``category`` given to `import_faq` (a sheet's name): they had none."""
    category_column: bool = False
    """Whether a column was read as the category."""


def import_faq(
    rows: Sequence[Sequence[str]],
    columns: Mapping[str, str] | None = None,
    *,
    headings: bool = False,
    hidden: Collection[int] = (),
    failed_formulas: Mapping[tuple[int, int], str] | None = None,
    hidden_columns: Collection[int] = (),
    links: Mapping[tuple[int, int], str] | None = None,
    category: str = "",
    id_prefix: str = "",
) -> Imported:
    """Turn rows (a header row, then one row an entry) into FAQ entries; raise `ImportProblems`.

    ``columns`` names a field's column (its header, letter or number); ``{"id": NO_ID}`` ignores any
    ID column and names each entry by its row's number. The header is the first of the first
    `HEADER_SEARCH_ROWS` rows that has the question and answer columns, with the row below it when
    that repeats the header's question and answer (a two-row header). With ``headings``, a row with one
    cell and no answer is a section heading whose text is the category of the rows below it. Rows
    numbered in ``hidden`` (hidden in Excel) are skipped and listed. A row with a cell read in
    ``failed_formulas`` (by row number and column index: the error it shows, or "" for a formula saved
    without its result) is a problem. A column in ``hidden_columns`` (hidden in Excel) is read for a field
    only when no column a person sees has its header. An answer cell in ``links`` (by row number and column
    index) is read with the address its link goes to after its text. A row with nothing but its ID is
    skipped and counted (a sheet numbered ahead). A category or answer 〃 or 同上 is the one of the entry
    read above it (`Imported.dittos`). A row left without a category (by its cell and any heading) has
    ``category`` (`Imported.named_rows`). An id made from a row's number starts with ``id_prefix``.
    A sheet without a single entry, and no other problem, raises `NoEntries`.
    """
    if not rows:
        raise NoEntries(["ファイルに行がありません（列の項目名の行が必要です）"])
    header, where = _header(rows, columns or {}, hidden_columns)
    names, below = list(rows[header]), header + 1
    if below < len(rows) and _repeats_header(rows[below], rows[header], where):
        names, below = _joined(names, rows[below]), below + 1
    unread = _unread(names, rows[below:], where, columns or {}, hidden_columns)
    ids = {_header_key(name) for name in COLUMN_NAMES["id"]}
    number_column = where.get("id", next((i for i, n in enumerate(names) if _header_keys(n) & ids), None))
    imported = Imported(
        header_row=header + 1, header_end=below, unread=unread, category_column="category" in where
    )
    problems: list[str] = []
    seen: dict[str, int] = {}
    numbered: set[int] = set()  # the rows whose id was made from their number (no id given)
    above: dict[str, str] | None = None  # the cells of the entry last read: what 〃 and 同上 repeat
    section, unused = "", 0  # the current heading, and its row while no entry has come under it
    for number, row in enumerate(rows[below:], start=below + 1):
        failed = {name: (failed_formulas or {}).get((number, index)) for name, index in where.items()}
        formulas = {name: error for name, error in failed.items() if error is not None}
        if not formulas and not any(cell.strip() for cell in row):
            imported.blank_rows += 1
            continue
        if _numbered_only(row, number_column):
            imported.numbered_rows += 1
            continue
        if number in hidden:
            imported.hidden_rows.append(number)
            continue
        if formulas:
            explained = any(_UNSAVED_WHY in problem for problem in problems)
            problems.append(f"{number}行目: {_formula_problem(formulas, where, explained=explained)}")
            continue
        if _repeats_header(row, rows[header], where):
            imported.header_repeats.append(number)
            continue
        cells = {name: _tidy(name, _cell(row, index)) for name, index in where.items()}
        if cells.get("answer") and (address := (links or {}).get((number, where["answer"]))):
            cells["answer"] = _linked(cells["answer"], address)
        if headings and (heading := _heading(row, cells, max(where["question"], where["answer"]))):
            if unused:
                problems.append(_EMPTY_SECTION.format(unused, section))
            section, unused = heading, number
            imported.heading_rows += 1
            if len(section) > CATEGORY_MAX:
                problems.append(
                    f"{number}行目: 見出し「{section}」は分類にするには長すぎます（{CATEGORY_MAX}文字まで）"
                )
            continue
        unused = 0
        dittos = [name for name in ("category", "answer") if cells.get(name) in _DITTO]
        if dittos and above is None:
            problems.extend(
                f"{number}行目: {FIELD_LABELS[name]}が「{cells[name]}」ですが、上に読んだ行がありません"
                "（値をそのまま書いてください）"
                for name in dittos
            )
            continue
        if dittos and above is not None:
            cells.update({name: above.get(name, "") for name in dittos})
            imported.dittos.append(number)
        if section and not cells.get("category"):
            cells["category"] = section
        named = bool(category) and not cells.get("category")
        if named:
            cells["category"] = category
        entry_id = cells.get("id") or f"{id_prefix}q{number:04d}"
        missing = [label for name, label in (("question", "質問"), ("answer", "回答")) if not cells.get(name)]
        if missing:
            held = _held(row) if "質問" in missing else ""
            problems.append(f"{number}行目: {'と'.join(missing)}が空です{held}")
            continue
        if entry_id in seen:
            problems.append(
                _id_used_twice(entry_id, number, seen[entry_id], numbered, given=bool(cells.get("id")))
            )
            continue
        seen[entry_id] = number
        if not cells.get("id"):
            numbered.add(number)
        try:
            entry = FaqEntry.model_validate(
                {
                    "id": entry_id,
                    "category": cells.get("category", ""),
                    "question": cells["question"],
                    "answer": cells["answer"],
                    "phrasings": _items(cells.get("phrasings", "")),
                    "keywords": _items(cells.get("keywords", "")),
                }
            )
        except ValidationError as exc:
            problems.extend(f"{number}行目: {_describe(error)}" for error in exc.errors())
            continue
        imported.entries.append(entry)
        imported.rows.append(number)
        if named:
            imported.named_rows.append(number)
        above = {**cells, "category": "" if named else cells.get("category", "")}
    if unused:
        problems.append(_EMPTY_SECTION.format(unused, section))
    if not imported.entries and not problems:  # written out, it would replace a whole FAQ with none
        hidden_rows = len(imported.hidden_rows)
        why = f"（{hidden_rows}行はExcelで非表示です。フィルターや非表示を解除してから読み込んでください）"
        raise NoEntries([f"{below}行目より下に、質問と回答のある行がありません{why if hidden_rows else ''}"])
    if problems:
        raise ImportProblems(problems)
    groups = same_questions(imported.entries)
    imported.same_questions = [[imported.rows[at] for at in group] for group in groups]
    return imported


@dataclass
class ImportedSheets:
    """What an import of several sheets produced: each sheet's `Imported`, and the sheets left out."""

    sheets: list[tuple[str, Imported]] = field(default_factory=list)
    """Each sheet with entries, by its name, in the order read."""
    empty: list[tuple[str, list[str]]] = field(default_factory=list)
    """Each sheet without a single entry, by its name, with why (`NoEntries`)."""
    same_questions: list[list[str]] = field(default_factory=list)
    """The places of entries asking the same question, on one sheet or on several (「ごみ」シート 2行目),
    a sheet named once for its rows (「税」シート 2行目と5行目)."""

    @property
    def entries(self) -> list[FaqEntry]:
        """Every sheet's entries, in the order read."""
        return [entry for _, imported in self.sheets for entry in imported.entries]


def import_sheets(
    sheets: Sequence[Sheet], columns: Mapping[str, str] | None = None, *, headings: bool = False
) -> ImportedSheets:
    """A workbook's sheets (a sheet for each category) as one FAQ (`import_faq`); raise `ImportProblems`.

    Unless a category column is given (``columns``), a row without a category has its sheet's name. An id
    made from a row's number starts with the sheet's place (``s2-`` on the second sheet read), so the same
    row on two sheets gives two ids; an id written on two sheets is a problem naming both. Each problem
    starts with its sheet (「ごみ」シート 12行目: …). A sheet without a single entry is left out and listed
    (`ImportedSheets.empty`); when no sheet has one, their reasons are the problems.
    """
    given = columns or {}
    result = ImportedSheets()
    problems: list[str] = []
    for order, sheet in enumerate(sheets, start=1):
        try:
            imported = import_faq(
                sheet.rows,
                given,
                headings=headings,
                hidden=sheet.hidden,
                failed_formulas=sheet.failed_formulas,
                hidden_columns=sheet.hidden_columns,
                links=sheet.links,
                category="" if given.get("category") else sheet.name,
                id_prefix=f"s{order}-",
            )
        except NoEntries as exc:
            result.empty.append((sheet.name, exc.problems))
        except ImportProblems as exc:
            problems.extend(_on_sheet(sheet.name, problem) for problem in exc.problems)
        else:
            result.sheets.append((sheet.name, imported))
    seen: dict[str, str] = {}
    for name, imported in result.sheets:
        for entry, number in zip(imported.entries, imported.rows, strict=True):
            place = _on_sheet(name, f"{number}行目")
            if entry.id in seen:
                problems.append(f"{place}: ID「{entry.id}」は{seen[entry.id]}でも使われています")
            else:
                seen[entry.id] = place
    if not result.sheets and not problems:
        problems = [_on_sheet(name, why) for name, reasons in result.empty for why in reasons]
    if problems:
        raise ImportProblems(problems)
    places = [(name, number) for name, imported in result.sheets for number in imported.rows]
    result.same_questions = [
        _places([places[at] for at in group]) for group in same_questions(result.entries)
    ]
    return result


def _places(rows: Sequence[tuple[str, int]]) -> list[str]:
    """Rows (sheet, number), each sheet named once for its rows: 「税」シート 2行目, 5行目, 「ごみ」…."""
    said = []
    for at, (name, number) in enumerate(rows):
        row = f"{number}行目"
        said.append(row if at and rows[at - 1][0] == name else _on_sheet(name, row))
    return said


def _on_sheet(name: str, problem: str) -> str:
    """A problem or a row named with its sheet: 「ごみ」シート 12行目: …, 「ごみ」シート: 質問の列が…."""
    return f"「{name}」シート{' ' if problem[:1].isdigit() else ': '}{problem}"


def _formula_problem(formulas: Mapping[str, str], where: Mapping[str, int], *, explained: bool) -> str:
    """What is wrong with a row's formulas (by field: the error shown, or "" when saved without a result).

    Why a result can be missing, and what to do, is said the first time only (``explained``).
    """

    def cells(errors: bool) -> str:
        return "・".join(
            f"{FIELD_LABELS[name]}（{_letter(where[name])}列）{f'は数式のエラー（{error}）' if error else ''}"
            for name, error in formulas.items()
            if bool(error) == errors
        )

    said = []
    if unsaved := cells(errors=False):
        why = "" if explained else _UNSAVED_WHY
        said.append(f"{unsaved}の数式の計算結果がファイルに保存されていません{why}")
    if wrong := cells(errors=True):
        said.append(f"{wrong}です（Excelで数式か参照先を直し、保存してから読み込んでください）")
    return "。".join(said)


def _id_used_twice(entry_id: str, number: int, first: int, numbered: Collection[int], *, given: bool) -> str:
    """The problem of an id used on two rows, saying which of them had it made from its row's number.

    A row without an id is named ``q0005`` after its row: in a sheet whose own ids look the same, that
    meets another row's id, and "ID「q0005」" alone would name an id the row does not show.
    """
    fix = f"（空のIDを埋めるか、--id {NO_ID} ですべてのIDを行番号から振ってください）"
    if not given:
        return f"{number}行目: IDが空のため行番号から振ったID「{entry_id}」は、{first}行目のIDと同じです{fix}"
    if first in numbered:
        return f"{number}行目: ID「{entry_id}」は、IDが空の{first}行目に行番号から振ったIDと同じです{fix}"
    return f"{number}行目: ID「{entry_id}」は{first}行目でも使われています"


def _numbered_only(row: Sequence[str], column: int | None) -> bool:
    """Whether ``row`` holds nothing but an id in the ID ``column``: a row numbered ahead, to be filled in.

    Text there that is no id (「■ ごみ」) is a heading or a note, which is reported, never skipped.
    """
    filled = [at for at, cell in enumerate(row) if cell.strip()]
    return column is not None and filled == [column] and bool(_ID.match(_tidy("id", _cell(row, column))))


def _repeats_header(row: Sequence[str], header: Sequence[str], where: Mapping[str, int]) -> bool:
    """Whether ``row`` holds the header's own names in its question and answer columns."""
    return all(
        _cell(row, where[name])
        and _header_key(_cell(row, where[name])) == _header_key(_cell(header, where[name]))
        for name in ("question", "answer")
    )


def _joined(header: Sequence[str], second: Sequence[str]) -> list[str]:
    """A two-row header's names: a sub-heading joins the heading above it (担当 over 課名: 担当（課名）)."""
    names = []
    for index in range(max(len(header), len(second))):
        top, sub = _cell(header, index), _cell(second, index)
        if not top or not sub or _header_key(top) == _header_key(sub):
            names.append(top or sub)
        else:
            names.append(f"{top}（{sub}）")
    return names


def _heading(row: Sequence[str], cells: Mapping[str, str], last: int) -> str:
    """A section heading's name, when the row is one: one cell, no answer, and not worded as a question.

    The cell must be in the question and answer columns or left of them (``last`` is the rightmost):
    a heading opens the row, while text alone in a column further right is a note (備考).
    """
    filled = [(at, cell.strip()) for at, cell in enumerate(row) if cell.strip()]
    if cells.get("answer") or len(filled) != 1 or filled[0][0] > last or _QUESTION_END.search(filled[0][1]):
        return ""
    return _HEADING_MARKS.sub("", filled[0][1]).strip()


def to_yaml(entries: Sequence[FaqEntry]) -> str:
    """The entries in faq.yaml's format (empty lists left out)."""
    data = [
        {key: value for key, value in entry.model_dump().items() if value not in ([], "")}
        for entry in entries
    ]
    header = "# Imported with python -m bot import-faq; check it with python -m bot check.\n"
    return header + dump_blocks(data)


def _header(
    rows: Sequence[Sequence[str]], given: Mapping[str, str], hidden_columns: Collection[int] = ()
) -> tuple[int, dict[str, int]]:
    """The header row's index and where each field is, from the first row that has question and answer.

    A row qualifies when both columns are found by their header, or, for a column given by letter or
    number, when its cell is not empty (a title above the header fills one cell only).
    """
    first_problems: list[str] | None = None
    for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        try:
            where = _columns(row, given, hidden_columns)
        except ImportProblems as exc:
            first_problems = exc.problems if first_problems is None else first_problems
            continue
        if all(_cell(row, where[name]) for name in ("question", "answer")):
            return at, where
        first_problems = first_problems or ["項目名の行が見つかりません（質問と回答の列の項目名が空です）"]
    searched = min(len(rows), HEADER_SEARCH_ROWS)
    empty = _empty_given(rows[:searched], given)
    if empty:  # the cause, not what follows from it (no header row, the other column not found)
        raise ImportProblems(empty)
    unknown = _unknown_given(rows[:searched], given)
    if unknown:
        raise ImportProblems(unknown)
    raise NoEntries([*(first_problems or []), f"先頭の{searched}行に項目名の行がありません"])


def _unknown_given(rows: Sequence[Sequence[str]], given: Mapping[str, str]) -> list[str]:
    """A problem for each column given by a header that no row has, naming the header row's names.

    When the rows have a header without that column (the name is mistyped: --answer 回答内容 where the
    header says 回答), that is the one problem, not what follows from it (no header row found).
    """
    unknown = {
        name: wanted
        for name, wanted in given.items()
        if wanted != NO_ID
        and _given_column(wanted, []) is None
        and not any(_header_key(wanted) in _header_keys(cell) for row in rows for cell in row)
    }
    if not unknown:
        return []
    try:
        at, _ = _header(rows, {name: wanted for name, wanted in given.items() if name not in unknown})
    except ImportProblems:
        return []
    names = "".join(f"「{cell.strip()}」" for cell in rows[at] if cell.strip())
    return [
        f"{FIELD_LABELS[name]}の列「{wanted}」がありません（{at + 1}行目の項目名は{names}です。"
        "列は項目名、A・B などの列の記号、1から数えた列の番号のどれかで指定してください）"
        for name, wanted in unknown.items()
    ]


def _empty_given(rows: Sequence[Sequence[str]], given: Mapping[str, str]) -> list[str]:
    """A problem for each column given by its letter (--answer Z) that has no text in ``rows``."""
    problems = []
    for name, wanted in given.items():
        key = _header_key(wanted)
        named = any(key in _header_keys(cell) for row in rows for cell in row)
        index = None if named or wanted == NO_ID else _given_column(wanted, [])
        if index is not None and not any(_cell(row, index) for row in rows):
            problems.append(f"{FIELD_LABELS[name]}の列「{wanted}」は先頭の{len(rows)}行がすべて空です")
    return problems


def _columns(
    header: Sequence[str], given: Mapping[str, str], hidden_columns: Collection[int] = ()
) -> dict[str, int]:
    """Where each field is in ``header``: given by the caller, else found by its header.

    Of two columns with a field's header, the one a person sees wins over one hidden in Excel
    (回答（旧） hidden beside 回答); a hidden column is read when it is the only one (an ID out of sight).
    """
    keys = [_header_keys(cell) for cell in header]
    where: dict[str, int] = {}
    problems: list[str] = []
    for name in FIELDS:
        wanted = given.get(name)
        if wanted == NO_ID and name == "id":
            continue
        if wanted:
            index = _given_column(wanted, keys)
            if index is None:
                problems.append(
                    f"{FIELD_LABELS[name]}の列「{wanted}」がありません（列は項目名、"
                    "A・B などの列の記号、1から数えた列の番号のどれかで指定してください）"
                )
            else:
                where[name] = index
            continue
        candidates = {_header_key(c) for c in COLUMN_NAMES[name]}
        taken = set(where.values())
        found_all = [i for i, k in enumerate(keys) if k & candidates and i not in taken]
        found = next((i for i in found_all if i not in hidden_columns), found_all[0] if found_all else None)
        if found is not None:
            where[name] = found
    for name, label in (("question", "質問"), ("answer", "回答")):
        if name not in where and not given.get(name):
            names = "、".join(COLUMN_NAMES[name][1:4])
            problems.append(
                f"{label}の列が見つかりません（項目名を「{names}」のどれかにするか、"
                f"--{name} で列を指定してください）"
            )
    if problems:
        raise ImportProblems(problems)
    return where


def _unread(
    header: Sequence[str],
    below: Sequence[Sequence[str]],
    where: Mapping[str, int],
    given: Mapping[str, str],
    hidden_columns: Collection[int] = (),
) -> list[str]:
    """Every column that is not read and holds text, each as a line for people.

    A second column for a field found by its header elsewhere (回答（英語） beside 回答) says how to
    read it instead; any other (担当課, 更新日) is named, and so is one without a header whose cells
    below hold text (an answer's continuation, a note), so that no column is left out unseen.
    """
    keys = [_header_keys(cell) for cell in header]
    taken = set(where.values())
    notes: dict[int, str] = {}
    for name, index in where.items():
        if given.get(name):
            continue
        candidates = {_header_key(c) for c in COLUMN_NAMES[name]}
        for other, names in enumerate(keys):
            if other not in taken and other not in notes and names & candidates:
                hidden = "はExcelで非表示の列のため" if other in hidden_columns else "は"
                notes[other] = (
                    f"{_letter(other)}列「{header[other].strip()}」{hidden}読んでいません（{FIELD_LABELS[name]}は"
                    f"{_letter(index)}列「{header[index].strip()}」から読みました。"
                    f"こちらを読むには --{name} {_letter(other)} を付けてください）"
                )
    ids = {_header_key(c) for c in COLUMN_NAMES["id"]}
    for other, cell in enumerate(header):
        if other in taken or other in notes or not cell.strip():
            continue
        if given.get("id") == NO_ID and keys[other] & ids:
            notes[other] = f"{_letter(other)}列「{cell.strip()}」は --id {NO_ID} の指定により読んでいません"
        else:
            notes[other] = f"{_letter(other)}列「{cell.strip()}」はFAQの項目にないため読んでいません"
    width = max((len(row) for row in below), default=0)
    for other in range(width):
        if other in taken or other in notes:
            continue
        filled = sum(1 for row in below if _cell(row, other))
        if filled:
            notes[other] = (
                f"{_letter(other)}列は項目名がないため読んでいません（{filled}行に文字があります。"
                "読むには項目名を付けるか、--answer などで列を指定してください）"
            )
    return [notes[other] for other in sorted(notes)]


def _held(row: Sequence[str]) -> str:
    """What a row without its question holds, so that a total, a note or a heading is recognised at once.

    (この行にあるのは A列「件数」、D列「67」だけです): the row number alone sends the reader to the
    spreadsheet to find out why a row they never meant as a question was read as one.
    """
    filled = [(index, cell.strip()) for index, cell in enumerate(row) if cell.strip()]
    if not filled:
        return ""
    shown = "、".join(f"{_letter(i)}列「{_short(text)}」" for i, text in filled[:3])
    return f"（この行にあるのは {shown}{'などです' if len(filled) > 3 else 'だけです'}）"


def _short(text: str, limit: int = 20) -> str:
    """A cell on one line, cut to ``limit`` characters with 「…」."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _letter(index: int) -> str:
    """A column's letter as Excel shows it (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _given_column(wanted: str, keys: Sequence[frozenset[str]]) -> int | None:
    """A column named by its header, its letter (B) or its number (2, counting from 1)."""
    key = _header_key(wanted)
    for index, names in enumerate(keys):
        if key in names:
            return index
    if wanted.isdigit() and 0 < int(wanted) <= max(len(keys), 1):
        return int(wanted) - 1
    if re.fullmatch(r"[A-Za-z]{1,2}", wanted):
        index = 0
        for letter in wanted.upper():
            index = index * 26 + ord(letter) - ord("A") + 1
        return index - 1
    return None


def _header_key(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(text))).casefold().rstrip(_CLOSING_MARKS)


def _header_keys(text: str) -> frozenset[str]:
    """A header cell's keys: the whole, the whole without its bracketed part, and that part (質問（Q）)."""
    whole = unicodedata.normalize("NFKC", str(text))
    parts = [whole, _BRACKETED.sub("", whole), *_BRACKETED.findall(whole)]
    return frozenset(key for key in map(_header_key, parts) if key)


def _cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _tidy(name: str, text: str) -> str:
    """A question's or answer's cell without its Q/A marker and as plain text (HTML from a CMS).

    An ID's full-width letters and digits are made half-width: Japanese Excel users often type
    them with the input method on, and 「Ｍ００１」 means M001. A category's half-width katakana are made
    full-width: ｼｽﾃﾑ on some rows and システム on others is one category, one button in the menu.
    """
    if name == "id":
        return text.translate(_HALF_WIDTH)
    if name == "category":
        return _HALF_WIDTH_KANA.sub(lambda kana: unicodedata.normalize("NFKC", kana.group()), text)
    if name not in _MARKERS:
        return text
    if _HTML_TAG.search(text) or _HTML_SCRIPT.search(text):
        text = _HTML_SCRIPT.sub("", text)
        text = _HTML_CELL_END.sub(" ", _HTML_LINK.sub(_link_text, text))
        text = _HTML_ITEM.sub("・", _HTML_BREAK.sub("\n", text))
        text = html.unescape(_HTML_TAG.sub("", text))
        text = _BLANK_LINES.sub("\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()
    return _MARKERS[name].sub("", text, count=1)


def _link_text(link: re.Match[str]) -> str:
    return _linked(_HTML_TAG.sub("", link.group(2)).strip(), link.group(1))


def _linked(label: str, address: str) -> str:
    """A link's text as staff can follow it in a chat: its label, then its address in brackets.

    A label that shows the address already (「詳しくは https://… をご覧ください」) is enough as it is.
    """
    if not label:
        return address
    return label if address in label else f"{label}（{address}）"


def _items(text: str) -> list[str]:
    """A cell of several items: one a line, or separated by ; or 、."""
    return [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]


def _describe(error: Mapping[str, Any]) -> str:
    """A validation error for people: what the FAQ's format asks of an id or a category, else the field."""
    place = ".".join(str(part) for part in error.get("loc", ()))
    if place == "id":
        return (
            f"ID「{error.get('input')}」は使えません（半角の英数字と - _ . で48文字まで）。"
            f"ID の列を使わず行番号で振るには --id {NO_ID} を付けてください"
        )
    if place == "category":
        too_long = f"が長すぎます（分類は{CATEGORY_MAX}文字までです。分類の列の指定を確かめてください）"
        return f"分類「{error.get('input')}」{too_long}"
    return f"「{place}」の値が正しくありません（{error.get('msg', '')}）"
