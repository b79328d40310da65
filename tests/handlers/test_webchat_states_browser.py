"""The web chat in states a first visit may meet, in a real headless browser: the server out of reach when the
page opens, and Windows high contrast (forced colours), which drops the header's blue.

One page for the module. Skips with a reason where /usr/bin/chromium is missing, except in CI, which installs
it (.ci/run).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.auxil.browser import needs_chromium
from tests.auxil.server import Served, serve

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(tmp_path_factory.mktemp("chat-states")) as running:
        yield running


@pytest.fixture(scope="module")
def page(served: Served, browser: Browser) -> Iterator[Page]:
    """The page opened while the chat's API is out of reach (a server restarting, a network that drops)."""
    page = browser.new_page(viewport={"width": 360, "height": 700})

    def unreachable(route: Route) -> None:
        route.abort("connectionrefused")

    page.route("**/api/v1/chat**", unreachable)
    page.goto(served.url)
    expect(page.locator(".message.system")).to_contain_text("通信できませんでした")
    page.unroute("**/api/v1/chat**", unreachable)
    yield page
    page.close()


def test_a_page_opened_while_the_server_was_out_of_reach_greets_with_the_menu_once_it_answers(
    page: Page,
) -> None:
    # It said it could not reach the server and showed no menu: a first-time user had no button to press and
    # no idea what to ask until they reloaded the page.
    expect(page.locator(".message.bot")).to_have_count(0)
    page.context.set_offline(True)
    page.context.set_offline(False)  # the browser's "online": the page looks again at once
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    expect(page.get_by_role("button", name="DX推進課に相談する")).to_be_visible()
    expect(page.locator(".message.system")).to_have_count(1)  # the notice once, not again


def test_in_forced_colours_the_header_keeps_a_clear_rule_and_full_strength_text(page: Page) -> None:
    # Windows high contrast drops the header's blue fill: its 1 px transparent border became a faint hairline
    # (antialiased at a fractional position), the team's name stayed dimmed to 90 %, a busy 「利用を終了」
    # to 60 % on top of the system's grey.
    page.emulate_media(forced_colors="active")
    try:
        bar = page.locator(".bar")
        style, width, colour, text = bar.evaluate(
            "(node) => { const s = getComputedStyle(node); "
            "return [s.borderBottomStyle, parseFloat(s.borderBottomWidth), s.borderBottomColor, s.color]; }"
        )
        assert style == "solid", f"a rule of {style}"
        assert width >= 2, f"a rule of {width} px"
        assert colour == text, "the rule is drawn in the text's colour (CanvasText)"
        assert page.locator(".bar p").evaluate("(node) => getComputedStyle(node).opacity") == "1"
        end = page.get_by_role("button", name="この端末での利用を終了")
        end.evaluate("(node) => { node.disabled = true; }")
        assert end.evaluate("(node) => getComputedStyle(node).opacity") == "1"
        end.evaluate("(node) => { node.disabled = false; }")
    finally:
        page.emulate_media(forced_colors="none")


def test_a_message_whose_answer_never_comes_is_given_up_on_and_given_back_to_send_again(page: Page) -> None:
    # A network that drops without a word (a phone leaving the ward's Wi-Fi) leaves the request hanging: the
    # send button stayed disabled and 「回答を準備しています…」 said for good, the text lost in a bubble.
    page.clock.install()

    def hanging(route: Route) -> None:
        """Never answered."""

    page.route("**/api/v1/chat", hanging)
    try:
        page.fill("#text", "RPAの研修はありますか")
        page.keyboard.press("Enter")
        expect(page.locator(".message.user").last).to_have_text("RPAの研修はありますか")
        page.clock.run_for(1_000)
        expect(page.locator("#waiting")).to_have_text("回答を準備しています…")
        page.clock.run_for(60_000)
        expect(page.locator(".message.user").last).to_contain_text("（送信できませんでした）")
        expect(page.locator(".message.system").last).to_contain_text("通信できませんでした")
        expect(page.locator("#text")).to_have_value("RPAの研修はありますか")
        expect(page.get_by_role("button", name="送信")).to_be_enabled()
        expect(page.locator("#waiting")).to_have_text("")
    finally:
        page.unroute_all(behavior="ignoreErrors")
