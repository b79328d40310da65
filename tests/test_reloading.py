"""Live reload, end to end: real servers on a copy of the knowledge, edited while they serve.

- An edited FAQ answer is served after a reload through the admin API, while
  the server keeps answering during the reload.
- A broken faq.yaml (a fault) keeps the previous answers in service; the
  problems come back as ``file:line: message`` (API, CLI, dashboard, log).
- ``python -m bot reload`` asks the running server.
- The dashboard's button: editors only, with CSRF; the audit trail names who.
- A second server on the same database follows a reload asked of the first.
- A faq.yaml still being written (cut short, yet valid YAML) is not read
  until it has settled: the reload serves the whole file (a fault); one
  left cut short is loaded, but the reload says how many entries it lost.
- A ward's own names (knowledge/ward.yaml), reloaded, replace the sample
  ward's in the chat page, the replies, the dashboard and the reload's message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.consult.accounts import Accounts, Attempt, LoggedIn
from bot.consult.service import utcnow
from bot.db import ConversationStore
from bot.db.schema import knowledge_reloads
from bot.knowledge import KnowledgeBase
from tests.auxil.cli import run_main
from tests.auxil.server import Served, serve
from tests.conftest import FAQ_PATH, KNOWLEDGE_DIR
from tests.knowledge.test_ward import OTHER_WARD

ADMIN_TOKEN = "reload-admin-api-token-0123456789abcdef"
CHAT_TOKEN = "reload-chat-api-token-0123456789abcdefgh"
QUESTION = "RPAってなに？"
ORIGINAL = "RPA（ロボティック・プロセス・オートメーション）は、パソコン上で人が行っている定型的な操作"
EDITED = "【改訂】RPAは、決まった手順のパソコン操作をロボットに任せる仕組みです。"
DISPLAY_NAMES = {"suzuki": "鈴木", "sato": "佐藤"}


@dataclass(frozen=True)
class Site:
    """A server over its own copy of the knowledge, with a team member and an editor logged in."""

    served: Served
    faq: Path
    knowledge: Path
    database: str
    editor: tuple[str, str]
    member: tuple[str, str]
    """(session cookie token, CSRF token) of each."""


def _sessions(database: str) -> tuple[tuple[str, str], tuple[str, str]]:
    store = ConversationStore.open(database)
    try:
        accounts = Accounts(store.engine, utcnow, 12)
        logged: list[tuple[str, str]] = []
        for name, editor in (("suzuki", True), ("sato", False)):
            accounts.add_user(name, f"{name}-password-1", DISPLAY_NAMES[name], editor=editor)
            opened = accounts.login(Attempt(name, "127.0.0.1"), f"{name}-password-1")
            assert isinstance(opened, LoggedIn)
            logged.append((opened.token, opened.session.csrf))
        return logged[0], logged[1]
    finally:
        store.close()


def _env(faq: Path, knowledge: Path, **extra: str) -> dict[str, str]:
    return {
        "KAIZEN_FAQ": str(faq),
        "KAIZEN_KNOWLEDGE": str(knowledge),
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_LOG_LEVEL": "INFO",
        **extra,
    }


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    faq, knowledge = tmp_path / "faq.yaml", tmp_path / "knowledge"
    shutil.copy2(FAQ_PATH, faq)  # its time kept, as copytree keeps the folder's: settled, read at once
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    database = f"sqlite:///{tmp_path / 'kaizen.db'}"
    editor, member = _sessions(database)
    with serve(tmp_path, env=_env(faq, knowledge)) as served:
        yield Site(served, faq, knowledge, database, editor, member)


def _call(
    url: str, method: str = "GET", body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _admin(site: Site | Served, path: str, method: str = "GET", body: Any = None) -> tuple[int, Any]:
    url = site.served.url if isinstance(site, Site) else site.url
    return _call(f"{url}{path}", method, body, {"Authorization": f"Bearer {ADMIN_TOKEN}"})


def _ask(url: str, text: str = QUESTION, user: str = "reload-staff") -> str:
    status, body = _call(
        f"{url}/api/v1/chat", "POST", {"text": text, "user": user}, {"Authorization": f"Bearer {CHAT_TOKEN}"}
    )
    assert status == 200, body
    return "\n".join(reply["text"] for reply in body["replies"])


def _edit_answer(faq: Path, new: str) -> None:
    text = faq.read_text(encoding="utf-8")
    assert ORIGINAL in text
    faq.write_text(text.replace(ORIGINAL, new, 1), encoding="utf-8")


def _settled(*paths: Path) -> None:
    """Date ``paths`` a minute back: a reload reads files unchanged for 2 s (`bot.reloading.SETTLE_SECONDS`)
    at once, so a test of what it reads does not wait that long for each edit."""
    then = time.time() - 60
    for path in paths:
        os.utime(path, (then, then))


def _break(faq: Path) -> int:
    """Give the first FAQ entry a field the schema does not know; the line it stands on."""
    lines = faq.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(n for n, line in enumerate(lines) if line.startswith("- id:"))
    lines.insert(first + 1, "  answr: 綴りを間違えた項目\n")
    faq.write_text("".join(lines), encoding="utf-8")
    return first + 2


def test_an_edited_answer_is_served_after_a_reload_and_turns_go_on_meanwhile(
    site: Site, kb: KnowledgeBase
) -> None:
    url = site.served.url
    assert ORIGINAL in _ask(url)
    _edit_answer(site.faq, EDITED)
    assert ORIGINAL in _ask(url), "nothing changes before the reload is asked for"

    answered: list[str] = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():  # a new person each time: one person's messages a minute are limited
            answered.append(_ask(url, user=f"during-reload-{len(answered)}"))

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        status, body = _admin(site, "/api/v1/knowledge/reload", "POST", {"requested_by": "ops-yamada"})
    finally:
        stop.set()
        asker.join(timeout=120)
    assert status == 200, body
    assert body["reload"]["outcome"] == "loaded"
    assert body["reload"]["faq"] == len(kb.faq)
    assert answered, "the chat answered while the reload was built"
    assert all(ORIGINAL in text or EDITED in text for text in answered), answered
    after = _ask(url)
    assert EDITED in after
    assert ORIGINAL not in after

    status, shown = _admin(site, "/api/v1/knowledge")
    assert status == 200
    newest = shown["reloads"][0]
    assert (newest["requested_by"], newest["via"], newest["outcome"]) == ("ops-yamada", "api", "loaded")
    assert newest["finished_at"] is not None


def test_who_asked_for_a_reload_is_stored_masked(site: Site) -> None:
    who = "山田太郎 090-1234-5678 taro.yamada@example.com"
    status, body = _admin(site, "/api/v1/knowledge/reload", "POST", {"requested_by": who})
    assert status == 200, body

    engine = sa.create_engine(site.database)
    try:
        with engine.connect() as connection:
            stored = connection.execute(sa.select(knowledge_reloads.c.requested_by)).scalars().all()
    finally:
        engine.dispose()
    assert len(stored) == 1
    assert all(raw not in stored[0] for raw in ("山田", "太郎", "1234", "5678", "taro.yamada", "example.com"))
    assert stored[0] == "［氏名］ ［電話番号］ ［メールアドレス］"
    status, shown = _admin(site, "/api/v1/knowledge")
    assert shown["reloads"][0]["requested_by"] == stored[0]


def test_a_broken_file_keeps_the_old_answers_and_says_where_it_is_broken(site: Site) -> None:
    url = site.served.url
    _edit_answer(site.faq, EDITED)
    line = _break(site.faq)
    _settled(site.faq)

    status, body = _admin(site, "/api/v1/knowledge/reload", "POST")
    assert status == 422
    assert body["error"] == "invalid_knowledge"
    expected = f"{site.faq}:{line}: "
    assert any(p.startswith(expected) and "answr" in p for p in body["problems"]), body["problems"]
    assert "これまでの内容で応答を続けています" in body["message"]
    still = _ask(url)
    assert ORIGINAL in still, "the previous knowledge still serves"
    assert EDITED not in still

    status, shown = _admin(site, "/api/v1/knowledge")
    assert shown["reloads"][0]["outcome"] == "failed"
    assert shown["reloads"][0]["problem_count"] == len(body["problems"])
    assert shown["last_reload"]["outcome"] == "failed"
    log = site.served.log.read_text(encoding="utf-8")
    assert f"knowledge reload: {site.faq}:{line}:" in log

    page = _dashboard(site, "/admin/knowledge", site.member)[1]
    assert f"{site.faq}:{line}:" in page
    assert "読み込めなかった理由" in page


def test_the_cli_asks_the_running_server(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's own process once; its other outcomes run in this one (`run_main`), seconds fewer."""
    monkeypatch.setenv("KAIZEN_ADMIN_TOKEN", ADMIN_TOKEN)
    command = [sys.executable, "-m", "bot", "reload", "--url", site.served.url]
    _edit_answer(site.faq, EDITED)
    _settled(site.faq)
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "知識を読み込み直しました" in done.stdout
    assert EDITED in _ask(site.served.url)

    line = _break(site.faq)
    _settled(site.faq)
    failed = run_main(*command[3:])
    assert failed.returncode == 1
    assert f"{site.faq}:{line}: " in failed.stdout
    assert "これまでの内容で応答を続けています" in failed.stderr

    refused = run_main(*command[3:-1], "http://127.0.0.1:9")
    assert refused.returncode == 2
    assert "接続できません" in refused.stderr
    monkeypatch.delenv("KAIZEN_ADMIN_TOKEN")
    missing = run_main(*command[3:])
    assert missing.returncode == 2
    assert "KAIZEN_ADMIN_TOKEN" in missing.stderr


