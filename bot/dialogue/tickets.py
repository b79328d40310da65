"""What staff read about consultations: the intake's questions, the summary, the list, an answer.

Pure functions of their arguments, like `bot.dialogue.views`. Button
actions are stateless and name the consultation (``cs:12:ok``), so they
keep working on an answer delivered days later; the desk checks that the
consultation belongs to whoever presses them.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.desk import Ticket
from bot.dialogue.state import Intake
from bot.dialogue.views import MENU, consult, excerpt, excerpt_whole
from bot.knowledge import Ward
from bot.localtime import local
from bot.values import MAX_CARDS, Card, Choice, Reply, consultation_button

__all__ = [
    "ASK_CONTENT",
    "ASK_SECTION",
    "RESUME",
    "STATUS",
    "UNSENT",
    "already_sent",
    "answer_delivered",
    "ask_deadline",
    "closed_by_team",
    "info_requested",
    "masked_notice",
    "receipt",
    "received",
    "summary",
    "ticket_detail",
    "ticket_list",
]

MAX_ADDITIONS_SHOWN = 5
ADDITION_EXCERPT_CHARS = 200
"""A consultation's additions shown in full (the latest few, each cut to this length)."""

QUOTED_CHARS = 30
"""How much of a consultation the DX team's messages about it quote in their first line."""

STATUS = Choice("相談状況を見る", "cs:list")
STOP = Choice("やめる", "in:stop")
STOP_ADDING = Choice("追記をやめる", "in:stop")
"""While an addition is awaited: `STOP`'s action, named for what it stops (「やめる」 showed 相談状況)."""
SEND = Choice("この内容で相談する", "in:send")
"""The summary's button; `summary` adds its form's number, so that an old summary's names its own."""
REWRITE = Choice("内容を書き直す", "in:content")
RESUME = Choice("入力中の相談に戻る", "in:resume")
UNSENT = (
    "入力中だったご相談の内容は保存してあります。お送りになる場合は「入力中の相談に戻る」を押してください。"
)
"""Said when the form is left unsent (`State.left`), with `RESUME`."""

ASK_CONTENT = (
    "ご相談の内容を入力してください。どの業務で、どのようなことにお困りか、"
    "何を改善したいかを書いていただけると、担当者が状況をつかみやすくなります。"
    "（例：毎月の申請書の入力に丸2日かかっているので、減らしたい）"
)
ASK_SECTION = "ご所属（課・係名）を入力してください。次回からは入力を省略できます。（例：税務課 収納係）"


def masked_notice(kinds: Sequence[str]) -> str:
    """Tell staff what was masked, and why."""
    return (
        f"※個人情報保護のため、{'・'.join(kinds)}と思われる部分は「［{kinds[0]}］」のように"
        "伏せてからお預かりしています。"
    )


def ask_deadline() -> Reply:
    """By when: three common answers as buttons, or any text."""
    return Reply(
        "いつごろまでに解決したいか、ご希望の時期を選ぶか入力してください。（例：3月末まで）",
        (Choice("今週中", "in:by:w"), Choice("今月中", "in:by:m"), Choice("特に急ぎません", "in:by:n")),
        kind="prompt",
    )


def summary(intake: Intake, ward: Ward) -> Reply:
    """The consultation as it will be sent, to confirm; typing more adds to the content."""
    text = (
        f"次の内容で{ward.team}に相談します。よろしければ「この内容で相談する」を押してください。"
        "補足があれば、このまま入力していただくと内容に追加します。\n\n"
        f"【所属】{intake.section}\n【ご相談内容】{intake.content}\n【希望する時期】{intake.wanted_by}"
    )
    if intake.masked:
        text += f"\n\n{masked_notice(intake.masked)}"
    send = Choice(SEND.label, f"{SEND.action}:{intake.form}") if intake.form else SEND
    choices = (send, Choice("所属を変更する", "in:sec"), STOP)
    rewrite = Card("ご相談内容を直す", "ご相談内容を最初から入力し直せます。", (REWRITE,))
    return Reply(text, choices, (rewrite,), kind="prompt")


def already_sent(ticket: Ticket) -> Reply:
    """The consultation about to be sent says what an open one of theirs already says."""
    n = ticket.number
    return Reply(
        f"同じ内容のご相談を No.{n} としてお預かりしています（{ticket.label}）。"
        f"補足がある場合は No.{n} に追記していただくと、担当者に伝わります。"
        "別のご相談として送る場合は「新しく送る」を押してください。",
        (Choice(f"No.{n} に追記する", f"cs:{n}:add"), Choice("新しく送る", "in:again"), STOP),
        kind="prompt",
    )


