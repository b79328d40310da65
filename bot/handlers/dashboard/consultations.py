"""The queue and the consultation page, and the forms on it.

Every form carries the consultation's ``version`` as the page showed it;
a form submitted twice (or after a colleague's change) is refused as a
`Conflict` and changes nothing, and the page says so. A refused change is
shown on the page itself, with what was typed kept; a done one redirects
back to the page (303), so reloading does not post again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.appkeys import ACCOUNTS, ANSWER_DRAFTS, CHANNELS, CONSULT, FAQ_DRAFTS, KNOWLEDGE, STORE
from bot.consult.faqdrafts import LIVE, DraftExists
from bot.consult.model import LABELS, OPEN, TRANSITIONS, Consultation, Event, Status, parse_status
from bot.consult.store import UNASSIGNED, Filters
from bot.db.reach import pushes_in_month
from bot.dialogue.library import Library, entry_ref
from bot.errors import ConsultationError, InvalidInput, InvalidRequest
from bot.handlers.dashboard.core import SESSION, form, path_id, render, see_other, status_of, team_names
from bot.handlers.dashboard.describe import Described, describe_event, kind_label
from bot.handlers.inputs import MAX_VERSION, digits, integer
from bot.handlers.registry import team_titles
from bot.knowledge import Case, FaqEntry, Referral, Section
from bot.localtime import local
from bot.privacy import masked_kinds

__all__ = ["change", "detail", "queue"]

AGES = {"1": "1日以上", "3": "3日以上", "7": "7日以上"}
SORTS = {"": "受付順", "due": "期限の近い順"}
"""The queue's orders (``sort=``): by number, as the admin API lists, or by due date (none last)."""
PAGE = 100
"""Consultations on one page of the queue; the rest are a link away (``page=``)."""
SEARCH_CHARS = 100
"""The longest search of the queue read (its words each narrow it: content, question, section or number)."""
MANUAL_TARGETS = (Status.IN_PROGRESS, Status.NEW, Status.REOPENED, Status.RESOLVED)
_DONE = {
    "take": "担当者になりました。",
    "answer": "回答を記録しました。",
    "ask": "相談者への確認のお願いを記録しました。",
    "note": "メモを追加しました。",
    "status": "状態を変更しました。",
    "assign": "担当者を変更しました。",
    "tags": "タグを変更しました。",
    "due": "期限を変更しました。",
}
_WRITTEN = {"answer": "answer", "ask": "request", "note": "note"}
"""The event a form that sends or records a text leaves in the trail."""