def _dashboard(
    site: Site, path: str, who: tuple[str, str], form: dict[str, str] | None = None
) -> tuple[int, str]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(f"{site.served.url}{path}", data=data)
    request.add_header("Cookie", f"kaizen_admin={who[0]}")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_dashboard_button_is_for_editors_and_needs_the_csrf_token(site: Site) -> None:
    _edit_answer(site.faq, EDITED)
    _settled(site.faq)
    status, page = _dashboard(site, "/admin/knowledge", site.member)
    assert status == 200
    assert "読み込み直しは、編集担当者が行います" in page
    assert 'action="/admin/knowledge/reload"' not in page

    status, page = _dashboard(site, "/admin/knowledge/reload", site.member, {"csrf": site.member[1]})
    assert status == 403
    assert "編集担当者だけ" in page
    status, _ = _dashboard(site, "/admin/knowledge/reload", site.editor, {"csrf": "forged"})
    assert status == 403
    assert ORIGINAL in _ask(site.served.url), "neither refused request reloaded anything"

    status, page = _dashboard(site, "/admin/knowledge", site.editor)
    assert 'action="/admin/knowledge/reload"' in page
    status, page = _dashboard(site, "/admin/knowledge/reload", site.editor, {"csrf": site.editor[1]})
    assert status == 200
    assert "知識を読み込み直しました" in page
    assert "<td>鈴木</td>" in page, "who reloaded, by the name the team knows (not the login name suzuki)"
    assert "管理画面" in page
    assert "成功" in page
    assert EDITED in _ask(site.served.url)


