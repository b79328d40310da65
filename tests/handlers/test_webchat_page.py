"""The web chat page as staff meet it with a screen reader, a slow or lost network, long pastes and two tabs.

A real ``serve`` and Debian's chromium (Playwright); skipped with a reason where chromium is missing.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.auxil.browser import needs_chromium, write_consultation
from tests.auxil.server import Served, serve

pytestmark = needs_chromium

ADMIN_TOKEN = "page-admin-token-0123456789-abcdefghijklmn"
QUESTION = "RPAとは何ですか？"
ANSWERED = "定型的な操作"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(tmp_path_factory.mktemp("page"), env={"KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN}) as running:
        yield running


def opened(browser: Browser, served: Served) -> Page:
    """A new browser's page, greeted with the menu."""
    page = browser.new_page()
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    return page


def ask(page: Page, text: str) -> None:
    """Type ``text`` and press Enter."""
    page.fill("#text", text)
    page.keyboard.press("Enter")


def consult_and_answer(page: Page, served: Served, answer: str) -> None:
    """Send a consultation from the page; the DX team answers it through the admin API."""
    write_consultation(page, "会議録の作成に毎回半日かかっています").get_by_role(
        "button", name="この内容で相談する"
    ).click()
    receipt = page.locator(".message.bot", has_text="受付番号は No.")
    expect(receipt).to_be_visible()
    found = re.search(r"No\.(\d+)", receipt.inner_text())
    assert found
    request = urllib.request.Request(
        f"{served.url}/api/v1/consultations/{found.group(1)}/answer",
        data=json.dumps({"text": answer}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def test_the_conversation_is_a_log_that_says_who_said_each_line(served: Served, browser: Browser) -> None:
    page = opened(browser, served)
    ask(page, QUESTION)
    expect(page.locator(".message.bot", has_text=ANSWERED)).to_be_visible()
    conversation = page.get_by_role("main").get_by_role("log", name="会話")
    snapshot = conversation.aria_snapshot()
    assert f"あなた： {QUESTION}" in snapshot, snapshot
    assert "ボット： RPA（ロボティック" in snapshot, snapshot
    # The text itself is what was written: the speaker is for screen readers only.
    expect(page.locator(".message.user").last).to_have_text(QUESTION)
    page.close()


def test_a_cards_buttons_say_which_card_they_belong_to(served: Served, browser: Browser) -> None:
    page = opened(browser, served)
    ask(page, QUESTION)
    title = "児童手当の申請データ入力をRPAで自動化"
    details = page.locator(".card", has_text=title).get_by_role("button", name="詳しく見る")
    expect(details).to_have_accessible_description(title)
    page.close()


def test_a_long_paste_is_never_cut_and_over_the_limit_is_not_sent(served: Served, browser: Browser) -> None:
    page = opened(browser, served)
    one_line = page.locator("#text").bounding_box()
    assert one_line
    pasted = "窓口の受付簿を紙で管理していて、毎月の集計に時間がかかっています。\n" * 80
    page.locator("#text").focus()
    page.keyboard.insert_text(pasted)
    expect(page.locator("#text")).to_have_value(pasted)  # the browser cut it at 2,000 before
    grown = page.locator("#text").bounding_box()
    assert grown
    assert grown["height"] > one_line["height"] * 2
    assert len(pasted.strip()) == 2719
    expect(page.locator("#count")).to_contain_text("2,000文字までお送りいただけます（現在2,719文字）")
    page.keyboard.press("Enter")
    expect(page.locator("#text")).to_have_value(pasted)
    expect(page.locator(".message.user")).to_have_count(0)

    # Cut down to the limit, it goes, and the box is one line again.
    page.fill("#text", pasted[:2000])
    expect(page.locator("#count")).to_have_text("あと0文字入力できます。")
    page.keyboard.press("Enter")
    expect(page.locator(".message.user")).to_have_count(1)
    expect(page.locator("#count")).to_have_text("")
    expect(page.locator(".message.bot")).to_have_count(2)
    shrunk = page.locator("#text").bounding_box()
    assert shrunk
    assert shrunk["height"] == one_line["height"]
    page.close()


def test_a_slow_answer_is_announced_as_being_prepared(served: Served, browser: Browser) -> None:
    page = opened(browser, served)
    held: list[Route] = []
    page.route("**/api/v1/chat", lambda route: route.continue_() if held else held.append(route))
    ask(page, QUESTION)
    while not held:
        page.wait_for_timeout(50)
    expect(page.get_by_role("status")).to_have_text("回答を準備しています…")
    held[0].continue_()
    expect(page.locator(".message.bot", has_text=ANSWERED)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("")
    page.close()


def test_a_line_that_was_not_sent_is_marked_so(served: Served, browser: Browser) -> None:
    page = opened(browser, served)
    page.context.set_offline(True)
    ask(page, QUESTION)
    expect(page.locator(".message.system", has_text="通信できませんでした")).to_be_visible()
    expect(page.locator(".message.user").last).to_have_text(f"{QUESTION}（送信できませんでした）")
    page.context.set_offline(False)
    page.keyboard.press("Enter")  # the question is back in the box: sent again with one key
    expect(page.locator(".message.bot", has_text=ANSWERED)).to_be_visible()
    expect(page.locator(".message.user").last).to_have_text(QUESTION)
    page.close()


def test_a_question_lost_after_the_session_ended_is_not_handed_to_the_next_person(
    served: Served, browser: Browser
) -> None:
    page = opened(browser, served)
    ask(page, "小山さんの異動の件で相談したいです")
    expect(page.locator("#send")).to_be_enabled()  # answered
    held: list[Route] = []
    page.route("**/api/v1/chat", lambda route: route.continue_() if held else held.append(route))
    ask(page, "住民票の写しの件")  # its answer does not come back...
    while not held:  # the request is on its way, held
        page.wait_for_timeout(50)
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="この端末での利用を終了").click()
    expect(page.locator(".message.system", has_text="利用を終了しました")).to_be_visible()
    held[0].abort("connectionreset")  # ...and the network drops it after the next person has the PC
    expect(page.locator(".message.bot", has_text="ご用件をお選びください")).to_be_visible()
    expect(page.locator(".log")).not_to_contain_text("住民票")
    expect(page.locator("#text")).to_have_value("")
    page.close()


def test_a_question_sent_again_after_its_answer_was_lost_is_taken_once(
    served: Served, browser: Browser
) -> None:
    page = opened(browser, served)
    lost: list[int] = []

    def taken_then_lost(route: Route) -> None:
        if lost:
            route.continue_()
            return
        lost.append(route.fetch().status)  # the server takes the question and answers...
        route.abort("connectionreset")  # ...and the answer is lost on the way back

    page.route("**/api/v1/chat", taken_then_lost)
    ask(page, QUESTION)
    expect(page.locator(".message.system", has_text="通信できませんでした")).to_be_visible()
    expect(page.locator("#text")).to_have_value(QUESTION)  # given back, to send again
    assert lost == [200]
    page.keyboard.press("Enter")  # sent again, unchanged: under the same key
    expect(page.locator(".message.system", has_text="先ほどのメッセージは届いていました")).to_be_visible()
    expect(page.locator(".message.user", has_text=QUESTION)).to_have_count(1)
    expect(page.locator(".message.bot", has_text=ANSWERED)).to_have_count(1)
    page.reload()
    expect(page.locator(".message.system", has_text="これまでの会話です")).to_be_visible()
    expect(page.locator(".message.user", has_text=QUESTION)).to_have_count(1)  # the server's history too
    page.close()


def test_two_tabs_show_the_same_conversation(served: Served, browser: Browser) -> None:
    context = browser.new_context()
    first = context.new_page()
    first.goto(served.url)
    expect(first.locator(".message.bot").first).to_be_visible()
    second = context.new_page()
    second.goto(served.url)
    expect(second.locator(".message.bot").first).to_be_visible()
    write_consultation(first, "会議録の作成に毎回半日かかっています")
    # The other tab shows the form too, so what is typed there is not taken for an answer unseen.
    expect(second.locator(".message.bot", has_text="次の内容でDX推進課に相談します")).to_be_visible()
    expect(second.locator(".message.user", has_text="総務課 庶務係")).to_be_visible()
    context.close()


def test_an_answer_arriving_in_a_hidden_tab_shows_in_its_title(served: Served, browser: Browser) -> None:
    page = browser.new_page()
    page.add_init_script(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => !!window.hiddenForTest});"
    )
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_be_visible()
    title = page.title()
    consult_and_answer(page, served, "議事録の要約には生成AIをお使いいただけます。")
    page.evaluate("window.hiddenForTest = true; window.dispatchEvent(new Event('focus'))")
    expect(page.locator(".message.bot", has_text="生成AIをお使いいただけます")).to_be_visible()
    expect(page).to_have_title(f"（新着の回答があります）{title}")
    page.evaluate("window.hiddenForTest = false; document.dispatchEvent(new Event('visibilitychange'))")
    expect(page).to_have_title(title)
    page.close()


