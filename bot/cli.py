"""The command line: check, ask, eval, bench, serve, reload, chat; admin, worker, purge, telegram.

Global options come before the subcommand and override the environment.
Exit codes: 0 success, 1 a check or evaluation failed, 2 bad usage or
knowledge that cannot be loaded.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from bot.admincli import add_parsers, run_admin, run_purge, run_worker
from bot.atomic import replacing
from bot.config import Settings, SettingsError
from bot.db.unavailable import explain as explain_unavailable
from bot.errors import StoreError
from bot.knowledge import KnowledgeError, Problem, load_knowledge, missing_knowledge
from bot.knowledge.importer import FIELDS, Imported, ImportedSheets
from bot.knowledge.schema import FaqEntry
from bot.knowledge.spreadsheet import Sheet
from bot.logs import json_logs, refuse, setup_logging
from bot.oserrors import described
from bot.privacy import logs as privacy_logs
from bot.search import Searcher, SearchResult
from bot.search.decide import DECISION_NAMES
from bot.telegramcli import add_parsers as add_telegram_parsers
from bot.telegramcli import run_telegram
from bot.usage import Parser

__all__ = ["main"]


DESCRIPTION = (
    "kaizen-bot: a consultation assistant for the staff of a ward office, answering from its FAQ, "
    "manual and improvement cases"
)
"""The product, not a ward's bot: the bot's own name (its ``bot_name``) is in knowledge/ward.yaml."""


def _parser() -> Parser:
    parser = Parser(prog="python -m bot", description=DESCRIPTION)
    parser.add_argument("--faq", help="FAQ file (env KAIZEN_FAQ)")
    parser.add_argument("--knowledge", help="knowledge directory (env KAIZEN_KNOWLEDGE)")
    parser.add_argument("--database", help="database URL (env DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("check", help="check the knowledge files; print file:line: message for each problem")

    ask = commands.add_parser(
        "ask", help="answer queries (arguments, or one per line of standard input; blank lines are skipped)"
    )
    ask.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per line (its fields: the README's command line table)",
    )
    ask.add_argument("queries", nargs="*", metavar="QUERY")

    evaluate = commands.add_parser("eval", help="measure search quality on a labelled query set")
    evaluate.add_argument(
        "file",
        nargs="?",
        type=Path,
        help="query set (default, in a source checkout only: tests/data/queries_dev.yaml)",
    )
    evaluate.add_argument("--errors", action="store_true", help="also list every query that went wrong")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument(
        "--without-phrasings",
        action="store_true",
        help="first remove every FAQ entry's phrasings and keywords, as a ward's own FAQ would come",
    )

    doctor = commands.add_parser(
        "doctor", help="find FAQ entries staff are likely to confuse or miss, by asking the search itself"
    )
    doctor.add_argument("--json", action="store_true", help="print the findings as JSON")
    doctor.add_argument(
        "--limit", type=_positive, default=20, help="findings of each kind to print (text only)"
    )

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

    bench = commands.add_parser("bench", help="benchmark search speed and memory against a naive baseline")
    bench.add_argument(
        "--sizes",
        type=_sizes,
        help="FAQ sizes, comma-separated (default 1000,10000,50000,100000; with --realistic, 50000)",
    )
    bench.add_argument("--queries", type=_positive, default=200, help="(short) queries per size")
    bench.add_argument(
        "--realistic",
        action="store_true",
        help="the sample FAQ replicated under section names, long stories too, beside a bm25s peer",
    )
    bench.add_argument(
        "--stories", type=_positive, default=200, help="long-story queries per size (--realistic)"
    )
    bench.add_argument("--baseline-queries", type=_positive, default=20, help="queries for the slow baseline")
    bench.add_argument(
        "--semantic", action="store_true", help="measure with the semantic index too (slow to build at scale)"
    )

    serve = commands.add_parser("serve", help="run the web chat and the HTTP API")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1, env KAIZEN_HOST)")
    serve.add_argument("--port", type=_port, help="port to listen on (default 8080, env KAIZEN_PORT)")

    reload = commands.add_parser(
        "reload", help="make the running server reload the knowledge (admin API, KAIZEN_ADMIN_TOKEN)"
    )
    reload.add_argument("--url", help="the server's address (default: http://KAIZEN_HOST:KAIZEN_PORT)")

    chat = commands.add_parser("chat", help="talk to the bot in the terminal, choices numbered")
    chat.add_argument("--user", default="terminal", help="whose conversation to continue (default: terminal)")
    add_parsers(commands)
    add_telegram_parsers(commands)
    return parser


def _positive(text: str) -> int:
    """A whole number of at least 1, for argparse (which names the option when this raises)."""
    if not text.strip().isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"1以上の整数を指定してください（{text!r}）")
    return int(text)


def _port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    if not text.isdecimal() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"1〜65535の整数を指定してください（{text!r}）")
    return int(text)


def _sizes(text: str) -> list[int]:
    """FAQ sizes, comma-separated, each at least 1."""
    sizes = [_positive(part.strip()) for part in text.split(",") if part.strip()]
    if not sizes:
        raise argparse.ArgumentTypeError("FAQの件数を1つ以上、カンマ区切りで指定してください")
    return sizes


_SERVICES = ("serve", "worker")
"""Commands that run as a service, whose log says each migration they apply."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    args = _parser().parse_args(argv)
    try:
        port = getattr(args, "port", None)
        settings = Settings.from_env(
            KAIZEN_FAQ=args.faq,
            KAIZEN_KNOWLEDGE=args.knowledge,
            DATABASE_URL=args.database,
            KAIZEN_HOST=getattr(args, "host", None),
            KAIZEN_PORT=None if port is None else str(port),
        )
    except ValueError as exc:
        if os.environ.get("KAIZEN_LOG_FORMAT", "").strip().lower() == "json":
            setup_logging("INFO", "json")  # the rest of the settings is wrong, not the log's format
        refuse(f"設定エラー: {exc}")
        return 2
    setup_logging(settings.log_level, settings.log_format)
    if args.command not in _SERVICES:  # a person at a terminal: a new database's migrations are no news
        for migrations in ("alembic", "bot.db.migrate"):
            logging.getLogger(migrations).setLevel(logging.WARNING)
    privacy_logs.install(logging.getLogger())
    try:
        return _run(args, settings)
    except SettingsError as exc:
        refuse(f"設定エラー: {exc}")
        return 2
    except KnowledgeError as exc:
        _print_problems(exc, "知識ファイルに{}件の問題があります。python -m bot check で確認してください。")
        return 2
    except StoreError as exc:
        refuse(explain_unavailable(exc, settings.database_url, settings.db_timeout_seconds))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (python -m bot eval | head): no traceback
        _quiet_stdout()
        return 141
    except Exception:
        if not json_logs():
            raise  # a person at a terminal reads the traceback
        logging.getLogger("bot.cli").critical("the command stopped on an unexpected error", exc_info=True)
        return 1


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


