"""FAQ drafts: the list, editing, an editor's approval, and the export to faq.yaml's format.

Anyone on the team may edit a draft; approving, setting aside and
exporting are for editors (``python -m bot admin add-user NAME --editor``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from bot.appkeys import FAQ_DRAFTS, KNOWLEDGE
from bot.consult.faqdrafts import STATUS_LABELS, DraftRefused
from bot.dialogue.browse import categories_of
from bot.errors import ConsultationError, InvalidRequest
from bot.handlers.dashboard.core import SESSION, form, path_id, render, see_other, status_of, team_names
from bot.handlers.inputs import MAX_VERSION, digits, integer

__all__ = ["draft_change", "draft_page", "drafts", "export", "mark_exported"]

_DONE = {
    "created": "FAQの下書きを作成しました。内容を整えて保存し、編集担当者の承認を受けてください。",
    "save": "保存しました。",
    "reopened": (
        "保存しました。承認済みだったため「下書き」に戻りました。書き出すには、もう一度承認が必要です。"
    ),
    "approve": "承認しました。「FAQの下書き」の一覧にある「faq.yaml形式で書き出す」から書き出せます。",
    "reject": "見送りにしました。",
    "exists": "この相談からは、すでにこの下書きを作っています。新しくは作らずに、こちらを開きました。",
}


async def drafts(request: web.Request) -> web.Response:
    """Every draft, newest first; the approved ones already in the FAQ are named (not exported again)."""
    store = request.config_dict[FAQ_DRAFTS]
    found = await asyncio.to_thread(store.list)
    exportable = await asyncio.to_thread(store.exportable)
    faq = request.config_dict[KNOWLEDGE].current.engine.lib.faq
    present = [d for d in found if d.status == "approved" and d not in exportable]
    context = {
        "drafts": found,
        "approved": sum(d.status == "approved" for d in found),
        "exportable": len(exportable),
        "present": [d.entry_id for d in present if d.appended_as(faq)],
        "changed": [d.entry_id for d in present if not d.appended_as(faq)],
        "labels": STATUS_LABELS,
        "done": _marked(request.query) if request.query.get("done") == "exported" else "",
    }
    return render(request, "faq_list.html", context)


async def draft_page(request: web.Request) -> web.Response:
    """One draft's form."""
    return await _page(request, path_id(request), "", {}, 200)


async def draft_change(request: web.Request) -> web.Response:
    """Save, approve or set aside a draft (``/admin/faq/{id}/{action}``)."""
    draft_id, action = path_id(request), request.match_info["action"]
    posted = await form(request)
    session = request[SESSION]
    store = request.config_dict[FAQ_DRAFTS]
    if action in ("approve", "reject") and not session.user.is_editor:
        raise web.HTTPForbidden(text="承認と見送りは、編集担当者だけができます。")
    if action not in ("save", "approve", "reject"):
        raise web.HTTPNotFound()
    try:
        expected = integer(posted.get("version"), "version", maximum=MAX_VERSION)
        if action == "save":
            shown = await asyncio.to_thread(store.get, draft_id)
            await asyncio.to_thread(store.save, draft_id, posted, session.user.name, expected)
            # Saved at the version read, so it was approved when saved: the edit made it a draft again.
            action = "reopened" if shown.status == "approved" else action
        elif action == "approve":
            fields = posted if "entry_id" in posted else None  # the draft's form, as edited on the screen
            await asyncio.to_thread(store.approve, draft_id, session.user.name, expected, fields)
        else:
            await asyncio.to_thread(store.reject, draft_id, session.user.name, expected)
    except InvalidRequest:
        return await _page(request, draft_id, "フォームの内容を読み取れませんでした。", posted, 400, action)
    except ConsultationError as exc:
        kept = posted if action != "reject" else {}
        invalid = exc.fields if isinstance(exc, DraftRefused) else ()
        return await _page(request, draft_id, str(exc), kept, status_of(exc), action, invalid)
    raise see_other(f"/admin/faq/{draft_id}?done={action}")


async def export(request: web.Request) -> web.Response:
    """The approved drafts not yet in the FAQ as a faq.yaml fragment to download (editors only)."""
    _editor(request)
    text = await asyncio.to_thread(request.config_dict[FAQ_DRAFTS].export)
    if not text:
        raise web.HTTPNotFound(text="書き出す承認済みの下書きはありません。")
    return web.Response(
        text=text,
        content_type="application/yaml",
        charset="utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="faq-additions.yaml"',
            "Cache-Control": "no-store",
        },
    )


async def mark_exported(request: web.Request) -> web.Response:
    """Mark exported the approved drafts the FAQ in service holds as they are (editors only).

    Exactly what was appended to faq.yaml and reloaded: not a draft approved after the export, nor one
    edited and approved again after it (`FaqDrafts.mark_appended`).
    """
    _editor(request)
    faq = request.config_dict[KNOWLEDGE].current.engine.lib.faq.values()
    marked = await asyncio.to_thread(
        request.config_dict[FAQ_DRAFTS].mark_appended, request[SESSION].user.name, faq
    )
    raise see_other(f"/admin/faq?done=exported&marked={len(marked)}")


def _marked(query: Mapping[str, str]) -> str:
    """What 「書き出し済みにする」 did, from the count its redirect carries."""
    count = digits(query.get("marked", ""), 18)  # from the URL, so anything
    if not count:
        return (
            "「書き出し済み」にした下書きはありません。読み込み中のFAQに、承認済みの下書きと同じ内容の項目が"
            "見つかりませんでした。faq.yaml に追加し、知識を読み込み直してから、もう一度押してください。"
        )
    return f"faq.yaml に追加済みの下書き{count}件を「書き出し済み」にしました。"


async def _page(
    request: web.Request,
    draft_id: int,
    error: str,
    posted: dict[str, str],
    status: int,
    action: str = "",
    invalid: tuple[str, ...] = (),
) -> web.Response:
    """The draft's form; ``error`` is why ``action`` was refused, said in the form it was sent from.

    ``invalid`` are the fields the refusal names: each is marked invalid and described by it, the first
    focused.
    """
    draft = await asyncio.to_thread(request.config_dict[FAQ_DRAFTS].get, draft_id)
    values: dict[str, Any] = {
        "entry_id": draft.entry_id,
        "category": draft.category,
        "question": draft.question,
        "answer": draft.answer,
        "phrasings": "\n".join(draft.phrasings),
        "keywords": "\n".join(draft.keywords),
    }
    values.update({k: v for k, v in posted.items() if k in values})
    categories = categories_of(request.config_dict[KNOWLEDGE].current.engine.lib)
    if values["category"] not in categories:  # the draft's own, or one since gone from the FAQ: kept as it is
        categories.append(values["category"])
    context = {
        "draft": draft,
        "values": values,
        "categories": categories,
        "labels": STATUS_LABELS,
        "names": await team_names(request),
        "form_error": error,
        "failed_form": ("reject" if action == "reject" else "draft") if error else "",
        "invalid_fields": invalid,
        "done": _DONE.get(request.query.get("done", ""), ""),
    }
    return render(request, "faq_edit.html", context, status)


def _editor(request: web.Request) -> None:
    if not request[SESSION].user.is_editor:
        raise web.HTTPForbidden(text="この操作は、編集担当者だけができます。")
