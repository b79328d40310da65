"""End to end in a real headless browser: a staff member consults in the web chat, the DX team logs
in to the dashboard, takes the consultation and answers it, and the answer arrives in the web chat.

Skips with a reason where /usr/bin/chromium is missing, except in CI, which installs it (.ci/run).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from bot.db.schema import admin_sessions, admin_users, answer_drafts
from tests.auxil.browser import needs_chromium, write_consultation
from tests.auxil.server import Served, admin, serve

pytestmark = needs_chromium

PASSWORD = "dx-team-password-1"
WAIT = 20_000
ANSWERED = re.compile(
    "回答を(相談者のチャットに届けました|記録しました。まもなく相談者のチャットに届きます)。"
)
"""The answer's confirmation: delivered or waiting for the worker, as the outbox has it."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("dashboard")
    _add_user(folder, "tanaka", "田中")
    _add_user(folder, "suzuki", "鈴木", "--editor")
    with serve(folder) as running:
        yield running


def _add_user(folder: Path, name: str, display_name: str, *options: str) -> None:
    """A dashboard user made as an administrator does, with ``python -m bot admin add-user``."""
    _admin(folder, "add-user", name, "--display-name", display_name, *options, "--password-stdin")


def _admin(folder: Path, *args: str) -> None:
    """``python -m bot admin ARGS`` on the database in ``folder`` (the password, when asked, on stdin)."""
    admin(f"sqlite:///{folder / 'kaizen.db'}", *args, password=PASSWORD)


