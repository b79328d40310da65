"""Transcripts: whole conversations, each step (what the user does, what the bot must do).

Answers, feedback, clarify, escalate, referrals, small talk and stale
buttons; browsing and follow-ups are in test_engine_browsing.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.dialogue import Incoming, State
from bot.dialogue.engine import FAINT, Engine
from bot.dialogue.state import MAX_TOKENS
from bot.search import Searcher, SearchResult
from tests.auxil.desk import MemoryDesk
from tests.auxil.searchers import ScriptedSearcher
from tests.auxil.transcript import (
    ASK_CONTENT,
    ASK_SECTION,
    FEEDBACK,
    INTAKE,
    KEY,
    MENU_CHOICES,
    Action,
    Bot,
    Press,
    verify_dialog,
)
from tests.dialogue.conftest import SCRIPT

STOP = ("やめる",)


class LongShot(ScriptedSearcher):
    """The scripted decisions, each with a confidence below `FAINT`."""

    def search(self, query: str) -> SearchResult:
        return replace(super().search(query), confidence=FAINT / 2)


# -- answer -------------------------------------------------------------------


def test_an_faq_answer_cites_its_source_shows_related_cases_and_asks_for_feedback(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (
                "RPAとは何ですか？",
                Bot(
                    ("answer",),
                    ref="faq:tool-rpa-basics",
                    says=("定型的な操作",),
                    primary=FEEDBACK,
                    source="よくある質問「RPAとは何ですか？",
                    cards=("手引きの関連する節", "児童手当の申請データ入力をRPAで自動化"),
                    offers=("詳しく見る", "この事例について相談する", "RPA"),
                ),
            ),
            ("", Bot(("prompt",), primary=MENU_CHOICES)),
            (Action("t:1"), Bot(("clarify",), says=("お役に立てず申し訳ありません",))),
        ],
    )


def test_solved_thanks_the_user(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("RPAとは何ですか？", Bot(("answer",), ref="faq:tool-rpa-basics")),
            (
                Press("解決した"),
                Bot(("feedback",), ref="faq:tool-rpa-basics", says=("お役に立ててよかった",)),
            ),
        ],
    )


def test_unsolved_offers_the_next_candidates_and_a_consultation(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("RPAとは何ですか？", Bot(("answer",), ref="faq:tool-rpa-basics")),
            (
                Press("解決しない"),
                Bot(
                    ("clarify",),
                    says=("ほかに、次の情報が見つかっています",),
                    primary=("DX推進課に相談する", "メニュー"),
                    cards=(
                        "RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？",
                    ),
                    not_says=("RPAとは何ですか？",),
                ),
            ),
            (
                Press("DX推進課に相談する"),
                Bot(
                    ("prompt",),
                    says=(INTAKE, "「RPAとは何ですか？」について、どの業務で"),
                    primary=("やめる",),
                ),
            ),
        ],
    )


def test_unsolved_picking_a_next_candidate_answers_it_with_feedback_again(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("RPAとは何ですか？", Bot(("answer",))),
            (Press("解決しない"), Bot(("clarify",))),
            (
                Press("RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？"),
                Bot(("answer",), ref="faq:tool-rpa-request", primary=FEEDBACK),
            ),
        ],
    )


def test_a_manual_section_as_the_answer_cites_chapter_and_section(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [
            (
                "棚卸しの進め方の節",
                Bot(
                    ("answer",),
                    ref="sec:inventory#steps",
                    primary=FEEDBACK,
                    source="『業務改善の手引き』第2章 業務の棚卸し「棚卸しの進め方」",
                    cards=("手引きの前後の節",),
                    offers=("前の節", "次の節"),
                ),
            ),
        ],
    )


def test_a_case_as_the_answer_shows_its_effect_and_a_way_to_consult(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [
            (
                "介護の申請書をOCRで読んだ話",
                Bot(
                    ("answer",),
                    ref="case:ocr-kaigo-application",
                    primary=(*FEEDBACK, "この事例について相談する"),
                    says=("【効果】", "年間約480時間削減", "介護保険課 認定係（内線 3342）"),
                    source="改善事例「手書きの申請書をAI-OCRで読み取りRPAで入力」",
                ),
            ),
            (
                Press("この事例について相談する"),
                Bot(
                    ("prompt",),
                    says=(INTAKE, "改善事例『手書きの申請書をAI-OCRで読み取りRPAで入力』について"),
                ),
            ),
        ],
    )


# -- clarify and escalate -----------------------------------------------------


def test_clarify_offers_each_candidate_once_as_a_card_and_none_of_these(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [
            (
                "申請のことを聞きたい",
                Bot(
                    ("clarify",),
                    says=("もしかして",),
                    not_says=("RPAを使いたい場合",),
                    primary=("どれでもない", "メニュー"),
                    cards=(
                        "区民向けの申請や申込みを電子申請（オンラインフォーム）にするには、どうすればよいですか？",
                        "RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？",
                        "休暇・勤怠のお問い合わせ先",
                    ),
                ),
            ),
            (
                Press("RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？"),
                Bot(("answer",), ref="faq:tool-rpa-request", primary=FEEDBACK),
            ),
            (Press("解決しない"), Bot(("clarify",), offers=("DX推進課に相談する",))),
            (
                Press("DX推進課に相談する"),
                Bot(("prompt",), says=(INTAKE, "「申請のことを聞きたい」について")),
            ),
        ],
    )


def test_clarify_with_one_candidate_asks_about_that_one(scripted: Engine, searcher: Searcher) -> None:
    rpa_request = "RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？"
    verify_dialog(
        scripted,
        [
            (
                "RPAの申請のこと",
                Bot(
                    ("clarify",),
                    says=("もしかして、こちらについてのご質問でしょうか？",),
                    not_says=("どれ",),
                    primary=("違います", "メニュー"),
                    cards=(rpa_request,),
                ),
            ),
            (Press("違います"), Bot(("escalate",), offers=("DX推進課に相談する",))),
        ],
    )
    verify_dialog(
        Engine(LongShot(searcher, SCRIPT)),
        [("RPAの申請のこと", Bot(("clarify",), says=("こちらでなければ",), not_says=("どれ",)))],
    )


def test_a_long_shot_says_nothing_fits_and_offers_the_consultation_beside_its_candidates(
    searcher: Searcher,
) -> None:
    verify_dialog(
        Engine(LongShot(searcher, SCRIPT)),
        [
            (
                "申請のことを聞きたい",
                Bot(
                    ("clarify",),
                    says=("ぴったり合う情報は", "近いかもしれない項目"),
                    not_says=("もしかして",),
                    primary=("DX推進課に相談する", "メニュー"),
                    cards=("休暇・勤怠のお問い合わせ先",),
                ),
            ),
            (
                Press("DX推進課に相談する"),
                Bot(("prompt",), says=(INTAKE, "「申請のことを聞きたい」について")),
            ),
        ],
    )


def test_none_of_these_leads_to_a_consultation_offer(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [
            ("申請のことを聞きたい", Bot(("clarify",))),
            (
                Press("どれでもない"),
                Bot(("escalate",), says=("申し訳ありません",), primary=("DX推進課に相談する", "メニュー")),
            ),
            (
                Press("DX推進課に相談する"),
                Bot(("prompt",), says=(INTAKE, "「申請のことを聞きたい」について")),
            ),
        ],
    )


def test_a_candidate_of_the_referral_kind_answers_with_the_office(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [
            ("申請のことを聞きたい", Bot(("clarify",))),
            (
                Press("休暇・勤怠のお問い合わせ先"),
                Bot(("referral",), ref="ref:ref-leave", says=("人事課", "内線 2110"), primary=FEEDBACK),
            ),
        ],
    )


def test_escalate_is_honest_and_offers_the_dx_team(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [
            (
                "庁舎の屋上で養蜂を始めたい",
                Bot(
                    ("escalate",),
                    says=("見つかりませんでした", "DX推進課"),
                    primary=("DX推進課に相談する", "メニュー"),
                    no_cards=True,
                ),
            ),
            (
                Press("DX推進課に相談する"),
                Bot(("prompt",), says=(INTAKE, ASK_SECTION), not_says=(ASK_CONTENT,)),
            ),
        ],
    )


def test_small_talk_found_by_the_search_gets_its_answer_and_the_menu(scripted: Engine) -> None:
    verify_dialog(
        scripted, [("今日もいい天気ですねえ", Bot(("smalltalk",), ref="talk:weather", primary=MENU_CHOICES))]
    )


def test_small_talk_is_never_offered_as_a_candidate(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [("RPAかなあ、こんにちは", Bot(("clarify",), not_says=("こんにちは\n",), offers=("どれでもない",)))],
    )


# -- referral and small talk -------------------------------------------------


def test_a_referral_names_the_office_and_how_to_reach_it(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (
                "有給休暇はどうやって申請しますか",
                Bot(
                    ("referral",),
                    ref="ref:ref-leave",
                    says=("人事課", "内線 2110", "職員ポータル「人事・給与」"),
                ),
            ),
            ("パスワードを忘れた", Bot(("referral",), ref="ref:ref-password")),
        ],
    )


def test_greetings_and_thanks_are_answered_without_a_search(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (
                "こんにちは",
                Bot(("smalltalk",), ref="talk:greeting", says=("業務改善相談bot",), primary=MENU_CHOICES),
            ),
            ("ありがとうございました！", Bot(("smalltalk",), ref="talk:thanks")),
        ],
    )


@pytest.mark.parametrize(
    ("text", "ref", "says"),
    [
        ("戻りました", "talk:back", "おかえりなさい"),
        ("ただいま戻りました。", "talk:back", "おかえりなさい"),
        ("お疲れさまです", "talk:greeting", "お疲れさまです"),
        ("失礼します", "talk:goodbye", "ご利用ありがとうございました"),
        ("会議から戻りました", "talk:back", "おかえりなさい"),
        ("打ち合わせから戻りました。", "talk:back", "おかえりなさい"),
        ("お待たせしました", "talk:waited", "お気になさらないでください"),
        ("お待たせしてすみません", "talk:waited", "お気になさらないでください"),
    ],
)
def test_a_staff_members_everyday_greeting_is_answered_as_small_talk(
    engine: Engine, text: str, ref: str, says: str
) -> None:
    """「戻りました」, 「会議から戻りました」 and 「お待たせしました」 got
    「ぴったり合う情報は…見つかりませんでした」 and the consultation's button."""
    verify_dialog(
        engine,
        [(text, Bot(("smalltalk",), ref=ref, says=(says,), not_says=("ぴったり",), primary=MENU_CHOICES))],
    )