def receipt(ticket: Ticket, masked: Sequence[str], ward: Ward) -> Reply:
    """The consultation was created: its number, and what happens next."""
    text = (
        f"ご相談を受け付けました。受付番号は No.{ticket.number} です。\n"
        f"{ward.team}の担当者が内容を確認し、このチャットでお返事します（通常、{ward.answer_time}）。"
        "ご相談の状況は「相談状況」と入力すると、いつでもご確認いただけます。"
    )
    if masked:
        text += f"\n{masked_notice(masked)}"
    return Reply(text, (STATUS, MENU), kind="escalate", ref=f"consult:{ticket.number}")


def received(reply: Reply) -> int | None:
    """The number of the consultation ``reply`` is the receipt of (`receipt`), or None for any other reply."""
    kind, _, number = (reply.ref or "").partition(":")
    return int(number) if reply.kind == "escalate" and kind == "consult" and number.isdecimal() else None


def ticket_list(tickets: Sequence[Ticket], ward: Ward) -> Reply:
    """The staff member's consultations as cards, newest first."""
    if not tickets:
        return Reply(
            f"これまでに{ward.team}へお送りいただいたご相談はありません。",
            (consult(ward), MENU),
            kind="list",
        )
    cards = tuple(_card(t) for t in tickets[:MAX_CARDS])
    return Reply(
        f"これまでのご相談です（新しい順に{len(cards)}件）。", (consult(ward), MENU), cards, kind="list"
    )


def ticket_detail(ticket: Ticket, ward: Ward) -> Reply:
    """One consultation in full, with the DX team's latest answer and what can be done next."""
    text = (
        f"■ No.{ticket.number}【{ticket.label}】\n"
        f"受付日：{local(ticket.created_at):%Y年%m月%d日}\n"
        f"【所属】{ticket.section}\n【ご相談内容】{ticket.content}\n【希望する時期】{ticket.wanted_by}"
    )
    if ticket.additions:
        shown = ticket.additions[-MAX_ADDITIONS_SHOWN:]
        earlier = len(ticket.additions) - len(shown)
        text += "\n【追記】" + (f"（ほか以前に{earlier}件）" if earlier else "")
        text += "".join(f"\n・{excerpt(addition, ADDITION_EXCERPT_CHARS)}" for addition in shown)
    if ticket.answer:
        text += f"\n\n【{ward.team}からの回答】\n{ticket.answer}"
    n = ticket.number
    choices: tuple[Choice, ...]
    if ticket.status == "answered":
        choices = (consultation_button(n, "ok"), consultation_button(n, "ng"), STATUS)
    elif ticket.is_open:
        choices = (consultation_button(n, "add"), consultation_button(n, "wd"), STATUS)
    else:
        choices = (STATUS, MENU)
    return Reply(text, choices, kind="list", ref=f"consult:{n}")


def answer_delivered(number: int, content: str, answer: str, team: str) -> Reply:
    """The DX team's answer as pushed to the staff member, with 解決した / まだ困っている."""
    text = (
        f"【{team}からの回答】{_quoted(number, content)}について\n\n{answer.strip()}\n\n"
        "この回答で解決しましたか？まだお困りの場合は「まだ困っている」を押して、続けてお書きください。"
    )
    choices = (consultation_button(number, "ok"), consultation_button(number, "ng"))
    return Reply(text, choices, kind="answer", ref=f"consult:{number}")


def closed_by_team(number: int, content: str, team: str) -> Reply:
    """The DX team closed the consultation: tell the staff member, and keep the way back open."""
    text = (
        f"【{team}からのお知らせ】{_quoted(number, content)}のご相談は、"
        "解決したものとして終了しました。\n"
        "まだお困りのことがあれば「まだ困っている」を押して、続けてお書きください。"
    )
    choices = (consultation_button(number, "ng"), STATUS)
    return Reply(text, choices, kind="list", ref=f"consult:{number}")


def info_requested(number: int, content: str, question: str, team: str) -> Reply:
    """The DX team asks the staff member for more information, answered with 「追記する」."""
    text = (
        f"【{team}からのお願い】{_quoted(number, content)}について、"
        f"担当者から確認したいことがあります。\n\n{question.strip()}\n\n"
        "お手数ですが「追記する」を押して、お答えをお書きください。"
    )
    choices = (consultation_button(number, "add"), STATUS)
    return Reply(text, choices, kind="prompt", ref=f"consult:{number}")


def _quoted(number: int, content: str) -> str:
    """A consultation named in the first line of the DX team's message about it: its number and words."""
    return f"No.{number}「{excerpt_whole(content, QUOTED_CHARS)}」"


def _card(ticket: Ticket) -> Card:
    n = ticket.number
    more = consultation_button(n)
    choices: tuple[Choice, ...]
    if ticket.status == "answered":
        choices = (more, consultation_button(n, "ok"), consultation_button(n, "ng"))
    elif ticket.is_open:
        choices = (more, consultation_button(n, "add"), consultation_button(n, "wd"))
    else:
        choices = (more,)
    return Card(
        f"No.{n}【{ticket.label}】",
        f"{local(ticket.created_at):%Y年%m月%d日}受付\n{excerpt(ticket.content, 50)}",
        choices,
    )
