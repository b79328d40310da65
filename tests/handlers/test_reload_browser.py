"""The dashboard's reload button in a real headless browser: an editor reloads a changed ward file, then a
broken FAQ, and sees the outcome, the problems by file and line, and the record of who reloaded.

Skips with a reason where /usr/bin/chromium is missing, except in CI, which installs it (.ci/run).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.auxil.browser import needs_chromium
from tests.auxil.databases import migrated_sqlite
from tests.auxil.server import admin, serve
from tests.conftest import FAQ_PATH, KNOWLEDGE_DIR
from tests.knowledge.test_ward import OTHER_WARD

pytestmark = needs_chromium

PASSWORD = "editor-password-1"


def test_an_editor_reloads_from_the_dashboard_and_sees_what_is_wrong(
    tmp_path: Path, browser: Browser
) -> None:
    faq, knowledge = tmp_path / "faq.yaml", tmp_path / "knowledge"
    shutil.copy(FAQ_PATH, faq)
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    database = migrated_sqlite(tmp_path / "kaizen.db")
    admin(
        database,
        "add-user",
        "yamada",
        "--editor",
        "--display-name",
        "山田",
        "--password-stdin",
        password=PASSWORD,
    )
    env = {"KAIZEN_FAQ": str(faq), "KAIZEN_KNOWLEDGE": str(knowledge)}
    with serve(tmp_path, env=env) as served:
        page = browser.new_context().new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{served.url}/admin/login")
        page.get_by_label("ユーザー名").fill("yamada")
        page.get_by_label("パスワード").fill(PASSWORD)
        page.get_by_role("button", name="ログイン").click()
        page.get_by_role("link", name="知識の読み込み").click()
        expect(page.get_by_role("heading", name="知識の読み込み", exact=True)).to_be_visible()
        expect(page.locator(".brand span")).to_have_text("政策経営部 DX推進課")

        (knowledge / "ward.yaml").write_text(OTHER_WARD, encoding="utf-8")
        page.get_by_role("button", name="知識を読み込み直す").click()
        expect(page.locator(".notice.done")).to_contain_text("知識を読み込み直しました")
        expect(page.locator(".brand span")).to_have_text("総務部 業務改革係")
        expect(page.locator("table.queue tbody tr").first).to_contain_text("山田")
        # The reload answered with the page's own address: reloading it in the browser reloads nothing.
        assert page.url.endswith("/admin/knowledge?done=1")
        reloads = page.locator("table.queue tbody tr").count()
        page.reload()
        expect(page.locator(".notice.done")).to_contain_text("知識を読み込み直しました")
        assert page.locator("table.queue tbody tr").count() == reloads

        faq.write_text(
            faq.read_text(encoding="utf-8") + "- id: broken\n  question: [unclosed\n", encoding="utf-8"
        )
        page.get_by_role("button", name="知識を読み込み直す").click()
        expect(page.locator(".notice.error")).to_contain_text("これまでの内容で応答を続けています")
        expect(page.locator(".problems li").first).to_contain_text(f"{faq}:")
        expect(page.locator("table.queue tbody tr").first).to_contain_text("失敗")
        expect(page.locator(".brand span")).to_have_text("総務部 業務改革係")

        chat = browser.new_context().new_page()
        chat.goto(served.url)
        expect(chat.locator("header h1")).to_have_text("みどり区 しごと改善アシスタント")
        expect(chat.locator(".message.bot").first).to_contain_text(
            "（例：「申請書を電子化したい」「帳票の見直し方」）"
        )
        assert errors == []