@pytest.mark.parametrize("text", ["いいえ", "ちがいます", "OK", "わかりました", "👍", "？", "🙏🙏"])
def test_yes_no_or_emoji_alone_is_never_searched(engine: Engine, text: str) -> None:
    """Searched, 「いいえ」 offered 生成AI among もしかして, 「わかりました」 got 「どういたしまして」, and
    「👍」 was told nothing matched it."""
    verify_dialog(
        engine,
        [
            (
                text,
                Bot(
                    ("prompt",),
                    says=("承知しました",) if text.isalpha() else ("絵文字や記号だけでは",),
                    not_says=("見つかりませんでした", "どういたしまして", "もしかして"),
                    no_cards=True,
                ),
            )
        ],
    )


def test_no_after_the_candidates_offers_to_consult_about_the_question(scripted: Engine) -> None:
    """いいえ to もしかして means none of them, as どれでもない does: the consultation takes the question."""
    verify_dialog(
        scripted,
        [
            ("申請のことを聞きたい", Bot(("clarify",))),
            ("いいえ", Bot(("prompt",), says=("承知しました",), primary=("DX推進課に相談する", "メニュー"))),
            (
                Press("DX推進課に相談する"),
                Bot(("prompt",), says=(INTAKE, "「申請のことを聞きたい」について")),
            ),
        ],
    )


