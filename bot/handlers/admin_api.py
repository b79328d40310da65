"""The admin API (the README's "HTTP API"): the DX team's consultations as JSON, behind a bearer token.

- ``GET /api/v1/consultations?status=open`` (also ``closed``, ``all`` or a
  state's code; ``tag``, ``assignee`` and ``limit`` filter further) →
  ``{"consultations": [...], "total": n, "next_cursor": str | null}``,
  ``closed`` and ``all`` newest first, the others oldest first; ``total``
  counts every consultation the filters select, and ``cursor=`` with the
  last answer's ``next_cursor`` gives the next page (null: no more).
- ``GET /api/v1/consultations/{id}`` → ``{"consultation": {...}}`` with the
  audit trail (``events``) and the conversation that led to it.
- ``POST /api/v1/consultations/{id}/answer`` ``{"text": str}`` → answers the
  staff member (delivered to their channel) and returns the consultation.
- ``POST /api/v1/consultations/{id}/close`` → 解決 (resolved).
- ``POST /api/v1/knowledge/reload`` (optionally ``{"requested_by": str}``,
  who asked, for the audit trail, stored masked) → reloads the knowledge now and waits:
  200 ``{"reload": {...}}`` when loaded; 422 ``invalid_knowledge`` with every
  ``problems`` entry (``file:line: message``) when the files are broken, and
  the previous knowledge stays in service. ``python -m bot reload`` calls it.
- ``GET /api/v1/knowledge`` → what is loaded, this process's last reload and
  the newest recorded reloads.

Every request needs ``Authorization: Bearer $KAIZEN_ADMIN_TOKEN`` (checked
first, in constant time): wrong or missing is 401. Without the setting the
API is off and says so (503). An unknown id is 404; a change the state does
not allow is 409, with a message that says why. Changes are recorded in the
audit trail under the actor ``api``.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable
from typing import Any, TypeVar

from aiohttp import web

from bot.appkeys import CONSULT, KNOWLEDGE, SETTINGS, STORE
from bot.consult.actions import API
from bot.consult.model import Consultation, Status
from bot.consult.service import utcnow
from bot.consult.store import Filters
from bot.db.reloads import Reloads
from bot.errors import ConsultationError, InvalidInput, InvalidRequest, InvalidTransition, NotFound
from bot.handlers.bearer import require_bearer
from bot.handlers.errors import json_exception, request_error
from bot.handlers.inputs import MAX_INTEGER, digits, integer, read_json_object
from bot.privacy import mask

__all__ = ["setup"]

T = TypeVar("T")

MAX_LIMIT = 500
_CURSOR = re.compile(r"[1-9][0-9]{0,18}")
MAX_NAME = 64
_STATUS_OF_ERROR: dict[type[ConsultationError], tuple[int, str]] = {
    NotFound: (404, "not_found"),
    InvalidInput: (400, "invalid_input"),
    InvalidTransition: (409, "invalid_transition"),
}


def setup(app: web.Application) -> None:
    """Add the admin API's routes to ``app``."""
    app.router.add_get("/api/v1/consultations", list_consultations)
    app.router.add_get("/api/v1/consultations/{id}", show_consultation)
    app.router.add_post("/api/v1/consultations/{id}/answer", answer_consultation)
    app.router.add_post("/api/v1/consultations/{id}/close", close_consultation)
    app.router.add_post("/api/v1/knowledge/reload", reload_knowledge)
    app.router.add_get("/api/v1/knowledge", show_knowledge)


async def list_consultations(request: web.Request) -> web.Response:
    """A page of the consultations the query selects, how many it selects in all, the next page's cursor.

    The cursor is the number of the page's last consultation, and the next page
    starts after it in the listing's order (a keyset, not an offset): the queue
    changes while it is read (consultations arrive, are resolved, withdrawn),
    and with an offset one leaving an earlier page would push another past the
    reader unseen. Clients pass ``next_cursor`` back as it came; it is a string
    so that what it holds may change.
    """
    _authorize(request)
    query = request.query
    limit = integer(query.get("limit"), "limit", default=200, minimum=1, maximum=MAX_LIMIT)
    filters = Filters(
        status=query.get("status", "open"),
        assignee=query.get("assignee") or None,
        tag=query.get("tag") or None,
        limit=limit + 1,  # one more, to know whether there is a next page
        after=_cursor(query.get("cursor")),
    )
    service = request.app[CONSULT]
    found = await _call(asyncio.to_thread(service.find, filters))
    total = await _call(asyncio.to_thread(service.count, filters))
    page = found[:limit]
    return _json(
        {
            "consultations": [c.summary_json() for c in page],
            "total": total,
            "next_cursor": str(page[-1].id) if len(found) > limit else None,
        }
    )


def _cursor(raw: str | None) -> int | None:
    """The consultation number a ``cursor`` holds (None: the first page)."""
    if raw is None:
        return None
    if not _CURSOR.fullmatch(raw) or int(raw) > MAX_INTEGER:
        raise InvalidRequest(
            "invalid_cursor", "「cursor」には、前の応答の「next_cursor」の値をそのまま指定してください。"
        )
    return int(raw)


