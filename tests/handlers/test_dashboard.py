"""The DX team's dashboard through aiohttp's test client: login, CSRF, queue, consultation, FAQ drafts."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import date
from html import unescape
from urllib.parse import quote

import pytest
from pytest_aiohttp import AiohttpClient
from yarl import URL

from bot.app import init_app
from bot.appkeys import ACCOUNTS, CONSULT, SETTINGS
from bot.config import Settings
from bot.consult.store import Filters
from bot.dialogue import ConversationKey
from bot.knowledge import KnowledgeBase
from bot.search import Searcher
from tests.auxil.consultations import new_consultation, open_consultation
from tests.dialogue.test_categories import ward_kb
from tests.handlers.conftest import Client, consult, pushed, say

pytestmark = pytest.mark.asyncio

PASSWORD = "dx-team-password-1"
ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


async def add_user(client: Client, name: str = "tanaka", *, editor: bool = False) -> None:
    accounts = client.app[ACCOUNTS]
    await asyncio.to_thread(
        accounts.add_user, name, PASSWORD, "田中" if name == "tanaka" else name, editor=editor
    )


async def opened(client: Client) -> tuple[str, str]:
    """tanaka, logged in, on staff-1's consultation No.1: the form's CSRF token and the page."""
    await add_user(client)
    await consult(client, "staff-1")
    csrf = await login(client)
    return csrf, await page(client, "/admin/consultations/1")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def version_of(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found
    return found.group(1)


async def login(client: Client, name: str = "tanaka", password: str = PASSWORD) -> str:
    """Log in through the form; return the session's CSRF token."""
    page = await client.get("/admin/login")
    form = {"csrf": csrf_of(await page.text()), "name": name, "password": password}
    response = await client.post("/admin/login", data=form, allow_redirects=False)
    assert response.status == 303, await response.text()
    assert response.headers["Location"] == "/admin/"
    queue = await client.get("/admin/")
    assert queue.status == 200
    return csrf_of(await queue.text())


async def page(client: Client, path: str, status: int = 200) -> str:
    response = await client.get(path)
    assert response.status == status, await response.text()
    return await response.text()


async def post(client: Client, path: str, data: dict[str, str], status: int = 303) -> str:
    response = await client.post(path, data=data, allow_redirects=False)
    assert response.status == status, await response.text()
    return response.headers.get("Location", "") if status == 303 else await response.text()


