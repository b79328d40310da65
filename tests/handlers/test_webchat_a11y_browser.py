"""The web chat by keyboard, screen reader and thumb, in a real headless browser: a focus ring that stands
out wherever it is, a character count a screen reader knows before its first words, header buttons big
enough to tap, and a page that shrinks above a phone's on-screen keyboard.

Skips with a reason where /usr/bin/chromium is missing, except in CI, which installs it (.ci/run).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.auxil.browser import needs_chromium
from tests.auxil.server import Served, serve

pytestmark = needs_chromium

# The contrast ratio (WCAG 2) of an outline's colour against the background behind it, both "rgb(…)".
CONTRAST = """(node) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (colour) => {
    const [r, g, b] = colour.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const transparent = (element) => getComputedStyle(element).backgroundColor.match(/[\\d.]+/g).length === 4;
  let behind = node.parentElement;
  while (behind && transparent(behind)) behind = behind.parentElement;
  const a = luminance(rgb(getComputedStyle(node).outlineColor));
  const b = luminance(rgb(behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)"));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(tmp_path_factory.mktemp("chat-a11y")) as running:
        yield running


def opened(browser: Browser, served: Served, width: int = 1280) -> Page:
    """A new browser's page, greeted with the menu."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(served.url)
    expect(page.locator(".message.bot").first).to_contain_text("ご用件をお選びください")
    return page


def reached_by_keyboard(page: Page, target: Locator) -> None:
    """Focus ``target`` as Tab does (so that :focus-visible applies), not as a click would."""
    target.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(target).to_be_focused()


def test_a_keyboard_focus_shows_a_thick_ring_that_stands_out_from_what_is_behind_it(
    served: Served, browser: Browser
) -> None:
    page = opened(browser, served)
    for target in (
        page.get_by_role("button", name="メニュー"),  # on the blue header
        page.get_by_role("button", name="この端末での利用を終了"),
        page.get_by_role("button", name="改善事例を見る"),  # a choice in a bot's line
        page.get_by_role("button", name="送信"),
        page.get_by_role("textbox", name="質問を入力"),
    ):
        reached_by_keyboard(page, target)
        style, width = target.evaluate(
            "(node) => [getComputedStyle(node).outlineStyle, parseFloat(getComputedStyle(node).outlineWidth)]"
        )
        assert style == "solid", f"a ring of {style}"
        assert width >= 2, f"a ring of {width} px"
        assert target.evaluate(CONTRAST) >= 3, "WCAG 1.4.11: 3:1 against the background"
    page.close()


def test_the_character_count_is_a_live_region_before_its_first_words(
    served: Served, browser: Browser
) -> None:
    page = opened(browser, served, 360)
    count = page.locator("#count")
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#count"})["nodeId"]
    (shown,) = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
    # A live region hidden while empty (display: none) is not in the accessibility tree: the first words
    # put in it, the ones that say the limit is near, would go unannounced.
    assert not shown["ignored"], shown.get("ignoredReasons")
    assert "live" in [p["name"] for p in shown.get("properties", [])]
    # Empty, it takes no room: the composer is the text box's line and its padding, nothing below.
    box, composer = page.locator("#text").bounding_box(), page.locator("#composer").bounding_box()
    assert box is not None
    assert composer is not None
    assert composer["height"] < box["height"] + 30
    limit = int(page.locator("#text").get_attribute("data-max-chars") or "0")
    page.fill("#text", "あ" * (limit - 10))
    expect(count).to_have_text("あと10文字入力できます。")
    expect(count).to_be_visible()
    page.close()


def test_the_header_buttons_are_big_enough_to_tap_on_a_phone(served: Served, browser: Browser) -> None:
    page = opened(browser, served, 360)
    for name in ("メニュー", "この端末での利用を終了"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box is not None
        assert box["height"] >= 24, f"{name}: {box}"  # WCAG 2.2's 2.5.8
        assert box["width"] >= 24, f"{name}: {box}"
    page.close()


def test_a_phones_on_screen_keyboard_shrinks_the_page_so_the_text_box_stays_above_it(
    served: Served, browser: Browser
) -> None:
    # Chrome on Android (108 and later) lays a page out behind its keyboard unless asked to resize it; the
    # page's height is the window's, so the text box at its foot would be under the keyboard.
    page = opened(browser, served, 360)
    viewport = page.locator('meta[name="viewport"]').get_attribute("content") or ""
    assert "interactive-widget=resizes-content" in [part.strip() for part in viewport.split(",")]
    page.close()


# Whether the focused element comes after the person's last line: in the replies to it, not an earlier one.
FOCUS_IN_NEWEST = """() => {
  const lines = document.querySelectorAll("#log .message.user");
  const last = lines[lines.length - 1];
  const focused = document.activeElement;
  return document.getElementById("log").contains(focused)
    && Boolean(last.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


@pytest.mark.parametrize("width", [1280, 360])
def test_tab_reaches_the_newest_replys_buttons_first_and_the_arrow_keys_the_earlier_ones(
    served: Served, browser: Browser, width: int
) -> None:
    # 360 px: the cards of a reply scroll sideways in a strip, which Chrome makes a Tab stop of its own
    # when none of its buttons is one.
    page = opened(browser, served, width)
    page.get_by_role("button", name="手引きを読む").click()
    expect(page.get_by_role("button", name="この章を読む").first).to_be_visible()
    end = page.get_by_role("button", name="この端末での利用を終了")
    for shown in ("as sent", "reloaded"):
        # From the header, the next Tab is on the chapters' reply, not on the menu's first button.
        reached_by_keyboard(page, end)
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_IN_NEWEST), f"{shown}: Tab went to an earlier reply's button"
        page.reload()
        expect(page.locator(".message.system", has_text="これまでの会話です")).to_be_visible()

    # ↑ from the newest reply's first button goes on into the menu's, and an earlier button still works.
    reached_by_keyboard(page, end)
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowUp")
    assert not page.evaluate(FOCUS_IN_NEWEST), "↑ stayed in the newest reply"
    earlier = page.locator(":focus")
    expect(earlier).to_have_attribute("data-action", re.compile("."))
    label = earlier.inner_text()
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUS_IN_NEWEST), "↓ came back to the newest reply"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page.locator(".message.user").last).to_contain_text(label)
    expect(page.locator(".message.bot")).to_have_count(3)
    page.close()


def test_in_forced_colours_the_send_button_and_the_persons_lines_keep_their_outline(
    served: Served, browser: Browser
) -> None:
    # Windows high contrast drops backgrounds: a button or a bubble drawn by its fill alone disappears.
    page = opened(browser, served)
    page.emulate_media(forced_colors="active")
    page.fill("#text", "RPAとは何ですか？")
    page.keyboard.press("Enter")
    expect(page.locator(".message.user")).to_have_count(1)
    for target in (page.get_by_role("button", name="送信"), page.locator(".message.user")):
        style, width = target.evaluate(
            "(node) => { const s = getComputedStyle(node); "
            "return [s.borderTopStyle, parseFloat(s.borderTopWidth)]; }"
        )
        assert style == "solid", f"a border of {style}"
        assert width >= 1, f"a border of {width} px"
    page.close()
