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
from bot.handlers.dashboard.core import SESSION, render, team_names
from bot.reloading import Result

__all__ = ["page", "reload"]

_VIA = {"dashboard": "管理画面", "api": "管理API"}
_OUTCOMES = {"loaded": "成功", "failed": "失敗", None: "処理中または中断"}


async def page(request: web.Request) -> web.Response:
    """What is loaded, this process's last reload and the newest recorded ones."""
    return await _page(request, None, 200)


async def reload(request: web.Request) -> web.Response:
    """Reload the knowledge now (editors only) and show how it went."""
    session = request[SESSION]
    if not session.user.is_editor:
        raise web.HTTPForbidden(text="知識の読み込み直しは、編集担当者だけができます。")
    knowledge = request.config_dict[KNOWLEDGE]
    result = await asyncio.shield(knowledge.request(session.user.name, "dashboard"))
    return await _page(request, result, 200 if result.loaded else 422)


async def _page(request: web.Request, result: Result | None, status: int) -> web.Response:
    knowledge = request.config_dict[KNOWLEDGE]
    recent = await asyncio.to_thread(Reloads(request.config_dict[STORE].engine, utcnow).recent)
    last = result or knowledge.last
    context = {
        "current": knowledge.current,
        "summary": knowledge.current.summary(),
        "last": last,
        "recent": recent,
        "names": await team_names(request),
        "via": _VIA,
        "outcomes": _OUTCOMES,
        "done": result.message() if result is not None and result.loaded else "",
        "error": result.message() if result is not None and not result.loaded else "",
    }
    return render(request, "knowledge.html", context, status)