def test_the_knowledges_own_small_talk_answers_yes_before_the_built_in_reply(engine: Engine) -> None:
    verify_dialog(engine, [("はい", Bot(("smalltalk",), ref="talk:laugh-or-filler"))])


# -- stale and forged buttons -------------------------------------------------


def test_unknown_or_stale_payloads_get_a_polite_restart_and_the_menu(engine: Engine) -> None:
    restart = Bot(("restart",), says=("もう一度お選びいただく",), primary=MENU_CHOICES)
    verify_dialog(
        engine,
        [
            (Action("t:zzz"), restart),
            (Action("case:no-such-case"), restart),
            (Action("ch:no-such-chapter"), restart),
            (Action("tool:そろばん"), restart),
            (Action("dept:no-such-case"), restart),
            (Action("cat:存在しない"), restart),
            (Action("consult:case:missing"), restart),
            (Action("sec:inventory#missing"), restart),
            (Action('{"op": "solved"}'), restart),
            (Action(""), restart),
            (Action("x" * 500), restart),
        ],
    )


def test_old_tokens_expire(engine: Engine) -> None:
    desk = MemoryDesk()
    first = engine.step(Incoming(KEY, text="RPAとは何ですか？"), State(), desk)
    solved = first.replies[0].choices[0].action
    state = first.state
    for _ in range(MAX_TOKENS):
        state = engine.step(Incoming(KEY, text="ECRSとは何ですか？"), state, desk).state
    verify_dialog(engine, [(Action(solved), Bot(("restart",)))], state=state)


