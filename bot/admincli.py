"""Commands for operators: dashboard users, the FAQ export, the delivery worker, the retention purge.

- ``admin add-user NAME [--display-name 名前] [--editor] [--password-stdin]``
- ``admin set-password NAME [--password-stdin]`` (ends the user's sessions),
  ``admin logout-everywhere NAME``, ``admin list-users``
- ``admin export-faq [--all | --mark-exported]``: the approved FAQ drafts not yet
  in faq.yaml, as a fragment of it; ``--mark-exported``, once they are appended
  and reloaded, marks those faq.yaml holds as they stand (same id, same text) as exported instead
- ``admin log-key CHANNEL USER_ID [CONVERSATION_ID]``: the key naming that conversation in the log;
  ``admin log-key --find KEY``: the stored conversations a key from the log names
- ``worker``: the outbox delivery worker on its own (``serve`` runs one too)
- ``purge [--days N]``: delete conversation logs older than the retention period

Passwords are read without echo (twice, to confirm), or as one line of
standard input with ``--password-stdin`` for scripts; never from the
command line, where other users could see them. The commands' arguments are in `bot.adminargs`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import logging
import re
import signal
import sys
from collections.abc import Collection, Iterable
from pathlib import Path

from bot import logkey, privacy
from bot.config import Settings
from bot.consult.accounts import Accounts, check_name, check_password
from bot.consult.faqdrafts import Draft, FaqDrafts, to_yaml
from bot.consult.service import utcnow
from bot.db import ConversationStore
from bot.db.retention import purge
from bot.errors import InvalidInput, MissingDatabase
from bot.knowledge import load_knowledge
from bot.knowledge.schema import FaqEntry
from bot.reloadcli import who
from bot.values import ConversationKey

__all__ = ["run_admin", "run_purge", "run_worker"]

log = logging.getLogger(__name__)


_LOG_KEY = re.compile(rf"[a-z]+:[0-9a-f]{{{logkey.DIGITS}}}")
"""A conversation's name in the log (`bot.values.ConversationKey`'s text): a channel and the digest."""


def run_admin(args: argparse.Namespace, settings: Settings) -> int:
    """``admin …``; exit code 2 for bad usage, 1 when the database refuses (a taken name, an unknown user).

    Bad usage is a malformed user name, a short password or a mistyped
    confirmation (as the README's exit codes say for every command). Only
    ``add-user`` may be the first use of a new database, so it checks its input
    before the database is created (bad usage creates nothing); the other
    actions need a database that is there, and refuse a missing one before
    asking for a password. A name taken (``add-user``) or unknown
    (``set-password``) is said before the password is asked for, twice at a
    terminal (exit 1).
    """
    if args.admin_command == "log-key":
        return _log_key(args, settings)
    adding = args.admin_command == "add-user"
    try:
        if adding:
            check_name(args.name)
        store = _existing(settings) if adding else ConversationStore.configured(settings, create=False)
    except InvalidInput as exc:
        print(exc, file=sys.stderr)
        return 2
    if store is not None and (refusal := _refusal(store, args)):
        print(refusal, file=sys.stderr)
        store.close()
        return 1
    try:
        password = _new_password(args)
    except InvalidInput as exc:
        print(exc, file=sys.stderr)
        if store is not None:
            store.close()
        return 2
    store = store or ConversationStore.configured(settings, create=True)
    try:
        accounts = Accounts(store.engine, utcnow, settings.admin_session_hours)
        if args.admin_command == "add-user":
            user = accounts.add_user(args.name, password, args.display_name, editor=args.editor)
            role = "（編集担当）" if user.is_editor else ""
            print(f"ユーザー「{user.name}」（{user.display_name}）{role}を登録しました。")
        elif args.admin_command == "set-password":
            ended = accounts.set_password(args.name, password)
            print(f"ユーザー「{args.name}」のパスワードを変更しました。{_ended(ended)}")
        elif args.admin_command == "logout-everywhere":
            ended = accounts.logout_everywhere(args.name)
            print(f"ユーザー「{args.name}」をすべての端末でログアウトさせました。{_ended(ended)}")
        elif args.admin_command == "list-users":
            for user in accounts.users():
                print(f"{user.name}\t{user.display_name}\t{'編集担当' if user.is_editor else '担当者'}")
        else:
            _export_faq(args, settings, store)
    except InvalidInput as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def _log_key(args: argparse.Namespace, settings: Settings) -> int:
    """``admin log-key``: a conversation's key in the log, or (``--find``) the conversations a key names.

    The key is keyed with the secret stored in the database (`bot.db.installation`), as every process
    on it keys its log, so a missing database is refused (exit 2, nothing created), as is a missing or
    extra argument or a ``--find`` key not shaped as the log writes them. A key that names no stored
    conversation is exit 1, said on standard error, so a script cannot take silence for a match.
    """
    if args.find is not None and args.channel is not None:
        print("--find にはキーだけを指定してください（例: line:3f9a1c02b7e4）。", file=sys.stderr)
        return 2
    if args.find is not None and not _LOG_KEY.fullmatch(args.find):
        print(f"キーの形が違います: {args.find!r}（例: line:3f9a1c02b7e4）。", file=sys.stderr)
        return 2
    if args.find is None and (args.channel is None or args.user_id is None):
        print(
            "チャネルと利用者のIDを指定してください（例: admin log-key telegram 123456789）。",
            file=sys.stderr,
        )
        return 2
    store = ConversationStore.configured(settings, create=False)  # keys this process's digests
    try:
        if args.find is None:
            print(ConversationKey(args.channel, args.user_id, args.conversation_id or args.user_id))
        else:
            named = store.conversations_named(args.find)
            for key in named:
                print(f"{key.channel}\t{key.user_id}\t{key.conversation_id}")
            if not named:
                print(
                    f"{args.find} の会話は保存されていません"
                    "（保存期間を過ぎたか、別のデータベースのキーです）。",
                    file=sys.stderr,
                )
                return 1
    finally:
        store.close()
    return 0


def _export_faq(args: argparse.Namespace, settings: Settings, store: ConversationStore) -> None:
    """``admin export-faq``: the drafts on standard output, what was left out and marked on standard error.

    ``--mark-exported`` is the last step of the loop (docs/dashboard.md): the
    drafts printed before have been appended to faq.yaml, so those it holds as
    they stand are marked (`FaqDrafts.mark_appended`, as the dashboard's button),
    and the others stay approved: those it lacks, to be exported, and those it
    holds with other text (edited and approved again after the export), to check.
    """
    kb = load_knowledge(settings.faq_path, settings.knowledge_dir)
    drafts = FaqDrafts(store.engine, utcnow, lambda: {e.id for e in kb.faq})
    if args.mark_exported:
        _mark_appended(drafts, kb.faq, settings.faq_path)
        return
    chosen = drafts.exportable(everything=args.all)
    held = {e.id: e for e in kb.faq}
    left = [d for d in drafts.list("approved") if d not in chosen]
    if appended := [d.entry_id for d in left if d.appended_as(held)]:
        print(
            f"ID「{'」「'.join(appended)}」はすでに {settings.faq_path} にあるため、書き出しませんでした"
            "（追記済みの下書きです。「書き出し済み」にするには --mark-exported を、"
            "すべて書き出すには --all を付けてください）。",
            file=sys.stderr,
        )
    if changed := [d for d in left if not d.appended_as(held)]:
        print(_changed(changed, settings.faq_path, "書き出しませんでした"), file=sys.stderr)
    if not chosen:
        print("書き出す承認済みの下書きはありません。", file=sys.stderr)
        return
    sys.stdout.write(to_yaml(chosen, utcnow()))
    sys.stdout.flush()


def _mark_appended(drafts: FaqDrafts, faq: Collection[FaqEntry], faq_path: Path) -> None:
    """Mark the approved drafts faq.yaml holds as they stand; say on standard error which, and which stay."""
    marked = drafts.mark_appended(who(), faq)
    if marked:
        names = "」「".join(d.entry_id for d in marked)
        print(
            f"{faq_path} にあるID「{names}」の{len(marked)}件を「書き出し済み」にしました。", file=sys.stderr
        )
    else:
        print(f"{faq_path} に追記済みの承認済みの下書きはありません。", file=sys.stderr)
    held = {e.id for e in faq}
    left = drafts.list("approved")
    if missing := [d.entry_id for d in left if d.entry_id not in held]:
        print(
            f"ID「{'」「'.join(missing)}」はまだ {faq_path} にないため、"
            "承認済みのままにしました（書き出して追記し、再読み込みしてから、もう一度実行してください）。",
            file=sys.stderr,
        )
    if changed := [d for d in left if d.entry_id in held]:
        print(_changed(changed, faq_path, "承認済みのままにしました"), file=sys.stderr)


def _changed(drafts: Iterable[Draft], faq_path: Path, done: str) -> str:
    """Approved drafts whose id faq.yaml has with other text (edited and approved again after the export)."""
    names = "」「".join(d.entry_id for d in drafts)
    return (
        f"ID「{names}」は {faq_path} にありますが、内容が承認済みの下書きと異なるため、{done}"
        f"（書き出した後に編集されたようです。{faq_path} のその項目を確かめ、下書きの内容にするなら"
        " --all で書き出したものと置き換えて再読み込みしてから、--mark-exported を実行してください）。"
    )


def run_worker(settings: Settings) -> int:
    """Deliver the outbox until SIGINT or SIGTERM (and answer webhooks, with KAIZEN_WEBHOOK_TURNS=worker).

    Exits 0 on either signal, also on one sent while it starts, with its start and stop in the log.
    """
    with contextlib.suppress(KeyboardInterrupt):  # a SIGINT before the loop's own handler is installed
        return asyncio.run(_work(settings))
    log.info("worker stopped before it ran")
    return 0


def run_purge(settings: Settings, days: int | None) -> int:
    """Delete what is older than the retention period now; print how much went.

    A SQLite file that is not there is refused (`MissingDatabase`), not created empty and purged.
    """
    store = ConversationStore.configured(settings, create=False)
    try:
        counts = purge(store.engine, settings.retention_days if days is None else days, utcnow())
    finally:
        store.close()
    print(
        f"会話記録 {counts['messages']}件、会話の状態 {counts['conversations']}件、"
        f"配信済みメッセージ {counts['outbox']}件、"
        f"期限切れのログイン {counts['admin_sessions']}件、"
        f"期限切れのWebチャットのセッション {counts['web_sessions']}件、"
        f"古いログイン失敗の記録 {counts['login_failures']}件、"
        f"古いWebhookイベントの記録 {counts['seen_events']}件を削除しました。"
    )
    return 0


async def _work(settings: Settings) -> int:
    """The worker's life, its start and its stop logged as ``serve`` logs its own.

    The signal handlers come first: a signal while it starts (the imports, the
    database, the channels, the index) used to kill it with a traceback, or
    silently. Such a signal now ends the start-up after the step under way;
    what was opened is closed and nothing is delivered.
    """
    stop = asyncio.Event()

    def stopping() -> None:
        if stop.is_set():  # a second Ctrl-C: the stop under way still closes everything
            log.warning("already stopping: finishing the deliveries and turns under way")
        stop.set()

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping)
    log.info("worker starting")
    try:
        ran = await _start_and_run(settings, stop)
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
    log.info("worker stopped" if ran else "worker stopped before it ran")
    return 0


async def _start_and_run(settings: Settings, stop: asyncio.Event) -> bool:
    """Start the worker's parts one by one and run until ``stop``; False when stopped while starting.

    ``stop`` is looked at between the steps (a step under way, such as the
    index build in its thread, cannot be broken off); what is open is closed either way.
    A turn worker compiles the masker's rules in a thread while the rest starts, as ``serve``
    does at its start, so that its first turn does not wait for them.
    """
    from bot import wiring  # the channels' SDKs: seconds to import, and only the worker needs them

    turns = settings.webhook_turns == "worker"
    masker = asyncio.ensure_future(asyncio.to_thread(privacy.prepare)) if turns else None
    async with contextlib.AsyncExitStack() as opened:
        store = await asyncio.to_thread(ConversationStore.configured, settings)
        opened.push_async_callback(asyncio.to_thread, store.close)
        channels = wiring.channels(settings, routes=False)
        opened.push_async_callback(channels.close)
        if not stop.is_set():
            await channels.start()
        if turns and not stop.is_set():
            knowledge = await opened.enter_async_context(wiring.live_knowledge(settings, store))
        if stop.is_set():
            log.info("stopping: asked to stop while starting, so nothing was delivered")
            return False
        if masker is not None:
            await masker
            service = wiring.consultations(settings, store, lambda: knowledge.searcher.kb)
            async with (
                wiring.delivering(settings, store, service, channels),
                wiring.taking_turns(settings, store, knowledge, service, channels),
            ):
                await _until_stopped(stop, turns=True)
        else:
            service = wiring.consultations(settings, store)
            async with wiring.delivering(settings, store, service, channels):
                await _until_stopped(stop, turns=False)
    return True


async def _until_stopped(stop: asyncio.Event, *, turns: bool) -> None:
    """Log that the worker runs, wait for SIGINT or SIGTERM, and log that it stops."""
    what = "delivering the outbox" + (" and answering the webhook events" if turns else "")
    log.info("worker running: %s", what)
    await stop.wait()
    log.info("stopping: finishing the deliveries%s under way", " and turns" if turns else "")


def _existing(settings: Settings) -> ConversationStore | None:
    """The configured database, or None when it is a SQLite file not created yet (add-user's first use)."""
    try:
        return ConversationStore.configured(settings, create=False)
    except MissingDatabase:
        return None


def _refusal(store: ConversationStore, args: argparse.Namespace) -> str:
    """Why the database will refuse the action on ``args.name`` before a password is typed, or ""."""
    if args.admin_command not in ("add-user", "set-password"):
        return ""
    known = Accounts(store.engine, utcnow, session_hours=1).user(args.name) is not None
    if args.admin_command == "add-user" and known:
        return f"ユーザー「{args.name}」はすでに登録されています。"
    if args.admin_command == "set-password" and not known:
        return f"ユーザー「{args.name}」は登録されていません。"
    return ""


def _ended(sessions: int) -> str:
    if not sessions:
        return "ログイン中のセッションはありませんでした。"
    return f"ログイン中だったセッション{sessions}件を終了しました。"


def _new_password(args: argparse.Namespace) -> str:
    """The new password of ``add-user`` or ``set-password``, checked, and "" for other actions.

    `InvalidInput` when it is too short or its confirmation differs.
    """
    if args.admin_command not in ("add-user", "set-password"):
        return ""
    password = _password(args.password_stdin)
    check_password(password)
    return password


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("パスワード: ")
    if getpass.getpass("パスワード（確認）: ") != first:
        raise InvalidInput("確認のパスワードが一致しません。")
    return first
