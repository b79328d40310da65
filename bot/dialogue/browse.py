"""Replies for finding one's way without a question: the menu, cases, the manual, FAQ by category.

Browsing buttons carry stateless actions (``tool:RPA``, ``ch:remedy``), so
they keep working however old the message they sit on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.dialogue.library import Library, Shown, ref_of
from bot.dialogue.views import MENU, button_cards, card_of, consult, excerpt
from bot.knowledge import TOOLS, Ward
from bot.knowledge.schema import FaqEntry
from bot.values import MAX_ACTION_BYTES, MAX_CARDS, Card, Choice, Reply

__all__ = [
    "case_menu",
    "categories_of",
    "category_action",
    "category_label",
    "category_named_by",
    "chapter_page",
    "chapters",
    "department_list",
    "list_page",
    "menu",
    "restart",
    "tool_list",
]


def category_label(ward: Ward, category: str) -> str:
    """The button label of an FAQ category: ward.yaml's for it (`Ward.categories`), or its name."""
    return ward.category_labels.get(category, category)


def categories_of(lib: Library) -> list[str]:
    """The FAQ's categories: those ward.yaml labels in its order, then the others as they first appear."""
    used = dict.fromkeys(e.category for e in lib.kb.faq if e.category)
    labelled = lib.ward.category_labels
    return [c for c in labelled if c in used] + [c for c in used if c not in labelled]


def category_action(lib: Library, category: str) -> str:
    """A category's button action: ``cat:<name>``, or ``catof:<id>`` of its first entry when too long.

    A ward's category may be longer than a button's payload holds
    (``MAX_ACTION_BYTES``); the button then names it by one of its entries, as
    `department_list` names a section by one of its cases.
    """
    action = f"cat:{category}"
    if len(action.encode()) <= MAX_ACTION_BYTES:
        return action
    return f"catof:{next(e.id for e in lib.kb.faq if e.category == category)}"


def category_named_by(lib: Library, entry_id: str) -> str | None:
    """The category of the FAQ entry ``entry_id`` (a ``catof:`` button's), if it still has one."""
    entry = lib.get(f"faq:{entry_id}")
    return entry.category or None if isinstance(entry, FaqEntry) else None


def menu(lib: Library, page: int = 1) -> Reply:
    """What the bot can do, with a way into each part (and to the staff member's consultations).

    The FAQ's categories beyond what one reply's cards hold are on further pages (``menu:2``).
    """
    buttons = [Choice(category_label(lib.ward, c), category_action(lib, c)) for c in categories_of(lib)]
    cards = button_cards(
        "よくある質問から探す", "分野を選んでください。", buttons, "menu", page, MAX_CARDS - 1
    )
    status = Card(
        f"{lib.ward.team}へのご相談",
        "お送りいただいたご相談の状況や、担当者からの回答を確認できます。",
        (Choice("相談状況を見る", "cs:list"),),
    )
    browse = (
        *((Choice("改善事例を見る", "cases"),) if lib.kb.cases else ()),
        *((Choice(f"{lib.ward.manual_short}を読む", "manual"),) if lib.kb.chapters else ()),
    )
    return Reply(
        "ご用件をお選びください。知りたいことをそのまま入力していただいてもかまいません"
        f"（例：{lib.ward.example_list}）。",
        (*browse, consult(lib.ward)),
        (*cards, status),
        kind="menu",
    )


def restart(lib: Library) -> Reply:
    """The polite answer to a button we no longer understand (old, or from another version): the menu.

    One reply with the menu's buttons: sent as an apology of its own, it had
    none, and where the menu after it was late or refused, it pointed to a
    menu that was not there.
    """
    shown = menu(lib)
    return replace(
        shown,
        text="申し訳ありません。このボタンは有効期限が切れたか、内容を確認できませんでした。"
        "お手数ですが、下のメニューからもう一度お選びいただくか、知りたいことを入力してください。",
        kind="restart",
    )


def list_page(lib: Library, text: str, entries: Sequence[Shown]) -> Reply:
    """The first ten of ``entries`` as cards; the engine offers the rest."""
    cards = tuple(card_of(lib, e) for e in entries[:MAX_CARDS])
    return Reply(text, (MENU,), cards, kind="list")


