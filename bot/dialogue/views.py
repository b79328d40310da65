"""Replies that show knowledge: answers and entries in detail.

Views are pure functions of the knowledge; they never issue tokens. Where a
reply needs a token button (feedback, どれでもない, 相談する), the engine
issues it and passes the finished `Choice` in. What staff read about their
consultations is in `bot.dialogue.tickets`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from bot.dialogue.library import Library, Shown, ref_of
from bot.knowledge import Case, FaqEntry, Referral, Section, SmallTalk, Ward
from bot.values import (
    MAX_CARD_CHOICES,
    MAX_CARDS,
    MAX_CHOICES,
    MAX_MESSAGE_CHARS,
    Card,
    Choice,
    Reply,
)

__all__ = [
    "CASE_CONSULT_LABEL",
    "MENU",
    "TEXT_ONLY",
    "TEXT_ONLY_IN_FORM",
    "TOO_LONG",
    "TOO_LONG_IN_FORM",
    "answer",
    "button_cards",
    "card_of",
    "case_card",
    "case_detail",
    "clarify",
    "consult",
    "declined",
    "excerpt",
    "excerpt_whole",
    "goodbye",
    "reacted",
    "section_page",
    "smalltalk",
]

MENU = Choice("メニュー", "menu")

_NOT_READ = "申し訳ありません。スタンプや画像、ファイル、位置情報などには対応していません。"
TEXT_ONLY = Reply(f"{_NOT_READ}お手数ですが、文字でご質問ください。", (MENU,), kind="prompt")
"""The answer to a sticker, an image, a file or a location, outside the consultation form."""
TEXT_ONLY_IN_FORM = f"{_NOT_READ}入力中のご相談はそのままですので、続けて文字でお答えください。"
"""The same in the form, said before its question again (`bot.dialogue.intake.IntakeFlow.ask_again`)."""
_TOO_LONG = (
    "申し訳ありません。メッセージが長すぎるため、読み取れませんでした。"
    f"{MAX_MESSAGE_CHARS:,}文字以内に分けてお送りください。"
)
TOO_LONG = Reply(_TOO_LONG, (MENU,), kind="prompt")
"""The answer to a text over `MAX_MESSAGE_CHARS`, which is not read (`bot.values.Incoming.masked`)."""
TOO_LONG_IN_FORM = f"{_TOO_LONG}入力中のご相談はそのままです。"
"""The same in the form, said before its question again."""


def consult(ward: Ward) -> Choice:
    """The button that starts a consultation with the ward's team."""
    return Choice(ward.consult_label, "consult")


CASE_CONSULT_LABEL = "この事例について相談する"

_SPACES = re.compile(r"\s+")


