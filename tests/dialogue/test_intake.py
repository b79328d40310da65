"""Transcripts of the consultation intake, 相談状況, additions, withdrawal and feedback on answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.dialogue import Incoming, Limit, NewConsultation, State, Ticket
from bot.dialogue.deadline import due_date, find_deadline
from bot.dialogue.engine import Engine
from bot.dialogue.formtext import looks_like_deadline, looks_like_section, names_a_section
from bot.localtime import local_date
from bot.values import ReplyKind
from tests.auxil.desk import MemoryDesk
from tests.auxil.transcript import (
    ASK_CONTENT,
    ASK_DEADLINE,
    ASK_SECTION,
    INTAKE,
    KEY,
    SUMMARY,
    Action,
    Bot,
    Press,
    verify_dialog,
)

CONFIRM = ("この内容で相談する", "所属を変更する", "やめる")
MENU = "メニュー"
DEADLINES = ("今週中", "今月中", "特に急ぎません")


def test_an_escalation_becomes_a_consultation_asking_only_what_is_missing(scripted: Engine) -> None:
    desk = MemoryDesk()
    state = verify_dialog(
        scripted,
        [
            ("庁舎の屋上で養蜂を始めたい", Bot(("escalate",))),
            (
                Press("DX推進課に相談する"),
                Bot(("prompt",), says=(INTAKE, ASK_SECTION), not_says=(ASK_CONTENT,)),
            ),
            ("総務課 庶務係", Bot(("prompt",), says=(ASK_DEADLINE,), primary=DEADLINES)),
            (
                Press("今月中"),
                Bot(
                    ("prompt",),
                    says=(
                        SUMMARY,
                        "【所属】総務課 庶務係",
                        "【ご相談内容】庁舎の屋上で養蜂を始めたい",
                        "今月中",
                    ),
                    primary=CONFIRM,
                ),
            ),
            (
                Press("この内容で相談する"),
                Bot(
                    ("escalate",),
                    says=("受付番号は No.1 です", "3開庁日以内"),
                    primary=("相談状況を見る", "メニュー"),
                ),
            ),
        ],
        desk=desk,
    )
    assert state.intake is None
    (opened,) = desk.opened
    assert (opened.section, opened.query, opened.content) == (
        "総務課 庶務係",
        *["庁舎の屋上で養蜂を始めたい"] * 2,
    )
    assert opened.wanted_by == "今月中"
    assert opened.due_date is not None
    assert opened.due_date.day >= 28
    assert opened.masked == ()


def test_the_section_is_remembered_and_a_stated_deadline_is_not_asked_again(scripted: Engine) -> None:
    desk = MemoryDesk(remembered="税務課 収納係")
    verify_dialog(
        scripted,
        [
            ("メニュー", Bot(("menu",))),
            (Press("DX推進課に相談する"), Bot(("prompt",), says=(ASK_CONTENT,))),
            (
                "来月末までに、口座振替の結果照合を自動化したい",
                Bot(("prompt",), says=(SUMMARY, "【所属】税務課 収納係", "【希望する時期】来月末まで")),
            ),
            ("はい、お願いします", Bot(("escalate",), says=("No.1",))),
        ],
        desk=desk,
    )
    assert desk.opened[0].wanted_by == "来月末まで"
    refs = [c.ref for c in desk.opened[0].candidates]
    assert "case:rpa-tax-reconcile" in refs, "without a question, the content finds the candidates"


def test_personal_information_is_masked_and_the_staff_member_is_told(scripted: Engine) -> None:
    desk = MemoryDesk(remembered="子育て支援課")
    verify_dialog(
        scripted,
        [
            (Action("consult"), Bot(("prompt",), says=(ASK_CONTENT,))),
            (
                "山田さん（090-1234-5678、yamada@example.jp、マイナンバー123456789018）の申請入力を減らしたい",
                Bot(
                    ("prompt",),
                    says=(ASK_DEADLINE,),
                ),
            ),
            (
                Press("特に急ぎません"),
                Bot(
                    ("prompt",),
                    says=(
                        "［氏名］",
                        "［電話番号］",
                        "［メールアドレス］",
                        "［マイナンバー］",
                        "個人情報保護のため",
                    ),
                    not_says=("山田", "090-1234-5678", "yamada@example.jp", "123456789018"),
                ),
            ),
            (Press("この内容で相談する"), Bot(("escalate",), says=("個人情報保護のため",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert "090-1234-5678" not in opened.content
    assert set(opened.masked) == {"氏名", "電話番号", "メールアドレス", "マイナンバー"}
    assert opened.due_date is None


def test_short_questions_and_cases_ask_what_the_staff_member_wants(scripted: Engine) -> None:
    desk = MemoryDesk(remembered="介護保険課")
    started = local_date(datetime.now(UTC))  # the engine dates a message in Japan, when it came
    verify_dialog(
        scripted,
        [
            (
                Action("consult:case:ocr-kaigo-application"),
                Bot(("prompt",), says=("どのようなことをご相談",)),
            ),
            ("うちの課でも使えるか知りたい", Bot(("prompt",), says=(ASK_DEADLINE,))),
            ("3月末まで", Bot(("prompt",), says=(SUMMARY, "【希望する時期】3月末まで"))),
            (
                "紙の申請書は月に200件ほどです",
                Bot(("prompt",), says=("（補足）紙の申請書は月に200件ほどです",)),
            ),
            (Press("所属を変更する"), Bot(("prompt",), says=(ASK_SECTION,))),
            ("介護保険課 認定係", Bot(("prompt",), says=(SUMMARY, "【所属】介護保険課 認定係"))),
            (Press("この内容で相談する"), Bot(("escalate",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert opened.query == "改善事例『手書きの申請書をAI-OCRで読み取りRPAで入力』について"
    assert opened.candidates[0].ref == "case:ocr-kaigo-application"
    days = {started, local_date(datetime.now(UTC))}  # one day, unless the dialog ran over midnight in Japan
    assert opened.due_date in {due_date("3月末まで", day) for day in days}


def test_the_candidates_of_a_question_go_with_the_consultation(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(
        engine,
        [
            ("RPAとは何ですか？", Bot(("answer",))),
            (Press("解決しない"), Bot(("clarify",))),
            (Press("DX推進課に相談する"), Bot(("prompt",), says=("「RPAとは何ですか？」について",))),
            ("児童手当の入力作業に使えるか知りたい", Bot(("prompt",), says=(ASK_DEADLINE,))),
            (Press("今週中"), Bot(("prompt",))),
            (Press("この内容で相談する"), Bot(("escalate",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert opened.query == "RPAとは何ですか？"
    assert opened.content == "児童手当の入力作業に使えるか知りたい"
    assert opened.candidates[0].ref == "faq:tool-rpa-basics"
    assert opened.candidates[0].title.startswith("RPAとは何ですか？")


def test_a_way_out_typed_in_the_form_is_no_answer_and_loses_nothing(engine: Engine) -> None:
    """「戻る」 was taken as the consultation's content; 「終了」 at the section's question as the section."""
    desk = MemoryDesk()
    verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",), says=(ASK_CONTENT,))),
            ("戻る", Bot(("prompt",), says=("入力を続けています", "「やめる」", ASK_CONTENT))),
            ("申請書の入力に毎月2日かかっている", Bot(("prompt",), says=(ASK_SECTION,))),
            ("終了", Bot(("prompt",), says=("ここまでの内容はそのまま", ASK_SECTION))),
            ("税務課 収納係", Bot(("prompt",), says=(ASK_DEADLINE,))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY, "申請書の入力に毎月2日かかっている"))),
            (Press("この内容で相談する"), Bot(("escalate",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert opened.content == "申請書の入力に毎月2日かかっている"
    assert opened.section == "税務課 収納係"


def test_a_wish_that_goes_on_is_taken_whole_as_the_content(engine: Engine) -> None:
    desk = MemoryDesk()
    wish = "相談したいです。毎月の給与明細の仕分けに丸2日かかっています。"
    verify_dialog(
        engine,
        [
            (wish, Bot(("list", "prompt"), says=(INTAKE, "としてお預かりします", ASK_SECTION))),
            ("人事課 給与係", Bot(("prompt",), says=(ASK_DEADLINE,))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY,))),
            (Press("この内容で相談する"), Bot(("escalate",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert opened.content == wish


def test_stopping_the_intake_and_leaving_it_by_another_button(engine: Engine) -> None:
    desk = MemoryDesk()
    state = verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",), says=(ASK_CONTENT,))),
            ("", Bot(("prompt",), says=("入力が空のようです", ASK_CONTENT))),
            ("やめる", Bot(("prompt",), says=("中止しました",))),
            (Action("consult"), Bot(("prompt",))),
            ("相談状況", Bot(("list",), says=("ご相談はありません",))),
            (Action("consult"), Bot(("prompt",))),
            (Action("cases"), Bot(("menu",))),
            ("RPAとは何ですか？", Bot(("answer",))),
        ],
        desk=desk,
    )
    assert state.intake is None
    assert desk.opened == []


def test_a_second_press_of_send_creates_nothing(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",))),
            ("会議録の作成に時間がかかっている", Bot(("prompt",))),
            (Press("今月中"), Bot(("prompt",))),
            (Action("in:send"), Bot(("escalate",), says=("No.1",))),
            (
                Action("in:send"),
                Bot(
                    ("prompt",),
                    says=("「会議録の作成に時間がかかっている」のご相談は、受付番号 No.1 としてすでに",),
                ),
            ),
        ],
        desk=desk,
    )
    assert len(desk.opened) == 1


KEPT = "入力中だったご相談の内容は保存してあります"


@pytest.mark.parametrize(
    ("leaving", "kinds", "says"),
    [
        ("やめる", ("prompt",), (KEPT,)),
        ("メニュー", ("prompt",), (KEPT,)),
        ("相談状況", ("list",), ("ご相談はありません", KEPT)),
        (Press("やめる"), ("prompt",), (KEPT,)),
        (Action("cases"), ("menu", "prompt"), (KEPT,)),  # another button does what it does, then says so
    ],
    ids=["typed-stop", "typed-menu", "typed-status", "stop-button", "another-button"],
)
def test_a_summary_left_unsent_is_never_said_to_be_sent_and_comes_back(
    engine: Engine, leaving: str | Press | Action, kinds: tuple[ReplyKind, ...], says: tuple[str, ...]
) -> None:
    """Its old 「この内容で相談する」 said 「すでに受け付けています」, yet nothing was sent."""
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",))),
            ("会議録の作成に時間がかかっている", Bot(("prompt",))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY,))),
            ("音声は月に10時間ほどです", Bot(("prompt",), says=("（補足）音声は月に10時間ほどです",))),
            (leaving, Bot(kinds, says=says, not_says=("すでに受け付けて", "受付番号"))),
            (
                Action("in:send"),  # the summary's button, pressed afterwards
                Bot(
                    ("prompt",),
                    says=("まだお送りしていません", SUMMARY, "（補足）音声は月に10時間ほどです"),
                    not_says=("すでに受け付けて", "受付番号"),  # offered again, not sent unasked
                    primary=CONFIRM,
                ),
            ),
            (Press("この内容で相談する"), Bot(("escalate",), says=("受付番号は No.1 です",))),
            (Action("in:send"), Bot(("prompt",), says=("No.1 としてすでに受け付けています",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert opened.content == "会議録の作成に時間がかかっている\n（補足）音声は月に10時間ほどです"


def test_the_form_left_for_the_status_list_is_resumed_by_its_button(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",))),
            ("会議録の作成に時間がかかっている", Bot(("prompt",), says=(ASK_DEADLINE,))),
            (
                "相談状況",
                Bot(
                    ("list",),
                    says=("ご相談はありません", "入力中だったご相談の内容は保存してあります"),
                    primary=("入力中の相談に戻る", "DX推進課に相談する", "メニュー"),
                ),
            ),
            (Press("入力中の相談に戻る"), Bot(("prompt",), says=(ASK_DEADLINE,), primary=DEADLINES)),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY, "会議録の作成に時間がかかっている"))),
        ],
        desk=desk,
    )


def test_the_side_note_read_during_the_form_says_the_form_is_kept_and_leads_back_to_it(
    engine: Engine,
) -> None:
    """The side note invites staff to read it before consulting; its button left the form without a word.

    Staff then typed their section as if still in the form: it was searched, and the consultation never
    sent. 相談状況 afterwards did not mention the form either, and typing the button's label searched it.
    """
    desk = MemoryDesk()
    wish = "窓口の待ち時間を減らしたいので、番号札とオンライン予約のどちらがいいか相談したい"
    back = Bot(("prompt",), says=(ASK_SECTION,))
    verify_dialog(
        engine,
        [
            (wish, Bot(("list", "prompt"), says=(INTAKE, ASK_SECTION), offers=("回答を見る",))),
            (
                Press("回答を見る"),
                Bot(("answer", "prompt"), says=(KEPT,), primary=("入力中の相談に戻る",)),
            ),
            (Press("入力中の相談に戻る"), back),
            (Action("faq:method-user-view"), Bot(("answer", "prompt"), says=(KEPT,))),  # the note, again
            ("相談状況", Bot(("list",), says=("ご相談はありません", KEPT), offers=("入力中の相談に戻る",))),
            ("入力中の相談に戻る", back),
            ("区民課 窓口係", Bot(("prompt",), says=(ASK_DEADLINE,))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY, "【所属】区民課 窓口係"))),
            (Press("この内容で相談する"), Bot(("escalate",), says=("受付番号は No.1 です",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert (opened.section, opened.content) == ("区民課 窓口係", wish)


def test_an_old_send_button_the_conversation_has_no_record_of_sends_nothing_and_says_where_to_look(
    engine: Engine,
) -> None:
    """A conversation stored before the bot kept what became of the form, or one left with nothing typed."""
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",), says=(ASK_CONTENT,))),
            ("やめる", Bot(("prompt",), says=("中止しました",), not_says=("入力中の相談に戻る",))),
            (
                Action("in:send"),
                Bot(
                    ("prompt",),
                    says=("内容は、こちらに残っていません", "「相談状況」でご確認ください"),
                    not_says=("すでに受け付けて",),
                    primary=("相談状況を見る", "DX推進課に相談する", "メニュー"),
                ),
            ),
        ],
        desk=desk,
    )
    assert desk.opened == []


def test_each_summarys_send_button_speaks_for_its_own_form_only(engine: Engine) -> None:
    """A left unsent, B sent: A's old button said B was sent, and sent B while B was open."""
    desk = MemoryDesk(remembered="総務課")
    a_text, b_text = "会議録の作成に時間がかかっている", "庁内照会の集計を毎回手作業でしている"
    state = verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",))),
            (a_text, Bot(("prompt",))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY, a_text))),
        ],
        desk=desk,
    )
    assert state.intake is not None
    send_a = Action(f"in:send:{state.intake.form}")
    state = verify_dialog(
        engine,
        [
            ("やめる", Bot(("prompt",), says=(KEPT,))),
            (Action("consult"), Bot(("prompt",))),
            (b_text, Bot(("prompt",))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY, b_text))),
            (send_a, Bot(("prompt",), says=("以前に表示したご相談の確認画面", b_text), primary=CONFIRM)),
        ],
        state=state,
        desk=desk,
    )
    assert desk.opened == []  # A's button did not send B
    assert state.intake is not None
    send_b = Action(f"in:send:{state.intake.form}")
    verify_dialog(
        engine,
        [
            (send_b, Bot(("escalate",), says=("受付番号は No.1 です",))),
            (send_a, Bot(("prompt",), says=("まだお送りしていません", a_text), not_says=("受け付けて",))),
            (Press("この内容で相談する"), Bot(("escalate",), says=("受付番号は No.2 です",))),
            (send_a, Bot(("prompt",), says=(f"「{a_text}」のご相談は、受付番号 No.2 としてすでに",))),
            # only the last one sent is remembered: an older one's button points to the list, naming no other
            (send_b, Bot(("prompt",), says=("「相談状況」でご確認ください",), not_says=("No.2",))),
            (Action("in:send:999"), Bot(("prompt",), says=("内容は、こちらに残っていません",))),
        ],
        state=state,
        desk=desk,
    )
    assert [c.content for c in desk.opened] == [b_text, a_text]