def case_menu(lib: Library) -> Reply:
    """Ways into the cases: by tool, by section, or by typing a topic (examples from the cases)."""
    cases = lib.kb.cases
    if not cases:
        return Reply("改善事例は、まだ登録されていません。", (consult(lib.ward), MENU), kind="menu")
    tools = _tools(lib)
    examples = [f"「{tools[0]}の事例」"] if tools else []
    examples.append(f"「{cases[0].section}の事例」")
    return Reply(
        f"改善事例は{len(cases)}件あります。使ったツールや担当の課から探せます。"
        f"{''.join(examples)}のように入力して探すこともできます。",
        (Choice("ツールから探す", "tools"), Choice("課から探す", "depts"), MENU),
        kind="menu",
    )


def tool_list(lib: Library, page: int = 1) -> Reply:
    """Every tool used in some case, with how many cases use it."""
    counts = {tool: sum(tool in c.tools for c in lib.kb.cases) for tool in _tools(lib)}
    buttons = [Choice(f"{tool}（{n}件）", f"tool:{tool}") for tool, n in counts.items()]
    cards = button_cards("ツールから探す", "ツールを選んでください。", buttons, "tools", page)
    return Reply(
        "どのツールの事例をご覧になりますか？", (Choice("課から探す", "depts"), MENU), cards, kind="menu"
    )


def department_list(lib: Library, page: int = 1) -> Reply:
    """Every section with a case; a button names the section by one of its cases (short and stable)."""
    first: dict[str, str] = {}
    counts: dict[str, int] = {}
    for case in lib.kb.cases:
        first.setdefault(case.section, case.id)
        counts[case.section] = counts.get(case.section, 0) + 1
    buttons = [Choice(f"{name}（{counts[name]}件）", f"dept:{first[name]}") for name in sorted(first)]
    cards = button_cards("課から探す", "課を選んでください。", buttons, "depts", page)
    return Reply(
        "どの課の事例をご覧になりますか？", (Choice("ツールから探す", "tools"), MENU), cards, kind="menu"
    )


def chapters(lib: Library, page: int = 1) -> Reply:
    """The manual's table of contents, a card per chapter (past ten, buttons paged as ``manual:2``)."""
    items = lib.kb.chapters
    if not items:
        return Reply(
            f"{lib.ward.manual_title}は、まだ登録されていません。", (consult(lib.ward), MENU), kind="menu"
        )
    if len(items) <= MAX_CARDS:
        cards = tuple(
            Card(c.title, excerpt(c.lead, 60), (Choice("この章を読む", f"ch:{c.id}"),)) for c in items
        )
    else:
        cards = button_cards(
            "目次", "章を選んでください。", [Choice(c.title, f"ch:{c.id}") for c in items], "manual", page
        )
    return Reply(
        f"{lib.ward.manual_title}は全{len(items)}章です。読みたい章を選んでください。",
        (Choice("改善事例を見る", "cases"), MENU) if lib.kb.cases else (MENU,),
        cards,
        kind="menu",
    )


def chapter_page(lib: Library, chapter_id: str, page: int = 1) -> Reply | None:
    """One chapter: its lead and a card per section; None for an unknown chapter.

    A chapter of more sections than one reply's cards hold goes on at ``ch:<id>:<page>``.
    """
    chapter = lib.chapters.get(chapter_id)
    if chapter is None:
        return None
    sections = chapter.sections
    if len(sections) <= MAX_CARDS:
        cards = tuple(
            Card(s.title, excerpt(s.body, 60), (Choice("この節を読む", ref_of(s)),)) for s in sections
        )
    else:
        buttons = [Choice(s.title, ref_of(s)) for s in sections]
        cards = button_cards("節", "節を選んでください。", buttons, f"ch:{chapter.id}", page)
    return Reply(
        f"■ {chapter.title}\n\n{chapter.lead}" if chapter.lead else f"■ {chapter.title}",
        (
            Choice("最初の節から読む", ref_of(sections[0])),
            Choice(f"{lib.ward.manual_short}の目次", "manual"),
            MENU,
        ),
        cards,
        kind="menu",
    )


def _tools(lib: Library) -> list[str]:
    """The tools some case uses, in the vocabulary's order."""
    used = {t for c in lib.kb.cases for t in c.tools}
    return [t for t in TOOLS if t in used]
