"""The admin API (README, "HTTP API"): bearer token, the consultations and their pages, answering, closing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pytest_aiohttp import AiohttpClient

from bot.app import init_app
from bot.appkeys import CONSULT
from bot.config import Settings
from bot.dialogue import ConversationKey
from bot.search import Searcher
from tests.auxil.consultations import new_consultation, open_consultation
from tests.auxil.databases import migrated_sqlite
from tests.handlers.conftest import ADMIN_TOKEN, Client, consult, pushed, say

pytestmark = pytest.mark.asyncio

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def api(
    client: Client, method: str, path: str, status: int = 200, body: object = None, auth: bool = True
) -> dict[str, Any]:
    response = await client.request(method, path, json=body, headers=AUTH if auth else {})
    assert response.status == status, await response.text()
    assert response.content_type == "application/json"
    data: dict[str, Any] = await response.json()
    return data


async def test_a_wrong_or_missing_token_is_401_before_anything_else(client: Client) -> None:
    for path in ("/api/v1/consultations", "/api/v1/consultations/1", "/api/v1/consultations/999"):
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": ADMIN_TOKEN},
            {"Authorization": "Basic x"},
        ):
            response = await client.get(path, headers=headers)
            assert response.status == 401
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
            body = await response.json()
            assert body["error"] == "unauthorized"
            wrong = headers == {"Authorization": "Bearer wrong"}
            assert ("一致しません" if wrong else "認証が必要です") in body["message"], headers
            assert ('error="invalid_token"' in response.headers["WWW-Authenticate"]) == wrong
    response = await client.post("/api/v1/consultations/1/close")
    assert response.status == 401


async def test_without_a_token_setting_the_api_is_off_and_says_so(
    aiohttp_client: AiohttpClient, tmp_path: Path, searcher: Searcher
) -> None:
    settings = Settings.from_env({"KAIZEN_CACHE_DIR": ""}, DATABASE_URL=migrated_sqlite(tmp_path / "off.db"))
    client = await aiohttp_client(init_app(settings, searcher=searcher))
    data = await api(client, "GET", "/api/v1/consultations", status=503)
    assert data["error"] == "admin_api_disabled"
    assert "KAIZEN_ADMIN_TOKEN" in data["message"]


async def test_list_show_answer_and_close(client: Client) -> None:
    number = await consult(
        client, "staff-1", "会議録の作成に毎回半日かかっています（内線 2345、03-1234-5678）"
    )
    assert number == 1
    listed = (await api(client, "GET", "/api/v1/consultations?status=open"))["consultations"]
    assert [(c["id"], c["status"], c["section"]) for c in listed] == [(1, "new", "総務課 庶務係")]
    detail = (await api(client, "GET", "/api/v1/consultations/1"))["consultation"]
    assert detail["content"] == "会議録の作成に毎回半日かかっています（内線 2345、［電話番号］）"
    assert detail["masked"] == ["電話番号"]
    assert detail["events"][0]["kind"] == "created"
    said = [(line["role"], line["text"]) for line in detail["conversation"] if line["role"] != "bot"]
    assert said[:3] == [
        ("button", "メニュー"),
        ("button", "DX推進課に相談する"),
        ("user", "会議録の作成に毎回半日かかっています（内線 2345、［電話番号］）"),
    ]

    answered = await api(
        client, "POST", "/api/v1/consultations/1/answer", body={"text": "音声認識をどうぞ。"}
    )
    assert answered["consultation"]["status"] == "answered"
    assert answered["consultation"]["events"][-1]["actor"] == "api"
    delivered = await pushed(client, "staff-1")
    assert len(delivered) == 1
    assert "音声認識をどうぞ。" in delivered[0]["text"]
    assert [c["label"] for c in delivered[0]["choices"]] == ["解決した", "まだ困っている"]

    closed = await api(client, "POST", "/api/v1/consultations/1/close")
    assert closed["consultation"]["status"] == "resolved"
    assert (await api(client, "GET", "/api/v1/consultations?status=open"))["consultations"] == []
    assert len((await api(client, "GET", "/api/v1/consultations?status=closed"))["consultations"]) == 1
    again = await api(client, "POST", "/api/v1/consultations/1/close", status=409)
    assert again["error"] == "invalid_transition"
    assert "すでに「解決」" in again["message"]
    late = await api(client, "POST", "/api/v1/consultations/1/answer", status=409, body={"text": "追伸"})
    assert "回答できません" in late["message"]


async def test_unknown_ids_and_bad_requests(client: Client) -> None:
    for path in (
        "/api/v1/consultations/42",
        "/api/v1/consultations/abc",
        "/api/v1/consultations/" + "9" * 30,
    ):
        assert (await api(client, "GET", path, status=404))["error"] == "not_found"
    assert (await api(client, "POST", "/api/v1/consultations/42/close", status=404))["error"] == "not_found"
    await consult(client, "staff-1")
    for other in ("１", "١"):  # No.1's number in other scripts' digits names no consultation
        refused = await api(client, "GET", f"/api/v1/consultations/{other}", status=404)
        assert refused["error"] == "not_found"
    for body in ({}, {"text": ""}, {"text": 3}, ["text"]):
        data = await api(client, "POST", "/api/v1/consultations/1/answer", status=400, body=body)
        assert data["error"] in ("missing_field", "invalid_json")
    raw = await client.post("/api/v1/consultations/1/answer", data=b"{", headers=AUTH)
    assert raw.status == 400
    empty = await api(client, "POST", "/api/v1/consultations/1/answer", status=400, body={"text": " "})
    assert empty["message"] == "「text」に回答の本文を文字列で指定してください（空にはできません）。"
    bad_status = await api(client, "GET", "/api/v1/consultations?status=bogus", status=400)
    assert "という状態はありません" in bad_status["message"]
    assert bad_status["message"].endswith(
        "まとめて選ぶには：未完了のものすべて（open）、完了したもの（closed）、すべて（all）"
    )


async def test_the_answer_reaches_only_its_staff_member_who_can_reply(client: Client) -> None:
    await consult(client, "staff-1")
    await consult(client, "staff-2", "庁内照会の集計を楽にしたい")
    await api(client, "POST", "/api/v1/consultations/2/answer", body={"text": "フォームをどうぞ。"})
    assert await pushed(client, "staff-1") == []
    (message,) = await pushed(client, "staff-2")
    stuck = message["choices"][1]["action"]
    stolen = await say(client, "staff-1", action=stuck)
    assert "見つかりませんでした" in stolen[0]["text"], "another user's consultation is not found"
    reopened = await say(client, "staff-2", action=stuck)
    assert "再開しました" in reopened[0]["text"]
    await say(client, "staff-2", text="フォームの作り方も教えてください")
    detail = (await api(client, "GET", "/api/v1/consultations/2"))["consultation"]
    assert detail["status"] == "reopened"
    assert detail["events"][-1]["text"] == "フォームの作り方も教えてください"


async def open_many(client: Client, count: int) -> None:
    """``count`` consultations, each from another staff member (the daily limit is per person)."""
    service = client.app[CONSULT]
    for n in range(1, count + 1):
        key = ConversationKey("web", f"staff-{n}", f"staff-{n}")
        await asyncio.to_thread(open_consultation, service, key, new_consultation(f"相談その{n}"))


async def every_page(client: Client, query: str) -> tuple[list[list[int]], list[int]]:
    """The ids on each page of the listing ``query``, following ``next_cursor``; and each page's total."""
    pages, totals = [], []
    path = f"/api/v1/consultations?{query}"
    while True:
        data = await api(client, "GET", path)
        assert set(data) == {"consultations", "total", "next_cursor"}
        pages.append([c["id"] for c in data["consultations"]])
        totals.append(data["total"])
        if data["next_cursor"] is None:
            return pages, totals
        assert isinstance(data["next_cursor"], str)
        path = f"/api/v1/consultations?{query}&cursor={data['next_cursor']}"


