"""The command line, ``python -m bot COMMAND``: the parser, and which module runs each command.

check, ask and eval run here; admin, worker and purge in `bot.admincli` (their arguments in
`bot.adminargs`), import-faq in `bot.importcli`, reload in `bot.reloadcli`, telegram in
`bot.telegramcli`, and the others in their own modules. What a command needs is imported when it runs
(the search, the database, the channels' SDKs), so that ``import-faq`` or ``check`` starts without it.

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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.adminargs import add_parsers
from bot.config import Settings, SettingsError
from bot.errors import StoreError
from bot.importcli import add_parser as add_import_parser
from bot.importcli import run_import_faq
from bot.knowledge import KnowledgeError, Problem, load_knowledge, missing_knowledge
from bot.logs import json_logs, refuse, setup_logging
from bot.oserrors import described
from bot.privacy import logs as privacy_logs
from bot.telegramcli import add_parsers as add_telegram_parsers
from bot.telegramcli import run_telegram
from bot.usage import Parser

if TYPE_CHECKING:
    from bot.search import Searcher, SearchResult

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

    add_import_parser(commands)

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
        from bot.db.unavailable import explain

        refuse(explain(exc, settings.database_url, settings.db_timeout_seconds))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (python -m bot eval | head): no traceback
        _quiet_stdout()
        return 141
    except OSError as exc:
        if exc.filename is None:
            return _unexpected()
        # A file or folder the system refused (a name over 255 bytes, no access): which, and why in Japanese.
        refuse(f"{exc.filename}: {described(exc)}")
        return 2
    except Exception:
        return _unexpected()


def _unexpected() -> int:
    """An error no command expects, raised again (a person at a terminal reads the traceback) or logged."""
    if not json_logs():
        raise  # the exception being handled: called from an except clause only
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
        return run_import_faq(args)
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
    if args.command == "telegram":
        return run_telegram(args, settings)
    from bot import admincli  # the accounts and the database: a second to import, for these three only

    if args.command == "admin":
        return admincli.run_admin(args, settings)
    if args.command == "worker":
        return admincli.run_worker(settings)
    if args.command == "purge":
        return admincli.run_purge(settings, args.days)
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
        from bot.search import Searcher

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


def _searcher(settings: Settings) -> Searcher:
    """The search over the configured knowledge (its index from the cache when it is there)."""
    from bot.search import Searcher  # the index's parsers and numpy: only for commands that search

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
    from bot.search.decide import DECISION_NAMES

    lines = [f"{result.query} → {DECISION_NAMES[result.decision]}（確信度 {result.confidence:.2f}）"]
    for number, hit in enumerate(result.hits, start=1):
        lines.append(f"  {number}. [{hit.entry.kind}] {hit.entry.id}: {hit.entry.title} ({hit.score:.3f})")
    return "\n".join(lines)
