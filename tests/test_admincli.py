"""The operators' commands: dashboard users, the FAQ export, the retention purge."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.config import MAX_RETENTION_DAYS
from bot.consult.accounts import Accounts, Attempt, LoggedIn
from bot.consult.faqdrafts import FaqDrafts
from bot.consult.notices import Notices
from bot.consult.service import ConsultationService, utcnow
from bot.db import ConversationStore
from bot.db.schema import admin_users, messages
from bot.dialogue import Incoming, Reply, State, Turn
from tests.auxil.cli import run_main
from tests.auxil.consultations import STAFF, open_consultation
from tests.auxil.server import run_bot
from tests.conftest import FAQ_PATH


def run(database: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m bot --database DATABASE ARGS`` in the test's process (`run_main`): seconds fewer each."""
    return run_main("--database", f"sqlite:///{database}", *args, stdin=stdin)


def run_process(database: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The same in a process of its own, as an operator runs it: exit code and output as a shell sees them."""
    return run_bot("--database", f"sqlite:///{database}", *args, stdin=stdin, env={"KAIZEN_CACHE_DIR": ""})


def test_add_user_hashes_the_password_and_refuses_a_second_one(tmp_path: Path) -> None:
    database = tmp_path / "kaizen.db"
    done = run_process(
        database,
        "admin",
        "add-user",
        "tanaka",
        "--display-name",
        "田中",
        "--editor",
        "--password-stdin",
        stdin="dx-team-password-1\n",
    )
    assert done.returncode == 0, done.stderr
    assert "ユーザー「tanaka」（田中）（編集担当）を登録しました。" in done.stdout
    assert done.stderr == "", "a new database's migrations are not listed at a terminal"
    again = run(database, "admin", "add-user", "tanaka", "--password-stdin", stdin="dx-team-password-1\n")
    assert again.returncode == 1
    assert "すでに登録されています" in again.stderr
    listed = run(database, "admin", "list-users")
    assert listed.stdout.splitlines() == ["tanaka\t田中\t編集担当"]

    store = ConversationStore.open(f"sqlite:///{database}")
    with store.engine.connect() as connection:
        stored = connection.execute(sa.select(admin_users.c.password_hash)).scalar_one()
    assert stored.startswith("scrypt$")
    assert "dx-team-password-1" not in stored
    accounts = Accounts(store.engine, utcnow, 12)
    before = accounts.login(Attempt("tanaka", "192.0.2.1"), "dx-team-password-1")
    assert isinstance(before, LoggedIn)
    changed = run(database, "admin", "set-password", "tanaka", "--password-stdin", stdin="a-new-password-2\n")
    assert changed.returncode == 0, changed.stderr
    assert "ログイン中だったセッション1件を終了しました" in changed.stdout
    assert accounts.session(before.token) is None, "a new password ends the old sessions"
    assert isinstance(accounts.login(Attempt("tanaka", "192.0.2.1"), "a-new-password-2"), LoggedIn)
    store.close()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("add-user", "Tanaka San"),
            "ユーザー名は半角英小文字・数字・「.」「_」「-」の2〜32文字にしてください。",
        ),
        (("add-user", "suzuki"), "パスワードは10文字以上にしてください。"),
    ],
)
def test_a_malformed_name_or_a_short_password_is_bad_usage_with_exit_2(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    database = tmp_path / "kaizen.db"
    done = run(database, "admin", *args, "--password-stdin", stdin="short\n")
    assert done.returncode == 2, "bad usage, as the README's exit codes say"
    assert done.stderr.strip() == said
    assert "Traceback" not in done.stderr
    assert not database.exists(), "refused before the database is opened"


def test_a_short_new_password_is_bad_usage_and_the_old_one_still_works(tmp_path: Path) -> None:
    database = tmp_path / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}")
    accounts = Accounts(store.engine, utcnow, 12)
    accounts.add_user("suzuki", "dx-team-password-2")
    done = run(database, "admin", "set-password", "suzuki", "--password-stdin", stdin="short\n")
    assert done.returncode == 2, "bad usage, as the README's exit codes say"
    assert done.stderr.strip() == "パスワードは10文字以上にしてください。"
    assert isinstance(accounts.login(Attempt("suzuki", "192.0.2.1"), "dx-team-password-2"), LoggedIn)
    store.close()


def test_set_password_for_a_user_who_does_not_exist_says_so_before_asking_for_the_password(
    tmp_path: Path,
) -> None:
    """It asked for the new password (twice, at a terminal) and only then said that nobody had that name."""
    database = tmp_path / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}")
    Accounts(store.engine, utcnow, 12).add_user("suzuki", "dx-team-password-2")
    store.close()
    done = run(database, "admin", "set-password", "suzuk", "--password-stdin", stdin="")
    assert done.returncode == 1, done.stderr
    said = done.stderr.strip()
    assert said == "ユーザー「suzuk」は登録されていません。", "not a complaint about the password"


def test_add_user_with_a_taken_name_says_so_before_asking_for_the_password(tmp_path: Path) -> None:
    """It asked for the password (twice, at a terminal) and only then said that the name was taken."""
    database = tmp_path / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}")
    Accounts(store.engine, utcnow, 12).add_user("suzuki", "dx-team-password-2")
    store.close()
    done = run(database, "admin", "add-user", "suzuki", "--password-stdin", stdin="")
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == "ユーザー「suzuki」はすでに登録されています。", "not about the password"


def test_logout_everywhere_ends_every_session_of_one_user(tmp_path: Path) -> None:
    database = tmp_path / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}")
    accounts = Accounts(store.engine, utcnow, 12)
    accounts.add_user("tanaka", "dx-team-password-1")
    accounts.add_user("suzuki", "dx-team-password-2")
    mine = [accounts.login(Attempt("tanaka", f"192.0.2.{n}"), "dx-team-password-1") for n in (1, 2)]
    theirs = accounts.login(Attempt("suzuki", "192.0.2.3"), "dx-team-password-2")
    done = run(database, "admin", "logout-everywhere", "tanaka")
    assert done.returncode == 0, done.stderr
    assert "ログイン中だったセッション2件を終了しました" in done.stdout
    for opened in mine:
        assert isinstance(opened, LoggedIn)
        assert accounts.session(opened.token) is None
    assert isinstance(theirs, LoggedIn)
    assert accounts.session(theirs.token) is not None, "only that user's sessions end"
    unknown = run(database, "admin", "logout-everywhere", "nobody")
    assert unknown.returncode == 1
    assert "「nobody」は登録されていません" in unknown.stderr
    store.close()


def test_purge_deletes_conversation_logs_older_than_the_period(tmp_path: Path) -> None:
    database = tmp_path / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}")

    def step(state: State, connection: sa.Connection) -> Turn:
        return Turn((Reply("こんにちは"),), state)

    store.exchange(Incoming(STAFF, text="こんにちは"), step)
    with store.engine.begin() as connection:
        connection.execute(messages.update().values(created_at=datetime.now(UTC) - timedelta(days=40)))
    kept = run(database, "purge")
    assert "会話記録 0件" in kept.stdout
    purged = run(database, "purge", "--days", "30")
    assert purged.returncode == 0, purged.stderr
    assert "会話記録 2件、会話の状態 0件" in purged.stdout
    store.close()


@pytest.mark.parametrize("days", ["0", "-30", "30日", str(MAX_RETENTION_DAYS + 1)])
def test_purge_refuses_a_period_that_is_no_retention_and_deletes_nothing(tmp_path: Path, days: str) -> None:
    """-30 put the cutoff in the future (every log purged at once); 0 fell back to the setting silently."""
    database = tmp_path / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}")

    def step(state: State, connection: sa.Connection) -> Turn:
        return Turn((Reply("こんにちは"),), state)

    store.exchange(Incoming(STAFF, text="こんにちは"), step)
    refused = run(database, "purge", "--days", days)
    assert refused.returncode == 2
    assert f"1から{MAX_RETENTION_DAYS}までの日数を指定してください" in refused.stderr
    assert "Traceback" not in refused.stderr
    with store.engine.begin() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(messages)).scalar_one() == 2
    store.close()


def test_export_faq_prints_the_approved_drafts(tmp_path: Path) -> None:
    database = tmp_path / "kaizen.db"
    store = ConversationStore.open(f"sqlite:///{database}")
    service = ConsultationService(store.engine, Notices())
    open_consultation(service)
    service.answer(1, "音声認識ソフトで下書きを作ります。", "tanaka")
    drafts = FaqDrafts(store.engine, utcnow, set)
    draft = drafts.create_from(1, "tanaka")
    draft = drafts.save(
        draft.id,
        {
            "entry_id": "method-minutes",
            "category": "進め方",
            "question": "会議録を早く作るには？",
            "answer": "音声認識ソフトで下書きを作ります。",
        },
        "tanaka",
        draft.version,
    )
    empty = run(database, "admin", "export-faq")
    assert (empty.returncode, empty.stdout) == (0, "")
    assert "ありません" in empty.stderr
    drafts.approve(draft.id, "suzuki", draft.version)
    exported = run_process(database, "admin", "export-faq")
    assert "- id: method-minutes\n  category: 進め方\n" in exported.stdout
    store.close()


def test_export_faq_leaves_out_what_faq_yaml_has_so_appending_twice_repeats_no_id(tmp_path: Path) -> None:
    """The export → append → reload loop: run again after appending, the export adds nothing twice."""
    database, faq = tmp_path / "kaizen.db", tmp_path / "faq.yaml"
    shutil.copy(FAQ_PATH, faq)
    store = ConversationStore.open(f"sqlite:///{database}")
    service = ConsultationService(store.engine, Notices())
    drafts = FaqDrafts(store.engine, utcnow, set)
    for number, entry_id in enumerate(("method-minutes", "tool-echo"), start=1):
        open_consultation(service)
        service.answer(number, "音声認識ソフトで下書きを作ります。", "tanaka")
        draft = drafts.create_from(number, "tanaka")
        fields = {
            "entry_id": entry_id,
            "category": "進め方",
            "question": f"{entry_id}とは？",
            "answer": "回答です。",
        }
        draft = drafts.save(draft.id, fields, "tanaka", draft.version)
        drafts.approve(draft.id, "suzuki", draft.version)
        if number == 1:
            first = run(database, "--faq", str(faq), "admin", "export-faq")
            assert "- id: method-minutes\n" in first.stdout
            with faq.open("a", encoding="utf-8") as out:
                out.write("\n" + first.stdout)

    again = run(database, "--faq", str(faq), "admin", "export-faq")
    assert again.returncode == 0, again.stderr
    assert "- id: tool-echo\n" in again.stdout
    assert "method-minutes" not in again.stdout, "appended already: exported again, check would refuse the id"
    assert f"ID「method-minutes」はすでに {faq} にあるため、書き出しませんでした" in again.stderr
    assert "--mark-exported" in again.stderr, "and says how to mark it"

    # docs/dashboard.md's step 3, after appending: the one appended is marked, the other stays to export.
    marked = run(database, "--faq", str(faq), "admin", "export-faq", "--mark-exported")
    assert (marked.returncode, marked.stdout) == (0, ""), marked.stderr
    assert f"{faq} にあるID「method-minutes」の1件を「書き出し済み」にしました。" in marked.stderr
    assert f"ID「tool-echo」はまだ {faq} にないため、承認済みのままにしました" in marked.stderr
    assert [(d.entry_id, d.status) for d in drafts.list()] == [
        ("tool-echo", "approved"),
        ("method-minutes", "exported"),
    ]
    everything = run(database, "--faq", str(faq), "admin", "export-faq", "--all")
    assert "- id: tool-echo\n" in everything.stdout
    assert "method-minutes" not in everything.stdout, "exported drafts are done with"
    nothing = run(database, "--faq", str(faq), "admin", "export-faq", "--mark-exported")
    assert f"{faq} に追記済みの承認済みの下書きはありません。" in nothing.stderr
    assert [d.status for d in drafts.list()] == ["approved", "exported"], "tool-echo was never appended"
    store.close()


def test_mark_exported_leaves_approved_a_draft_edited_and_approved_again_after_the_export(
    tmp_path: Path,
) -> None:
    """Like the dashboard's button: marked only when faq.yaml holds the draft's id AND its text."""
    database, faq = tmp_path / "kaizen.db", tmp_path / "faq.yaml"
    shutil.copy(FAQ_PATH, faq)
    store = ConversationStore.open(f"sqlite:///{database}")
    service = ConsultationService(store.engine, Notices())
    drafts = FaqDrafts(store.engine, utcnow, set)
    fields = {"entry_id": "method-minutes", "category": "進め方", "question": "会議録を早く作るには？"}
    open_consultation(service)
    service.answer(1, "音声認識ソフトで下書きを作ります。", "tanaka")
    draft = drafts.create_from(1, "tanaka")
    draft = drafts.save(
        draft.id, fields | {"answer": "音声認識ソフトで下書きを作ります。"}, "tanaka", draft.version
    )
    draft = drafts.approve(draft.id, "suzuki", draft.version)
    first = run(database, "--faq", str(faq), "admin", "export-faq")
    with faq.open("a", encoding="utf-8") as out:
        out.write("\n" + first.stdout)
    # Edited and approved again after the export: faq.yaml holds the id with the older answer.
    draft = drafts.save(
        draft.id, fields | {"answer": "録音を文字にするソフトを使います。"}, "sato", draft.version
    )
    drafts.approve(draft.id, "suzuki", draft.version)

    marked = run(database, "--faq", str(faq), "admin", "export-faq", "--mark-exported")
    assert (marked.returncode, marked.stdout) == (0, ""), marked.stderr
    assert f"{faq} に追記済みの承認済みの下書きはありません。" in marked.stderr
    differs = f"ID「method-minutes」は {faq} にありますが、内容が承認済みの下書きと異なるため、"
    assert differs + "承認済みのままにしました" in marked.stderr
    assert [d.status for d in drafts.list()] == ["approved"], "its new answer was never appended"

    export = run(database, "--faq", str(faq), "admin", "export-faq")
    assert (export.returncode, export.stdout) == (0, ""), export.stderr
    assert differs + "書き出しませんでした" in export.stderr
    assert "「書き出し済み」にするには --mark-exported を" not in export.stderr, "marking would not mark it"

    # faq.yaml's entry replaced by the draft as it stands (what --all prints): now it is marked.
    everything = run(database, "--faq", str(faq), "admin", "export-faq", "--all")
    faq.write_text(FAQ_PATH.read_text(encoding="utf-8") + "\n" + everything.stdout, encoding="utf-8")
    marked = run(database, "--faq", str(faq), "admin", "export-faq", "--mark-exported")
    assert f"{faq} にあるID「method-minutes」の1件を「書き出し済み」にしました。" in marked.stderr
    assert [d.status for d in drafts.list()] == ["exported"]
    store.close()