async def test_the_list_pages_with_a_cursor_and_counts_everything_the_filters_select(client: Client) -> None:
    await open_many(client, 7)
    assert await every_page(client, "limit=3") == ([[1, 2, 3], [4, 5, 6], [7]], [7, 7, 7])
    assert await every_page(client, "status=all&limit=3") == ([[7, 6, 5], [4, 3, 2], [1]], [7, 7, 7])
    assert await every_page(client, "limit=7") == ([[1, 2, 3, 4, 5, 6, 7]], [7]), "no empty last page"
    whole = await api(client, "GET", "/api/v1/consultations")
    assert (len(whole["consultations"]), whole["total"], whole["next_cursor"]) == (7, 7, None)
    assert await api(client, "GET", "/api/v1/consultations?status=closed") == {
        "consultations": [],
        "total": 0,
        "next_cursor": None,
    }

    first = await api(client, "GET", "/api/v1/consultations?limit=3")
    await api(client, "POST", "/api/v1/consultations/2/close")
    second = await api(client, "GET", f"/api/v1/consultations?limit=3&cursor={first['next_cursor']}")
    assert [c["id"] for c in second["consultations"]] == [4, 5, 6], "No.2 closed meanwhile moves nothing"
    assert second["total"] == 6
    closed = await api(client, "GET", "/api/v1/consultations?status=closed&limit=1")
    assert (closed["total"], closed["next_cursor"]) == (1, None)


@pytest.mark.parametrize(
    "query",
    [
        "cursor=abc",
        "cursor=",
        "cursor=0",
        "cursor=-3",
        "cursor=1.5",
        "cursor=%EF%BC%91",  # a full-width １
        "cursor=01",
        "cursor=9223372036854775808",
        "cursor=" + "9" * 40,
        "limit=0",
        "limit=501",
        "limit=ten",
    ],
)
async def test_a_bad_cursor_or_limit_is_400_saying_what_to_send(client: Client, query: str) -> None:
    await open_many(client, 2)
    data = await api(client, "GET", f"/api/v1/consultations?{query}", status=400)
    name = query.partition("=")[0]
    assert data["error"] == f"invalid_{name}"
    assert f"「{name}」" in data["message"]
    assert set(data) == {"error", "message"}
