"""Two of the team on one consultation: a form refused because of what a colleague did says what that was."""

from __future__ import annotations

import asyncio
import re
from html import unescape

import pytest

from bot.appkeys import CONSULT
from bot.consult.model import Status
from tests.handlers.conftest import Client
from tests.handlers.test_dashboard import add_user, opened, post, version_of

pytestmark = pytest.mark.asyncio


async def test_an_answer_refused_because_a_colleague_resolved_it_meanwhile_names_that_and_keeps_the_text(
    client: Client,
) -> None:
    csrf, shown = await opened(client)
    seen = re.findall(r'name="seen" value="(\d+)"', shown)[0]
    await add_user(client, "suzuki")
    await asyncio.to_thread(client.app[CONSULT].transition, 1, Status.RESOLVED, "suzuki")
    typed = "手順をまとめました。\nhttps://example.jp/guide?a=1&b=2"
    form = {"csrf": csrf, "version": version_of(shown), "seen": seen, "form": "answer", "text": typed}
    refused = unescape(await post(client, "/admin/consultations/1/answer", form, 409))
    assert "「解決」のため回答できません。" in refused
    assert "この画面を開いた後に、次の操作がありました：suzuki「状態：未対応 → 解決」" in refused
    assert typed in refused, "given back, to copy"
