"""``python -m bot import-faq FILE``: a ward's FAQ spreadsheet (.xlsx, .xls or .csv) as faq.yaml.

The reading and checking are `bot.knowledge.importer` and
`bot.knowledge.spreadsheet`; this is the command: its options, what it
writes, and the lines for people on standard error (the sheets read, the
rows skipped or taken as headings, the problems by sheet and row).

Exit codes: 0 written; 1 problems in the file (each printed, nothing
written); 2 refused before anything is written (a file that is not there
or cannot be read, a sheet the workbook lacks, an output that would
overwrite a spreadsheet or is already there without ``--force``) or an
output that cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.atomic import replacing
from bot.knowledge.importer import FIELDS, Imported, ImportedSheets
from bot.knowledge.schema import FaqEntry
from bot.knowledge.spreadsheet import Sheet
from bot.oserrors import described
from bot.usage import Parser

__all__ = ["add_parser", "run_import_faq"]


def add_parser(commands: argparse._SubParsersAction[Parser]) -> None:
    """Add ``import-faq`` to the command line."""
    imports = commands.add_parser(
        "import-faq", help="turn a ward's FAQ spreadsheet (.xlsx, .xls or .csv) into faq.yaml's format"
    )
    imports.add_argument(
        "file",
        type=Path,
        help="the .xlsx, .xls or .csv file (CSV in UTF-8, Shift_JIS or UTF-16 with its BOM)",
    )
    imports.add_argument(
        "--output", "-o", default="-", help="where to write the YAML (default: standard output)"
    )
    imports.add_argument(
        "--force", action="store_true", help="write over an --output file that is already there (faq.yaml)"
    )
    imports.add_argument(
        "--sheet",
        action="append",
        help="a worksheet to read; given again, several read as one FAQ (default: the first one Excel shows)",
    )
    imports.add_argument(
        "--all-sheets",
        action="store_true",
        help="read every worksheet Excel shows (hidden ones too when named by --sheet) as one FAQ: "
        "a sheet's name is the category of its rows without one",
    )
    imports.add_argument(
        "--headings",
        action="store_true",
        help="rows with one cell and no answer are section headings (■ ごみ): their text is the category "
        "of the rows below (default: such a row is reported as having no answer)",
    )
    for name in FIELDS:
        imports.add_argument(
            f"--{name}",
            metavar="COLUMN",
            help=f"the {name} column: its header, letter or number"
            + (" ('-': ignore any ID column and number the entries by their rows)" if name == "id" else ""),
        )


def run_import_faq(args: argparse.Namespace) -> int:
    """Run ``import-faq``: print the YAML or write ``--output``; the exit code (module docstring)."""
    from bot.knowledge.importer import ImportProblems, import_faq
    from bot.knowledge.spreadsheet import NoSuchSheet, read_sheets

    try:
        refused = _import_refused(
            args.file, args.output, args.sheet or (), every=args.all_sheets, force=args.force
        )
    except OSError as exc:  # a name the system refuses to look up (one over 255 bytes)
        refused = f"{exc.filename}: {described(exc)}"
    if refused:
        print(refused, file=sys.stderr)
        return 2
    columns = {name: getattr(args, name) for name in FIELDS}
    given = {k: v for k, v in columns.items() if v}
    try:
        sheets = read_sheets(args.file, args.sheet or (), every=args.all_sheets)
    except NoSuchSheet as exc:  # found only once the workbook is open; bad usage, as a missing file is
        print(exc, file=sys.stderr)
        return 2
    except ImportProblems as exc:
        return _import_failed(args.file, exc.problems, [])
    except OSError as exc:
        print(f"{args.file}: 読み込めません（{described(exc)}）", file=sys.stderr)
        return 2
    if len(sheets) > 1:
        return _import_sheets(args, sheets, given)
    sheet = sheets[0]
    try:
        imported = import_faq(
            sheet.rows,
            given,
            headings=args.headings,
            hidden=sheet.hidden,
            failed_formulas=sheet.failed_formulas,
            hidden_columns=sheet.hidden_columns,
            links=sheet.links,
        )
    except ImportProblems as exc:
        return _import_failed(args.file, exc.problems, _sheet_notes([sheet.name], sheet))
    if not _write_import(args.output, imported.entries):
        return 2
    same = _same_notes([[f"{row}行目" for row in rows] for rows in imported.same_questions])
    for note in [*_sheet_notes([sheet.name], sheet), *imported.unread, *_row_notes(imported), *same]:
        print(f"{args.file}: {note}", file=sys.stderr)
    said = f"（{'、'.join(notes)}）" if (notes := _count_notes(imported)) else ""
    print(f"{len(imported.entries)}件のFAQを読み込みました{said}。", file=sys.stderr)
    return 0


def _import_sheets(args: argparse.Namespace, sheets: Sequence[Sheet], given: Mapping[str, str]) -> int:
    """import-faq of several sheets as one FAQ (`import_sheets`), each note naming its sheet."""
    from bot.knowledge.importer import ImportProblems, import_sheets

    read = _sheet_notes([sheet.name for sheet in sheets], sheets[0])
    try:
        book = import_sheets(sheets, given, headings=args.headings)
    except ImportProblems as exc:
        return _import_failed(args.file, exc.problems, read)
    if not _write_import(args.output, book.entries):
        return 2
    notes = [*read, *_empty_sheet_notes(book)]
    for name, imported in book.sheets:
        if imported.named_rows and not imported.category_column:
            notes.append(f"「{name}」シート: 分類の列がないため、シートの名前「{name}」を分類にしました")
        elif imported.named_rows:
            empty = len(imported.named_rows)
            notes.append(f"「{name}」シート: 分類が空の{empty}行は、シートの名前「{name}」を分類にしました")
        notes += [f"「{name}」シート: {note}" for note in [*imported.unread, *_row_notes(imported)]]
    notes += _same_notes(book.same_questions)
    for note in notes:
        print(f"{args.file}: {note}", file=sys.stderr)
    counts = []
    for name, imported in book.sheets:
        said = f"（{'、'.join(more)}）" if (more := _count_notes(imported)) else ""
        counts.append(f"「{name}」{len(imported.entries)}件{said}")
    print(
        f"{len(book.entries)}件のFAQを{len(book.sheets)}枚のシートから読み込みました（{'、'.join(counts)}）。",
        file=sys.stderr,
    )
    return 0


def _empty_sheet_notes(book: ImportedSheets) -> list[str]:
    """The sheets read that had no entry (a cover, a list of changes), each with why (lines for people).

    Why is the last reason only (先頭の20行に項目名の行がありません): the columns not found before it are
    the problems of a sheet meant as an FAQ, which these were not.
    """
    return [
        f"「{name}」シートには質問と回答のある行がないため、読み込んでいません（{why[-1]}）"
        for name, why in book.empty
    ]


def _import_failed(source: Path, problems: Sequence[str], notes: Sequence[str]) -> int:
    """Print the problems that stop an import, then ``notes`` (the sheets read); say nothing was written."""
    for problem in problems:
        print(problem if problem.startswith(str(source)) else f"{source}: {problem}", file=sys.stderr)
    for note in notes:  # the FAQ may be on a sheet not read
        print(f"{source}: {note}", file=sys.stderr)
    print(f"{len(problems)}件の問題があるため、何も書き出していません。", file=sys.stderr)
    return 1


def _write_import(output: str, entries: Sequence[FaqEntry]) -> bool:
    """Write the entries as faq.yaml (``-``: standard output); False, said, when it cannot be written."""
    from bot.knowledge.importer import to_yaml

    text = to_yaml(entries)
    if output == "-":
        sys.stdout.write(text)
        return True
    try:
        with replacing(Path(output), shared=True) as handle:
            handle.write(text.encode("utf-8"))
    except OSError as exc:
        print(f"{output}: 書き出せません（{described(exc)}）", file=sys.stderr)
        return False
    return True


def _count_notes(imported: Imported) -> list[str]:
    """Where a sheet's header was, and the rows read as headings or skipped, counted (for the last line)."""
    header = (
        f"{imported.header_row}〜{imported.header_end}" if imported.header_end > imported.header_row else ""
    )
    notes = [f"項目名の行は{header or imported.header_row}行目"] if imported.header_end > 1 else []
    notes += [f"見出しの行 {imported.heading_rows} 行を分類として読みました"] if imported.heading_rows else []
    notes += [f"何も書かれていない行 {imported.blank_rows} 行は飛ばしました"] if imported.blank_rows else []
    notes += [f"番号だけの行 {imported.numbered_rows} 行は飛ばしました"] if imported.numbered_rows else []
    return notes