def _log_in(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/admin/login")
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン", exact=True).click()
    expect(page.get_by_role("heading", name="相談一覧")).to_be_visible()


def _consult(served: Served, browser: Browser, said: str) -> None:
    """A member of staff sends ``said`` to the DX team from the web chat."""
    staff = browser.new_context().new_page()
    staff.goto(served.url)
    write_consultation(staff, said).get_by_role("button", name="この内容で相談する").click()
    expect(staff.locator(".message.bot", has_text="受付番号は No.")).to_be_visible()


def _opened(served: Served, browser: Browser, who: str, row: str) -> Page:
    """The dashboard of ``who``, logged in, on the consultation whose queue row shows ``row``."""
    page = browser.new_context().new_page()
    _log_in(page, served.url, who)
    page.locator("table.queue tr", has_text=row).get_by_role("link").first.click()
    return page


def test_log_in_take_a_consultation_answer_it_and_see_the_answer_in_the_web_chat(
    served: Served, browser: Browser
) -> None:
    staff = browser.new_context().new_page()
    errors: list[str] = []
    staff.on("pageerror", lambda error: errors.append(str(error)))
    staff.goto(served.url)
    expect(staff.locator(".message.bot").first).to_contain_text("ご用件をお選びください")

    # The staff member consults: content, section, by when, then confirms.
    summary = write_consultation(staff, "会議録の作成に毎回半日かかっています。担当は090-1234-5678です。")
    expect(summary).to_contain_text("［電話番号］")
    expect(summary).to_contain_text("個人情報保護のため")
    summary.get_by_role("button", name="この内容で相談する").click()
    expect(staff.locator(".message.bot", has_text="受付番号は No.1 です")).to_be_visible()

    # The DX team logs in, takes it and answers.
    team = browser.new_context().new_page()
    team.on("pageerror", lambda error: errors.append(str(error)))
    team.goto(f"{served.url}/admin/")
    expect(team).to_have_url(re.compile(r"/admin/login$"))
    team.get_by_label("ユーザー名").fill("tanaka")
    team.get_by_label("パスワード").fill(PASSWORD)
    team.get_by_role("button", name="ログイン").click()
    expect(team.get_by_role("heading", name="相談一覧")).to_be_visible()
    row = team.locator("table.queue tr", has_text="会議録の作成")
    expect(row).to_contain_text("未対応")
    expect(row).not_to_contain_text("090-1234-5678")
    row.get_by_role("link", name=re.compile(r"^No\.1 会議録の作成")).click()
    expect(team.locator(".conversation")).to_contain_text("総務課 庶務係")
    team.get_by_role("button", name="担当する").click()
    expect(team.locator(".notice.done")).to_have_text("担当者になりました。")
    expect(team.locator("h1 .badge")).to_have_text("対応中")
    team.get_by_label("相談者のチャットに送る回答").fill(
        "音声認識ソフトで下書きを作ると、作成時間を半分ほどにできます。"
    )
    team.get_by_role("button", name="回答を送信").click()
    expect(team.locator(".notice.done")).to_have_text(ANSWERED)
    expect(team.locator("h1 .badge")).to_have_text("回答済み")

    # The answer arrives in the web chat, and the staff member says it solved the problem.
    staff.bring_to_front()
    staff.evaluate("window.dispatchEvent(new Event('focus'))")
    answer = staff.locator(".message.bot", has_text="【DX推進課からの回答】No.1")
    expect(answer).to_contain_text("音声認識ソフトで下書きを作る", timeout=WAIT)
    answer.get_by_role("button", name="解決した").click()
    expect(staff.locator(".message.bot", has_text="「解決」としました")).to_be_visible()

    team.reload()
    expect(team.locator("h1 .badge")).to_have_text("解決")
    expect(team.locator(".trail")).to_contain_text("相談者（職員）")
    assert errors == []


def test_log_out_everywhere_from_the_dashboard_ends_the_other_browsers_session(
    served: Served, browser: Browser
) -> None:
    pages = [browser.new_context().new_page() for _ in range(2)]
    for page in pages:
        page.goto(f"{served.url}/admin/login")
        page.get_by_label("ユーザー名").fill("tanaka")
        page.get_by_label("パスワード").fill(PASSWORD)
        page.get_by_role("button", name="ログイン", exact=True).click()
        expect(page.get_by_role("heading", name="相談一覧")).to_be_visible()
    first, second = pages
    first.get_by_role("button", name="すべての端末でログアウト").click()
    expect(first).to_have_url(re.compile(r"/admin/login\?signed_out=all$"))
    expect(first.locator(".notice.done")).to_have_text("すべての端末でログアウトしました。")
    second.reload()
    expect(second).to_have_url(re.compile(r"/admin/login\?expired=1$"))
    expect(second.locator(".notice.done")).to_contain_text("ログインの有効期限が切れたか")


def test_an_answer_sent_after_the_login_ended_stays_on_screen_while_logging_in_again(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "議事録の要約に時間がかかるので、短くまとめる方法を知りたいです。")
    team = _opened(served, browser, "tanaka", "議事録の要約")
    typed = "要約には次の手順をお勧めします。\n1. 見出しを付ける\n2. https://example.jp/guide を参照"
    team.get_by_label("相談者のチャットに送る回答").fill(typed)
    _admin(served.log.parent, "logout-everywhere", "tanaka")  # say, the session expired meanwhile
    team.get_by_role("button", name="回答を送信").click()
    kept = team.get_by_role("textbox", name="送信しようとした内容")
    expect(kept).to_have_value(typed)
    with team.context.expect_page() as opened:
        team.get_by_role("link", name="ログイン画面を新しいタブで開く").click()
    login = opened.value
    login.get_by_label("ユーザー名").fill("tanaka")
    login.get_by_label("パスワード").fill(PASSWORD)
    login.get_by_role("button", name="ログイン", exact=True).click()
    expect(login.get_by_label("相談者のチャットに送る回答")).to_be_visible()  # back on the consultation
    expect(kept).to_have_value(typed)  # still there, to paste
    # A session ended on purpose (here, 「すべての端末でログアウト」) keeps nothing for the answer box.
    expect(login.get_by_label("相談者のチャットに送る回答")).to_have_value("")
    expect(login.locator("#answer-restored")).to_have_count(0)


def test_an_answer_sent_after_the_login_expired_is_back_in_the_answer_box_after_logging_in_again(
    served: Served, browser: Browser
) -> None:
    """Log in, start an answer, the login expires, send it, log in again: the answer is back, masked, with
    a notice; sent, it is gone."""
    folder = served.log.parent
    _add_user(folder, "sato", "佐藤")
    _consult(served, browser, "窓口の番号札を紙で配っています。呼び出しを電子化する方法はありますか。")
    team = _opened(served, browser, "sato", "窓口の番号札")
    typed = "発券機とモニターを使う方法があります。詳しくは山田花子さん（090-1111-2222）にお尋ねください。"
    team.get_by_label("相談者のチャットに送る回答").fill(typed)
    _expire_sessions(folder, "sato")  # the login's hours have passed while the answer was being written
    team.get_by_role("button", name="回答を送信").click()
    expect(team.locator(".notice.done")).to_contain_text("このアカウントの下書きとして保存しました")
    expect(team.get_by_role("textbox", name="送信しようとした内容")).to_have_value(typed)

    with team.context.expect_page() as opened:
        team.get_by_role("link", name="ログイン画面を新しいタブで開く").click()
    login = opened.value
    login.get_by_label("ユーザー名").fill("sato")
    login.get_by_label("パスワード").fill(PASSWORD)
    login.get_by_role("button", name="ログイン", exact=True).click()
    box = login.get_by_label("相談者のチャットに送る回答")
    expect(box).to_have_value(re.compile(r"^発券機とモニターを使う方法があります。.*［電話番号］"))
    assert "090-1111-2222" not in box.input_value()  # kept masked, as the answer is stored
    notice = login.locator("#answer-restored")
    expect(notice).to_contain_text("ログインが切れる前に入力していた回答を復元しました。")
    expect(notice).to_contain_text("電話番号")
    expect(box).to_have_attribute("aria-describedby", "answer-restored")

    login.get_by_role("button", name="回答を送信").click()
    expect(login.locator(".notice.done")).to_have_text(ANSWERED)
    expect(login.locator(".trail")).to_contain_text("発券機とモニターを使う方法があります。")
    login.reload()
    expect(login.get_by_label("相談者のチャットに送る回答")).to_have_value("")
    expect(login.locator("#answer-restored")).to_have_count(0)
    assert _kept_answers(folder) == 0


def _expire_sessions(folder: Path, name: str) -> None:
    """Make every session of ``name`` a minute past its expiry, as if its hours had passed."""
    engine = sa.create_engine(f"sqlite:///{folder / 'kaizen.db'}")
    user = sa.select(admin_users.c.id).where(admin_users.c.name == name).scalar_subquery()
    past = datetime.now(UTC) - timedelta(minutes=1)
    with engine.begin() as connection:
        sessions = admin_sessions.update().where(admin_sessions.c.user_id == user)
        connection.execute(sessions.values(expires_at=past))
    engine.dispose()


def _kept_answers(folder: Path) -> int:
    """How many answers the database keeps for DX members whose login expired."""
    engine = sa.create_engine(f"sqlite:///{folder / 'kaizen.db'}")
    with engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(answer_drafts)).scalar_one()
    engine.dispose()
    return int(count)


