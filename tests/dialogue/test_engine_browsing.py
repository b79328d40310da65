"""Transcripts of finding one's way: the menu, FAQ by category, cases, the manual, follow-ups."""

from __future__ import annotations

from bot.dialogue import Incoming, State
from bot.dialogue.engine import Engine
from tests.auxil.desk import MemoryDesk
from tests.auxil.transcript import (
    ASK_CONTENT,
    FEEDBACK,
    INTAKE,
    KEY,
    MENU_CHOICES,
    Action,
    Bot,
    Press,
    verify_dialog,
)


def test_menu_and_help_show_the_menu_with_faq_categories(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("メニュー", Bot(("menu",), primary=MENU_CHOICES, cards=("よくある質問から探す",))),
            ("ヘルプ", Bot(("menu",), primary=MENU_CHOICES, offers=("ツールの使い方", "相談のしかた"))),
            (Press("DX推進課に相談する"), Bot(("prompt",), says=(INTAKE, ASK_CONTENT))),
        ],
    )


def test_a_way_out_typed_outside_the_form_is_no_question(engine: Engine) -> None:
    """戻る, やめる, キャンセル are commands, not searches (やめる was answered with ECRS: やめられないか)."""
    verify_dialog(
        engine,
        [
            ("戻る", Bot(("menu",), primary=MENU_CHOICES)),
            ("やめる", Bot(("menu",), primary=MENU_CHOICES)),
            ("キャンセル", Bot(("menu",), primary=MENU_CHOICES)),
            ("リセット", Bot(("menu",), primary=MENU_CHOICES)),
            ("終了", Bot(("smalltalk",), says=("ご利用ありがとうございました",), primary=MENU_CHOICES)),
            ("以上です", Bot(("smalltalk",), says=("ご利用ありがとうございました",))),
        ],
    )


def test_a_menu_buttons_label_typed_in_acts_as_the_button(engine: Engine) -> None:
    """Typed, 手引きを読む was answered with the FAQ entry on where the manual is kept, not the manual."""
    verify_dialog(
        engine,
        [
            ("手引きを読む", Bot(("menu",), says=("全9章",), cards=("第1章", "第9章"))),
            (
                "改善事例を見る。",
                Bot(("menu",), says=("改善事例は",), primary=("ツールから探す", "課から探す", "メニュー")),
            ),
            ("ＤＸ推進課に相談する", Bot(("prompt",), says=(INTAKE, ASK_CONTENT))),
        ],
    )
    # A question that holds a label is still a question.
    (reply,) = engine.step(Incoming(KEY, text="手引きを読む時間がない"), State(), MemoryDesk()).replies
    assert reply.kind != "menu"


def test_faq_by_category_pages_with_more(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("menu", Bot(("menu",))),
            (
                Press("ツールの使い方"),
                Bot(
                    ("list",),
                    says=("「ツールの使い方」のよくある質問", "ほかに"),
                    offers=("続きを見る", "回答を見る"),
                ),
            ),
            (Press("続きを見る"), Bot(("list",), says=("続きです",))),
            (Press("回答を見る"), Bot(("answer",), primary=FEEDBACK)),
        ],
    )


# -- cases ----------------------------------------------------------------------


def test_browse_cases_by_tool_then_open_a_case_and_consult_about_it(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("メニュー", Bot(("menu",))),
            (
                Press("改善事例を見る"),
                Bot(
                    ("menu",), says=("改善事例は24件",), primary=("ツールから探す", "課から探す", "メニュー")
                ),
            ),
            (Press("ツールから探す"), Bot(("menu",), offers=("RPA（3件）", "AI-OCR（2件）", "LINE（2件）"))),
            (
                Press("RPA（3件）"),
                Bot(
                    ("list",),
                    says=("「RPA」を使った改善事例です（3件）",),
                    cards=("口座振替結果の照合作業をRPA化",),
                ),
            ),
            (
                Press("詳しく見る"),
                Bot(("case",), says=("【課題】", "【取り組み】", "【効果】", "【期間】", "【問い合わせ先】")),
            ),
            (Press("この事例について相談する"), Bot(("prompt",), says=(INTAKE, "改善事例『"))),
        ],
    )


def test_browse_cases_by_section(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (Action("cases"), Bot(("menu",))),
            (Press("課から探す"), Bot(("menu",), offers=("税務課（1件）", "防災課（2件）"))),
            (
                Press("税務課（1件）"),
                Bot(
                    ("list",), says=("税務課の改善事例です（1件）",), cards=("口座振替結果の照合作業をRPA化",)
                ),
            ),
        ],
    )