def test_a_second_server_on_the_same_database_follows_the_reload(database_url: str, tmp_path: Path) -> None:
    faq, knowledge = tmp_path / "faq.yaml", tmp_path / "knowledge"
    shutil.copy2(FAQ_PATH, faq)
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    env = _env(faq, knowledge, KAIZEN_RELOAD_POLL_SECONDS="1")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    with (
        serve(first, database=database_url, env=env) as one,
        serve(second, database=database_url, env=env) as other,
    ):
        _edit_answer(faq, EDITED)
        _settled(faq)
        assert ORIGINAL in _ask(other.url)
        status, _ = _admin(one, "/api/v1/knowledge/reload", "POST")
        assert status == 200
        deadline = time.monotonic() + 60
        while EDITED not in _ask(other.url):
            assert time.monotonic() < deadline, "the second server never followed"
            time.sleep(0.5)
        assert "following knowledge reload" in other.log.read_text(encoding="utf-8")
        assert "following knowledge reload" not in one.log.read_text(encoding="utf-8"), (
            "the first reloaded once"
        )
        status, shown = _admin(other, "/api/v1/knowledge")
        assert shown["last_reload"]["outcome"] == "loaded"
        assert len(shown["reloads"]) == 1, "a follower does not record a reload of its own"


@pytest.mark.slow
def test_a_reload_waits_for_a_faq_still_being_written(site: Site, kb: KnowledgeBase) -> None:
    whole = site.faq.read_text(encoding="utf-8")
    cut = whole.index("\n- id:", whole.index("\n- id:", whole.index("\n- id:") + 1) + 1) + 1
    site.faq.write_text(whole[:cut], encoding="utf-8")  # two entries so far: valid YAML, as a copy leaves it

    def finish() -> None:
        time.sleep(1.0)
        with site.faq.open("a", encoding="utf-8") as rest:
            rest.write(whole[cut:])

    writer = threading.Thread(target=finish)
    writer.start()
    try:
        status, body = _admin(site, "/api/v1/knowledge/reload", "POST")
    finally:
        writer.join()
    assert status == 200, body
    assert body["reload"]["faq"] == len(kb.faq), "the whole FAQ, not the two entries written when asked"
    assert "waiting until it settles" in site.served.log.read_text(encoding="utf-8")


