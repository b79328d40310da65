"""The web chat page in a real headless browser (Debian's chromium, driven by Playwright).

Skips with a reason where /usr/bin/chromium is missing, except in CI, which
installs it (.ci/run): there it always runs, and fails if chromium is absent.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Locator, Page, Route, expect

from tests.auxil.browser import needs_chromium, write_consultation
from tests.auxil.server import Served, serve
from tests.auxil.sqlitelock import another_process_writing

pytestmark = needs_chromium

ADMIN_TOKEN = "browser-admin-token-0123456789-abcdefghij"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(tmp_path_factory.mktemp("browser"), env={"KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN}) as running:
        yield running


def consult(page: Page, content: str) -> int:
    """Send a consultation from the page, as a staff member would; its number."""
    write_consultation(page, content).get_by_role("button", name="この内容で相談する").click()
    receipt = page.locator(".message.bot", has_text="受付番号は No.")
    expect(receipt).to_be_visible()
    found = re.search(r"No\.(\d+)", receipt.inner_text())
    assert found
    return int(found.group(1))


def answer(served: Served, number: int, text: str) -> None:
    """The DX team answers through the admin API."""
    request = urllib.request.Request(
        f"{served.url}/api/v1/consultations/{number}/answer",
        data=json.dumps({"text": text}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def poll_now(page: Page) -> None:
    """Make the page poll at once (as when it comes back into view) and wait for the answer."""
    with page.expect_response(lambda r: urlsplit(r.url).path == "/api/v1/chat/messages"):
        page.evaluate("window.dispatchEvent(new Event('focus'))")


def session_cookie(context: BrowserContext) -> dict[str, object]:
    (cookie,) = [c for c in context.cookies() if c["name"] == "kaizen_chat"]
    return dict(cookie)


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_ask_click_a_choice_and_open_a_case_card(
    served: Served, browser: Browser, viewport: dict[str, int]
) -> None:
    page = browser.new_page(viewport={"width": viewport["width"], "height": viewport["height"]})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url)

    # The menu greets the user.
    menu = page.locator(".message.bot").first
    expect(menu).to_contain_text("ご用件をお選びください")

    # Ask a question: the answer comes with its source, feedback choices and case cards.
    page.fill("#text", "RPAとは何ですか？")
    page.keyboard.press("Enter")
    answer = page.locator(".message.bot", has_text="定型的な操作")
    expect(answer).to_be_visible()
    expect(answer.locator(".source")).to_contain_text("出典：よくある質問")
    expect(answer.get_by_role("link")).to_have_count(0)  # a link to the source showed this answer again
    expect(answer.locator(".choice")).to_have_text(["解決した", "解決しない"])

    # Open a case card.
    card = page.locator(".card", has_text="児童手当の申請データ入力をRPAで自動化")
    card.get_by_role("button", name="詳しく見る").click()
    detail = page.locator(".message.bot", has_text="【効果】")
    expect(detail).to_contain_text("入力作業 年間約320時間削減")
    pressed = "詳しく見る（児童手当の申請データ入力をRPAで自動化）"  # which card's: every card has one
    expect(page.locator(".message.user").last).to_have_text(pressed)

    # Click a choice: the consultation offer starts the intake, about this case.
    detail.get_by_role("button", name="この事例について相談する").click()
    intake = page.locator(".message.bot", has_text="DX推進課へのご相談を承ります")
    expect(intake).to_contain_text("改善事例『児童手当の申請データ入力をRPAで自動化』について")

    # Nothing overflows sideways, whatever the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    assert errors == []
    page.close()


def test_user_text_is_shown_as_text_never_run(served: Served, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_be_visible()
    attack = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script><b>太字</b>'
    page.fill("#text", attack)
    page.click("#send")
    bubble = page.locator(".message.user").last
    expect(bubble).to_have_text(attack)
    expect(page.locator(".message.bot")).to_have_count(2)
    assert page.locator(".log img, .log script, .log b").count() == 0
    assert page.evaluate("window.hacked") is None
    page.close()


def test_a_question_the_server_could_not_take_goes_back_into_the_box(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("browser-stuck")
    with serve(folder, env={"KAIZEN_DB_TIMEOUT_SECONDS": "2"}) as stuck:
        page = browser.new_page()
        page.goto(stuck.url)
        expect(page.locator(".message.bot").first).to_be_visible()
        with another_process_writing(folder / "kaizen.db"):
            page.fill("#text", "ペーパーレスの進め方を教えてください")
            page.click("#send")
            expect(page.locator(".message.system", has_text="時間をおいて")).to_be_visible(timeout=20_000)
            expect(page.locator("#text")).to_have_value("ペーパーレスの進め方を教えてください")
        page.click("#send")  # once the database is free, sending it again is one click
        expect(page.locator(".message.bot", has_text="ペーパーレス").last).to_be_visible(timeout=20_000)
        expect(page.locator("#text")).to_have_value("")
        page.close()


def test_a_stale_button_gets_a_polite_restart(served: Served, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_be_visible()
    page.evaluate(
        """() => {
            const b = document.createElement('button');
            b.dataset.action = 't:stale';
            b.textContent = '古いボタン';
            b.id = 'stale';
            document.getElementById('log').append(b);
        }"""
    )
    page.click("#stale")
    expect(page.locator(".message.bot", has_text="有効期限が切れたか")).to_be_visible()
    page.close()


def test_two_browsers_never_see_each_others_messages(served: Served, browser: Browser) -> None:
    alice_context, bob_context = browser.new_context(), browser.new_context()
    alice, bob = alice_context.new_page(), bob_context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    for page in (alice, bob):
        page.on("request", lambda r: requested.append(r.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served.url)
        expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")

    number = consult(alice, "会議録の作成に毎回半日かかっています。")
    bob.fill("#text", "相談状況")
    bob.keyboard.press("Enter")
    expect(bob.locator(".message.bot", has_text="ご相談はありません")).to_be_visible()

    answer(served, number, "音声認識ソフトで下書きを作ると、作成時間を半分ほどにできます。")
    poll_now(alice)
    expect(alice.locator(".message.bot", has_text="【DX推進課からの回答】")).to_contain_text("音声認識ソフト")
    poll_now(bob)
    expect(bob.locator(".log")).not_to_contain_text("音声認識ソフト")

    # Each browser holds its own session, out of the script's reach; no id in any URL or storage.
    alice_cookie, bob_cookie = session_cookie(alice_context), session_cookie(bob_context)
    assert alice_cookie["value"] != bob_cookie["value"]
    for cookie in (alice_cookie, bob_cookie):
        assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/api/v1/chat")
    for page in (alice, bob):
        assert page.evaluate("document.cookie") == ""
        assert page.evaluate("Object.keys(localStorage)") == []
    api = {urlsplit(url).path for url in requested if "/api/" in url}
    assert api == {"/api/v1/chat", "/api/v1/chat/messages", "/api/v1/chat/history"}
    assert all(re.fullmatch(r"(after=\d+)?", urlsplit(url).query) for url in requested if "/api/" in url)
    assert errors == []
    alice_context.close()
    bob_context.close()


def test_ending_the_session_on_a_shared_pc(served: Served, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url)
    number = consult(page, "庁内照会の集計を楽にしたい")
    before = session_cookie(context)["value"]

    # Thinking better of it changes nothing.
    asked: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("#end")
    expect(page.locator(".message.bot", has_text="受付番号は No.")).to_be_visible()
    assert "この端末での利用を終了します" in asked[0]
    assert session_cookie(context)["value"] == before

    # Ending it: the conversation is gone from the screen and the next person starts afresh.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#end")
    expect(page.locator(".message.system")).to_contain_text("この端末での利用を終了しました")
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    expect(page.locator(".message.user")).to_have_count(0)
    expect(page.locator(".log")).not_to_contain_text("庁内照会")
    expect(page.locator(".message.bot")).to_have_count(1)
    assert session_cookie(context)["value"] != before

    page.fill("#text", "相談状況")
    page.keyboard.press("Enter")
    expect(page.locator(".message.bot", has_text="ご相談はありません")).to_be_visible()

    # The answer to the previous person's consultation never reaches this browser, even after a reload.
    answer(served, number, "集計はフォームの自動集計機能で楽にできます。")
    poll_now(page)
    page.reload()
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    poll_now(page)
    expect(page.locator(".log")).not_to_contain_text("自動集計")
    assert errors == []
    context.close()


def test_a_long_answer_is_shown_from_its_first_line_on_a_phone(served: Served, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 640})
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    page.get_by_role("button", name="手引きを読む").click()
    page.get_by_role("button", name="この章を読む").first.click()  # waits for the chapters' cards
    expect(page.locator("#send")).to_be_enabled()  # the chapter has come: a line typed before is not sent
    page.fill("#text", "業務の棚卸しはどうやって進めればいいですか")
    page.keyboard.press("Enter")
    # The reply itself, not the chapter's bubble before it, which was the last until the reply came.
    expect(page.locator('.message.user:has-text("業務の棚卸し") ~ .message.bot').last).to_be_visible()
    page.wait_for_timeout(300)
    top = page.evaluate(
        "(() => { const log = document.getElementById('log');"
        " const bubbles = log.querySelectorAll('.message.bot'); const first = bubbles[bubbles.length - 1];"
        " return first.getBoundingClientRect().top - log.getBoundingClientRect().top; })()"
    )
    height = page.evaluate("document.getElementById('log').clientHeight")
    assert 0 <= top < height / 2, (top, height)  # the reply's first line is in view, near the top
    page.close()


def test_a_question_sent_while_the_menu_is_on_its_way_is_asked_after_it(
    served: Served, browser: Browser
) -> None:
    page = browser.new_page()
    held: list[Route] = []

    def hold_the_first(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/api/v1/chat", hold_the_first)  # the opening menu request waits until released
    page.goto(served.url)
    expect(page.locator("#send")).to_be_disabled()  # the menu request is under way
    page.fill("#text", "RPAとは何ですか？")
    page.keyboard.press("Enter")
    expect(page.locator("#text")).to_have_value("RPAとは何ですか？")  # kept while the menu is on its way
    expect(page.locator(".message.user")).to_have_count(0)

    (menu,) = held
    menu.continue_()
    expect(page.locator(".message.bot", has_text="定型的な操作")).to_be_visible()
    expect(page.locator(".message.user")).to_have_text(["RPAとは何ですか？"])
    expect(page.locator("#text")).to_have_value("")
    page.close()


def test_reloading_the_page_shows_the_conversation_again(served: Served, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    page.fill("#text", "RPAとは何ですか？")
    page.keyboard.press("Enter")
    expect(page.locator(".message.bot", has_text="定型的な操作")).to_be_visible()
    page.reload()
    expect(page.locator(".message.system")).to_contain_text("これまでの会話です")
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    expect(page.locator(".message.user")).to_have_text(["RPAとは何ですか？"])  # not the opening 「メニュー」
    expect(page.locator(".message.bot", has_text="定型的な操作")).to_be_visible()
    expect(page.locator(".message.bot", has_text="定型的な操作").locator(".choice")).to_have_text(
        ["解決した", "解決しない"]
    )
    stranger = browser.new_context().new_page()
    stranger.goto(served.url)
    expect(stranger.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    expect(stranger.locator(".message.user")).to_have_count(0)
    context.close()


def in_view(element: Locator) -> bool:
    """Whether the whole of ``element`` is inside the conversation's visible area."""
    return bool(
        element.evaluate(
            """(node) => {
                const log = document.getElementById('log').getBoundingClientRect();
                const box = node.getBoundingClientRect();
                return box.top >= log.top - 1 && box.bottom <= log.bottom + 1;
            }"""
        )
    )