def test_status_lists_the_staff_members_consultations(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(engine, [("相談状況", Bot(("list",), says=("ご相談はありません",)))], desk=desk)
    verify_dialog(engine, [("そうだんじょうきょう", Bot(("list",), says=("ご相談はありません",)))], desk=desk)
    for text in ("会議録の作成", "庁内照会の集計"):
        desk.open(_new(text))
    desk.set(2, "answered", answer="集計はフォームで行えます。")
    verify_dialog(
        engine,
        [
            (
                "相談状況",
                Bot(
                    ("list",),
                    says=("新しい順に2件",),
                    cards=("No.2【回答済み・ご確認ください】", "No.1【受付済み・担当者の確認待ち】"),
                ),
            ),
            (
                Press("詳しく見る"),
                Bot(("list",), says=("【DX推進課からの回答】", "集計はフォームで行えます。")),
            ),
        ],
        desk=desk,
    )


def test_answer_feedback_resolves_once_or_reopens_and_takes_an_addition(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("庁内照会の集計"))
    desk.set(1, "answered", answer="フォームをお使いください。")
    verify_dialog(
        engine,
        [
            (Action("cs:1:ok"), Bot(("feedback",), says=("「解決」としました",))),
            (Action("cs:1:ok"), Bot(("feedback",), says=("すでに解決済み",))),
            (Action("cs:1:ng"), Bot(("prompt",), says=("再開しました",))),
            ("フォームの作り方が分かりません", Bot(("prompt",), says=("追記しました",))),
        ],
        desk=desk,
    )
    assert desk.mine[1].status == "reopened"
    assert desk.additions == [(1, "フォームの作り方が分かりません")]


def test_the_button_under_still_in_trouble_stops_the_addition_as_its_label_says(engine: Engine) -> None:
    """It was 「やめる」 and showed 相談状況, leaving the reader unsure whether anything had stopped."""
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("庁内照会の集計"))
    desk.set(1, "answered", answer="フォームをお使いください。")
    stopped = "No.1 のご相談への追記をやめました。"
    verify_dialog(
        engine,
        [
            (
                Action("cs:1:ng"),
                Bot(("prompt",), says=("再開しました", "改めて確認します"), primary=("追記をやめる",)),
            ),
            (Press("追記をやめる"), Bot(("prompt",), says=(stopped,), primary=("相談状況を見る", MENU))),
            ("フォームの作り方が分かりません", Bot(("answer",), not_says=("追記しました",))),
            (Action("cs:1:add"), Bot(("prompt",), primary=("追記をやめる",))),
            ("やめる", Bot(("prompt",), says=(stopped,), not_says=("ご相談の入力を中止しました",))),
        ],
        desk=desk,
    )
    assert desk.mine[1].status == "reopened"
    assert desk.additions == [], "after stopping, what is typed is no addition"