def test_on_a_phone_the_queue_scrolls_in_its_own_box_not_the_page(served: Served, browser: Browser) -> None:
    _consult(served, browser, "窓口の受付簿を紙で管理しています。電子化して、集計も自動でしたいです。")

    team = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    team.goto(f"{served.url}/admin/login")
    team.get_by_label("ユーザー名").fill("tanaka")
    team.get_by_label("パスワード").fill(PASSWORD)
    team.get_by_role("button", name="ログイン", exact=True).click()
    expect(team.get_by_role("heading", name="相談一覧")).to_be_visible()
    content = team.locator("table.queue tr", has_text="窓口の受付簿").locator("td.content")
    expect(content).to_be_visible()
    assert team.evaluate("document.documentElement.scrollWidth") <= 375, "the page itself does not scroll"
    box = team.get_by_role("region", name="相談の一覧表")
    assert box.evaluate("(node) => node.scrollWidth > node.clientWidth"), "the table scrolls in its box"
    width = content.evaluate("(node) => node.getBoundingClientRect().width")
    assert width >= 12 * 14, f"the content column stays readable ({width}px)"
    left = content.evaluate("(node) => node.getBoundingClientRect().left")
    assert left < 375 / 2, f"what it is about shows without scrolling sideways (it starts at {left}px)"


def test_approving_a_draft_keeps_what_the_editor_typed_without_saving_first(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "庁内の会議室でWeb会議をすると、音声がループしてしまいます。")
    editor = _opened(served, browser, "suzuki", "音声がループ")
    editor.get_by_label("相談者のチャットに送る回答").fill(
        "ご相談ありがとうございます。マイクとスピーカーを離してください。"
    )
    editor.get_by_role("button", name="回答を送信").click()
    expect(editor.locator(".notice.done")).to_have_text(ANSWERED)
    editor.get_by_role("button", name="FAQに登録").click()
    expect(editor.locator(".notice.done")).to_contain_text("FAQの下書きを作成しました")

    # The editor rewrites the draft for every member of staff and approves it at once, without 「保存」.
    draft = editor.locator("form.faq")
    draft.locator("[name=entry_id]").fill("tool-meeting-echo")
    draft.locator("[name=question]").fill("Web会議で音声がループするときは、どうすればよいですか？")
    written = "マイクとスピーカーを離し、同じ部屋の参加者はPCのマイクとスピーカーを切ってください。"
    draft.locator("[name=answer]").fill(written)
    editor.get_by_role("button", name="承認する").click()
    expect(editor.locator(".notice.done")).to_contain_text("承認しました")
    expect(draft.locator("[name=answer]")).to_have_value(written)
    expect(draft.locator("[name=entry_id]")).to_have_value("tool-meeting-echo")
    exported = editor.request.get(f"{served.url}/admin/faq/export.yaml")
    assert "- id: tool-meeting-echo" in exported.text()
    assert "ご相談ありがとうございます" not in exported.text()