def test_every_reply_of_a_turn_is_shown_and_the_question_it_ends_with_is_in_view(
    served: Served, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 600})
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    # Two replies: the entries that may already help (with cards), then the intake's first question.
    page.fill("#text", "RPAについて相談したい")
    page.keyboard.press("Enter")
    expect(page.locator(".message.bot", has_text="ご参考までに")).to_be_visible()
    question = page.locator(".message.bot").last
    expect(question).to_contain_text("ご所属（課・係名）を入力してください")
    page.wait_for_timeout(300)
    assert in_view(question), "the question the bot waits on is on screen"
    page.close()


def test_answers_pushed_together_all_arrive(served: Served, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(served.url)
    number = consult(page, "窓口の受付簿を電子化したい")
    answer(served, number, "受付簿はフォームで電子化できます。")
    answer(served, number, "補足です。集計は表計算ソフトに自動で送れます。")
    poll_now(page)
    expect(page.locator(".message.bot", has_text="受付簿はフォームで電子化できます。")).to_be_visible()
    expect(page.locator(".message.bot", has_text="補足です。")).to_be_visible()
    page.close()


def test_a_question_over_the_minutes_limit_goes_back_into_the_box(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("browser-limited")
    with serve(folder, env={"KAIZEN_LIMIT_MESSAGES_PER_MINUTE": "2"}) as limited:
        page = browser.new_page()
        page.goto(limited.url)
        expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")  # the first
        page.fill("#text", "こんにちは")
        page.keyboard.press("Enter")
        expect(page.locator(".message.bot")).to_have_count(2)  # the second
        page.fill("#text", "ペーパーレスの進め方を教えてください")
        page.keyboard.press("Enter")
        expect(page.locator(".message.bot").last).to_contain_text("1分間に2件まで")
        expect(page.locator("#text")).to_have_value("ペーパーレスの進め方を教えてください")
        page.close()


def test_the_text_box_has_the_focus_on_load_and_after_a_button(served: Served, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(served.url)
    text = page.locator("#text")
    expect(text).to_be_focused()
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")

    page.get_by_role("button", name="手引きを読む").click()  # with the mouse
    expect(page.locator(".message.user").last).to_have_text("手引きを読む")
    expect(text).to_be_focused()

    # A chapter's button, once the chapters have come (the menu's own cards are there before them).
    chapter = page.get_by_role("button", name="この章を読む").first
    expect(chapter).to_be_visible()
    chapter.focus()
    page.keyboard.press("Enter")  # with the keyboard
    expect(page.locator(".message.user")).to_have_count(2)
    expect(text).to_be_focused()
    # The newest reply's buttons are one Shift+Tab away.
    expect(page.locator(".message.bot")).to_have_count(3)
    page.keyboard.press("Shift+Tab")
    newest = page.locator(".log > *").last
    assert newest.evaluate("(node) => node.contains(document.activeElement)")
    page.close()


def test_a_button_pressed_while_an_answer_is_on_its_way_is_pressed_after_it_and_a_double_click_once(
    served: Served, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    # Both in one go: the second is pressed while the first one's answer is on its way.
    page.evaluate(
        """() => {
          const buttons = [...document.querySelectorAll("button")];
          const named = (label) => buttons.find((b) => b.textContent === label);
          named("手引きを読む").click();
          named("改善事例を見る").click();
        }"""
    )
    expect(page.locator(".message.user")).to_have_text(["手引きを読む", "改善事例を見る"])
    expect(page.locator(".message.bot")).to_have_count(3)
    expect(page.locator(".message.bot").nth(1)).to_contain_text("全9章")

    # A double click: the second click comes while the first one's answer is on its way.
    page.get_by_role("button", name="この章を読む").first.evaluate(
        "(button) => { button.click(); button.click(); }"
    )
    expect(page.locator(".message.bot")).to_have_count(4)
    page.wait_for_timeout(500)  # a second answer would have come by now
    expect(page.locator(".message.user")).to_have_count(3)
    expect(page.locator(".message.bot")).to_have_count(4)
    page.close()


def test_a_phone_keeps_its_on_screen_keyboard_closed_after_a_button(served: Served, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    expect(page.locator("#text")).not_to_be_focused()
    page.get_by_role("button", name="手引きを読む").tap()
    expect(page.locator(".message.user").last).to_have_text("手引きを読む")
    expect(page.locator("#text")).not_to_be_focused()
    context.close()


def test_ending_the_session_clears_the_conversation_in_every_tab(served: Served, browser: Browser) -> None:
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    first.goto(served.url)
    first.fill("#text", "RPAとは何ですか？")
    first.keyboard.press("Enter")
    expect(first.locator(".message.bot", has_text="定型的な操作")).to_be_visible()
    second.goto(served.url)
    expect(second.locator(".message.user", has_text="RPAとは何ですか？")).to_be_visible()
    second.fill("#text", "下書きの途中")

    first.once("dialog", lambda dialog: dialog.accept())
    first.click("#end")
    expect(first.locator(".message.system")).to_contain_text("この端末での利用を終了しました")
    expect(second.locator(".message.system")).to_have_text(re.compile("この端末での利用が終了されたため"))
    expect(second.locator(".log")).not_to_contain_text("RPA")
    expect(second.locator("#text")).to_have_value("")
    context.close()


def test_a_tab_whose_poll_finds_no_session_clears_its_conversation(served: Served, browser: Browser) -> None:
    """Ended where no tab of the page heard it (here by the API; or the session expired)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url)
    page.fill("#text", "RPAとは何ですか？")
    page.keyboard.press("Enter")
    expect(page.locator(".message.bot", has_text="定型的な操作")).to_be_visible()
    poll_now(page)
    ended = context.request.delete(f"{served.url}/api/v1/chat/session")
    assert ended.json() == {"ended": True}
    poll_now(page)
    expect(page.locator(".message.system")).to_have_text(re.compile("この端末での利用が終了されたため"))
    expect(page.locator(".log")).not_to_contain_text("RPA")
    expect(page.locator(".message.user")).to_have_count(0)
    context.close()


def lines_of(element: Locator) -> int:
    """How many lines the text of ``element`` takes on screen."""
    return int(
        element.evaluate(
            """(node) => {
                const range = document.createRange();
                range.selectNodeContents(node);
                return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
            }"""
        )
    )


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_header_and_the_text_box_keep_to_one_line(
    served: Served, browser: Browser, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 667})
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_be_visible()
    title, team = page.locator(".bar h1"), page.locator(".bar p")
    assert (lines_of(title), lines_of(team)) == (1, 1)
    if width >= 375:
        assert title.evaluate("(node) => node.scrollWidth <= node.clientWidth"), "the whole name, uncut"
    # The buttons sit beside the title, so the header is two lines high; ending keeps its full name.
    for button in (page.locator(".menu-button"), page.locator("#end")):
        box, heading = button.bounding_box(), title.bounding_box()
        assert box is not None
        assert heading is not None
        assert box["y"] < heading["y"] + heading["height"], "on the title's line"
        assert box["x"] + box["width"] <= width, "and on screen"
    expect(page.get_by_role("button", name="この端末での利用を終了")).to_be_visible()
    # The placeholder fits the box on one line.
    text = page.locator("#text")
    assert text.evaluate(
        "(node) => { node.value = node.placeholder; const fits = node.scrollHeight <= node.clientHeight;"
        " node.value = ''; return fits; }"
    ), text.get_attribute("placeholder")
    page.close()