def test_case_cards_show_the_effect_in_numbers(engine: Engine) -> None:
    turn = engine.step(Incoming(KEY, action="tool:AI-OCR"), State(), MemoryDesk())
    (reply,) = turn.replies
    assert len(reply.cards) == 2
    for card in reply.cards:
        assert any(ch.isdigit() for ch in card.text), card.text
        assert [c.label for c in card.choices] == ["詳しく見る", "この事例について相談する"]


def test_search_cases_by_typing_a_tool_a_section_or_a_word(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (
                "OCRの事例",
                Bot(
                    ("list",), says=("「AI-OCR」の改善事例が2件",), cards=("健診の問診票をAI-OCRでデータ化",)
                ),
            ),
            ("エクセルの事例を見たい", Bot(("list",), says=("「Excel」の改善事例が6件",))),
            ("税務課の事例", Bot(("list",), says=("「税務課」の改善事例が1件",))),
            (
                "児童手当の事例はありますか？",
                Bot(("list",), cards=("児童手当の申請データ入力をRPAで自動化",)),
            ),
            ("事例を見たい", Bot(("menu",), primary=("ツールから探す", "課から探す", "メニュー"))),
            ("宇宙開発の事例", Bot(("list",), says=("見つかりませんでした",), no_cards=True)),
        ],
    )


def test_a_long_case_list_shows_ten_and_the_rest_on_request(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("入力の事例", Bot(("list",), says=("14件", "ほかに4件"), offers=("続きを見る",))),
            (
                "他には？",
                Bot(
                    ("list",),
                    says=("ほかに、次の情報があります",),
                    primary=("DX推進課に相談する", "メニュー"),
                ),
            ),
            ("他には？", Bot(("escalate",), says=("ほかにお示しできる情報は見つかりませんでした",))),
        ],
    )


# -- manual -------------------------------------------------------------------


def test_read_the_manual_chapter_by_chapter_section_by_section(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (Action("manual"), Bot(("menu",), says=("全9章",), cards=("第1章", "第9章"))),
            (
                Action("ch:inventory"),
                Bot(("menu",), says=("第2章 業務の棚卸し",), offers=("最初の節から読む", "この節を読む")),
            ),
            (
                Press("最初の節から読む"),
                Bot(
                    ("section",), ref="sec:inventory#why", source="第2章 業務の棚卸し「なぜ棚卸しをするのか」"
                ),
            ),
            (
                Press("次の節"),
                Bot(("section",), ref="sec:inventory#steps", primary=("前の節", "次の節", "この章の目次")),
            ),
            (Press("この章の目次"), Bot(("menu",), says=("第2章",))),
        ],
    )


# -- follow-ups -----------------------------------------------------------------


def test_more_detail_and_other_refer_to_the_previous_answer(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("ECRSとは何ですか？", Bot(("answer",), ref="faq:method-ecrs")),
            (
                "もっと詳しく",
                Bot(
                    ("prompt", "section"),
                    ref="sec:ecrs#overview",
                    says=("「ECRS（排除・結合・交換・簡素化）とは何ですか？」について",),
                ),
            ),
            (
                "他には？",
                Bot(("list",), cards=("「排除：やめられないか」", "ECRSで窓口書類のチェック工程を見直し")),
            ),
        ],
    )


def test_other_after_an_answer_offers_the_remaining_candidates(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("RPAとは何ですか？", Bot(("answer",))),
            (
                "ほかには",
                Bot(
                    ("list",),
                    cards=("RPAを使いたい場合",),
                    says=("この中にお探しの内容がなければ、DX推進課の担当者に直接ご相談いただけます",),
                    primary=("DX推進課に相談する", "メニュー"),
                ),
            ),
            (Press("DX推進課に相談する"), Bot(("prompt",), says=(INTAKE, "「RPAとは何ですか？」について"))),
        ],
    )


def test_more_detail_of_a_case_opens_the_manual_it_follows(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (Action("case:ocr-kaigo-application"), Bot(("case",))),
            ("詳しく教えて", Bot(("prompt", "section"), ref="sec:remedy#ocr")),
        ],
    )


def test_more_detail_without_anything_to_add_offers_a_consultation(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("有給休暇はどうやって申請しますか", Bot(("referral",))),
            ("もっと詳しく", Bot(("escalate",), says=("これ以上詳しい資料は用意していません",))),
        ],
    )


def test_follow_ups_without_a_previous_answer_are_handled_politely(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("もっと詳しく", Bot(("prompt",), says=("分かりませんでした",), primary=MENU_CHOICES)),
            ("他には？", Bot(("escalate",), offers=("DX推進課に相談する",))),
        ],
    )