def test_solved_or_still_in_trouble_typed_after_an_answer_does_what_its_button_does(engine: Engine) -> None:
    """Typed, not pressed (the buttons scrolled away, or a habit): it was searched as a new question."""
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("庁内照会の集計"))
    desk.set(1, "answered", answer="フォームをお使いください。")
    verify_dialog(
        engine,
        [
            ("まだ困っています。", Bot(("prompt",), says=("再開しました",))),
            ("フォームの作り方が分かりません", Bot(("prompt",), says=("追記しました",))),
        ],
        desk=desk,
    )
    assert desk.mine[1].status == "reopened"
    desk.set(1, "answered", answer="手順書をお送りします。")
    verify_dialog(engine, [("解決しました！", Bot(("feedback",), says=("「解決」としました",)))], desk=desk)
    assert desk.mine[1].status == "resolved"


def test_solved_typed_with_two_answered_asks_which_and_with_none_is_no_feedback(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    for text in ("会議録の作成", "庁内照会の集計"):
        desk.open(_new(text))
    verify_dialog(
        engine,
        [
            ("解決しました", Bot(("prompt",), says=("解決してよかったです",), not_says=("「解決」",))),
            ("まだ困っています", Bot(("prompt",), says=("直接ご相談",), offers=("DX推進課に相談する",))),
        ],
        desk=desk,
    )
    assert [t.status for t in desk.mine.values()] == ["new", "new"], "no answer yet: nothing to resolve"
    desk.set(1, "answered", answer="音声認識をお使いください。")
    desk.set(2, "answered", answer="フォームをお使いください。")
    verify_dialog(
        engine,
        [("解決しました", Bot(("list",), says=("回答をお送りしたご相談が2件あります", "「詳しく見る」")))],
        desk=desk,
    )
    assert [t.status for t in desk.mine.values()] == ["answered", "answered"]


def test_feedback_typed_after_the_bots_own_answer_is_about_that_answer_not_a_consultation(
    engine: Engine,
) -> None:
    """「解決しない」 is the bot's answer's own button: typed, it must not reopen the DX team's answer."""
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("庁内照会の集計"))
    desk.set(1, "answered", answer="フォームをお使いください。")
    verify_dialog(
        engine,
        [
            ("RPAとは何ですか", Bot(("answer",), offers=("解決した", "解決しない"))),
            ("解決しない", Bot(("clarify",), says=("お役に立てず",), not_says=("再開しました",))),
            ("RPAとは何ですか", Bot(("answer",))),
            ("解決した", Bot(("feedback",), says=("お役に立ててよかったです",))),
            ("メニュー", Bot(("menu",))),
            ("解決しました", Bot(("feedback",), says=("「解決」としました",))),
        ],
        desk=desk,
    )
    assert desk.mine[1].status == "resolved"