def test_going_back_after_sending_an_answer_or_a_note_does_not_offer_to_send_it_again(
    served: Served, browser: Browser
) -> None:
    """The page shown on 「戻る」 is loaded afresh, with the consultation's new version: a text the browser
    put back into the form would be sent again as a second answer (or note), not refused as a repeat."""
    _consult(served, browser, "庁内照会の回答をExcelで集計しています。毎回2日かかるので短くしたいです。")
    team = _opened(served, browser, "tanaka", "庁内照会の回答")
    team.get_by_label("相談者のチャットに送る回答").fill("Formsで回答を集めると、集計は自動になります。")
    team.get_by_role("button", name="回答を送信").click()
    expect(team.locator(".notice.done")).to_have_text(ANSWERED)
    team.go_back()
    expect(team.locator("h1 .badge")).to_have_text("回答済み")  # loaded afresh, as Cache-Control says
    expect(team.get_by_label("相談者のチャットに送る回答")).to_have_value("")

    team.locator("form[action$='/note'] textarea").fill("集計表の様式を確認する。")
    team.get_by_role("button", name="メモを追加").click()
    expect(team.locator(".notice.done")).to_have_text("メモを追加しました。")
    team.go_back()
    expect(team.locator("form[action$='/note'] textarea")).to_have_value("")


def test_the_consultation_page_names_its_channel_its_fields_and_what_the_staff_member_pressed(
    served: Served, browser: Browser
) -> None:
    """Read as a screen reader reads it: every field and button names what it is for, the channel is
    called as the team calls it, and the trail says in plain words that the staff member reopened it."""
    staff = browser.new_context().new_page()
    staff.goto(served.url)
    write_consultation(
        staff, "押印欄のある様式を電子申請にしたいのですが、何から始めればよいですか。"
    ).get_by_role("button", name="この内容で相談する").click()
    expect(staff.locator(".message.bot", has_text="受付番号は No.")).to_be_visible()
    team = _opened(served, browser, "tanaka", "押印欄のある様式")
    expect(team.locator(".facts")).to_contain_text("（Webチャット）")
    team.get_by_role("textbox", name="メモ（相談者には表示されません）").fill("様式の一覧を確認する。")
    team.get_by_role("button", name="メモを追加").click()
    expect(team.locator(".notice.done")).to_have_text("メモを追加しました。")
    for label in ("担当者を変更", "期限を変更", "タグを変更"):
        expect(team.get_by_role("button", name=label, exact=True)).to_have_count(1)
    team.get_by_label("相談者のチャットに送る回答").fill("電子申請の手引きの第3章をご覧ください。")
    team.get_by_role("button", name="回答を送信").click()
    expect(team.locator(".notice.done")).to_have_text(ANSWERED)

    staff.evaluate("window.dispatchEvent(new Event('focus'))")
    answer = staff.locator(".message.bot", has_text="電子申請の手引きの第3章")
    answer.get_by_role("button", name="まだ困っている").click(timeout=WAIT)
    expect(staff.locator(".message.bot", has_text="再開しました")).to_be_visible()
    team.reload()
    expect(team.locator(".trail")).to_contain_text(
        "相談者（職員）：「まだ困っている」を選びました（状態：回答済み → 再開）"
    )


def test_a_second_answer_sent_at_once_is_refused_and_says_who_answered_meanwhile(
    served: Served, browser: Browser
) -> None:
    """Two members answer the same consultation from pages opened together: the second is refused, keeps what
    they typed, and says that 田中 has just answered, so that it is not sent again blindly."""
    _consult(served, browser, "公用車の予約を紙の台帳でしていますが、重複が起きます。")
    first = _opened(served, browser, "tanaka", "公用車の予約")
    second = _opened(served, browser, "suzuki", "公用車の予約")
    first.get_by_label("相談者のチャットに送る回答").fill("予約はグループウェアの設備予約をお使いください。")
    second.get_by_label("相談者のチャットに送る回答").fill("共有のスケジュール表で管理できます。")
    first.get_by_role("button", name="回答を送信").click()
    expect(first.locator(".notice.done")).to_have_text(ANSWERED)
    second.get_by_role("button", name="回答を送信").click()
    refusal = second.locator(".notice.error")
    expect(refusal).to_contain_text("この画面を開いた後に更新されています")
    expect(refusal).to_contain_text(
        re.compile(r"田中「回答しました（状態：未対応 → 回答済み）」（\d\d:\d\d）")
    )
    expect(second.get_by_label("相談者のチャットに送る回答")).to_have_value(
        "共有のスケジュール表で管理できます。"
    )


