"""A spreadsheet read into rows of text, as a person sees it: Excel (.xlsx, .xls) or CSV.

Rows are lists of cell texts, the sheet's first row first. A cell with a
number format reads as Excel shows it (300円, 1,234,567, 25%, 00012,
2026年11月30日: `bot.knowledge.numformat`); otherwise a number that is whole
reads as an integer (an id 101, not 101.0) and a date in a plain date format
as 2026/05/01 (with its time when it has one: 2026/05/01 9:30), never as its
serial number. A cell merged over several
rows (a category beside its questions, one answer for two questions) gives
its value to each row it covers; a cell merged across a row stays one cell.
A cell of an .xlsx keeps the address of its link (a hyperlink on the cell, or
a HYPERLINK formula) in `Sheet.links`, and a column Excel hides is listed in
`Sheet.hidden_columns`, as hidden rows are in `Sheet.hidden`. A character
Excel escapes in its XML (``_x000D_``, the CR of text pasted from another
program) reads as itself, a CR as a line break.
A formula reads as the result Excel saved with it. One saved without a
result (an .xlsx written by a program, not by Excel) and one whose result is
an error (#N/A from a lookup that found nothing) are listed in
`Sheet.failed_formulas`, so that they are reported, not read as empty or as
the text "#N/A".
A CSV file may be UTF-8 (with or without the BOM Excel writes), Shift_JIS
(cp932, Excel's "CSV" on Japanese Windows) or UTF-16 with its BOM (Excel's
"Unicode text", tab-separated); a text file whose first line has more tabs
than commas is read as tab-separated; a stray NUL character, or a cell over
csv's size limit (a quote left open), is reported by its row. A file that cannot be read raises
`ImportProblems` with a line for people, never a traceback; a sheet the
workbook does not have, `NoSuchSheet`; an .xlsx that unpacks to more than `XLSX_LIMIT` (a zip bomb) is refused
before any of it is read. Several sheets of one workbook are read
at once by `read_sheets` (an FAQ kept on a sheet for each category).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from bot.knowledge.numformat import display

__all__ = [
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "ImportProblems",
    "NoSuchSheet",
    "Sheet",
    "input_problem",
    "read_rows",
    "read_sheet",
    "read_sheets",
]


class ImportProblems(Exception):
    """The file cannot be imported; ``problems`` are lines for people, each with its row where known."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class NoSuchSheet(ImportProblems):
    """``--sheet`` names a sheet the workbook does not have: bad usage, like a file that is not there."""


_UNREADABLE_EXCEL = (
    "Excelファイルとして読み込めません（壊れているか、パスワードで保護されているか、"
    "拡張子と中身の形式が違います。Excelで開けるなら、別名で保存し直してください）"
)