def test_a_reloaded_conversation_is_not_read_out_again(served: Served, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url)
    ask(page, QUESTION)
    expect(page.locator(".message.bot", has_text=ANSWERED)).to_be_visible()
    # Each line added to the conversation, and whether the log was a live region at that moment.
    page.add_init_script(
        """
        window.added = [];
        new MutationObserver((changes) => {
          const log = document.getElementById('log');
          if (!log) return;
          for (const change of changes) {
            for (const node of change.addedNodes) {
              if (change.target === log) window.added.push([node.textContent, log.getAttribute('aria-live')]);
            }
          }
        }).observe(document, {childList: true, subtree: true});
        """
    )
    page.reload()
    expect(page.locator(".message.system", has_text="これまでの会話です")).to_be_visible()
    added = page.evaluate("window.added")
    announced = [text for text, liveness in added if liveness != "off"]
    assert any(QUESTION in text for text, _ in added)
    assert announced == ["これまでの会話です。続けてご質問ください。"], announced
    context.close()


def test_web_addresses_in_an_answer_are_links(served: Served, browser: Browser) -> None:
    page = opened(browser, served)
    address = "https://intranet.example.lg.jp/dx/forms?kind=rpa&step=1"
    consult_and_answer(
        page,
        served,
        f"申請フォーム（{address}）からお申し込みください。手引きは https://intranet.example.lg.jp/dx/guide.pdf。"
        "javascript:alert(1) や <a href=x>x</a> はリンクになりません。",
    )
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    answer = page.locator(".message.bot", has_text="申請フォーム")
    links = answer.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.first).to_have_attribute("href", address)
    expect(links.first).to_have_text(address)
    expect(links.first).to_have_attribute("rel", "noopener noreferrer")
    expect(links.first).to_have_accessible_description("新しいタブで開きます")  # said, as it opens one
    expect(links.last).to_have_attribute("href", "https://intranet.example.lg.jp/dx/guide.pdf")
    expect(answer).to_contain_text("javascript:alert(1) や <a href=x>x</a> はリンクになりません。")
    page.close()


def test_the_count_is_written_the_japanese_way_whatever_the_browsers_language(
    served: Served, browser: Browser
) -> None:
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_be_visible()
    page.locator("#text").focus()
    page.keyboard.insert_text("あ" * 2500)
    expect(page.locator("#count")).to_contain_text("2,000文字までお送りいただけます（現在2,500文字）")
    context.close()