async def test_everything_but_the_login_page_needs_a_session(client: Client) -> None:
    for path in ("/admin/", "/admin/consultations/1", "/admin/faq"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 303
        sent_to = URL(response.headers["Location"])
        assert sent_to.path == "/admin/login"
        assert sent_to.query.get("next", "/admin/") == path, "and back here after logging in"
    response = await client.post("/admin/consultations/1/answer", data={"text": "x"})
    assert response.status == 403
    login_page = await client.get("/admin/login")
    assert login_page.status == 200
    assert "default-src 'none'" in login_page.headers["Content-Security-Policy"]
    assert '<html lang="ja">' in await login_page.text()


async def test_a_wrong_password_or_a_missing_login_token_is_refused(client: Client) -> None:
    await add_user(client)
    form = await page(client, "/admin/login")
    refused = await post(
        client, "/admin/login", {"csrf": csrf_of(form), "name": "tanaka", "password": "wrong-password"}, 401
    )
    assert "ユーザー名またはパスワードが正しくありません" in refused
    forged = await post(
        client, "/admin/login", {"csrf": "forged", "name": "tanaka", "password": PASSWORD}, 403
    )
    assert "有効期限が切れました" in forged


async def test_forms_need_the_sessions_csrf_token_and_our_own_origin(client: Client) -> None:
    csrf, detail = await opened(client)
    version = version_of(detail)
    await post(client, "/admin/consultations/1/take", {"version": version}, 403)
    await post(client, "/admin/consultations/1/take", {"version": version, "csrf": "forged"}, 403)
    response = await client.post(
        "/admin/consultations/1/take",
        data={"version": version, "csrf": csrf},
        headers={"Origin": "https://evil.example"},
        allow_redirects=False,
    )
    assert response.status == 403
    assert "<dt>担当</dt><dd>未割り当て</dd>" in await page(client, "/admin/consultations/1")
    await post(client, "/admin/consultations/1/take", {"version": version, "csrf": csrf})
    assert "田中" in await page(client, "/admin/consultations/1")


async def test_another_site_cannot_have_the_dashboard_show_its_text(client: Client) -> None:
    """A form posted from another site carries no session (SameSite=Strict): refused, its text not shown.

    Once, it got the page for a form sent without a login, which shows what the form held to copy: any
    site could have the dashboard's own address show a false notice with a link of its choosing.
    """
    await add_user(client)
    await consult(client, "staff-1")
    notice = "パスワードの期限が切れました。https://evil.example/reset で再設定してください。"
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        for path in ("/admin/consultations/1/answer", "/admin/faq/1/save", "/admin/logout"):
            response = await client.post(path, data={"text": notice, "question": notice}, headers=headers)
            assert response.status == 403, (path, headers)
            text = await response.text()
            assert "ほかのサイトからの送信は受け付けていません" in text
            assert "evil.example" not in text
    same_site = await client.post(
        "/admin/consultations/1/answer",
        data={"text": "下書きです"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert same_site.status == 403
    assert "下書きです" in await same_site.text(), "our own form, sent logged out, still gives its text back"


async def test_a_form_over_the_size_limit_gets_a_page_in_japanese(client: Client) -> None:
    """aiohttp refuses the body with an English text of its own; the page says it in Japanese instead."""
    csrf = (await opened(client))[0]
    limit = client.app[SETTINGS].max_body_bytes
    for path, form in (
        ("/admin/login", {"name": "x" * limit}),
        ("/admin/consultations/1/note", {"csrf": csrf}),
    ):
        response = await client.post(path, data={**form, "text": "あ" * limit})
        assert response.status == 413, path
        text = await response.text()
        assert "送信された内容が大きすぎます。" in text
        assert "Maximum" not in text
        assert str(limit) not in text


async def test_the_queue_counts_filters_and_escapes(client: Client) -> None:
    await add_user(client)
    await consult(client, "staff-1", f"会議録の件 {ATTACK}")
    await consult(client, "staff-2", "庁内照会の集計を楽にしたい")
    csrf = await login(client)
    await post(client, "/admin/consultations/2/take", {"version": "1", "csrf": csrf})
    html = await page(client, "/admin/")
    assert "未対応 <b>1</b>" in html
    assert "対応中 <b>1</b>" in html
    assert "すべて <b>2</b>" in html, "every tab says how many it holds"
    assert ATTACK not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    mine = await page(client, "/admin/?status=open&assignee=me")
    assert "No.2" in mine
    assert "No.1<" not in mine
    unassigned = await page(client, "/admin/?status=open&assignee=-")
    assert "No.1" in unassigned
    assert "No.2<" not in unassigned
    assert "該当する相談はありません" in await page(client, "/admin/?age=7")
    bad = await page(client, "/admin/?status=bogus", 400)
    assert "という状態はありません" in bad
    assert "<h1>受け付けられませんでした</h1>" in bad, "what happened, not ご覧いただけません"


async def test_every_filter_the_form_could_not_have_sent_is_a_400_page_naming_it(client: Client) -> None:
    """Not 0件 for a mistyped name, nor the whole queue for a mistyped age: the page says what is wrong."""
    await add_user(client)
    await add_user(client, "suzuki")
    await consult(client, "staff-1")
    await login(client)
    nobody = await page(client, "/admin/?assignee=nobody", 400)
    assert "「nobody」という担当者はチームに登録されていません" in nobody
    assert "<h1>受け付けられませんでした</h1>" in nobody
    age = await page(client, "/admin/?age=abc", 400)
    assert "受付からの経過に「abc」は指定できません" in age
    assert "7（7日以上）" in age, "and which values are"
    await page(client, "/admin/?age=2", 400)
    untagged = await page(client, "/admin/?tag=あ", 400)
    assert "「あ」というタグの付いた相談はありません。タグの付いた相談はまだありません。" in untagged
    await asyncio.to_thread(client.app[CONSULT].set_tags, 1, "音声認識、会議録", "tanaka", None)
    unknown = await page(client, "/admin/?tag=あ", 400)
    offered = re.search(r"「あ」というタグの付いた相談はありません。指定できるタグ：([^<]*)", unknown)
    assert offered, unknown
    assert sorted(offered.group(1).split("、")) == ["会議録", "音声認識"], "and which tags are"
    assert "「page」には" in await page(client, "/admin/?page=abc", 400)
    for good in (
        "assignee=suzuki",
        "assignee=me",
        "assignee=-",
        "assignee=",
        "age=7",
        "age=",
        "tag=会議録",
        "tag=",
    ):
        await page(client, f"/admin/?{good}")


async def test_take_answer_and_the_answer_reaches_the_web_chat_once(client: Client) -> None:
    await add_user(client)
    await consult(client, "staff-1", f"会議録の件 {ATTACK}")
    csrf = await login(client)
    detail = await page(client, "/admin/consultations/1")
    assert ATTACK not in detail
    assert "ここまでの会話" in detail
    assert "DX推進課に相談する" in detail, "the conversation that led to it, with the buttons pressed"
    assert "botが見つけた候補" in detail
    await post(client, "/admin/consultations/1/take", {"version": version_of(detail), "csrf": csrf})
    detail = await page(client, "/admin/consultations/1?done=take")
    assert "担当者になりました" in detail
    form = {"version": version_of(detail), "csrf": csrf, "form": "answer", "text": f"回答です。{ATTACK}"}
    location = await post(client, "/admin/consultations/1/answer", form)
    assert location == "/admin/consultations/1?done=answer"
    again = await post(client, "/admin/consultations/1/answer", form, 409)
    assert "二重送信" in again
    assert "回答です。" in again, "what was typed is kept"
    messages = await pushed(client, "staff-1")
    assert len(messages) == 1
    assert f"回答です。{ATTACK}" in messages[0]["text"]
    trail = await page(client, "/admin/consultations/1")
    assert "回答しました（状態：対応中 → 回答済み）" in trail
    assert re.search(
        r'<span class="reach (sent|waiting)">相談者(に届けました|への送信を待っています)</span>', trail
    )
    assert "田中" in trail


async def test_state_changes_unknown_or_impossible_get_a_clear_error(client: Client) -> None:
    await add_user(client)
    await consult(client, "staff-1")
    csrf = await login(client)
    unknown = await post(
        client, "/admin/consultations/1/status", {"version": "1", "csrf": csrf, "to": "done"}, 400
    )
    assert "「done」という状態はありません" in unknown
    await post(client, "/admin/consultations/1/status", {"version": "1", "csrf": csrf, "to": "resolved"})
    impossible = await post(
        client, "/admin/consultations/1/status", {"version": "2", "csrf": csrf, "to": "in_progress"}, 409
    )
    assert "「解決」のため、「対応中」にはできません" in impossible
    reopened = await post(
        client, "/admin/consultations/1/status", {"version": "2", "csrf": csrf, "to": "reopened"}
    )
    assert reopened.endswith("done=status")
    await post(client, "/admin/consultations/1/nonsense", {"version": "3", "csrf": csrf}, 404)
    await post(client, "/admin/consultations/1/note", {"version": "x", "csrf": csrf}, 400)


async def test_unknown_consultations_are_404_pages(client: Client) -> None:
    await add_user(client)
    await login(client)
    assert "見つかりません" in await page(client, "/admin/consultations/99", 404)
    await page(client, "/admin/consultations/abc", 404)
    assert "<h1>ページが見つかりません</h1>" in await page(client, "/admin/nowhere", 404)
    for number in ("9" * 19, "9" * 5000, "-1"):  # no number a consultation or a draft can have
        await page(client, f"/admin/consultations/{number}", 404)
        await page(client, f"/admin/faq/{number}", 404)


async def test_a_consultation_has_one_address_in_ascii_digits(client: Client) -> None:
    await opened(client)
    for other in ("１", "١"):  # full-width and Arabic-Indic: the same number, not its address
        await page(client, f"/admin/consultations/{other}", 404)


async def test_notes_tags_due_and_assignment(client: Client) -> None:
    await add_user(client)
    await add_user(client, "suzuki")
    await consult(client, "staff-1")
    csrf = await login(client)
    steps = [
        ("note", {"form": "note", "text": f"電話で確認済み {ATTACK}"}),
        ("tags", {"tags": "会議録、音声認識"}),
        ("due", {"due": "2026-12-25"}),
        ("assign", {"assignee": "suzuki"}),
    ]
    for number, (action, data) in enumerate(steps, start=1):
        await post(client, f"/admin/consultations/1/{action}", {"version": str(number), "csrf": csrf, **data})
    html = await page(client, "/admin/consultations/1")
    assert "<dt>期限</dt><dd>2026/12/25</dd>" in html, "a day written as the dashboard's times are"
    assert "期限を2026/12/25にしました" in html
    assert 'value="2026-12-25"' in html, "the date field's own format"
    assert "<td>2026/12/25</td>" in await page(client, "/admin/?status=all")
    assert '<span class="tag">会議録</span>' in html
    assert "電話で確認済み &lt;script&gt;" in html
    assert "担当者を「未割り当て」から「suzuki」にしました" in html, "as the page and the queue call it"
    bad_due = await post(
        client, "/admin/consultations/1/due", {"version": "5", "csrf": csrf, "due": "来週"}, 400
    )
    assert "2026-03-31" in bad_due
    tagged = await page(client, "/admin/?tag=音声認識")
    assert "No.1" in tagged
    stale = await post(
        client, "/admin/consultations/1/tags", {"version": "4", "csrf": csrf, "tags": "議事録"}, 409
    )
    assert "この画面を開いた後に更新されています" in stale
    assert 'name="tags" value="議事録"' in stale, (
        "the tags typed are given back, not replaced by the stored ones"
    )


async def open_many(client: Client, count: int) -> None:
    """``count`` consultations (No.1 to No.count), each from its own staff member; a team member logged in."""
    service = client.app[CONSULT]
    for n in range(1, count + 1):
        key = ConversationKey("web", f"staff-{n}", f"staff-{n}")
        await asyncio.to_thread(open_consultation, service, key, new_consultation(f"相談その{n}"))
    await add_user(client)
    await login(client)


async def test_the_queue_pages_through_every_consultation_it_counts(client: Client) -> None:
    """A queue longer than a page shows how many there are and links to the rest; none is out of reach."""
    await open_many(client, 201)
    first = await page(client, "/admin/")
    assert "全201件中 1〜100件目" in first
    assert ">No.100<" in first
    assert ">No.101<" not in first
    assert '<a href="?status=open&amp;page=2" rel="next">次の100件</a>' in first
    last = await page(client, "/admin/?status=open&page=3")
    assert "全201件中 201〜201件目" in last
    assert ">No.201<" in last
    assert '<a href="?status=open&amp;page=2" rel="prev">前の100件</a>' in last
    newest = await page(client, "/admin/?status=all")
    assert ">No.201<" in newest
    assert ">No.1<" not in newest
    assert ">No.1<" in await page(client, "/admin/?status=all&page=3")
    await page(client, "/admin/?page=0", 400)


async def test_the_queue_sorts_by_due_date_soonest_first_and_undated_last_keeping_it_across_pages(
    client: Client,
) -> None:
    await open_many(client, 103)
    service = client.app[CONSULT]
    for number, due in ((3, date(2026, 12, 24)), (101, date(2026, 12, 1)), (2, date(2026, 12, 24))):
        await asyncio.to_thread(service.set_due, number, due, "tanaka")
    received = await page(client, "/admin/")
    assert received.index(">No.1<") < received.index(">No.2<")
    assert ">No.101<" not in received, "by number, No.101 is on the second page"
    by_due = await page(client, "/admin/?sort=due")
    numbers = [int(n) for n in re.findall(r">No\.(\d+)</th>", by_due)]
    assert numbers[:5] == [101, 2, 3, 1, 4], "soonest first, a day's oldest first, then those without one"
    assert '<option value="due" selected>期限の近い順</option>' in by_due
    assert '<a href="?status=open&amp;sort=due&amp;page=2" rel="next">次の100件</a>' in by_due
    rest = await page(client, "/admin/?status=open&sort=due&page=2")
    assert re.findall(r">No\.(\d+)</th>", rest) == ["100", "102", "103"]
    api_order = await asyncio.to_thread(service.find, Filters(status="open", limit=3))
    assert [c.id for c in api_order] == [1, 2, 3], "the admin API's order is unchanged"
    bad = await page(client, "/admin/?sort=soon", 400)
    assert "並び順に「soon」は指定できません" in bad
    assert "due（期限の近い順）" in bad


async def test_a_page_past_the_last_says_so_and_links_to_the_pages_there_are(client: Client) -> None:
    """Not 「106件」 beside 「該当する相談はありません」, with no way back."""
    await open_many(client, 106)
    past = await page(client, "/admin/?page=3", 404)
    assert "3ページ目はありません。該当する相談は全106件で、2ページ目までです。" in past
    assert "該当する相談はありません" not in past
    assert '<a href="?status=open&amp;page=1">最初のページ（1ページ目）へ</a>' in past
    assert '<a href="?status=open&amp;page=2">最後のページ（2ページ目）へ</a>' in past
    assert "前の100件" not in past, "no link to a page that is not there either"
    assert ">No.106<" in await page(client, "/admin/?status=open&page=2")
    empty = await page(client, "/admin/?status=withdrawn&page=2", 404)
    assert "2ページ目はありません。該当する相談はありません。" in empty
    assert '<a href="?status=withdrawn&amp;page=1">1ページ目へ</a>' in empty


async def test_an_answer_can_start_from_an_faq_answer(client: Client) -> None:
    await add_user(client)
    await consult(client, "staff-1", "RPAを使って入力作業を減らしたいのですが、どこから始めればよいですか")
    await login(client)
    html = await page(client, "/admin/consultations/1?from=faq:tool-rpa-basics")
    textarea = re.search(r'<textarea id="answer-text"[^>]*>([^<]*)</textarea>', html)
    assert textarea
    assert "定型的な操作" in textarea.group(1)
    found = await page(client, "/admin/consultations/1?q=OCR")
    assert "この内容をもとに回答を書く" in found
    assert "AI-OCR" in found


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("sec:remedy#rpa", "業務改善の手引き"),
        ("case:rpa-kosodate-input", "改善事例『"),
        ("ref:ref-leave", "人事課"),
    ],
)
async def test_an_answer_can_start_from_every_kind_of_candidate(
    client: Client, ref: str, expected: str
) -> None:
    await add_user(client)
    await consult(client, "staff-1", "RPAを使って入力作業を減らしたいのですが、どこから始めればよいですか")
    await login(client)
    html = await page(client, f"/admin/consultations/1?from={quote(ref)}")
    textarea = re.search(r'<textarea id="answer-text"[^>]*>([^<]*)</textarea>', html)
    assert textarea
    assert expected in textarea.group(1)


async def test_an_answer_from_a_referral_names_the_office_once_and_its_portal_page(
    client: Client, kb: KnowledgeBase
) -> None:
    referral = next(r for r in kb.referrals if r.id == "ref-leave")
    assert referral.portal
    await add_user(client)
    await consult(client, "staff-1", "RPAを使って入力作業を減らしたいのですが、どこから始めればよいですか")
    await login(client)
    html = await page(client, "/admin/consultations/1?from=ref:ref-leave")
    textarea = re.search(r'<textarea id="answer-text"[^>]*>([^<]*)</textarea>', html)
    assert textarea
    assert unescape(textarea.group(1)) == (
        f"{referral.answer.strip()}\n"
        f"お問い合わせ先：{referral.office}（{referral.contact}）\n"
        f"参考：{referral.portal}"
    )


async def test_faq_drafts_from_an_answer_reviewed_by_an_editor_and_exported(client: Client) -> None:
    await add_user(client)
    await add_user(client, "editor1", editor=True)
    await consult(client, "staff-1")
    csrf = await login(client)
    detail = await page(client, "/admin/consultations/1")
    assert "FAQに登録" not in detail, "only after an answer"
    await post(
        client,
        "/admin/consultations/1/answer",
        {"version": "1", "csrf": csrf, "text": "音声認識を使います。"},
    )
    location = await post(client, "/admin/consultations/1/faq", {"version": "2", "csrf": csrf})
    assert location == "/admin/faq/1?done=created"
    draft = await page(client, location)
    assert "音声認識を使います。" in draft
    # The consultation's page links to the draft made from it instead of the button, so none is made twice.
    detail = await page(client, "/admin/consultations/1")
    assert '<a href="/admin/faq/1">No.1（下書き）</a>を作っています。' in detail
    assert "作成：田中" in draft, "by the name the team knows, not the login name tanaka"
    fields = {
        "csrf": csrf,
        "version": "1",
        "entry_id": "method-meeting-minutes",
        "category": "進め方",
        "question": "会議録を早く作るには？",
        "answer": "音声認識を使います。",
        "phrasings": "議事録を早く作りたい",
        "keywords": "会議録",
    }
    await post(client, "/admin/faq/1/save", fields)
    assert "承認と見送りは、編集担当者だけ" in await post(
        client, "/admin/faq/1/approve", {"csrf": csrf, "version": "2"}, 403
    )
    await page(client, "/admin/faq/export.yaml", 403)

    await client.post("/admin/logout", data={"csrf": csrf})
    csrf = await login(client, "editor1")
    assert "承認しました。「FAQの下書き」の一覧にある「faq.yaml形式で書き出す」から" in await page(
        client, await post(client, "/admin/faq/1/approve", {"csrf": csrf, "version": "2"})
    )
    approved = await page(client, "/admin/faq/1")
    assert "作成：田中" in approved
    assert "保存すると「下書き」に戻り、書き出すにはもう一度承認が必要になります。" in approved

    # Saving an approved draft makes it a draft again, and the page says so (it was 「保存しました。」 alone).
    resaved = await post(client, "/admin/faq/1/save", fields | {"csrf": csrf, "version": "3"})
    saved = await page(client, resaved)
    assert "保存しました。承認済みだったため「下書き」に戻りました。" in saved
    assert "書き出すには、もう一度承認が必要です。" in saved
    assert "FAQの下書き No.1（下書き）" in saved
    assert "書き出す承認済みの下書きはありません" in await page(client, "/admin/faq/export.yaml", 404)
    await post(client, "/admin/faq/1/approve", {"csrf": csrf, "version": "4"})
    listing = await page(client, "/admin/faq")
    assert "承認済み1件" in listing
    exported = await client.get("/admin/faq/export.yaml")
    assert exported.status == 200
    assert exported.headers["Content-Disposition"].startswith("attachment")
    assert "- id: method-meeting-minutes" in await exported.text()
    # Not appended to the FAQ in service (tests/test_reloading.py appends and reloads): nothing is marked.
    marked = await page(client, await post(client, "/admin/faq/exported", {"csrf": csrf}))
    assert "「書き出し済み」にした下書きはありません。" in marked
    assert "承認済み1件" in marked


async def test_a_drafts_categories_are_the_wards_own_starting_from_the_entry_the_bot_found(
    aiohttp_client: AiohttpClient, settings: Settings, kb: KnowledgeBase
) -> None:
    own = replace(kb, faq=ward_kb(kb).faq[1:])  # the ward's own categories only: ごみ, 税金 and none
    client = await aiohttp_client(init_app(settings, searcher=Searcher.build(own, semantic=False)))
    await add_user(client, "editor1", editor=True)
    await consult(client, "staff-1", "資源ごみの日はいつですか？区民に聞かれて答えられませんでした")
    await consult(client, "staff-2")  # the bot found no FAQ entry with a category for this one
    csrf = await login(client, "editor1")
    for number in (1, 2):
        await post(
            client,
            f"/admin/consultations/{number}/answer",
            {"version": "1", "csrf": csrf, "text": "窓口へどうぞ。"},
        )
        await post(client, f"/admin/consultations/{number}/faq", {"version": "2", "csrf": csrf})

    def options(html: str) -> list[tuple[str, bool]]:
        return [
            (value, bool(chosen))
            for value, chosen in re.findall(r'<option value="([^"]*)" (selected)?>', html)
        ]

    draft = await page(client, "/admin/faq/1")
    expected = [("ごみ", True), ("税金", False)]
    assert options(draft) == expected, "the category of the FAQ entry the bot found, never the sample's 相談"
    other = await page(client, "/admin/faq/2")
    assert options(other) == [("ごみ", False), ("税金", False), ("", True)], (
        "（分類なし）, for the team to choose"
    )
    assert "（分類なし）" in other
    assert "ID（半角の英数字と「-」「_」「.」、48文字まで）" in draft
    fields = {
        "csrf": csrf,
        "version": "1",
        "entry_id": "koseki_01",
        "category": "証明書",
        "question": "住民票の写しはどこで取れますか？",
        "answer": "区民課の窓口で取れます。",
        "phrasings": "",
        "keywords": "",
    }
    await post(client, "/admin/faq/1/save", fields)
    saved = await page(client, "/admin/faq/1")
    assert options(saved)[-1] == ("証明書", True), "saved again from the browser, it stays 証明書"
    assert [value for value, chosen in options(saved) if chosen] == ["証明書"]
    await post(client, "/admin/faq/1/approve", {"csrf": csrf, "version": "2"})
    assert "- id: koseki_01\n  category: 証明書\n" in await page(client, "/admin/faq/export.yaml")
    await post(client, "/admin/faq/2/approve", {"csrf": csrf, "version": "1"})
    exported = await page(client, "/admin/faq/export.yaml")
    assert "- id: consult-2\n  question: " in exported, "a draft without a category is written without one"


async def test_line_breaks_a_browser_sends_as_crlf_are_kept_as_plain_newlines(client: Client) -> None:
    """A browser posts a textarea's line breaks as CR LF (HTML's form encoding); none may be stored so."""
    await add_user(client, "editor1", editor=True)
    await consult(client, "staff-1")
    csrf = await login(client, "editor1")
    typed = "マイクとスピーカーを離してください。\r\n解決しない場合は内線 2345 へ。"
    await post(client, "/admin/consultations/1/answer", {"version": "1", "csrf": csrf, "text": typed})
    [answer] = await pushed(client, "staff-1")
    assert "離してください。\n解決しない" in answer["text"]
    assert "\r" not in answer["text"]
    await post(client, "/admin/consultations/1/faq", {"version": "2", "csrf": csrf})
    fields = {
        "csrf": csrf,
        "version": "1",
        "entry_id": "tool-meeting-echo",
        "category": "ツール",
        "question": "Web会議で音声がループするときは？",
        "answer": typed,
        "phrasings": "ハウリングする\r\n音がループする",
        "keywords": "",
    }
    await post(client, "/admin/faq/1/save", fields)
    await post(client, "/admin/faq/1/approve", {"csrf": csrf, "version": "2"})
    exported = await page(client, "/admin/faq/export.yaml")
    assert "\r" not in exported
    block = "  answer: |\n    マイクとスピーカーを離してください。\n    解決しない場合は内線 2345 へ。\n"
    assert block in exported
    assert "  - ハウリングする\n  - 音がループする\n" in exported


async def test_a_withdrawn_consultation_says_it_cannot_be_answered_without_pointing_at_a_reopening(
    client: Client,
) -> None:
    """A staff member's withdrawal is final: the team is not told to reopen what no button reopens."""
    csrf, detail = await opened(client)
    await say(client, "staff-1", action="cs:1")
    await say(client, "staff-1", action="cs:1:wd")
    withdrawn = await say(client, "staff-1", action="cs:1:wdy")
    assert "取り下げました" in withdrawn[0]["text"]

    typed = "ピボットテーブルで集計できます。"
    refused = await post(
        client,
        "/admin/consultations/1/answer",
        {"version": version_of(detail), "csrf": csrf, "form": "answer", "text": typed},
        409,
    )
    assert "相談者が取り下げたため、回答できません。" in refused
    assert f'aria-label="送信できなかった回答">{typed}</textarea>' in refused, "given back, not lost"
    assert "再開" not in refused.split("<h1>")[0], "no such button on a withdrawn consultation"
    now = await page(client, "/admin/consultations/1")
    assert "相談者が取り下げたため、回答できません。" in now
    assert "「再開」" not in now
    assert "この状態からは変更できません。" in now


async def test_logout_ends_the_session(client: Client) -> None:
    await add_user(client)
    csrf = await login(client)
    await post(client, "/admin/logout", {"csrf": csrf})
    response = await client.get("/admin/", allow_redirects=False)
    assert response.status == 303


async def test_a_form_sent_after_the_login_ended_says_so_and_gives_back_what_was_typed(
    client: Client,
) -> None:
    """The page open when the password changed (or another PC logged out everywhere) is sent once more."""
    csrf, detail = await opened(client)
    await asyncio.to_thread(client.app[ACCOUNTS].logout_everywhere, "tanaka")

    typed = "会議録の件、来週の打合せで <b>音声認識</b> の話をする予定。"
    refused = await post(
        client,
        "/admin/consultations/1/note",
        {"version": version_of(detail), "csrf": csrf, "text": typed},
        403,
    )
    assert "ログアウトしました" in refused
    assert "ページを読み込み直して" not in refused, "reloading would send the form again, and fail again"
    assert '<a href="/admin/login?next=%2Fadmin%2Fconsultations%2F1" target="_blank"' in refused
    assert "会議録の件、来週の打合せで &lt;b&gt;音声認識&lt;/b&gt; の話をする予定。" in refused
    assert csrf not in refused


async def test_staff_feedback_shows_in_the_trail(client: Client) -> None:
    await add_user(client)
    await consult(client, "staff-1")
    csrf = await login(client)
    await post(client, "/admin/consultations/1/answer", {"version": "1", "csrf": csrf, "text": "回答です。"})
    (message,) = await pushed(client, "staff-1")
    solved = await say(client, "staff-1", action=message["choices"][0]["action"])
    assert "「解決」としました" in solved[0]["text"]
    again = await say(client, "staff-1", action=message["choices"][0]["action"])
    assert "すでに解決済み" in again[0]["text"]
    html = await page(client, "/admin/consultations/1")
    assert "相談者（職員）" in html
    assert "回答済み → 解決" in html
    assert html.count("回答済み → 解決") == 1, "a double press is one change"


async def test_the_team_asks_the_staff_member_for_more_information(client: Client) -> None:
    csrf, detail = await opened(client)
    assert "この内容で相談者に確認する" in detail
    form = {"version": version_of(detail), "csrf": csrf, "form": "answer", "text": "様式は何種類ですか？"}
    location = await post(client, "/admin/consultations/1/ask", form)
    assert location == "/admin/consultations/1?done=ask"
    detail = await page(client, location)
    done = "確認のお願いを(相談者のチャットに届けました|記録しました。まもなく相談者のチャットに届きます)。"
    assert re.search(f'<p class="notice done" role="status"[^>]*>{done}</p>', detail), "as the outbox has it"
    assert "相談者に追加の情報をお願いしました（状態：未対応 → 対応中）" in detail
    assert "対応中" in detail
    empty = {"version": version_of(detail), "csrf": csrf, "form": "answer", "text": " "}
    assert "確認したいことを入力してください" in await post(client, "/admin/consultations/1/ask", empty, 400)