_HYPERLINK = re.compile(r'\s*HYPERLINK\(\s*"((?:[^"]|"")+)"', re.IGNORECASE)
"""A HYPERLINK formula whose address is written in it (not taken from another cell)."""
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How Excel writes a character its XML cannot hold: ``_x000D_`` (a CR), ``_x005F_`` (the ``_`` of a
typed ``_x000D_``). openpyxl leaves them as they are."""

_ERA_DAY = '[$-411]ggge"年"m"月"d"日"'
_ERA_SHORT = "[$-411]ge.m.d"
_JAPANESE_FORMATS = {
    27: _ERA_SHORT,
    28: _ERA_DAY,
    29: _ERA_DAY,
    30: "m/d/yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"時"mm"分"',
    33: 'h"時"mm"分"ss"秒"',
    34: 'yyyy"年"m"月"',
    35: 'm"月"d"日"',
    36: _ERA_SHORT,
    50: _ERA_SHORT,
    51: _ERA_DAY,
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: _ERA_DAY,
    55: 'yyyy"年"m"月"',
    56: 'm"月"d"日"',
    57: _ERA_SHORT,
    58: _ERA_DAY,
}
"""Japanese Excel's own built-in date formats (2026年11月30日, 令和8年11月30日, R8.11.30): a workbook
names them by number only, which the readers do not know (openpyxl reads such a cell as General, its
date as a number)."""

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SUFFIXES = (*WORKBOOK_SUFFIXES, *TEXT_SUFFIXES)
"""The files read as spreadsheets: workbooks, which have sheets, and text files, which do not."""


def input_problem(path: Path, sheets: Sequence[str] = (), *, every: bool = False) -> str:
    """Why ``path`` (its ``sheets``, or ``every`` sheet) cannot be read, seen without opening it, or "".

    A line for people. A text file has no sheets: naming one, or asking for all, is bad usage.
    """
    if not path.exists():
        return f"{path}: ファイルが見つかりません"
    if not path.is_file():
        return f"{path}: フォルダです。読み込む表のファイルを指定してください"
    if (sheets or every) and path.suffix.lower() not in WORKBOOK_SUFFIXES:
        option = "--all-sheets" if every else "--sheet"
        return f"{path}: CSVにはシートがありません（{option} は .xlsx と .xls のときに使います）"
    return ""


@dataclass
class Sheet:
    """A sheet read: its rows, its name and the workbook's other sheets, and the rows Excel hides."""

    rows: list[list[str]]
    name: str = ""
    """The sheet's name ("" for a CSV file, which has no sheets)."""
    others: list[str] = field(default_factory=list)
    """The workbook's other sheets, not read."""
    hidden: frozenset[int] = frozenset()
    """The hidden rows' numbers (from 1, as Excel numbers them)."""
    failed_formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """The formula cells without a result to read, by (row number from 1, column index from 0): the error
    Excel shows (``#N/A``), or "" for a formula saved without its result."""
    hidden_columns: frozenset[int] = frozenset()
    """The hidden columns' indexes (from 0: column A is 0)."""
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    """The addresses the cells link to (.xlsx), by (row number from 1, column index from 0): a cell shows
    only its link's label (「こちら」), and the address would otherwise be lost."""
    hidden_others: list[str] = field(default_factory=list)
    """Those of `others` that Excel hides (hidden or "very hidden"), read only when named."""


def read_rows(path: Path, sheet: str | None = None) -> list[list[str]]:
    """Every row of the file as text cells (the header row first)."""
    return read_sheet(path, sheet).rows


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The file's sheet (``sheet``, else the first Excel shows): its rows as text cells, and what else.

    A sheet Excel hides (an old version kept out of sight, the lists behind a drop-down) is never read
    unasked: a person opening the workbook never sees it.
    """
    return read_sheets(path, () if sheet is None else (sheet,))[0]


def read_sheets(path: Path, sheets: Sequence[str] = (), *, every: bool = False) -> list[Sheet]:
    """The file's sheets read (`read_sheet`): those named, or ``every`` one Excel shows and those named.

    Named sheets are read in the order given; with ``every``, in the workbook's; with neither, the first
    Excel shows. A text file is one sheet without a name. Each sheet's `Sheet.others` are the workbook's
    sheets not read.
    """
    if problem := input_problem(path, sheets, every=every):
        raise ImportProblems([problem])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheets(path, sheets, every)
    if suffix == ".xls":
        return _xls_sheets(path, sheets, every)
    if suffix in TEXT_SUFFIXES:
        return [Sheet(_csv_rows(path, "\t" if suffix == ".tsv" else ","))]
    raise ImportProblems([f"{path}: 対応していない形式です（.xlsx、.xls か .csv にしてください）"])


def _chosen(path: Path, sheets: Sequence[str], every: bool, shown: Sequence[tuple[str, bool]]) -> list[str]:
    """The names of the sheets to read, of the workbook's (name, shown in Excel) in its order."""
    names = [name for name, _ in shown]
    missing = [sheet for sheet in dict.fromkeys(sheets) if sheet not in names]
    if missing:
        has = "、".join(names)
        raise NoSuchSheet([f"{path}: シート「{sheet}」がありません（あるのは {has}）" for sheet in missing])
    if every:
        return [name for name, visible in shown if visible or name in sheets] or names[:1]
    if sheets:
        return list(dict.fromkeys(sheets))
    return ([name for name, visible in shown if visible] or names)[:1]


