"""A consultation's FAQ draft on the dashboard: one a consultation, and found by the consultation's id."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from bot.appkeys import CONSULT, FAQ_DRAFTS
from tests.handlers.conftest import Client, consult
from tests.handlers.test_dashboard import add_user, login, page, post, version_of

pytestmark = pytest.mark.asyncio


async def answered(client: Client, number: int = 1) -> str:
    """tanaka, logged in, has answered consultation ``number``: the CSRF token."""
    await add_user(client)
    await consult(client, "staff-1")
    csrf = await login(client)
    await post(
        client, f"/admin/consultations/{number}/answer", {"version": "1", "csrf": csrf, "text": "窓口へ。"}
    )
    return csrf


async def test_faq_pressed_again_opens_the_draft_made_already_instead_of_making_a_second(
    client: Client,
) -> None:
    csrf = await answered(client)
    first = await post(client, "/admin/consultations/1/faq", {"version": "2", "csrf": csrf})
    assert first == "/admin/faq/1?done=created"
    detail = await page(client, "/admin/consultations/1")
    assert '<a href="/admin/faq/1">No.1（下書き）</a>を作っています。' in detail
    assert 'action="/admin/consultations/1/faq"' not in detail, "a link to the draft, not the button"

    # From a page opened before (a colleague's, or the same one sent twice), at its version or the latest.
    for version in ("2", version_of(detail)):
        again = await post(client, "/admin/consultations/1/faq", {"version": version, "csrf": csrf})
        assert again == "/admin/faq/1?done=exists"
    opened = await page(client, again)
    assert "この相談からは、すでにこの下書きを作っています。新しくは作らずに、こちらを開きました。" in opened
    made = await asyncio.to_thread(client.app[FAQ_DRAFTS].of_consultation, 1)
    assert [d.id for d in made] == [1]


async def test_a_draft_set_aside_lets_the_consultation_make_a_new_one(client: Client) -> None:
    csrf = await answered(client)
    await post(client, "/admin/consultations/1/faq", {"version": "2", "csrf": csrf})
    await asyncio.to_thread(client.app[FAQ_DRAFTS].reject, 1, "tanaka", 1)
    detail = await page(client, "/admin/consultations/1")
    assert '<a href="/admin/faq/1">No.1（見送り）</a>は見送りになっています。' in detail
    made = await post(client, "/admin/consultations/1/faq", {"version": version_of(detail), "csrf": csrf})
    assert made == "/admin/faq/2?done=created"


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL every engine runs meanwhile."""
    seen: list[str] = []

    def record(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(sa.engine.Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(sa.engine.Engine, "before_cursor_execute", record)


async def test_a_consultations_page_reads_its_own_drafts_only(client: Client) -> None:
    csrf = await answered(client)
    service = client.app[CONSULT]
    for number in range(2, 6):  # drafts of other consultations, which the page need not read
        await consult(client, f"staff-{number}")
        await asyncio.to_thread(service.answer, number, "窓口へ。", "tanaka")
        await post(client, f"/admin/consultations/{number}/faq", {"version": "2", "csrf": csrf})
    await post(client, "/admin/consultations/1/faq", {"version": "2", "csrf": csrf})
    with statements() as seen:
        detail = await page(client, "/admin/consultations/1")
    assert '<a href="/admin/faq/5">No.5（下書き）</a>を作っています。' in detail
    drafts = [s for s in seen if "FROM faq_drafts" in s]
    assert drafts, "the page names the consultation's draft"
    assert all("WHERE faq_drafts.consultation_id = " in s for s in drafts), drafts


@pytest.mark.parametrize(
    "marked",
    ["9" * 5000, "9" * 19, "١٢", "0", "-1", ""],
    ids=["5000-digits", "19-digits", "arabic-indic", "zero", "negative", "empty"],
)
async def test_a_marked_count_the_redirect_never_gives_reads_as_none_marked(
    client: Client, marked: str
) -> None:
    """The count rides in the URL, so anyone can hand a member a link with any count: once a 500."""
    await add_user(client, editor=True)
    await login(client)
    shown = await page(client, f"/admin/faq?done=exported&marked={marked}")
    assert "「書き出し済み」にした下書きはありません。" in shown


async def test_a_marked_count_of_up_to_eighteen_digits_is_shown(client: Client) -> None:
    await add_user(client, editor=True)
    await login(client)
    shown = await page(client, f"/admin/faq?done=exported&marked={'9' * 18}")
    assert f"faq.yaml に追加済みの下書き{'9' * 18}件を「書き出し済み」にしました。" in shown
