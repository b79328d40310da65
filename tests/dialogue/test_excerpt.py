"""Quoting what staff wrote in a line: cut where a sentence, a clause or a word ends, never inside a word."""

from __future__ import annotations

import pytest

from bot.dialogue.tickets import QUOTED_CHARS, answer_delivered, closed_by_team, info_requested
from bot.dialogue.views import excerpt_whole

CONTENT = "会議録の作成に毎回半日かかっていて、音声認識を使えないか相談したいです"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (CONTENT, "会議録の作成に毎回半日かかっていて…"),  # a clause's end
        (
            "RPAを導入したいと考えています。対象は児童手当の申請データ入力で月に三百件です",
            "RPAを導入したいと考えています…",
        ),
        (
            "毎月の紙の申請書をExcelに手で打ち込む作業を減らしたいのですがどうすればよいですか",
            "毎月の紙の申請書をExcelに手で打ち込む作業を…",
        ),
        (
            "住民票の写しの交付申請書のデータ入力作業の自動化について",
            "住民票の写しの交付申請書のデータ入力作業の自動化について",
        ),
        (
            "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも",
            "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへ…",
        ),
    ],
)
def test_a_quote_ends_where_a_sentence_clause_or_word_ends(text: str, quoted: str) -> None:
    """The last case has no boundary at all: it is cut at the limit, as before."""
    assert excerpt_whole(text, QUOTED_CHARS) == quoted
    assert len(quoted) <= QUOTED_CHARS


def test_the_dx_teams_messages_quote_the_consultation_without_cutting_a_word() -> None:
    """Cut at 30 characters, the answer's header read 「…音声認識を使えないか相…」."""
    for reply in (
        answer_delivered(3, CONTENT, "音声認識をお使いください。", "DX推進課"),
        closed_by_team(3, CONTENT, "DX推進課"),
        info_requested(3, CONTENT, "月に何時間ほどですか？", "DX推進課"),
    ):
        assert "No.3「会議録の作成に毎回半日かかっていて…」" in reply.text.splitlines()[0]
