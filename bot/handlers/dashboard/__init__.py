"""The DX team's dashboard at ``/admin``: a sub-application with its own login, CSRF and error pages.

- ``/admin/login`` (GET, POST), ``/admin/logout`` and ``/admin/logout-everywhere`` (POST)
- ``/admin/``: the queue, filtered by state, assignee, age and tag
- ``/admin/consultations/{id}``: one consultation; its forms POST to
  ``/admin/consultations/{id}/{take|answer|note|status|assign|tags|due|faq}``
- ``/admin/faq``, ``/admin/faq/{id}`` (``/save``, ``/approve``, ``/reject``),
  ``/admin/faq/export.yaml``, ``/admin/faq/exported``: FAQ drafts
- ``/admin/knowledge``: what is loaded and the reloads; ``/admin/knowledge/reload`` (POST, editors)
"""

from __future__ import annotations

from aiohttp import web

from bot.handlers.dashboard import auth, consultations, faq, knowledge
from bot.handlers.dashboard.core import (
    TEMPLATES,
    csrf_middleware,
    environment,
    error_middleware,
    session_middleware,
)

__all__ = ["dashboard_app"]


def dashboard_app() -> web.Application:
    """The dashboard sub-application, to mount at ``/admin``."""
    app = web.Application(middlewares=[error_middleware, session_middleware, csrf_middleware])
    app[TEMPLATES] = environment()
    app.router.add_get("/login", auth.login_page)
    app.router.add_post("/login", auth.login)
    app.router.add_post("/logout", auth.logout)
    app.router.add_post("/logout-everywhere", auth.logout_everywhere)
    app.router.add_get("/", consultations.queue)
    app.router.add_get("/consultations/{id}", consultations.detail)
    app.router.add_post("/consultations/{id}/{action}", consultations.change)
    app.router.add_get("/faq", faq.drafts)
    app.router.add_get("/faq/export.yaml", faq.export)
    app.router.add_post("/faq/exported", faq.mark_exported)
    app.router.add_get("/faq/{id}", faq.draft_page)
    app.router.add_post("/faq/{id}/{action}", faq.draft_change)
    app.router.add_get("/knowledge", knowledge.page)
    app.router.add_post("/knowledge/reload", knowledge.reload)
    return app