def _sheet_notes(names: Sequence[str], sheet: Sheet) -> list[str]:
    """Which sheets were read, when the workbook has others that were not (lines for people).

    A sheet Excel hides is read only when named, --all-sheets or not: said so, by its name.
    """
    shown = [other for other in sheet.others if other not in sheet.hidden_others]
    if not shown and not sheet.hidden_others:
        return []
    read = "".join(f"「{name}」" for name in names)
    said = []
    if shown:
        how = "読むには --sheet でシートの名前を指定するか、--all-sheets を付けてください"
        said.append(f"ほかのシート{''.join(f'「{other}」' for other in shown)}は読んでいません（{how}）")
    if sheet.hidden_others:
        hidden = "".join(f"「{other}」" for other in sheet.hidden_others)
        said.append(
            f"Excelで非表示のシート{hidden}は読んでいません（読むには --sheet {sheet.hidden_others[0]} "
            "のように、シートの名前を指定してください）"
        )
    return [f"シート{read}を読みました。{'。'.join(said)}"]


def _same_notes(groups: Sequence[Sequence[str]]) -> list[str]:
    """A note for each group of entries asking the same question, by place (2行目, 「税」シート 4行目)."""
    return [
        f"注意: {'と'.join(places)}の質問が同じです（読み込みました。検索では"
        "見分けられないため、1つにまとめるか、違いが分かるように書き分けてください）"
        for places in groups
    ]