def test_a_reload_that_loses_most_of_the_faq_says_so(site: Site, kb: KnowledgeBase) -> None:
    whole = site.faq.read_text(encoding="utf-8")
    cut = whole.index("\n- id:", whole.index("\n- id:", whole.index("\n- id:") + 1) + 1) + 1
    site.faq.write_text(whole[:cut], encoding="utf-8")  # a copy that stopped after two entries
    _settled(site.faq)

    status, body = _admin(site, "/api/v1/knowledge/reload", "POST")
    assert status == 200, body
    assert body["reload"]["faq"] == 2
    assert f"FAQが{len(kb.faq)}件から2件に減りました" in body["message"]
    assert "faq.yaml が最後まで保存されているか" in body["message"]
    log = site.served.log.read_text(encoding="utf-8")
    assert f"the FAQ went from {len(kb.faq)} entries to 2" in log
    assert "waiting until it settles" not in log, "a file saved a minute ago is read at once"


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return str(response.read().decode())


def _press(url: str, user: str, action: str | None = None, text: str | None = None) -> list[dict[str, Any]]:
    body: dict[str, Any] = {"user": user, **({"action": action} if action else {"text": text})}
    status, answer = _call(f"{url}/api/v1/chat", "POST", body, {"Authorization": f"Bearer {CHAT_TOKEN}"})
    assert status == 200, answer
    replies: list[dict[str, Any]] = answer["replies"]
    return replies


def _consult(url: str, user: str, content: str) -> str:
    """Send a consultation through the whole intake; the receipt's text."""
    _press(url, user, action="consult")
    _press(url, user, text=content)
    _press(url, user, text="総務課 庶務係")
    _press(url, user, action="in:by:m")
    receipt: str = _press(url, user, action="in:send")[-1]["text"]
    return receipt


def test_a_wards_own_names_replace_the_samples_in_the_chat_and_the_dashboard(
    site: Site, kb: KnowledgeBase
) -> None:
    url = site.served.url
    assert "<h1>業務改善相談bot</h1>" in _page(url)
    (site.knowledge / "ward.yaml").write_text(f"{OTHER_WARD}manual_short: ガイド\n", encoding="utf-8")
    _settled(site.knowledge / "ward.yaml")
    status, reloaded = _admin(site, "/api/v1/knowledge/reload", "POST")
    assert status == 200
    assert f"ガイド {len(kb.chapters)}章" in reloaded["message"]
    assert "手引き" not in reloaded["message"]

    page = _page(url)
    assert "<title>みどり区 しごと改善アシスタント｜業務改革係</title>" in page
    assert "<p>総務部 業務改革係</p>" in page
    assert "DX推進課" not in page

    menu = _press(url, "midori-staff", action="menu")[-1]
    assert "業務改革係に相談する" in [choice["label"] for choice in menu["choices"]]
    assert any(card["title"] == "業務改革係へのご相談" for card in menu["cards"])
    lead = _press(url, "midori-staff", action="consult")
    assert "業務改革係へのご相談を承ります" in lead[0]["text"]
    _press(url, "midori-staff", text="毎月の申請書の入力に丸2日かかっているので、作業時間を減らしたいです。")
    _press(url, "midori-staff", text="総務課 庶務係")
    summary = _press(url, "midori-staff", action="in:by:m")[-1]
    assert "次の内容で業務改革係に相談します" in summary["text"]
    receipt = _press(url, "midori-staff", action="in:send")[-1]["text"]
    assert "業務改革係の担当者が内容を確認し、このチャットでお返事します（通常、5業務日以内）" in receipt
    assert "DX推進課" not in receipt
    assert "開庁日" not in receipt

    status, knowledge = _dashboard(site, "/admin/knowledge?done=1", site.member)
    assert knowledge.count(f"ガイド {len(kb.chapters)}章") == 2, "the reload's message and what is loaded"
    assert "手引き" not in knowledge
    status, consultation = _dashboard(
        site, "/admin/consultations/1?q=" + urllib.parse.quote("棚卸しのやり方"), site.member
    )
    assert "<label>FAQ・ガイド・改善事例を探す" in consultation
    assert '<span class="kind">ガイド</span>' in consultation, "a section found, by the same name"
    assert "・手引き・" not in consultation
    assert '<span class="kind">手引き</span>' not in consultation, (
        "the sample's FAQ may cite its manual, not the page"
    )

    status, login = _dashboard(site, "/admin/login", site.member)
    assert "業務改革係の担当者用の画面です" in login
    status, queue = _dashboard(site, "/admin/", site.member)
    assert "<span>総務部 業務改革係</span>" in queue
    assert "しごと改善相談 管理画面" in queue
    assert "DX推進課" not in queue

    status, _ = _admin(
        site, "/api/v1/consultations/1/answer", "POST", {"text": "入力支援の方法をご案内します。"}
    )
    assert status == 200
    headers = {"Authorization": f"Bearer {CHAT_TOKEN}", "X-Kaizen-User": "midori-staff"}
    status, pushed = _call(f"{url}/api/v1/chat/messages", headers=headers)
    assert status == 200
    assert pushed["messages"][-1]["text"].startswith("【業務改革係からの回答】No.1")