async def queue(request: web.Request) -> web.Response:
    """The consultations, filtered by state, assignee, age, tag and words (``q``), with counts per state.

    A filter the form could not have sent (an unknown state, a person who is
    not on the team, an age other than `AGES`, a tag no consultation has, a
    page that is not a number) is a 400 page naming it. A page past the last one is a 404 page of the queue
    that says so and links to the first and the last page.
    """
    query = request.query
    me = request[SESSION].user.name
    status = query.get("status", "open")
    assignee = query.get("assignee", "")
    age = query.get("age", "")
    tag = query.get("tag", "")
    text = " ".join(query.get("q", "").split())[:SEARCH_CHARS]
    sort = query.get("sort", "")
    number = integer(query.get("page"), "page", default=1, minimum=1, maximum=1_000_000)
    service, accounts = request.config_dict[CONSULT], request.config_dict[ACCOUNTS]
    users = await asyncio.to_thread(accounts.users)
    if assignee not in ("", "me", UNASSIGNED) and assignee not in {u.name for u in users}:
        raise InvalidRequest("invalid_assignee", f"「{assignee}」という担当者はチームに登録されていません。")
    if age and age not in AGES:
        allowed = "、".join(f"{days}（{label}）" for days, label in AGES.items())
        raise InvalidRequest("invalid_age", f"受付からの経過に「{age}」は指定できません。使える値：{allowed}")
    if sort not in SORTS:
        allowed = "、".join(f"{key}（{label}）" for key, label in SORTS.items() if key)
        raise InvalidRequest("invalid_sort", f"並び順に「{sort}」は指定できません。使える値：{allowed}")
    tags = await asyncio.to_thread(service.tags)
    if tag and tag not in tags:
        offered = f"指定できるタグ：{'、'.join(tags)}" if tags else "タグの付いた相談はまだありません。"
        raise InvalidRequest("invalid_tag", f"「{tag}」というタグの付いた相談はありません。{offered}")
    filters = Filters(
        status=status,
        assignee=me if assignee == "me" else assignee or None,
        min_age_days=int(age) if age else None,
        tag=tag or None,
        words=tuple(text.split()),
        limit=PAGE,
        offset=(number - 1) * PAGE,
        by_due=sort == "due",
    )
    found = await asyncio.to_thread(service.find, filters)
    total = await asyncio.to_thread(service.count, filters)
    shown = {"status": status, "assignee": assignee, "age": age, "tag": tag, "q": text, "sort": sort}
    counts = await asyncio.to_thread(service.counts)
    pages = max(1, -(-total // PAGE))
    beyond = number > pages
    context = {
        "pushes": await _pushes(request, service.clock()),
        "rows": found,
        "counts": counts,
        "open_count": sum(counts[s] for s in OPEN),
        "labels": LABELS,
        "statuses": list(Status),
        "tags": tags,
        "users": users,
        "names": {u.name: u.display_name for u in users},
        "ages": AGES,
        "sorts": SORTS,
        "unassigned": UNASSIGNED,
        "filters": shown,
        "shown_status": _status_label(status),
        "now": service.clock(),
        "total": total,
        "first": filters.offset + 1,
        "last": filters.offset + len(found),
        "previous": _page_link(shown, number - 1) if 1 < number <= pages else "",
        "next": _page_link(shown, number + 1) if number < pages else "",
        "page_size": PAGE,
        "number": number,
        "pages": pages,
        "beyond": beyond,
        "ends": [(n, _page_link(shown, n)) for n in sorted({1, pages})] if beyond else [],
    }
    return render(request, "queue.html", context, 404 if beyond else 200)


_GROUPS = {"open": "対応中のもの全体", "closed": "完了したもの", "all": "すべて"}


def _status_label(status: str) -> str:
    """The state or group the queue lists, as its tab names it (in the title and the table's caption)."""
    return _GROUPS.get(status) or LABELS[parse_status(status)]


def _page_link(shown: dict[str, str], number: int) -> str:
    """The queue's page ``number`` under the same filters (those set only)."""
    return "?" + urlencode({**{k: v for k, v in shown.items() if v}, "page": str(number)})


async def _pushes(request: web.Request, now: datetime) -> list[tuple[str, int]]:
    """Messages each messenger pushed this month (LINE counts them against the monthly allowance)."""
    channels, engine = request.config_dict[CHANNELS], request.config_dict[STORE].engine
    return [
        (channels.title(name), await asyncio.to_thread(pushes_in_month, engine, name, now))
        for name in channels.pushing()
    ]


async def detail(request: web.Request) -> web.Response:
    """One consultation: what was asked, the conversation, the bot's candidates, the trail, the forms."""
    return await _page(request, path_id(request), "", {}, 200)


async def change(request: web.Request) -> web.Response:
    """One of the consultation page's forms (``/admin/consultations/{id}/{action}``)."""
    number, action = path_id(request), request.match_info["action"]
    posted = await form(request)
    actor = request[SESSION].user.name
    try:
        expected = integer(posted.get("version"), "version", maximum=MAX_VERSION)
        operation = _operation(request, action, posted)
        result = await asyncio.to_thread(operation, number, actor, expected)
    except InvalidRequest:
        return await _page(request, number, "フォームの内容を読み取れませんでした。", posted, 400, action)
    except DraftExists as exc:  # 「FAQに登録」 pressed again (or by a colleague): the draft there is opened
        raise see_other(f"/admin/faq/{exc.draft.id}?done=exists") from None
    except ConsultationError as exc:  # late (a colleague's change), or no longer possible because of one
        names = await team_names(request)
        since = await asyncio.to_thread(_since, request, number, posted.get("seen", ""), names)
        return await _page(request, number, f"{exc}{since}", posted, status_of(exc), action)
    if action == "faq":
        raise see_other(f"/admin/faq/{result}?done=created")
    raise see_other(f"/admin/consultations/{number}?done={action}")


def _since(request: web.Request, number: int, seen: str, names: Mapping[str, str]) -> str:
    """What was done to the consultation after the event ``seen`` (the last one the refused page showed).

    So that whoever's form was refused knows whether a colleague (or their own
    first click) already answered, before sending what they typed once more.
    """
    last_seen = digits(seen, 18)
    if last_seen is None:
        return ""
    later = [
        describe_event(e, names) for e in request.config_dict[CONSULT].events(number) if e.id > last_seen
    ]
    if not later:
        return ""
    done = "、".join(f"{shown.who}「{shown.what}」（{local(shown.at):%H:%M}）" for shown in later)
    return f"この画面を開いた後に、次の操作がありました：{done}。"


def _operation(
    request: web.Request, action: str, posted: dict[str, str]
) -> Callable[[int, str, int], object]:
    """What the form ``action`` does, as a call of (number, actor, expected version)."""
    service = request.config_dict[CONSULT]
    text = posted.get("text", "")
    operations: dict[str, Callable[[int, str, int], object]] = {
        "take": service.take,
        "answer": lambda n, a, v: service.answer(n, text, a, v),
        "ask": lambda n, a, v: service.request_info(n, text, a, v),
        "note": lambda n, a, v: service.note(n, text, a, v),
        "status": lambda n, a, v: service.transition(n, parse_status(posted.get("to", "")), a, v),
        "assign": lambda n, a, v: service.assign(n, posted.get("assignee") or None, a, v),
        "tags": lambda n, a, v: service.set_tags(n, posted.get("tags", ""), a, v),
        "due": lambda n, a, v: service.set_due(n, _date(posted.get("due", "")), a, v),
        "faq": lambda n, a, v: request.config_dict[FAQ_DRAFTS].create_from(n, a, v).id,
    }
    if action not in operations:
        raise web.HTTPNotFound()
    return operations[action]


_FORMS = {"ask": "answer"}
"""The form an action is sent from, where not named after it (「確認する」 is a button of the answer's)."""


async def _page(
    request: web.Request, number: int, error: str, posted: dict[str, str], status: int, action: str = ""
) -> web.Response:
    """The consultation's page; ``error`` is why the form of ``action`` was refused, shown in that form."""
    service, accounts = request.config_dict[CONSULT], request.config_dict[ACCOUNTS]
    consultation = await asyncio.to_thread(service.get, number)
    events = await asyncio.to_thread(service.events, number)
    receipts = await asyncio.to_thread(service.receipts, events)
    lines = await asyncio.to_thread(service.conversation, consultation)
    users = await asyncio.to_thread(accounts.users)
    names = {u.name: u.display_name for u in users}
    lib = request.config_dict[KNOWLEDGE].current.engine.lib
    query = request.query.get("q", "").strip()[:200]
    found = await asyncio.to_thread(_search, request, query) if query else []
    picked = request.query.get("from", "")
    draft_text = posted.get("text", "") if posted.get("form") == "answer" else _starting_answer(lib, picked)
    restored = "" if posted or picked else await _kept_answer(request, number)
    draft_text = draft_text or restored
    gone = "" if draft_text or not picked or lib.get(picked) is not None else _gone(lib, picked, consultation)
    described = [describe_event(e, names, receipts.get(e.id)) for e in events]
    done, failed = _done(request.query.get("done", ""), events, described)
    answered = any(e.kind == "answer" for e in events)
    drafts = (
        await asyncio.to_thread(request.config_dict[FAQ_DRAFTS].of_consultation, number) if answered else []
    )
    context: dict[str, Any] = {
        "c": consultation,
        "channel": team_titles().get(consultation.key.channel, consultation.key.channel),
        "events": described,
        "undelivered": _undelivered(described),
        "lines": lines,
        "candidates": [(c, kind_label(c.ref, lib.ward)) for c in consultation.candidates],
        "found": found,
        "search": query,
        "answer_text": draft_text,
        "restored": _restored_notice(restored) if restored else "",
        "gone": gone,
        "note_text": posted.get("text", "") if posted.get("form") == "note" else "",
        "tags_text": posted.get("tags"),  # refused tags are given back as typed, like an answer or a note
        "assignee_chosen": posted.get("assignee", consultation.assignee or ""),  # so are a refused assignee
        "due_text": posted.get("due", _day(consultation.due_date)),  # and a refused due date
        "targets": [(s, LABELS[s]) for s in MANUAL_TARGETS if s in TRANSITIONS[consultation.status]],
        "users": users,
        "names": names,
        "labels": LABELS,
        "answered": answered,
        # The drafts made from it: one in use (not set aside) takes the button's place, so none is made twice.
        "drafts": drafts,
        "live_draft": next((d for d in drafts if d.status in LIVE), None),
        "seen": events[-1].id if events else 0,
        "form_error": error,
        "failed_form": _FORMS.get(action, action) if error else "",
        "invalid": status == 400,  # what was typed is wrong (not merely late): its field is marked invalid
        "done": done,
    }
    if failed:  # what was just sent never arrives: said once, as an alert where the confirmation goes
        context |= {"error": done, "done": "", "undelivered": None}
    return render(request, "consultation.html", context, status)


async def _kept_answer(request: web.Request, number: int) -> str:
    """The answer kept for this user on No.``number`` when their login expired (`answerdrafts`)."""
    drafts, me = request.config_dict[ANSWER_DRAFTS], request[SESSION].user.id
    kept = await asyncio.to_thread(drafts.of, number, me)
    return kept.text if kept is not None else ""


def _restored_notice(text: str) -> str:
    """What the answer box says above an answer given back from before the login expired."""
    notice = "ログインが切れる前に入力していた回答を復元しました。内容を確認してから送信してください。"
    if kinds := masked_kinds(text):
        notice += f"個人情報保護のため、{'・'.join(kinds)}と思われる部分は伏せ字にしています。"
    return notice


def _undelivered(described: list[Described]) -> Described | None:
    """The latest message sent to the staff member, if it never reached them (dropped)."""
    sent = [shown for shown in described if shown.reach]
    return sent[-1] if sent and sent[-1].undelivered else None


def _done(action: str, events: list[Event], described: list[Described]) -> tuple[str, bool]:
    """What the form just did, and True when what it sent never reaches the staff member.

    It says whether what was sent reaches them, and what was masked. That it
    reaches them is the outbox's word, never assumed: a message to someone
    known to have blocked the bot is dropped at once, and the page says so.
    """
    done = _DONE.get(action, "")
    kind = _WRITTEN.get(action)
    made = [(e, shown) for e, shown in zip(events, described, strict=True) if e.kind == kind]
    if not (done and made):
        return done, False
    event, shown = made[-1]  # the one just recorded (the redirect comes straight after it)
    what = "回答" if action == "answer" else "確認のお願い"
    if shown.reach == "sent":
        done = f"{what}を相談者のチャットに届けました。"
    elif shown.reach == "waiting":
        done = f"{what}を記録しました。まもなく相談者のチャットに届きます。"
    elif shown.reach:
        done = f"{what}を記録しましたが、{shown.delivery}。"
        if shown.undelivered:
            done += "電話やメールなど、別の方法でお伝えください。"
    if masked := event.data.get("masked"):
        done += f"個人情報保護のため、{'・'.join(masked)}と思われる部分は伏せて記録しました。"
    return done, shown.undelivered


def _starting_answer(lib: Library, ref: str) -> str:
    """The text an answer starts from: the FAQ entry, section, case or referral the team picked."""
    shown = lib.get(ref)
    if isinstance(shown, FaqEntry):
        return shown.answer.strip()
    if isinstance(shown, Section):
        return f"{lib.ward.manual_title}の{lib.title(shown)}が参考になります。\n\n{shown.body.strip()}"
    if isinstance(shown, Case):
        return (
            f"改善事例『{shown.title}』（{shown.section}）が参考になります。\n{shown.actions}\n"
            f"詳しくは{shown.contact}にお尋ねいただけます。"
        )
    if isinstance(shown, Referral):
        # Its answer names the office already: 「…は人事課人事係が担当しています」.
        portal = f"\n参考：{shown.portal}" if shown.portal else ""
        return f"{shown.answer.strip()}\nお問い合わせ先：{shown.office}（{shown.contact}）{portal}"
    return ""


def _gone(lib: Library, ref: str, consultation: Consultation) -> str:
    """Why the answer box is empty when the picked entry is no longer in the knowledge (deleted, reloaded)."""
    title = next((c.title for c in consultation.candidates if c.ref == ref), "")
    named = f"{kind_label(ref, lib.ward)}「{title}」" if title else "選んだ項目"
    return (
        f"{named}は、現在のFAQ・{lib.ward.manual_short}・改善事例には見つかりません"
        "（削除されたか、IDが変わった可能性があります）。回答はこの欄に直接入力してください。"
    )


def _search(request: web.Request, query: str) -> list[tuple[str, str, str]]:
    """The knowledge the bot finds for ``query``: (ref, kind, title), best first."""
    current = request.config_dict[KNOWLEDGE].current  # one knowledge for the search and its titles
    lib = current.engine.lib
    found = []
    for hit in current.searcher.search(query).hits:
        ref = entry_ref(hit.entry)
        shown = lib.get(ref) if ref else None
        if ref and shown is not None:
            found.append((ref, kind_label(ref, lib.ward), lib.title(shown)))
    return found


def _day(day: date | None) -> str:
    """``day`` as the date field holds it (``2026-03-31``), "" for none."""
    return "" if day is None else day.isoformat()


def _date(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("期限は「2026-03-31」の形で入力してください。") from None