def _row_notes(imported: Imported) -> list[str]:
    """Rows below the header skipped though they hold text, or read as the row above (〃)."""

    def listed(rows: Sequence[int]) -> str:
        shown = "、".join(str(row) for row in rows[:10])
        return f"{shown}行目" + (f"など{len(rows)}行" if len(rows) > 10 else "")

    notes = []
    if imported.hidden_rows:
        notes.append(
            f"{listed(imported.hidden_rows)}はExcelで非表示の行のため読んでいません"
            "（読むにはExcelで再表示してから読み込んでください）"
        )
    if imported.header_repeats:
        notes.append(f"{listed(imported.header_repeats)}は項目名の行の繰り返しのため読んでいません")
    if imported.dittos:
        notes.append(
            f"注意: {listed(imported.dittos)}の「〃」「同上」は、"
            "すぐ上の行と同じ値として読みました（違う値のときは、Excelでその値を書いてから読み込んでください）"
        )
    return notes


def _import_refused(
    source: Path, output: str, sheets: Sequence[str] = (), *, every: bool = False, force: bool = False
) -> str:
    """Why import-faq cannot run with these paths (a line for people), or "" when it can.

    Checked before reading, so that a long import is not lost at the end, and
    never writing over the spreadsheet read or any other (the ward's only copy),
    nor over an existing faq.yaml (its hand-written phrasings) without ``force``.
    """
    from bot.knowledge.spreadsheet import SUFFIXES, input_problem

    if (problem := input_problem(source, sheets, every=every)) or output == "-":
        return problem
    target = Path(output)
    if target.is_dir():
        return (
            f"{target}: フォルダです。書き出すファイルの名前まで指定してください（例：{target / 'faq.yaml'}）"
        )
    if not target.parent.is_dir():
        return f"{target}: 書き出し先のフォルダ {target.parent} がありません"
    if target.exists() and target.samefile(source):
        return f"{target}: 読み込む表と同じファイルには書き出せません（faq.yaml など別の名前にしてください）"
    if target.suffix.lower() in SUFFIXES:
        return f"{target}: 表のファイルの名前には書き出せません（書き出すのはYAMLです。faq.yaml などに）"
    if target.exists() and not force:
        return (
            f"{target}: すでにあるファイルです。上書きすると今の内容（書き足した言い換えなど）は失われます。"
            "上書きしてよければ --force を付けてください（別の名前に書き出して見比べることもできます）"
        )
    return ""