def _with_others(read: list[Sheet], shown: Sequence[tuple[str, bool]]) -> list[Sheet]:
    """The sheets read, each knowing the workbook's sheets (name, shown in Excel) that were not."""
    titles = {sheet.name for sheet in read}
    for sheet in read:
        sheet.others = [name for name, _ in shown if name not in titles]
        sheet.hidden_others = [name for name, visible in shown if name not in titles and not visible]
    return read


XLSX_LIMIT = 50 * 1024 * 1024
"""The most an .xlsx may hold unpacked (its parts together), in bytes. An FAQ of 10,000 entries with long
answers is some 15 MB; openpyxl takes some ten times a sheet's XML in memory, so that a file a few hundred
kilobytes big, unpacking to gigabytes (a zip bomb, in a file a ward was sent), would exhaust it."""


def _xlsx_within_limit(path: Path) -> None:
    """Refuse (`ImportProblems`) an .xlsx whose parts unpack to more than `XLSX_LIMIT`, before reading any.

    The sizes are the archive's own: zipfile never unpacks a part beyond the size its directory states
    (a part that would is a damaged file), so that what openpyxl reads next is bounded by them.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportProblems([f"{path}: {_UNREADABLE_EXCEL}"]) from exc
    if unpacked > XLSX_LIMIT:
        raise ImportProblems(
            [
                f"{path}: 中身を展開すると{unpacked / 1024**2:,.0f}MBになるため、読み込みません"
                f"（読み込めるのは{XLSX_LIMIT // 1024**2}MBまでです。送られてきたファイルなら、"
                "FAQの表だけを新しいブックに貼り付けて保存し直してください）"
            ]
        )


def _xlsx_sheets(path: Path, sheets: Sequence[str], every: bool) -> list[Sheet]:
    """The sheets chosen (`_chosen`) of an .xlsx workbook, opened once (`_xlsx_within_limit` first)."""
    from openpyxl import load_workbook

    _xlsx_within_limit(path)
    try:
        # Not read-only: a read-only sheet does not know its merged cells (a few seconds at most for an FAQ).
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # a damaged or encrypted workbook: say so, never a traceback
        raise ImportProblems([f"{path}: {_UNREADABLE_EXCEL}"]) from exc
    try:
        shown = [(ws.title, ws.sheet_state == "visible") for ws in book.worksheets]
        chosen = _chosen(path, sheets, every, shown)
        return _with_others([_xlsx_sheet(path, book, book[name]) for name in chosen], shown)
    finally:
        book.close()


def _xlsx_sheet(path: Path, book: Any, worksheet: Any) -> Sheet:
    """The sheet's rows; a cell merged over several rows gives its value to each of them."""
    failed, links = _formula_cells(path, worksheet.title)
    rows = []
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        rows.append([_xlsx_text(cell, book.epoch) for cell in row])
        links.update(((number, at), address) for at, cell in enumerate(row) if (address := _link(cell)))
    for merged in worksheet.merged_cells.ranges:
        _fill_down(rows, merged.min_row - 1, merged.max_row, merged.min_col - 1)
        if link := links.get((merged.min_row, merged.min_col - 1)):
            links.update(
                ((n, merged.min_col - 1), link) for n in range(merged.min_row + 1, merged.max_row + 1)
            )
    hidden = frozenset(n for n, row in worksheet.row_dimensions.items() if row.hidden)
    hidden_columns = frozenset(
        index
        for column in worksheet.column_dimensions.values()
        if column.hidden and column.min is not None and column.max is not None
        for index in range(column.min - 1, column.max)
    )
    return Sheet(rows, worksheet.title, [], hidden, failed, hidden_columns, links)