_CREATE_A_DATABASE = ("serve", "worker", "chat")
"""Commands that create a new SQLite database: where the knowledge is missing, they refuse first."""


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command in _CREATE_A_DATABASE:
        missing = missing_knowledge(settings.faq_path, settings.knowledge_dir)
        if missing:  # started in the wrong folder: no database left behind there
            _print_problems(KnowledgeError(missing), "知識が見つからないため、起動できません（{}件）。")
            return 2
    if args.command == "check":
        return _check(settings)
    if args.command == "ask":
        return _ask(settings, args.queries, as_json=args.json)
    if args.command == "eval":
        return _eval(args, settings)
    if args.command == "doctor":
        from bot.doctor import run_doctor

        return run_doctor(_searcher(settings), as_json=args.json, limit=args.limit)
    if args.command == "import-faq":
        return _import_faq(args)
    if args.command == "bench":
        sizes = args.sizes or ([50_000] if args.realistic else [1000, 10_000, 50_000, 100_000])
        if args.realistic:
            from bot.bench_realistic import NO_QUERY_SETS, have_query_sets, run_realistic

            if not have_query_sets():
                refuse(NO_QUERY_SETS)
                return 2
            return run_realistic(settings, sizes, args.queries, args.stories, semantic=args.semantic)
        from bot.bench import run_bench

        return run_bench(settings, sizes, args.queries, args.baseline_queries, semantic=args.semantic)
    if args.command == "serve":
        from bot.app import run_server

        return run_server(settings)
    if args.command == "reload":
        from bot.reloadcli import run_reload

        return run_reload(settings, args.url)
    if args.command == "chat":
        from bot.terminal import run_chat

        return run_chat(settings, args.user, sys.stdin, sys.stdout)
    if args.command == "admin":
        return run_admin(args, settings)
    if args.command == "worker":
        return run_worker(settings)
    if args.command == "telegram":
        return run_telegram(args, settings)
    if args.command == "purge":
        return run_purge(settings, args.days)
    raise AssertionError(args.command)


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import (
        NO_QUERY_FILE,
        development_queries,
        read_queries,
        run_eval,
        unknown_ids,
        without_phrasings,
    )

    summary = "評価用の質問ファイルに{}件の問題があります。"
    path = args.file or development_queries()
    if path is None:
        refuse(NO_QUERY_FILE)
        return 2
    try:
        queries = read_queries(path)
    except KnowledgeError as exc:
        _print_problems(exc, summary)
        return 2
    if args.without_phrasings:
        kb = load_knowledge(settings.faq_path, settings.knowledge_dir)
        searcher = Searcher.build(
            without_phrasings(kb), semantic=settings.semantic, cache_dir=settings.cache_dir
        )
    else:
        searcher = _searcher(settings)
    unknown = unknown_ids(queries, searcher.kb)
    if unknown:  # a ward's own labels: say so loudly, but still measure (an unknown id is never found)
        _print_problems(
            KnowledgeError(unknown),
            "注意: 正解のidのうち{}件が知識にありません。そのidは正解として数えません"
            "（ほかに正解のidがない質問は、正解できなかったものとして数えます）。",
        )
    return run_eval(searcher, [query for query, _ in queries], show_errors=args.errors, as_json=args.json)


