"""The 出典 line every messenger ends a reply's text with (`bot.handlers.citation`)."""

from __future__ import annotations

from bot.handlers.citation import cited
from bot.values import Choice

SOURCE = Choice("よくある質問「RPAとは何ですか？」", "faq:tool-rpa-basics")


def test_the_source_is_the_last_line_after_a_blank_one() -> None:
    assert cited("RPAは定型作業を自動化します。", SOURCE) == (
        "RPAは定型作業を自動化します。\n\n出典：よくある質問「RPAとは何ですか？」"
    )


def test_without_a_source_only_the_text_is_kept_within_the_limit() -> None:
    assert cited("ご用件をお選びください。", None) == "ご用件をお選びください。"
    assert cited("ご用件をお選びください。", None, 6) == "ご用件をお…"


def test_a_text_too_long_for_the_limit_is_shortened_and_the_citation_kept_whole() -> None:
    text = cited("あ" * 100, SOURCE, 60)
    assert len(text) == 60
    assert text.endswith("…\n\n出典：よくある質問「RPAとは何ですか？」")