def _formula_cells(path: Path, title: str) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """Sheet ``title``'s formulas without a result to read, and its HYPERLINK formulas' addresses.

    Both by (row from 1, column from 0): `Sheet.failed_formulas` and `Sheet.links`.

    A cell showing an error (``t="e"``) has it as its value (#N/A). Excel saves each
    formula's result beside it (``<v>``); openpyxl and other programs write the formula
    alone, or with an empty ``<v/>``, and a reader sees an empty cell. An empty result is
    one only for a text formula (``t="str"``, a formula that gives ""): a number is never
    empty. A HYPERLINK formula's result is its label only; its address is its first
    argument, read when it is written in the formula (``HYPERLINK("https://…","こちら")``).
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.cell import coordinate_to_tuple

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    # openpyxl reads a missing result and an empty one alike, as None: read the sheet's own XML.
    reader = ExcelReader(str(path), read_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        member = next(rel.target for sheet, rel in reader.parser.find_sheets() if sheet.name == title)
        failed, links = {}, {}
        with reader.archive.open(member) as xml:
            for _, element in ElementTree.iterparse(xml):
                if element.tag != f"{main}c" or not (coordinate := element.get("r")):
                    continue
                row, column = coordinate_to_tuple(coordinate)
                kind, value = element.get("t", "n"), (element.findtext(f"{main}v") or "").strip()
                formula = element.findtext(f"{main}f")
                if kind == "e":
                    failed[row, column - 1] = value
                elif kind == "n" and formula is not None and not value:
                    failed[row, column - 1] = ""
                if formula and (link := _HYPERLINK.match(formula)):
                    links[row, column - 1] = link.group(1).replace('""', '"')
                element.clear()
        return failed, links
    finally:
        reader.archive.close()


def _xls_sheets(path: Path, sheets: Sequence[str], every: bool) -> list[Sheet]:
    """The sheets chosen (`_chosen`) of an Excel 97-2003 workbook, merged cells as in `_xlsx_sheet`."""
    import xlrd

    try:
        # With the formatting read: otherwise xlrd does not know the merged cells.
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as exc:  # damaged, encrypted, or not an .xls at all
        raise ImportProblems([f"{path}: {_UNREADABLE_EXCEL}"]) from exc
    try:
        shown = [(ws.name, ws.visibility == 0) for ws in book.sheets()]
        chosen = _chosen(path, sheets, every, shown)
        return _with_others([_xls_sheet(book, book.sheet_by_name(name)) for name in chosen], shown)
    finally:
        book.release_resources()


def _xls_sheet(book: Any, worksheet: Any) -> Sheet:
    """The rows of an Excel 97-2003 workbook's sheet."""
    import xlrd

    rows = [[_xls_text(cell, book) for cell in worksheet.row(number)] for number in range(worksheet.nrows)]
    for top, end, left, _ in worksheet.merged_cells:
        _fill_down(rows, top, end, left)
    hidden = frozenset(n + 1 for n, row in worksheet.rowinfo_map.items() if row.hidden)
    hidden_columns = frozenset(n for n, column in worksheet.colinfo_map.items() if column.hidden)
    failed = {
        (number + 1, column): xlrd.error_text_from_code.get(cell.value, "#N/A")
        for number in range(worksheet.nrows)
        for column, cell in enumerate(worksheet.row(number))
        if cell.ctype == xlrd.XL_CELL_ERROR
    }
    return Sheet(rows, worksheet.name, [], hidden, failed, hidden_columns)


def _fill_down(rows: list[list[str]], top: int, end: int, column: int) -> None:
    """Give a merged cell's value (at row ``top``) to the rows below it up to ``end``, in its first column.

    Down a column only: a title or a heading merged across a row is one cell's text, not every column's.
    """
    value = rows[top][column] if column < len(rows[top]) else ""
    for row in rows[top + 1 : end]:
        if column < len(row):
            row[column] = value


def _link(cell: Any) -> str:
    """The address a cell's hyperlink goes to: "" for none, or for a place in the workbook (``location``)."""
    link = getattr(cell, "hyperlink", None)  # the cells a merged cell covers have none
    return str(link.target or "") if link is not None else ""