def test_a_button_pressed_after_a_restart_of_the_conversation_state_still_works(engine: Engine) -> None:
    """Stateless buttons (browsing) work on any state, e.g. after the state was purged."""
    verify_dialog(
        engine, [(Action("tool:RPA"), Bot(("list",))), (Action("case:rpa-tax-reconcile"), Bot(("case",)))]
    )


def test_unsolved_offers_each_close_candidate_once_and_no_distant_one(engine: Engine) -> None:
    desk = MemoryDesk()
    answered = engine.step(Incoming(KEY, text="紙の書類を減らしたい"), State(), desk)
    (answer,) = answered.replies
    assert answer.ref == "faq:tool-paperless"
    unsolved = next(c.action for c in answer.choices if c.label == "解決しない")
    (reply,) = engine.step(Incoming(KEY, action=unsolved), answered.state, desk).replies
    titles = [card.title for card in reply.cards]
    assert len(titles) == len(set(titles)), "each candidate once"
    assert "申請書の押印や、紙の書類への署名を見直したいのですが、どう進めればよいですか？" in titles
    assert not any("会議" in title for title in titles), "a candidate that only shares 減らす is not offered"
    everything = [reply.text, *(c.label for c in reply.choices)]
    assert not any(title in text for title in titles for text in everything), "not repeated elsewhere"


@pytest.mark.parametrize("wish", ["DXの人に相談したい", "相談したいです", "ちょっと相談したいんだけど"])
def test_an_explicit_wish_to_consult_with_no_topic_just_opens_the_form(engine: Engine, wish: str) -> None:
    """Beside the form, a loosely related FAQ entry (what can be consulted) was only in the way."""
    verify_dialog(
        engine,
        [(wish, Bot(("prompt",), says=(INTAKE, ASK_CONTENT), not_says=("ご参考までに",), primary=STOP))],
    )
    turn = engine.step(Incoming(KEY, text=wish), State(), MemoryDesk())
    assert turn.state.intake is not None
    assert turn.state.intake.content == "", "the wish itself is not the content"
    assert engine.ahead(Incoming(KEY, text=wish)) is engine, "nothing to search for it"


def test_an_explicit_wish_to_consult_about_something_has_the_faq_as_a_side_note(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            (
                "RPAの導入について相談したい",
                Bot(("list", "prompt"), says=("ご参考までに", INTAKE), primary=("内容を書き直す", "やめる")),
            ),
        ],
    )


def test_a_wish_to_consult_about_something_keeps_what_it_is_about(engine: Engine) -> None:
    turn = engine.step(Incoming(KEY, text="RPAの導入について相談したいのですが"), State(), MemoryDesk())
    assert turn.replies[-1].kind == "prompt"
    assert turn.state.intake is not None
    assert turn.state.intake.query == "RPAの導入について相談したいのですが"
    assert any("RPA" in card.title for card in turn.replies[0].cards), "the RPA entry as a side note"


def test_asking_whether_one_may_consult_is_a_question_not_a_wish(engine: Engine) -> None:
    turn = engine.step(Incoming(KEY, text="小さなことでも相談できますか？"), State(), MemoryDesk())
    assert turn.state.intake is None
    assert turn.replies[-1].kind in ("answer", "clarify")