def test_adding_to_and_withdrawing_a_consultation(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("会議録の作成"))
    verify_dialog(
        engine,
        [
            (Action("cs:1:add"), Bot(("prompt",), says=("追記する内容を入力してください",))),
            (
                "音声は月に10時間ほどです（担当 03-1234-5678）",
                Bot(("prompt",), says=("追記しました", "［電話番号］")),
            ),
            (
                Action("cs:1"),
                Bot(("list",), says=("【追記】\n・音声は月に10時間ほどです（担当 ［電話番号］）",)),
            ),
            (Action("cs:1:wd"), Bot(("prompt",), says=("取り下げます。よろしいですか",))),
            (Press("取り下げない"), Bot(("list",), says=("これまでのご相談です",))),
            (Action("cs:1:wd"), Bot(("prompt",), primary=("取り下げる", "取り下げない"))),
            (Press("取り下げる"), Bot(("feedback",), says=("取り下げました",))),
            (Action("cs:1:wd"), Bot(("prompt",), says=("すでに取り下げています",))),
            (Action("cs:1:add"), Bot(("prompt",), says=("すでに取り下げています",))),
        ],
        desk=desk,
    )
    assert desk.additions == [(1, "音声は月に10時間ほどです（担当 ［電話番号］）")]
    assert desk.mine[1].status == "withdrawn"