def test_a_candidate_deleted_from_the_faq_and_reloaded_leaves_the_answer_box_with_a_note(site: Site) -> None:
    url, user = site.served.url, "deleted-staff"
    assert "No.1" in _consult(url, user, "RPAとはどんなもので、どんな業務に向いているのか知りたいです")
    picked = "/admin/consultations/1?from=faq%3Atool-rpa-basics"
    status, page = _dashboard(site, picked, site.member)
    assert status == 200
    assert ORIGINAL in page, "the candidate's answer starts the box"

    text = site.faq.read_text(encoding="utf-8")
    start = text.index("- id: tool-rpa-basics\n")
    site.faq.write_text(text[:start] + text[text.index("\n- id:", start) + 1 :], encoding="utf-8")
    _settled(site.faq)
    status, _ = _admin(site, "/api/v1/knowledge/reload", "POST")
    assert status == 200
    status, page = _dashboard(site, picked, site.member)
    assert status == 200
    assert (
        "よくある質問「RPAとは何ですか？どんな業務に向いていますか？」は、現在のFAQ・手引き・改善事例には"
        "見つかりません（削除されたか、IDが変わった可能性があります）。回答はこの欄に直接入力してください。"
    ) in page
    assert re.search(r'<textarea id="answer-text"[^>]*></textarea>', page), "left empty, for writing"


def test_a_draft_appended_to_the_faq_and_reloaded_is_not_exported_again(site: Site) -> None:
    """The loop the dashboard describes: approve, export, append to faq.yaml, reload; then nothing repeats."""
    url, user = site.served.url, "loop-staff"
    _consult(url, user, "会議録の作成に毎回半日かかっているので、早く作る方法を知りたいです")
    status, _ = _admin(
        site, "/api/v1/consultations/1/answer", "POST", {"text": "音声認識で下書きを作ります。"}
    )
    assert status == 200
    csrf = site.editor[1]
    detail = _dashboard(site, "/admin/consultations/1", site.editor)[1]
    version = re.findall(r'name="version" value="(\d+)"', detail)[0]
    status, _ = _dashboard(
        site, "/admin/consultations/1/faq", site.editor, {"csrf": csrf, "version": version}
    )
    assert status == 200
    fields = {
        "csrf": csrf,
        "version": "1",
        "entry_id": "method-minutes",
        "category": "進め方",
        "question": "会議録を早く作るには？",
        "answer": "音声認識で下書きを作ります。",
    }
    status, _ = _dashboard(site, "/admin/faq/1/approve", site.editor, fields)
    assert status == 200
    status, exported = _dashboard(site, "/admin/faq/export.yaml", site.editor)
    assert (status, "- id: method-minutes\n" in exported) == (200, True)
    with site.faq.open("a", encoding="utf-8") as out:
        out.write("\n" + exported)
    _settled(site.faq)
    assert _admin(site, "/api/v1/knowledge/reload", "POST")[0] == 200

    status, listing = _dashboard(site, "/admin/faq", site.editor)
    assert "ID「method-minutes」の承認済みの下書きは、すでにFAQにあるため書き出しません" in listing
    assert "faq.yaml形式で書き出す" not in listing
    assert _dashboard(site, "/admin/faq/export.yaml", site.editor)[0] == 404, (
        "appended twice, check would refuse"
    )
    status, listing = _dashboard(site, "/admin/faq/exported", site.editor, {"csrf": csrf})
    assert "faq.yaml に追加済みの下書き1件を「書き出し済み」にしました。" in listing
    assert "すでにFAQにある" not in listing


