"""The dashboard's colours, computed from its stylesheet: text at WCAG AA's 4.5:1 on what it sits on, and the
outlines that show a field or the keyboard's focus at 3:1 (WCAG 1.4.11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bot

STYLESHEET = Path(bot.__file__).resolve().parent / "static" / "admin.css"
WHITE = "#fff"


def _rules() -> dict[str, dict[str, str]]:
    """Each selector of the stylesheet → its declarations (a selector list's for each of its selectors).

    Rules inside @media are left out: they lay out a narrow screen, or give forced colours the system's own.
    """
    text = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", text)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declared = dict(
            (name.strip(), value.strip())
            for name, _, value in (part.partition(":") for part in body.split(";"))
            if value.strip()
        )
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declared)
    return rules


RULES = _rules()
VARIABLES = RULES[":root"]


def colour(selector: str, prop: str) -> str:
    """The colour ``selector`` declares for ``prop`` (the first colour of a shorthand), var() resolved."""
    value = RULES[selector][prop]
    found = re.search(r"var\((--[\w-]+)\)|#[0-9a-fA-F]{3,6}\b", value)
    assert found, f"{selector} {{ {prop}: {value} }} names no colour"
    return VARIABLES[found.group(1)] if found.group(1) else found.group(0)


def ratio(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two #rgb or #rrggbb colours."""

    def luminance(code: str) -> float:
        code = code.lstrip("#")
        code = "".join(c * 2 for c in code) if len(code) == 3 else code
        channels = [int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown(spec: str) -> str:
    """A colour written ``#rrggbb``, or declared by the stylesheet as ``selector::property``."""
    if spec.startswith("#"):
        return spec
    selector, _, prop = spec.partition("::")
    return colour(selector, prop)


INK, PAGE = "body::color", "body::background"
TEXT = [
    ("body text on the page", INK, PAGE),
    ("body text in a section", INK, "section::background"),
    ("a link on the page", "a::color", PAGE),
    ("a link in a section", "a::color", WHITE),
    ("a link in an error notice", "a::color", ".notice.error::background"),
    ("a hint on the page", ".hint::color", PAGE),
    ("a hint in a section", ".hint::color", WHITE),
    ("a button", "button::color", "button::background"),
    ("a secondary button", "button::color", "button.secondary::background"),
    (
        "the current state's tab",
        '.tabs a[aria-current="page"]::color',
        '.tabs a[aria-current="page"]::background',
    ),
    ("a done notice", INK, ".notice.done::background"),
    ("an error notice", INK, ".notice.error::background"),
    ("a badge", INK, ".badge::background"),
    *(
        (f"the badge of {state}", INK, f".badge.status-{state}::background")
        for state in ("new", "reopened", "in_progress", "answered", "resolved")
    ),
    ("a message that never arrived", ".trail .reach.undelivered::color", WHITE),
    ("a message being retried", ".trail .reach.retrying::color", WHITE),
    ("the skip link", ".skip::color", ".skip::background"),
]
OUTLINES = [
    ("a field's border", "textarea::border", WHITE),
    ("the keyboard's focus ring on the page", ":focus-visible::outline", PAGE),
    ("the keyboard's focus ring in a section", ":focus-visible::outline", WHITE),
    ("an invalid field's border", '[aria-invalid="true"]::border', WHITE),
]


@pytest.mark.parametrize(("what", "fore", "back"), TEXT, ids=[what for what, _, _ in TEXT])
def test_text_has_a_contrast_of_at_least_4_5_to_1(what: str, fore: str, back: str) -> None:
    fore, back = shown(fore), shown(back)
    assert ratio(fore, back) >= 4.5, f"{what}: {fore} on {back} is {ratio(fore, back):.2f}:1"


@pytest.mark.parametrize(("what", "fore", "back"), OUTLINES, ids=[what for what, _, _ in OUTLINES])
def test_what_shows_a_field_or_the_focus_has_a_contrast_of_at_least_3_to_1(
    what: str, fore: str, back: str
) -> None:
    fore, back = shown(fore), shown(back)
    assert ratio(fore, back) >= 3, f"{what}: {fore} on {back} is {ratio(fore, back):.2f}:1"


def test_the_ratio_is_wcags() -> None:
    assert round(ratio("#000", "#fff"), 2) == 21
    assert round(ratio("#767676", "#fff"), 2) == 4.54