def test_another_staff_members_consultation_is_not_found(engine: Engine) -> None:
    desk = MemoryDesk()
    desk.others[7] = _new_ticket(7)
    for action in ("cs:7", "cs:7:ok", "cs:7:wdy", "cs:7:add", "cs:99"):
        turn = engine.step(Incoming(KEY, action=action), State(), desk)
        assert "見つかりませんでした" in turn.replies[0].text
    assert desk.others[7].status == "new"
    restart = engine.step(Incoming(KEY, action="cs:x"), State(), desk)
    assert restart.replies[0].kind == "restart"


def test_yes_no_or_an_emoji_in_the_form_answers_nothing_and_the_question_is_asked_again(
    engine: Engine,
) -> None:
    """Taken as answers, 「👍」 became the time wanted and 「了解」 a line of the content."""
    desk = MemoryDesk(remembered="総務課")
    again = "だけでは、お答えとして受け取れませんでした"
    state = verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",), says=(ASK_CONTENT,))),
            ("はい", Bot(("prompt",), says=(again, ASK_CONTENT))),
            ("会議録の作成に時間がかかっている", Bot(("prompt",), says=(ASK_DEADLINE,))),
            ("👍", Bot(("prompt",), says=("「👍」" + again, ASK_DEADLINE), primary=DEADLINES)),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY,))),
            ("いいえ", Bot(("prompt",), says=("まだお送りしていません", SUMMARY), primary=CONFIRM)),
            ("了解しました", Bot(("escalate",), says=("受付番号は No.1 です",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert (opened.content, opened.wanted_by) == ("会議録の作成に時間がかかっている", "今月中")
    verify_dialog(
        engine,
        [
            ("相談状況", Bot(("list",))),
            (Press("追記する"), Bot(("prompt",), says=("追記する内容を入力してください",))),
            ("👍", Bot(("prompt",), says=(again, "文字で入力してください"), primary=("追記をやめる",))),
            ("音声は月に10時間ほどです", Bot(("prompt",), says=("追記しました",))),
        ],
        state=state,
        desk=desk,
    )
    assert desk.additions == [(1, "音声は月に10時間ほどです")]


@pytest.mark.parametrize(
    "text",
    [
        "相談の返事まだ？",
        "相談したやつどうなった",
        "さっきの相談に追記したい",
        "相談を取り下げたい",
        "相談の進捗は",
    ],
)
def test_asking_after_ones_own_consultation_shows_it_with_its_buttons(engine: Engine, text: str) -> None:
    """Searched, these offered the FAQ on the web form's 受付完了メール, not the consultation sent here."""
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("会議録の作成"))
    verify_dialog(
        engine,
        [(text, Bot(("list",), says=("新しい順に1件",), offers=("追記する", "取り下げる")))],
        desk=desk,
    )


def test_asking_after_a_consultation_without_one_is_searched(engine: Engine) -> None:
    """Nothing of theirs to show: how consulting works is the FAQ's answer."""
    turn = engine.step(Incoming(KEY, text="相談の返事まだ？"), State(), MemoryDesk())
    assert [r.kind for r in turn.replies] != ["list"]
    assert all("ご相談はありません" not in r.text for r in turn.replies)


@pytest.mark.parametrize("text", ["相談したいことがまだあります", "相談の回答はどのくらいで来ますか"])
def test_a_wish_or_a_question_on_consulting_is_no_question_after_ones_own(engine: Engine, text: str) -> None:
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("会議録の作成"))
    turn = engine.step(Incoming(KEY, text=text), State(), desk)
    assert all("新しい順に" not in r.text for r in turn.replies)


def _new(content: str) -> NewConsultation:
    return NewConsultation(section="総務課", query=content, content=content, wanted_by="今月中")


def _new_ticket(number: int) -> Ticket:
    return Ticket(number, "new", "税務課", "他人の相談", "今月中", datetime(2026, 1, 5, tzinfo=UTC))


def test_due_dates_from_what_staff_write() -> None:
    today = date(2026, 12, 2)
    assert due_date("今月中", today) == date(2026, 12, 31)
    assert due_date("来月末まで", today) == date(2027, 1, 31)
    assert due_date("今週中", today) == date(2026, 12, 4)
    assert due_date("3月末まで", today) == date(2027, 3, 31)
    assert due_date("12/20", today) == date(2026, 12, 20)
    assert due_date("年度内", today) == date(2027, 3, 31)
    assert due_date("特に急ぎません", today) is None
    assert due_date("2月30日", today) is None


WEEK = [date(2026, 11, 30) + timedelta(days=n) for n in range(7)]
"""Monday 30 November to Sunday 6 December 2026."""
THIS_FRIDAY, NEXT_MONDAY = date(2026, 12, 4), date(2026, 12, 7)


@pytest.mark.parametrize("today", WEEK, ids=lambda d: f"{d:%a}")
def test_weeks_run_monday_to_sunday_and_end_on_their_friday(today: date) -> None:
    """Typed on a Sunday, 「来週中」 was the Friday after next, and 「今週中」 at a weekend a week late."""
    weekend = today.weekday() >= 5
    assert due_date("今週中", today) == (NEXT_MONDAY if weekend else THIS_FRIDAY)
    assert due_date("今週末まで", today) == due_date("今週中", today)
    for said in ("来週中", "来週末まで", "来週いっぱい"):
        assert due_date(said, today) == THIS_FRIDAY + timedelta(weeks=1), said
    assert due_date("再来週中", today) == THIS_FRIDAY + timedelta(weeks=2)
    assert due_date("今日中", today) == today
    assert due_date("明日まで", today) == today + timedelta(days=1)
    assert due_date("今月中", today) == date(today.year, today.month, 30 if today.month == 11 else 31)


def test_the_week_after_next_is_its_own_deadline() -> None:
    assert find_deadline("再来週中までに集計を終えたい") == "再来週中まで"
    assert find_deadline("来週中に相談したい") == "来週中"


TOMORROW_JST = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
"""Midnight of 3 December in Japan."""


def test_over_the_days_limit_no_intake_starts_and_staff_hear_when_and_whom_to_call(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課", limit=Limit(10, TOMORROW_JST))
    state = verify_dialog(
        engine,
        [
            (
                Action("consult"),
                Bot(
                    ("prompt",),
                    says=("1日10件まで", "12月3日（明日）以降", "DX推進課（内線 2345）", "相談状況"),
                    not_says=(INTAKE,),
                    primary=("相談状況を見る", "メニュー"),
                ),
            ),
        ],
        desk=desk,
    )
    assert state.intake is None
    assert desk.opened == []


def test_a_consultation_written_as_the_limit_comes_is_kept_and_sent_later(engine: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    state = verify_dialog(
        engine,
        [
            (Action("consult"), Bot(("prompt",))),
            ("会議録の作成に時間がかかっている", Bot(("prompt",))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY,))),
        ],
        desk=desk,
    )
    desk.limit = Limit(10, TOMORROW_JST)  # consultations from another conversation used the day up
    state = verify_dialog(
        engine,
        [
            (
                Action("in:send"),
                Bot(
                    ("prompt",),
                    says=("保存してあります", "12月3日（明日）以降に「この内容で相談する」", "内線 2345"),
                    primary=("この内容で相談する", "メニュー"),
                ),
            ),
        ],
        state=state,
        desk=desk,
    )
    assert desk.opened == []
    assert state.intake is not None
    assert state.intake.step == "confirm"
    desk.limit = None  # the next day
    verify_dialog(engine, [(Action("in:send"), Bot(("escalate",), says=("No.1",)))], state=state, desk=desk)
    (opened,) = desk.opened
    assert opened.content == "会議録の作成に時間がかかっている"


def test_what_they_want_typed_where_the_section_was_asked_goes_to_the_content(scripted: Engine) -> None:
    desk = MemoryDesk()
    long_detail = (
        "健診の問診票を年に1万5千枚、手で入力しています。"
        + "AI-OCRで読み取れるか、予算の取り方も含めて相談したいです。"
    )
    state = verify_dialog(
        scripted,
        [
            ("庁舎の屋上で養蜂を始めたい", Bot(("escalate",))),
            (
                Press("DX推進課に相談する"),
                Bot(
                    ("prompt",),
                    says=("ご相談の内容は「庁舎の屋上で養蜂を始めたい」としてお預かりします", ASK_SECTION),
                    primary=("内容を書き直す", "やめる"),
                ),
            ),
            ("巣箱は2つ置きたい", Bot(("prompt",), says=("ご相談内容に追加しました", ASK_SECTION))),
            (long_detail, Bot(("prompt",), says=("ご相談内容に追加しました", ASK_SECTION))),
            ("総務課 庶務係です。", Bot(("prompt",), says=(ASK_DEADLINE,))),
            (
                Press("特に急ぎません"),
                Bot(
                    ("prompt",),
                    says=(
                        "【所属】総務課 庶務係\n",
                        "【ご相談内容】庁舎の屋上で養蜂を始めたい\n（補足）巣箱は2つ置きたい\n（補足）健診の問診票",
                    ),
                ),
            ),
        ],
        desk=desk,
    )
    assert state.intake is not None
    assert state.intake.section == "総務課 庶務係"
    assert long_detail in state.intake.content, "nothing typed is lost, however long"


def test_the_content_taken_from_the_question_can_be_rewritten(scripted: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(
        scripted,
        [
            ("庁舎の屋上で養蜂を始めたい", Bot(("escalate",))),
            (Press("DX推進課に相談する"), Bot(("prompt",), says=(ASK_DEADLINE,))),
            (Press("今週中"), Bot(("prompt",), says=(SUMMARY, "【ご相談内容】庁舎の屋上で養蜂を始めたい"))),
            (Press("内容を書き直す"), Bot(("prompt",), says=("について、どの業務で",))),
            (
                "会議室の予約をフォームにしたい",
                Bot(("prompt",), says=(SUMMARY, "【ご相談内容】会議室の予約をフォームにしたい")),
            ),
            (Press("この内容で相談する"), Bot(("escalate",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert (opened.query, opened.content) == ("庁舎の屋上で養蜂を始めたい", "会議室の予約をフォームにしたい")


def test_sections_are_told_from_what_staff_want() -> None:
    for section in (
        "税務課 収納係",
        "福祉事務所",
        "保険年金課・国保係（窓口担当）です。",
        "ケースワーカー",
        "課長",
        "DX推進課",
    ):
        assert looks_like_section(section), section
    for wanted in (
        "健診の問診票を年1万5千枚読み取りたい",
        "紙の申請書は月に200件ほどです",
        "課税の通知を自動化したい",
        "税務課で使えるか知りたいです",
        "毎月の集計表づくりに丸2日かかっていて、どうにかしたいと思っている",
        "x" * 61,
    ):
        assert not looks_like_section(wanted), wanted


def test_detail_typed_where_the_time_was_asked_is_added_to_the_content(scripted: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    detail = "巣箱は屋上に2つ置きたいです。近隣の方への説明も必要でしょうか。管財係とも話しています。"
    state = verify_dialog(
        scripted,
        [
            ("庁舎の屋上で養蜂を始めたい", Bot(("escalate",))),
            (Press("DX推進課に相談する"), Bot(("prompt",), says=(ASK_DEADLINE,))),
            (detail, Bot(("prompt",), says=("ご希望の時期ではなくご相談の補足", ASK_DEADLINE))),
            (
                "説明会が5月なので、4月末までに。ほかの課の事例もあれば知りたいです。",
                Bot(("prompt",), says=("ご相談の補足", SUMMARY, "【希望する時期】4月末まで")),
            ),
        ],
        desk=desk,
    )
    assert state.intake is not None
    assert state.intake.content == (
        f"庁舎の屋上で養蜂を始めたい\n（補足）{detail}\n"
        "（補足）説明会が5月なので、4月末までに。ほかの課の事例もあれば知りたいです。"
    ), "nothing typed is lost"


def test_a_section_typed_where_the_time_was_asked_corrects_the_remembered_one(scripted: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    verify_dialog(
        scripted,
        [
            ("庁舎の屋上で養蜂を始めたい", Bot(("escalate",))),
            (Press("DX推進課に相談する"), Bot(("prompt",), says=(ASK_DEADLINE,))),
            (
                "市民課",
                Bot(
                    ("prompt",), says=("ご所属を「市民課」に変更しました。", ASK_DEADLINE), primary=DEADLINES
                ),
            ),
            ("市民課です。", Bot(("prompt",), says=("ご所属は「市民課」で承っています。", ASK_DEADLINE))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY, "【所属】市民課", "【希望する時期】今月中"))),
            (Press("この内容で相談する"), Bot(("escalate",))),
        ],
        desk=desk,
    )
    (opened,) = desk.opened
    assert (opened.section, opened.wanted_by, opened.content) == (
        "市民課",
        "今月中",
        "庁舎の屋上で養蜂を始めたい",
    )
    for when in ("3月末", "来週の課内会議まで", "3月の委員会まで", "今月中"):
        assert not names_a_section(when), when


def test_times_are_told_from_detail() -> None:
    for when in ("3月末まで", "なるべく早めにお願いします", "急ぎません", "できれば今月中。", "特になし"):
        assert looks_like_deadline(when), when
    for detail in ("申請は月に200件です。紙で届きます", "x" * 51):
        assert not looks_like_deadline(detail), detail


def test_a_consultation_sent_again_points_at_the_open_one_first(scripted: Engine) -> None:
    desk = MemoryDesk(remembered="総務課")
    desk.open(_new("会議室の予約をフォームにしたい"))
    verify_dialog(
        scripted,
        [
            (Action("consult"), Bot(("prompt",), says=(ASK_CONTENT,))),
            ("会議室の予約をフォームにしたい", Bot(("prompt",), says=(ASK_DEADLINE,))),
            (Press("今月中"), Bot(("prompt",), says=(SUMMARY,))),
            (
                Press("この内容で相談する"),
                Bot(
                    ("prompt",),
                    says=("同じ内容のご相談を No.1 としてお預かりしています（受付済み・担当者の確認待ち）",),
                    primary=("No.1 に追記する", "新しく送る", "やめる"),
                ),
            ),
            (Press("新しく送る"), Bot(("escalate",), says=("受付番号は No.2 です",))),
        ],
        desk=desk,
    )
    assert len(desk.opened) == 2
