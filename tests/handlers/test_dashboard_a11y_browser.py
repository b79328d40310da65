"""The dashboard by keyboard and screen reader, in a real headless browser: a skip link, the outcome of each
action focused, a refused form said beside its field, tables that name themselves and their headers, a
visible focus ring, links and titles that say where they lead.

Skips with a reason where /usr/bin/chromium is missing, except in CI, which installs it (.ci/run).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.auxil.browser import needs_chromium, write_consultation
from tests.auxil.server import Served, serve
from tests.handlers.test_dashboard_browser import ANSWERED, PASSWORD, _add_user

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("dashboard-a11y")
    _add_user(folder, "tanaka", "田中")
    _add_user(folder, "suzuki", "鈴木", "--editor")
    with serve(folder) as running:
        yield running


def _consult(served: Served, browser: Browser, said: str) -> None:
    staff = browser.new_context().new_page()
    staff.goto(served.url)
    write_consultation(staff, said).get_by_role("button", name="この内容で相談する").click()
    expect(staff.locator(".message.bot", has_text="受付番号は No.")).to_be_visible()


def _logged_in(served: Served, browser: Browser, name: str, width: int = 1280) -> Page:
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{served.url}/admin/login")
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン", exact=True).click()
    expect(page.get_by_role("heading", name="相談一覧", level=1)).to_be_visible()
    return page


def _open(page: Page, row: str) -> None:
    page.locator("table.queue tr", has_text=row).get_by_role("link").first.click()
    expect(page.locator("h1 .badge")).to_be_visible()


def test_the_first_tab_offers_a_skip_link_that_leads_past_the_header_to_the_page(
    served: Served, browser: Browser
) -> None:
    page = _logged_in(served, browser, "tanaka", width=375)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None
    assert min(box["x"], box["y"]) >= 0, f"shown when focused ({box})"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name=re.compile("^対応中のもの全体"))).to_be_focused()


def test_the_outcome_of_each_action_is_focused_so_that_a_screen_reader_reads_it_first(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "郵送物の宛名ラベルを手書きしています。印刷で作れませんか。")
    page = _logged_in(served, browser, "tanaka")
    _open(page, "宛名ラベル")
    focused_status = page.locator(":focus[role=status]")

    page.get_by_role("button", name="担当する").click()
    expect(focused_status).to_have_text("担当者になりました。")
    page.get_by_label("相談者のチャットに送る回答").fill("差し込み印刷でラベルを作れます。")
    page.get_by_role("button", name="回答を送信").click()
    expect(focused_status).to_have_text(ANSWERED)
    page.get_by_role("button", name="「解決」にする").click()
    expect(focused_status).to_have_text("状態を変更しました。")
    page.get_by_label("担当者").select_option(label="鈴木")
    page.get_by_role("button", name="担当者を変更").click()
    expect(focused_status).to_have_text("担当者を変更しました。")
    # The next Tab goes on from the notice, into the page, not back to the header.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="← 相談一覧")).to_be_focused()


def test_a_refused_stale_answer_is_said_in_its_form_and_describes_the_focused_field(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "会議の出欠をメールで集めて、手で表にしています。")
    first = _logged_in(served, browser, "tanaka")
    _open(first, "会議の出欠")
    second = _logged_in(served, browser, "suzuki")
    _open(second, "会議の出欠")
    first.get_by_role("button", name="担当する").click()
    expect(first.locator(".notice.done")).to_have_text("担当者になりました。")

    second.get_by_label("相談者のチャットに送る回答").fill("Formsで出欠を集めると集計は自動です。")
    second.get_by_role("button", name="回答を送信").click()
    answer = second.get_by_role("textbox", name="相談者のチャットに送る回答")
    expect(answer).to_be_focused()
    expect(answer).to_have_value("Formsで出欠を集めると集計は自動です。")
    expect(answer).to_have_accessible_description(
        re.compile("この画面を開いた後に、次の操作がありました：田中")
    )
    expect(answer).not_to_have_attribute("aria-invalid", "true")  # it was late, not wrong
    refusal = second.locator("form#answer [role=alert]")
    expect(refusal).to_contain_text("この画面を開いた後に更新されています")


def test_a_field_typed_wrong_is_marked_invalid_focused_and_described_by_what_to_mend(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "備品の貸出を紙の台帳に書いています。")
    page = _logged_in(served, browser, "tanaka")
    _open(page, "備品の貸出")
    tags = page.get_by_role("textbox", name="タグ（読点・カンマ区切り）")
    tags.fill("、".join(f"タグ{n}" for n in range(12)))
    page.get_by_role("button", name="タグを変更").click()
    expect(tags).to_be_focused()
    expect(tags).to_have_attribute("aria-invalid", "true")
    expect(tags).to_have_accessible_description(re.compile("タグは10個までにしてください"))


def test_a_refused_login_is_tied_to_the_fields_and_the_password_is_focused_to_type_again(
    served: Served, browser: Browser
) -> None:
    page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    page.goto(f"{served.url}/admin/login")
    name = page.get_by_role("textbox", name="ユーザー名")
    expect(name).to_be_focused()
    # A phone's keyboard must not capitalise or correct the user name (「Tanaka」 would be refused).
    expect(name).to_have_attribute("autocapitalize", "none")
    expect(name).to_have_attribute("spellcheck", "false")
    name.fill("tanaka")
    page.get_by_label("パスワード").fill("not-the-password")
    page.get_by_role("button", name="ログイン", exact=True).click()
    password = page.get_by_label("パスワード")
    expect(password).to_be_focused()
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(
        re.compile("ユーザー名またはパスワードが正しくありません")
    )
    expect(page.get_by_role("textbox", name="ユーザー名")).to_have_accessible_description(
        re.compile("正しくありません")
    )


def test_tables_are_named_by_their_caption_with_column_and_row_headers(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "研修の申込をFAXで受けています。")
    page = _logged_in(served, browser, "suzuki")
    table = page.get_by_role("table", name="相談の一覧表（対応中のもの全体）")
    expect(table).to_be_visible()
    expect(page.get_by_role("region", name="相談の一覧表（対応中のもの全体）")).to_be_visible()
    expect(table.get_by_role("columnheader", name="内容")).to_be_visible()
    expect(table.get_by_role("rowheader").first).to_contain_text("No.")
    assert table.locator("th:not([scope])").count() == 0, "every header cell says what it heads"

    page.get_by_role("link", name=re.compile("^すべて")).click()
    expect(page).to_have_title(re.compile("^相談一覧（すべて）｜"))
    expect(page.get_by_role("table", name="相談の一覧表（すべて）")).to_be_visible()


def test_a_keyboard_focus_shows_a_thick_ring(served: Served, browser: Browser) -> None:
    page = _logged_in(served, browser, "tanaka")
    for target in (
        page.get_by_role("searchbox", name="キーワード・No."),
        page.get_by_role("button", name="絞り込む"),
    ):
        target.focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")  # reached by the keyboard, as :focus-visible tells
        expect(target).to_be_focused()
        style = target.evaluate(
            "(node) => [getComputedStyle(node).outlineStyle, parseFloat(getComputedStyle(node).outlineWidth)]"
        )
        assert style[0] == "solid", f"a ring of {style}"
        assert style[1] >= 2, f"a ring of {style}"


def test_the_consultation_page_names_itself_and_each_candidate_link_names_its_entry(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "RPAで給与の入力を自動化したいです。")
    page = _logged_in(served, browser, "tanaka")
    _open(page, "RPAで給与の入力")
    expect(page).to_have_title(re.compile(r"^相談 No\.\d+（未対応）｜"))
    links = page.get_by_role("link", name=re.compile("^この内容をもとに回答を書く"))
    names = [link.evaluate("(node) => node.textContent") for link in links.all()]
    assert len(names) >= 2
    assert len(set(names)) == len(names), f"a screen reader's list of links tells them apart: {names}"
    # The history says who said what, and that the bot's labels were buttons offered.
    conversation = page.locator(".conversation")
    expect(conversation.locator("li.bot").first).to_contain_text("表示したボタン：")
    expect(conversation.locator("li.button").first).to_contain_text("職員（ボタンを選択）")


def test_a_form_sent_after_the_login_ended_focuses_why_it_was_not_carried_out(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "毎朝、新聞の切り抜きを紙で回覧しています。")
    page = _logged_in(served, browser, "tanaka")
    _open(page, "新聞の切り抜き")
    elsewhere = _logged_in(served, browser, "tanaka")
    elsewhere.get_by_role("button", name="すべての端末でログアウト").click()
    expect(elsewhere.locator(".notice.done")).to_have_text("すべての端末でログアウトしました。")

    page.get_by_role("textbox", name="メモ（相談者には表示されません）").fill("回覧先を確認する。")
    page.get_by_role("button", name="メモを追加").click()
    expect(page.get_by_role("heading", name="ログインしてください", level=1)).to_be_visible()
    expect(page).to_have_title(re.compile("^ログインしてください｜"))
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert")).to_contain_text("ログアウトしました")


def test_a_draft_that_cannot_be_approved_marks_the_fields_it_names_and_focuses_the_first(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "公印の使用簿を紙で管理していて、集計に時間がかかります。")
    editor = _logged_in(served, browser, "suzuki")
    _open(editor, "公印の使用簿")
    editor.get_by_label("相談者のチャットに送る回答").fill("使用簿はExcelの様式にすると集計できます。")
    editor.get_by_role("button", name="回答を送信").click()
    expect(editor.locator(".notice.done")).to_have_text(ANSWERED)
    editor.get_by_role("button", name="FAQに登録").click()
    expect(editor.locator(":focus[role=status]")).to_contain_text("FAQの下書きを作成しました")

    entry_id = editor.get_by_role("textbox", name=re.compile("^ID"))
    question = editor.get_by_role("textbox", name="質問", exact=True)
    entry_id.fill("公印 使用簿")
    question.fill("")
    editor.get_by_role("button", name="承認する").click()
    refusal = editor.locator("form.faq [role=alert]")
    expect(refusal).to_contain_text("質問：入力してください")
    expect(editor).to_have_title(re.compile(r"^FAQの下書き No\.\d+（下書き）｜"))
    expect(entry_id).to_be_focused()  # the first field named, in the form's order
    for field in (entry_id, question):
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(
            re.compile("FAQとして登録できません。.*質問：入力してください")
        )
    answer = editor.get_by_role("textbox", name="回答", exact=True)
    expect(answer).not_to_have_attribute("aria-invalid", "true")
    expect(answer).not_to_have_attribute("aria-describedby", re.compile("."))

    # What was masked and left in the answer is marked there, in the answer.
    entry_id.fill("seal-register")
    question.fill("公印の使用簿の集計に時間がかかります。")
    answer.fill("田中さんの様式を使うと集計できます。")
    editor.get_by_role("button", name="承認する").click()
    expect(refusal).to_contain_text("伏せ字が残っています（回答の［氏名］）")
    expect(answer).to_be_focused()
    expect(answer).to_have_attribute("aria-invalid", "true")
    expect(answer).to_have_accessible_description(re.compile("伏せ字が残っています"))
    expect(entry_id).not_to_have_attribute("aria-invalid", "true")


def test_each_row_of_the_queue_and_of_the_drafts_is_one_link_named_by_its_number_and_subject(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "庁内報の原稿をメールで集めて、手で一つにまとめています。")
    editor = _logged_in(served, browser, "suzuki")
    row = editor.locator("table.queue tbody tr", has_text="庁内報の原稿")
    number = row.get_by_role("rowheader").inner_text()
    link = row.get_by_role("link")
    expect(link).to_have_count(1)  # one Tab stop, read once
    expect(link).to_have_accessible_name(f"{number} 庁内報の原稿をメールで集めて、手で一つにまとめています。")
    link.click()
    editor.get_by_label("相談者のチャットに送る回答").fill("Formsで原稿を集めると一つにまとまります。")
    editor.get_by_role("button", name="回答を送信").click()
    expect(editor.locator(".notice.done")).to_have_text(ANSWERED)
    editor.get_by_role("button", name="FAQに登録").click()
    expect(editor.locator(":focus[role=status]")).to_contain_text("FAQの下書きを作成しました")

    editor.get_by_role("link", name="FAQの下書き", exact=True).click()
    draft = editor.locator("table.queue tbody tr", has_text="庁内報の原稿")
    links = draft.get_by_role("link")
    expect(links).to_have_count(2)  # the draft, and the consultation it came from
    expect(links.first).to_have_accessible_name(re.compile(r"^No\.\d+ 庁内報の原稿をメールで集めて"))
    expect(links.last).to_have_accessible_name(number)


def test_what_logging_out_everywhere_does_is_shown_beside_the_button_and_read_with_it(
    served: Served, browser: Browser
) -> None:
    page = _logged_in(served, browser, "tanaka", width=375)
    button = page.get_by_role("button", name="すべての端末でログアウト")
    expect(button).to_have_accessible_description(
        re.compile("ほかのパソコンやブラウザーのログインも終了します")
    )
    # Shown on a phone too, where a tooltip never shows.
    expect(page.get_by_text("ほかのパソコンやブラウザーのログインも終了します")).to_be_visible()
    expect(button).not_to_have_attribute("title", re.compile("."))


def test_a_link_to_write_an_answer_from_an_entry_puts_the_keyboard_in_the_answer_field(
    served: Served, browser: Browser
) -> None:
    _consult(served, browser, "Excelのマクロで集計を自動化したいです。")
    page = _logged_in(served, browser, "tanaka", width=375)
    _open(page, "Excelのマクロ")
    page.get_by_role("link", name=re.compile("^この内容をもとに回答を書く")).first.click()
    answer = page.get_by_role("textbox", name="相談者のチャットに送る回答")
    expect(answer).to_be_focused()
    expect(answer).not_to_have_value("")
    expect(answer).to_be_in_viewport()
    expect(page.get_by_text("相談者のチャットに送る回答", exact=True)).to_be_in_viewport()  # its label too
    page.keyboard.type("追記：")
    expect(answer).to_have_value(re.compile("追記："))


def test_in_forced_colours_buttons_keep_their_outline_and_the_shown_tab_stands_out(
    served: Served, browser: Browser
) -> None:
    # Windows high contrast drops backgrounds: a button drawn by its fill alone reads as plain text, and
    # the tab marked by its fill alone looks like the others.
    page = _logged_in(served, browser, "tanaka")
    page.emulate_media(forced_colors="active")
    kind, width = page.get_by_role("button", name="絞り込む").evaluate(
        "(node) => { const s = getComputedStyle(node); "
        "return [s.borderTopStyle, parseFloat(s.borderTopWidth)]; }"
    )
    assert kind == "solid", f"a border of {kind}"
    assert width >= 1, f"a border of {width} px"
    tabs = page.get_by_role("navigation", name="状態")
    shown = tabs.locator('[aria-current="page"]')
    other = tabs.get_by_role("link", name=re.compile("^すべて"))
    colours = "(node) => [getComputedStyle(node).backgroundColor, getComputedStyle(node).color]"
    assert shown.evaluate(colours) != other.evaluate(colours), "the shown tab looks like the others"
