"""The dashboard on a phone 320 px wide (WCAG's reflow width: a PC's 1280 px at 400 %), in a real headless
browser: the login, the queue, a consultation with a long question and the answer form, the FAQ drafts and a
draft, the knowledge page. Nothing but a table's own box scrolls sideways, nothing sticks out of the screen,
and what is tapped is at least 24 px each way (WCAG 2.2's 2.5.8; a link inside a sentence is exempt).

One page for the module. Skips with a reason where /usr/bin/chromium is missing, except in CI, which installs
it (.ci/run).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.auxil.browser import needs_chromium, write_consultation
from tests.auxil.server import Served, serve
from tests.handlers.test_dashboard_browser import ANSWERED, PASSWORD, _add_user

pytestmark = needs_chromium

LONG_QUESTION = (
    "住民票の写しの交付申請について、窓口で受け付けた申請書をスキャンしてAI-OCRで読み取り、基幹システムへの入力を"
    "RPAで自動化したいと考えています。"
    * 4
    + "参考にした資料は "
    + "https://example.jp/municipal/dx/guidelines/ai-ocr-rpa-2026/appendix-b/sample-scenario.pdf です。"
)

# What sticks out of the screen, and the controls under 24 px each way. Inside a table's box or a strip that
# scrolls of its own, only the box counts; a link inside a sentence is exempt (WCAG's inline exception).
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const name = (node) => `${node.tagName} 「${(node.textContent || node.name || "").trim().slice(0, 24)}」`;
  const out = [], small = [];
  for (const node of document.querySelectorAll("body *")) {
    const box = node.getBoundingClientRect();
    if (!box.width || node.closest(".visually-hidden, .skip")) continue;
    const scroller = node.parentElement.closest(".table-box");
    const outside = box.left < -1 || box.right > width + 1;
    if (!scroller && outside) out.push(`${name(node)} ${box.left}..${box.right}`);
    if (!node.matches("a[href], button, input:not([type=hidden]), select, textarea")) continue;
    const inSentence = node.tagName === "A" && getComputedStyle(node).display === "inline"
      && node.parentElement.textContent.trim() !== node.textContent.trim();
    const under = box.width < 24 || box.height < 24;
    if (!inSentence && under) small.push(`${name(node)} ${box.width}x${box.height}`);
  }
  return { scrolls: document.documentElement.scrollWidth > width, out, small };
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("dashboard-phone")
    _add_user(folder, "tanaka", "田中", "--editor")
    with serve(folder) as running:
        staff = browser.new_page()
        staff.goto(running.url)
        write_consultation(staff, LONG_QUESTION).get_by_role("button", name="この内容で相談する").click()
        expect(staff.locator(".message.bot", has_text="受付番号は No.")).to_be_visible()
        staff.close()
        yield running


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    yield page
    page.close()


def laid_out(page: Page, where: str) -> None:
    found = page.evaluate(LAYOUT)
    assert not found["scrolls"], f"{where}: the page scrolls sideways ({found['out']})"
    assert not found["out"], f"{where}: out of the screen: {found['out']}"
    assert not found["small"], f"{where}: under 24 px: {found['small']}"


def test_every_page_fits_a_320_px_phone_with_targets_big_enough_to_tap(served: Served, phone: Page) -> None:
    phone.goto(f"{served.url}/admin/login")
    laid_out(phone, "login")
    phone.get_by_label("ユーザー名").fill("tanaka")
    phone.get_by_label("パスワード").fill(PASSWORD)
    phone.get_by_role("button", name="ログイン", exact=True).click()
    expect(phone.get_by_role("heading", name="相談一覧", level=1)).to_be_visible()
    laid_out(phone, "queue")

    phone.locator("table.queue tr", has_text="住民票").get_by_role("link").first.click()
    expect(phone.locator("h1 .badge")).to_be_visible()
    laid_out(phone, "consultation")
    phone.get_by_role("button", name="担当する").click()
    expect(phone.locator(".notice.done")).to_have_text("担当者になりました。")
    phone.get_by_label("相談者のチャットに送る回答").fill("AI-OCRで読み取った結果をRPAで入力できます。")
    phone.get_by_role("button", name="回答を送信").click()
    expect(phone.locator(".notice.done")).to_have_text(ANSWERED)
    laid_out(phone, "consultation, answered")

    phone.get_by_role("button", name="FAQに登録").click()
    expect(phone.get_by_role("heading", name="FAQの下書き No.1")).to_be_visible()
    laid_out(phone, "FAQ draft")
    phone.goto(f"{served.url}/admin/faq")
    laid_out(phone, "FAQ drafts")
    phone.goto(f"{served.url}/admin/knowledge")
    laid_out(phone, "knowledge")