def _approved_draft(site: Site, number: int, entry_id: str, answer: str) -> None:
    """Consultation ``number`` answered, drafted from and approved as ``entry_id`` by the editor."""
    _consult(site.served.url, f"mark-staff-{number}", f"会議録の作成について相談です（{number}件目）")
    status, _ = _admin(site, f"/api/v1/consultations/{number}/answer", "POST", {"text": answer})
    assert status == 200
    csrf = site.editor[1]
    detail = _dashboard(site, f"/admin/consultations/{number}", site.editor)[1]
    version = re.findall(r'name="version" value="(\d+)"', detail)[0]
    status, draft = _dashboard(
        site, f"/admin/consultations/{number}/faq", site.editor, {"csrf": csrf, "version": version}
    )
    draft_id = re.findall(r'action="/admin/faq/(\d+)/approve"', draft)[0]
    fields = {"csrf": csrf, "version": "1", "entry_id": entry_id, "category": "進め方"}
    fields |= {"question": f"{entry_id}の質問です。", "answer": answer}
    status, approved = _dashboard(site, f"/admin/faq/{draft_id}/approve", site.editor, fields)
    assert "承認しました。" in approved


def test_marking_exported_covers_what_the_faq_holds_not_drafts_approved_or_edited_after_the_export(
    site: Site,
) -> None:
    """It marked every approved draft: one approved, or edited and approved again, after the download too."""
    _approved_draft(site, 1, "method-a", "Aの回答です。")
    _approved_draft(site, 2, "method-b", "Bの回答です。")
    status, exported = _dashboard(site, "/admin/faq/export.yaml", site.editor)
    assert (status, exported.count("- id: method-")) == (200, 2)
    # Meanwhile: a colleague approves another draft, and edits B and has it approved again.
    _approved_draft(site, 3, "method-c", "Cの回答です。")
    csrf = site.editor[1]
    edited = {"csrf": csrf, "version": "3", "entry_id": "method-b", "category": "進め方"}
    edited |= {"question": "method-bの質問です。", "answer": "Bの回答を書き直しました。"}
    status, saved = _dashboard(site, "/admin/faq/2/save", site.editor, edited)
    assert "承認済みだったため「下書き」に戻りました" in saved
    assert (
        "承認しました。"
        in _dashboard(site, "/admin/faq/2/approve", site.editor, {"csrf": csrf, "version": "4"})[1]
    )

    with site.faq.open("a", encoding="utf-8") as out:  # what was downloaded: A and B as they were
        out.write("\n" + exported)
    _settled(site.faq)
    assert _admin(site, "/api/v1/knowledge/reload", "POST")[0] == 200
    status, listing = _dashboard(site, "/admin/faq/exported", site.editor, {"csrf": csrf})
    states = {number: _dashboard(site, f"/admin/faq/{number}", site.editor)[1] for number in (1, 2, 3)}
    assert "FAQの下書き No.1（書き出し済み）" in states[1]
    assert "FAQの下書き No.2（承認済み）" in states[2], "its new text was never exported"
    assert "FAQの下書き No.3（承認済み）" in states[3], "approved after the export"
    assert "faq.yaml に追加済みの下書き1件を「書き出し済み」にしました。" in listing
    assert "ID「method-b」はFAQにありますが、内容が承認済みの下書きと異なります" in listing
    assert "faq.yaml形式で書き出す（承認済み1件）" in listing, "C, still to export"
