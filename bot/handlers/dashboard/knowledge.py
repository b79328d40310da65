"""The knowledge page: what the bot answers from, the reloads, and the editors' reload button.

Anyone on the team may look; only editors may reload
(``python -m bot admin add-user NAME --editor``). The reload is built in
the background and swapped in when whole: the bot keeps answering
meanwhile, and broken files leave the previous knowledge serving, with
each problem shown as ``file:line: message``.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.appkeys import KNOWLEDGE, STORE
from bot.consult.service import utcnow
from bot.db.reloads import Reloads
from bot.handlers.dashboard.core import SESSION, render, see_other, team_names

__all__ = ["page", "reload"]

_VIA = {"dashboard": "管理画面", "api": "管理API"}
_OUTCOMES = {"loaded": "成功", "failed": "失敗", None: "処理中または中断"}


async def page(request: web.Request) -> web.Response:
    """What is loaded, this process's last reload and the newest recorded ones.

    After a reload (``?done=1``, where the reload's POST sends the browser)
    the last reload's outcome is said at the top.
    """
    knowledge = request.config_dict[KNOWLEDGE]
    recent = await asyncio.to_thread(Reloads(request.config_dict[STORE].engine, utcnow).recent)
    last = knowledge.last
    said = last if request.query.get("done") == "1" else None
    context = {
        "current": knowledge.current,
        "summary": knowledge.current.summary(),
        "last": last,
        "recent": recent,
        "names": await team_names(request),
        "via": _VIA,
        "outcomes": _OUTCOMES,
        "done": said.message() if said is not None and said.loaded else "",
        "error": said.message() if said is not None and not said.loaded else "",
    }
    return render(request, "knowledge.html", context)


async def reload(request: web.Request) -> web.Response:
    """Reload the knowledge now (editors only), then show how it went on the page.

    The answer is a redirect to the page: reloading the page in the browser
    shows it again instead of sending the reload once more.
    """
    session = request[SESSION]
    if not session.user.is_editor:
        raise web.HTTPForbidden(text="知識の読み込み直しは、編集担当者だけができます。")
    knowledge = request.config_dict[KNOWLEDGE]
    await asyncio.shield(knowledge.request(session.user.name, "dashboard"))
    raise see_other("/admin/knowledge?done=1")
