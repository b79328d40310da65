"""The web chat page as staff meet it with a screen reader, a slow or lost network, long pastes and two tabs.

A real ``serve`` and Debian's chromium (Playwright); skipped with a reason where chromium is missing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.auxil.browser import needs_chromium
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