def _xlsx_text(cell: Any, epoch: dt.datetime) -> str:
    """An .xlsx cell's text under its number format, Japanese Excel's built-in date formats too."""
    from openpyxl.utils.datetime import from_excel

    value, number_format = cell.value, cell.number_format
    if isinstance(value, str):
        value = _EXCEL_ESCAPE.sub(lambda escaped: chr(int(escaped.group(1), 16)), value)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    japanese = _JAPANESE_FORMATS.get(cell._style.numFmtId) if number_format == "General" else None
    if japanese and isinstance(value, int | float) and not isinstance(value, bool):
        value, number_format = from_excel(value, epoch), japanese
    return _shown(value, number_format)


def _xls_text(cell: Any, book: Any) -> str:
    """An .xls cell's text: an error cell (#N/A) is empty, a date is a date (it is stored as a number)."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    value = cell.value
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _text(cell.value)
    key = book.xf_list[cell.xf_index].format_key if cell.xf_index is not None else 0
    kept = book.format_map.get(key)
    number_format = kept.format_str if kept is not None else "General"
    if number_format == "General" and key in _JAPANESE_FORMATS:  # xlrd knows them as dates, not how shown
        number_format = _JAPANESE_FORMATS[key]
    return _shown(value, number_format)


def _shown(value: object, number_format: str) -> str:
    """A cell's text as Excel shows it under its number format, else its plain text (`_text`)."""
    shown = display(value, number_format)
    return _text(value) if shown is None else shown


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        day = f"{value.year}/{value.month:02d}/{value.day:02d}"
        return day if value.time() == dt.time() else f"{day} {value.hour}:{value.minute:02d}"
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month:02d}/{value.day:02d}"
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute:02d}"
    return str(value)


def _csv_rows(path: Path, delimiter: str) -> list[list[str]]:
    text = _decoded(path, path.read_bytes())
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.count("\t") > first.count(","):  # Excel's "Unicode text" and "Text (tab-separated)"
        delimiter = "\t"
    rows = _csv_read(text, delimiter)
    if nul := [number for number, row in enumerate(rows, start=1) if any("\x00" in cell for cell in row)]:
        raise ImportProblems([f"{number}行目: {_NUL_CHARACTER}" for number in nul])
    return rows


_NUL_CHARACTER = (
    "NUL文字（文字コード0の、目に見えない文字）が入っています"
    "（ほかのソフトから書き出すときに混ざることがあります。テキストエディタで取り除いてから読み込んでください）"
)


def _decoded(path: Path, raw: bytes) -> str:
    """A text file's text: UTF-16 by its BOM, else UTF-8 (BOM or not), else Shift_JIS (cp932).

    A NUL on the first line with text is UTF-16 without its BOM (every comma and ASCII character
    has one), refused as an encoding; a NUL below it is a stray character, reported by its row.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "cp932"):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in next((line for line in text.splitlines() if line.strip()), ""):
                return text
            break
    raise ImportProblems(
        [
            f"{path}: 文字コードを読み取れません（UTF-8、Shift_JIS か、BOM付きの UTF-16"
            "（Excelの「Unicode テキスト」）で保存してください）"
        ]
    )


def _csv_read(text: str, delimiter: str) -> list[list[str]]:
    """The rows of CSV text; a cell over csv's size limit (a quote left open swallows the rest) by its row."""
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        number = len(rows) + 1
        if "field limit" in str(exc):
            raise ImportProblems(
                [
                    f"{number}行目: セルが長すぎます（1つのセルは{csv.field_size_limit():,}文字まで）。"
                    '引用符（"）が閉じられていないと、その先がすべて1つのセルとして読まれます。'
                    "Excelで開いて確かめ、CSV形式で保存し直してください"
                ]
            ) from exc
        raise ImportProblems(
            [f"{number}行目: CSVとして読み込めません（Excelで開いて、CSV形式で保存し直してください）"]
        ) from exc
    return rows