def excerpt(text: str, limit: int) -> str:
    """The start of ``text`` on one line, cut to ``limit`` characters with "…"."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_SENTENCE_END = frozenset("。．！？!?")
_CLAUSE_END = frozenset("、，,・ ")
_PARTICLES = frozenset("のにをはがでとへもや")
"""Hiragana that end a word when a kanji, katakana or Latin word follows (会議録の|作成に|毎回)."""


def excerpt_whole(text: str, limit: int) -> str:
    """``excerpt``, cut where a sentence, a clause or a word ends rather than inside a word.

    Japanese has no spaces, so a word's end is guessed: after a particle before a new word
    (作成に|毎回), or where the script changes between katakana, kanji and Latin (Excel|入力). The
    latest sentence end keeping at least half of ``limit`` wins, then a clause's, then a word's;
    with none, the cut is at ``limit`` as `excerpt` makes it. Meant for a line that quotes what
    someone wrote (a consultation, in the DX team's answer to it).
    """
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    room = limit - 1  # the characters before "…"
    for ends in (_ends_sentence, _ends_clause, _ends_word):
        cut = next((i for i in range(room, limit // 2 - 1, -1) if ends(flat[i - 1], flat[i])), None)
        if cut is not None:
            return flat[:cut].rstrip("".join(_SENTENCE_END | _CLAUSE_END)) + "…"
    return flat[:room] + "…"


def _ends_sentence(before: str, _after: str) -> bool:
    return before in _SENTENCE_END


def _ends_clause(before: str, after: str) -> bool:
    return before in _CLAUSE_END or after == " "


def _ends_word(before: str, after: str) -> bool:
    kind, next_kind = _script(before), _script(after)
    if kind == "hiragana":
        return before in _PARTICLES and next_kind in ("kanji", "katakana", "latin")
    return kind != next_kind and {kind, next_kind} <= {"kanji", "katakana", "latin"}


def _script(char: str) -> str:
    if "ぁ" <= char <= "ゖ":
        return "hiragana"
    if "ァ" <= char <= "ヺ" or char == "ー":
        return "katakana"
    if "一" <= char <= "鿿" or char in "々〆":
        return "kanji"
    if (char.isascii() and char.isalnum()) or "Ａ" <= char <= "ｚ" or "０" <= char <= "９":
        return "latin"
    return "other"


def button_cards(
    title: str, text: str, choices: Sequence[Choice], more: str, page: int = 1, room: int = MAX_CARDS
) -> tuple[Card, ...]:
    """Page ``page`` of ``choices`` as cards of three buttons each, at most ``room`` cards.

    When they do not fit, each page holds ``room - 1`` cards and ends with one whose button,
    「続きを見る」, is ``<more>:<next page>``: a ward with forty sections or thirty categories sees
    them all, never the first ones alone. A page that is no longer there (the knowledge reloaded
    with fewer) is the first.
    """
    groups = [tuple(choices[i : i + MAX_CARD_CHOICES]) for i in range(0, len(choices), MAX_CARD_CHOICES)]
    if len(groups) <= 1:
        return tuple(Card(title, text, group) for group in groups)
    per_page = room if len(groups) <= room else room - 1
    first = (page - 1) * per_page
    if page < 1 or first >= len(groups):
        page, first = 1, 0
    cards = [
        Card(f"{title}（{n}/{len(groups)}）", text, buttons, group=title)  # 「課から探す（2/7）」
        for n, buttons in enumerate(groups[first : first + per_page], first + 1)
    ]
    if first + per_page < len(groups):
        shown = min((first + per_page) * MAX_CARD_CHOICES, len(choices))
        cards.append(
            Card(
                f"{title}（続き）",
                f"全{len(choices)}件のうち{shown}件目まで表示しています。",
                (Choice("続きを見る", f"{more}:{page + 1}"),),
            )
        )
    return tuple(cards)


def case_card(case: Case) -> Card:
    """A case at a glance: who, and the effect in numbers."""
    effect = "\n".join(f"・{line}" for line in case.effect)
    return Card(
        case.title,
        f"{case.section}\n{effect}",
        (Choice("詳しく見る", f"case:{case.id}"), Choice(CASE_CONSULT_LABEL, f"consult:case:{case.id}")),
    )


def card_of(lib: Library, shown: Shown) -> Card:
    """Any entry as a card in a list."""
    if isinstance(shown, Case):
        return case_card(shown)
    if isinstance(shown, FaqEntry):
        return Card(shown.question, excerpt(shown.answer, 60), (Choice("回答を見る", ref_of(shown)),))
    if isinstance(shown, Section):
        return Card(lib.title(shown), excerpt(shown.body, 60), (Choice("この節を読む", ref_of(shown)),))
    office = f"{shown.office}（{shown.contact}）"
    return Card(lib.title(shown), office, (Choice("案内を見る", ref_of(shown)),))


def answer(lib: Library, shown: Shown, feedback: tuple[Choice, Choice]) -> Reply:
    """An entry given as the answer to a question, with its source and the feedback buttons."""
    if isinstance(shown, Section):
        page = section_page(lib, shown)
        before, after = lib.neighbours(shown)
        nav = tuple(Choice(label, ref_of(s)) for label, s in (("前の節", before), ("次の節", after)) if s)
        cards = (
            (*page.cards, Card(f"{lib.ward.manual_short}の前後の節", lib.title(shown), nav))
            if nav
            else page.cards
        )
        return Reply(page.text, feedback, cards, page.source, "answer", page.ref)
    if isinstance(shown, Case):
        page = case_detail(lib, shown)
        consult = Choice(CASE_CONSULT_LABEL, f"consult:case:{shown.id}")
        return Reply(page.text, (*feedback, consult), page.cards, page.source, "answer", page.ref)
    if isinstance(shown, Referral):
        return Reply(_referral_text(shown), feedback, (), _source(lib, shown), "referral", ref_of(shown))
    cases = tuple(case_card(lib.cases[c]) for c in shown.cases[:3])
    cards = (*_manual_card(lib, shown.manual), *cases)
    return Reply(shown.answer.strip(), feedback, cards, _source(lib, shown), "answer", ref_of(shown))


def section_page(lib: Library, section: Section) -> Reply:
    """A manual section in full, read while browsing: previous / next / table of contents."""
    before, after = lib.neighbours(section)
    nav = [Choice(label, ref_of(s)) for label, s in (("前の節", before), ("次の節", after)) if s]
    nav.append(Choice("この章の目次", f"ch:{section.chapter_id}"))
    cases = tuple(case_card(c) for c in lib.cases_of_section.get(section.ref, ())[:3])
    return Reply(
        f"■ {section.title}\n\n{section.body.strip()}",
        tuple(nav[:MAX_CHOICES]),
        cases,
        _source(lib, section),
        "section",
        ref_of(section),
    )


def case_detail(lib: Library, case: Case) -> Reply:
    """A case in full: problem, what was done, tools, effect, period and whom to ask."""
    effect = "\n".join(f"・{line}" for line in case.effect)
    text = (
        f"■ {case.title}\n"
        f"【担当】{case.section}\n"
        f"【課題】{case.problem}\n"
        f"【取り組み】{case.actions}\n"
        f"【使ったツール】{'、'.join(case.tools) or 'なし（やり方の見直しのみ）'}\n"
        f"【効果】\n{effect}\n"
        f"【期間】{case.period}\n"
        f"【問い合わせ先】{case.contact}"
    )
    similar = (
        Choice(f"{case.tools[0]}の事例をもっと見る", f"tool:{case.tools[0]}")
        if case.tools
        else Choice("ほかの事例を見る", "cases")
    )
    choices = (Choice(CASE_CONSULT_LABEL, f"consult:case:{case.id}"), similar, MENU)
    return Reply(text, choices, _manual_card(lib, case.manual), _source(lib, case), "case", ref_of(case))


def goodbye(lib: Library, menu: Reply) -> Reply:
    """The answer to 「終了」: thanks, and the menu's choices for whenever the staff member comes back."""
    text = (
        f"ご利用ありがとうございました。{lib.ward.subject}で困ったときは、"
        "またいつでもお気軽に入力してください。"
    )
    return Reply(text, menu.choices, kind="smalltalk")


def smalltalk(talk: SmallTalk, menu: Reply) -> Reply:
    """A greeting, thanks or chit-chat: the short answer, and the menu's choices to go on with."""
    return Reply(talk.answer, menu.choices, kind="smalltalk", ref=f"talk:{talk.id}")


def reacted(felt: Literal["yes", "mark"], menu: Reply) -> Reply:
    """The answer to はい (``yes``) or to emoji and marks alone (``mark``): the menu's choices to go on."""
    text = (
        "承知しました。ほかにも知りたいことがあれば、そのまま入力するか、「メニュー」と送って項目からお選びください。"
        if felt == "yes"
        else "絵文字や記号だけでは、ご用件が分かりませんでした。"
        "お手数ですが、知りたいことを文字で入力するか、下の項目からお選びください。"
    )
    return Reply(text, menu.choices, kind="prompt")


def glad(menu: Reply) -> Reply:
    """The answer to 「解決しました」 with no answer of the DX team awaiting it: the bot's own one helped."""
    text = (
        "解決してよかったです。ほかにも知りたいことがあれば、そのまま入力するか、"
        "「メニュー」と送って項目からお選びください。"
    )
    return Reply(text, menu.choices, kind="prompt")


def declined(ward: Ward, consult_action: str) -> Reply:
    """The answer to いいえ: how to go on, the consultation (``consult_action``) first."""
    text = (
        "承知しました。お探しの情報が見つからないときは、言い換えて入力していただくか、"
        f"{ward.team}の担当者に直接ご相談ください。"
    )
    return Reply(text, (Choice(ward.consult_label, consult_action), MENU), kind="prompt")


def clarify(lib: Library, candidates: Sequence[Shown], choices: tuple[Choice, ...], lead: str) -> Reply:
    """Offer candidates ("もしかして") once each, as cards with the start of their text.

    Each card's button shows that entry; ``choices`` are the ways out
    (どれでもない, the team's consult button, the menu).
    """
    cards = tuple(card_of(lib, c) for c in candidates[:MAX_CARDS])
    return Reply(lead, choices, cards, kind="clarify")


def _referral_text(referral: Referral) -> str:
    text = f"{referral.answer.strip()}\n\n【担当】{referral.office}（{referral.contact}）"
    if referral.portal:
        text += f"\n【参考】{referral.portal}"
    return text


def _source(lib: Library, shown: Shown) -> Choice:
    return Choice(lib.source_label(shown), ref_of(shown))


def _manual_card(lib: Library, refs: Sequence[str]) -> tuple[Card, ...]:
    sections = [s for s in (lib.kb.section(r) for r in refs) if s is not None]
    if not sections:
        return ()
    buttons = tuple(Choice(s.title, ref_of(s)) for s in sections[:MAX_CARD_CHOICES])
    title = f"{lib.ward.manual_short}の関連する節"
    return (Card(title, f"{lib.ward.manual_title}で詳しく説明しています。", buttons),)