async def show_consultation(request: web.Request) -> web.Response:
    """One consultation in full."""
    _authorize(request)
    number = _number(request)
    service = request.app[CONSULT]
    consultation = await _call(asyncio.to_thread(service.get, number))
    return _json({"consultation": await _detail(request, consultation)})


async def answer_consultation(request: web.Request) -> web.Response:
    """Answer the staff member; the answer reaches them through the outbox."""
    _authorize(request)
    number = _number(request)
    text = (await read_json_object(request)).get("text")
    if not isinstance(text, str) or not text.strip():
        raise request_error(
            "missing_field", "「text」に回答の本文を文字列で指定してください（空にはできません）。"
        )
    service = request.app[CONSULT]
    consultation = await _call(asyncio.to_thread(service.answer, number, text, API))
    return _json({"consultation": await _detail(request, consultation)})


async def close_consultation(request: web.Request) -> web.Response:
    """Mark the consultation 解決."""
    _authorize(request)
    number = _number(request)
    service = request.app[CONSULT]
    consultation = await _call(asyncio.to_thread(service.transition, number, Status.RESOLVED, API))
    return _json({"consultation": await _detail(request, consultation)})


async def reload_knowledge(request: web.Request) -> web.Response:
    """Reload the knowledge now (built in the background, swapped when whole) and say how it went."""
    _authorize(request)
    body = await read_json_object(request) if request.can_read_body else {}
    by = body.get("requested_by", API)
    if not isinstance(by, str) or not by.strip() or len(by) > MAX_NAME:
        raise request_error(
            "invalid_requested_by", f"「requested_by」は{MAX_NAME}文字以内の文字列にしてください。"
        )
    knowledge = request.app[KNOWLEDGE]
    by = mask(by.strip()).text[:MAX_NAME]  # stored masked like any text typed (a label may be longer)
    result = await asyncio.shield(knowledge.request(by, "api"))  # a client gone does not stop it
    reload = {"outcome": result.outcome, "finished_at": result.finished_at.isoformat(), **result.detail()}
    if not result.loaded:
        problems = list(result.problems)
        body = {"error": "invalid_knowledge", "message": result.message(), "problems": problems}
        return _json({**body, "reload": reload}, status=422)
    return _json({"reload": reload, "message": result.message()})


async def show_knowledge(request: web.Request) -> web.Response:
    """What is loaded now, this process's last reload, and the newest recorded reloads."""
    _authorize(request)
    knowledge = request.app[KNOWLEDGE]
    current = knowledge.current
    recent = await asyncio.to_thread(Reloads(request.app[STORE].engine, utcnow).recent)
    last = knowledge.last
    return _json(
        {
            "knowledge": {**current.summary(), "loaded_at": current.loaded_at.isoformat()},
            "last_reload": None if last is None else {"outcome": last.outcome, **last.detail()},
            "reloads": [record.as_json() for record in recent],
        }
    )


def _authorize(request: web.Request) -> None:
    token = request.app[SETTINGS].admin_token
    if not token:
        raise json_exception(
            503,
            "admin_api_disabled",
            "管理APIは無効です。KAIZEN_ADMIN_TOKEN を設定すると使えるようになります。",
        )
    require_bearer(request, token, "KAIZEN_ADMIN_TOKEN", "kaizen-bot")


def _number(request: web.Request) -> int:
    raw = request.match_info["id"]
    number = digits(raw, 18)
    if number is None:
        raise json_exception(404, "not_found", f"相談「{raw[:40]}」は見つかりません。")
    return number


async def _call(work: Awaitable[T]) -> T:
    """Await ``work``; a consultation error becomes a JSON error with its status."""
    try:
        result = await work
    except ConsultationError as exc:
        status, code = next((v for k, v in _STATUS_OF_ERROR.items() if isinstance(exc, k)), (409, "conflict"))
        raise json_exception(status, code, str(exc)) from None
    return result


async def _detail(request: web.Request, consultation: Consultation) -> dict[str, Any]:
    service = request.app[CONSULT]
    events = await asyncio.to_thread(service.events, consultation.id)
    lines = await asyncio.to_thread(service.conversation, consultation)
    return {
        **consultation.summary_json(),
        "query": consultation.query,
        "masked": list(consultation.masked),
        "candidates": [{"ref": c.ref, "title": c.title, "score": c.score} for c in consultation.candidates],
        "version": consultation.version,
        "events": [e.as_json() for e in events],
        "conversation": [
            {"role": line.role, "text": line.text, "at": line.created_at.isoformat()} for line in lines
        ],
    }


def _json(body: dict[str, Any], status: int = 200) -> web.Response:
    """A JSON answer no cache on the way may keep: it holds staff members' consultations and conversations."""
    return web.json_response(
        body,
        status=status,
        dumps=lambda value: json.dumps(value, ensure_ascii=False),
        headers={"Cache-Control": "no-store"},
    )
