"""The web chat page in a real headless browser (Debian's chromium, driven by Playwright).

Skips with a reason where /usr/bin/chromium is missing, except in CI, which
installs it (.ci/run): there it always runs, and fails if chromium is absent.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.auxil.browser import needs_chromium
from tests.auxil.server import Served, serve

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(tmp_path_factory.mktemp("browser")) as running:
        yield running


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
    expect(answer.locator(".choice")).to_have_text(["解決した", "解決しない"])

    # Open a case card.
    card = page.locator(".card", has_text="児童手当の申請データ入力をRPAで自動化")
    card.get_by_role("button", name="詳しく見る").click()
    detail = page.locator(".message.bot", has_text="【効果】")
    expect(detail).to_contain_text("入力作業 年間約320時間削減")
    expect(page.locator(".message.user").last).to_have_text("詳しく見る")

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