def _import_faq(args: argparse.Namespace) -> int:
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
        return _import_failed(args.file, exc.problems, _sheet_notes([sheet.name], sheet.others))
    if not _write_import(args.output, imported.entries):
        return 2
    same = _same_notes([[f"{row}行目" for row in rows] for rows in imported.same_questions])
    for note in [*_sheet_notes([sheet.name], sheet.others), *imported.unread, *_row_notes(imported), *same]:
        print(f"{args.file}: {note}", file=sys.stderr)
    said = f"（{'、'.join(notes)}）" if (notes := _count_notes(imported)) else ""
    print(f"{len(imported.entries)}件のFAQを読み込みました{said}。", file=sys.stderr)
    return 0


def _import_sheets(args: argparse.Namespace, sheets: Sequence[Sheet], given: Mapping[str, str]) -> int:
    """import-faq of several sheets as one FAQ (`import_sheets`), each note naming its sheet."""
    from bot.knowledge.importer import ImportProblems, import_sheets

    read = _sheet_notes([sheet.name for sheet in sheets], sheets[0].others)
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


def _sheet_notes(names: Sequence[str], others: Sequence[str]) -> list[str]:
    """Which sheets were read, when the workbook has others that were not (lines for people)."""
    if not others:
        return []
    read = "".join(f"「{name}」" for name in names)
    listed = "".join(f"「{other}」" for other in others)
    how = "読むには --sheet でシートの名前を指定するか、--all-sheets を付けてください"
    return [f"シート{read}を読みました。ほかのシート{listed}は読んでいません（{how}）"]


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


def _searcher(settings: Settings) -> Searcher:
    return Searcher.load(
        settings.faq_path, settings.knowledge_dir, settings.cache_dir, semantic=settings.semantic
    )


def _print_problems(exc: KnowledgeError, summary: str) -> None:
    """Each problem (``file:line: message``), then ``summary`` with their count, on stderr (`refuse`)."""
    refuse(summary.format(len(exc.problems)), [str(problem) for problem in exc.problems])


def _check(settings: Settings) -> int:
    notes: list[Problem] = []
    try:
        kb = load_knowledge(settings.faq_path, settings.knowledge_dir, notes)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)}件の問題が見つかりました。", file=sys.stderr)
        return 1
    for note in notes:
        print(note)
    sections = sum(len(c.sections) for c in kb.chapters)
    print(
        f"問題はありません: FAQ {len(kb.faq)}件、{kb.ward.manual_short} {len(kb.chapters)}章 {sections}節、"
        f"事例 {len(kb.cases)}件、案内先 {len(kb.referrals)}件、雑談 {len(kb.smalltalk)}件、"
        f"同義語 {len(kb.synonyms)}グループ" + (f"（注意 {len(notes)}件）" if notes else "")
    )
    if not kb.smalltalk:
        print("雑談（smalltalk.yaml）がないため、あいさつ・お礼・おわびには標準の応答を返します。")
    if not (settings.knowledge_dir / "ward.yaml").exists():
        print(
            f"区の名前（ward.yaml）がないため、サンプルの名前（{kb.ward.ward}、{kb.ward.team}、"
            f"{kb.ward.bot_name}など）を表示します。"
        )
    return 0


def _ask(settings: Settings, queries: list[str], *, as_json: bool) -> int:
    searcher = _searcher(settings)
    lines: Iterable[str] = queries or (line.rstrip("\r\n") for line in sys.stdin if line.strip())
    for query in lines:
        result = searcher.search(query)
        if as_json:
            print(json.dumps(result.as_json(), ensure_ascii=False), flush=True)
        else:
            print(_describe(result), flush=True)
    return 0


def _describe(result: SearchResult) -> str:
    lines = [f"{result.query} → {DECISION_NAMES[result.decision]}（確信度 {result.confidence:.2f}）"]
    for number, hit in enumerate(result.hits, start=1):
        lines.append(f"  {number}. [{hit.entry.kind}] {hit.entry.id}: {hit.entry.title} ({hit.score:.3f})")
    return "\n".join(lines)