def test_a_refused_assignee_or_due_date_keeps_what_was_chosen_beside_what_changed_meanwhile(
    served: Served, browser: Browser
) -> None:
    """The assign and due-date forms of a refused (stale) page showed the stored values, not the user's."""
    _consult(served, browser, "会議室の予約が電話と紙で二重になり、当日に重なることがあります。")
    first = _opened(served, browser, "tanaka", "会議室の予約")
    second = _opened(served, browser, "suzuki", "会議室の予約")
    first.get_by_label("期限").fill("2026-12-01")
    first.get_by_role("button", name="期限を変更").click()
    expect(first.locator(".notice.done")).to_have_text("期限を変更しました。")

    second.get_by_label("担当者").select_option(label="鈴木")
    second.get_by_role("button", name="担当者を変更").click()
    refusal = second.locator(".notice.error")
    expect(refusal).to_contain_text("この画面を開いた後に、次の操作がありました：田中")
    expect(second.get_by_label("担当者")).to_have_value("suzuki")
    expect(second.locator("dl")).to_contain_text("未割り当て")  # the stored assignee, in the facts

    first.get_by_label("担当者").select_option(label="田中")
    first.get_by_role("button", name="担当者を変更").click()
    expect(first.locator(".notice.done")).to_have_text("担当者を変更しました。")
    second.get_by_label("期限").fill("2026-12-24")
    second.get_by_role("button", name="期限を変更").click()
    expect(refusal).to_contain_text("この画面を開いた後に、次の操作がありました：田中")
    expect(second.get_by_label("期限")).to_have_value("2026-12-24")
    expect(second.get_by_label("担当者")).to_have_value("tanaka")  # the other form: what is stored


def test_the_queue_sorts_by_due_date_and_keeps_the_sort_with_the_search(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "シュレッダーの回収日程を各課に紙で回覧しています。")
    _consult(served, browser, "シュレッダーの故障受付を電話だけで受けています。")
    team = _opened(served, browser, "tanaka", "シュレッダーの故障受付")
    team.get_by_label("期限").fill("2026-12-01")
    team.get_by_role("button", name="期限を変更").click()
    expect(team.locator(".notice.done")).to_have_text("期限を変更しました。")
    team.goto(f"{served.url}/admin/")
    team.get_by_role("searchbox", name="キーワード・No.").fill("シュレッダー")
    team.get_by_role("button", name="絞り込む").click()
    rows = team.locator("table.queue tbody tr")
    expect(rows.first).to_contain_text("回収日程")  # by number: the older first
    team.get_by_label("並び順").select_option(label="期限の近い順")
    team.get_by_role("button", name="絞り込む").click()
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("故障受付")
    expect(rows.first).to_contain_text("2026")
    expect(team.get_by_label("並び順")).to_have_value("due")
    expect(team.get_by_role("searchbox", name="キーワード・No.")).to_have_value("シュレッダー")


def test_the_queue_finds_a_consultation_by_a_word_or_its_number_and_pages_keep_the_search(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "庁内の備品台帳をExcelで管理していて、棚卸しに3日かかります。")
    team = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    _log_in(team, served.url, "tanaka")
    search = team.get_by_role("searchbox", name="キーワード・No.")
    search.fill("備品台帳 棚卸し")
    search.press("Enter")
    rows = team.locator("table.queue tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("備品台帳")
    expect(team.get_by_role("searchbox", name="キーワード・No.")).to_have_value("備品台帳 棚卸し")
    number = rows.get_by_role("rowheader").inner_text()

    team.get_by_role("searchbox", name="キーワード・No.").fill(number)
    team.get_by_role("button", name="絞り込む").click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("備品台帳")

    team.get_by_role("searchbox", name="キーワード・No.").fill("備品台帳 存在しない言葉")
    team.get_by_role("button", name="絞り込む").click()
    expect(team.locator(".empty")).to_contain_text("該当する相談はありません。")
    team.get_by_role("link", name=re.compile("すべての相談から「備品台帳 存在しない言葉」を探す")).click()
    expect(team.get_by_role("searchbox", name="キーワード・No.")).to_have_value("備品台帳 存在しない言葉")
    expect(team.get_by_role("link", name="すべて")).to_have_attribute("aria-current", "page")
