"""Transcripts: whole conversations, each step (what the user does, what the bot must do)."""

from __future__ import annotations

from bot.dialogue import Engine, Incoming, State
from bot.dialogue.state import MAX_TOKENS
from tests.auxil.transcript import KEY, Action, Bot, Press, verify_dialog

MENU_CHOICES = ("改善事例を見る", "手引きを読む", "DX推進課に相談する")
FEEDBACK = ("解決した", "解決しない")
DX_CONTACT = ("内線 2345", "dx-kaizen@city.sample.lg.jp", "業務改善相談フォーム")


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
                    offers=(
                        "RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？",
                    ),
                    not_says=("RPAとは何ですか？",),
                ),
            ),
            (
                Press("DX推進課に相談する"),
                Bot(("contact",), says=(*DX_CONTACT, "「RPAとは何ですか？」の件")),
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
                    ("contact",), says=(*DX_CONTACT, "改善事例『手書きの申請書をAI-OCRで読み取りRPAで入力』")
                ),
            ),
        ],
    )


# -- clarify and escalate -----------------------------------------------------


def test_clarify_offers_two_candidates_and_none_of_these_with_the_rest_on_a_card(scripted: Engine) -> None:
    verify_dialog(
        scripted,
        [
            (
                "申請のことを聞きたい",
                Bot(
                    ("clarify",),
                    says=("もしかして",),
                    primary=(
                        "区民向けの申請や申込みを電子申請（オンラインフォーム）にするには、どうすればよいですか？",
                        "RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？",
                        "どれでもない",
                    ),
                    cards=("ほかの候補",),
                    offers=("休暇・勤怠のお問い合わせ先",),
                ),
            ),
            (
                Press("RPAを使いたい場合、どのように申請すればよいですか？ライセンスはどうなっていますか？"),
                Bot(("answer",), ref="faq:tool-rpa-request", primary=FEEDBACK),
            ),
            (Press("解決しない"), Bot(("clarify",), offers=("DX推進課に相談する",))),
            (Press("DX推進課に相談する"), Bot(("contact",), says=("「申請のことを聞きたい」の件",))),
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
            (Press("DX推進課に相談する"), Bot(("contact",), says=DX_CONTACT)),
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
                Bot(("contact",), says=(*DX_CONTACT, "「庁舎の屋上で養蜂を始めたい」の件")),
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


# -- referral, small talk, menu ----------------------------------------------


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


def test_menu_and_help_show_the_menu_with_faq_categories(engine: Engine) -> None:
    verify_dialog(
        engine,
        [
            ("メニュー", Bot(("menu",), primary=MENU_CHOICES, cards=("よくある質問から探す",))),
            ("ヘルプ", Bot(("menu",), primary=MENU_CHOICES, offers=("ツールの使い方", "相談のしかた"))),
            (Press("DX推進課に相談する"), Bot(("contact",), says=DX_CONTACT)),
        ],
    )


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
            (Press("この事例について相談する"), Bot(("contact",), says=(*DX_CONTACT, "改善事例『"))),
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
    turn = engine.step(Incoming(KEY, action="tool:AI-OCR"), State())
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
            ("他には？", Bot(("list",), says=("ほかに、次の情報があります",))),
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
            ("ほかには", Bot(("list",), cards=("RPAを使いたい場合",))),
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


# -- stale and forged buttons -------------------------------------------------


def test_unknown_or_stale_payloads_get_a_polite_restart_and_the_menu(engine: Engine) -> None:
    restart = Bot(("restart", "menu"), says=("もう一度お試しいただく",), primary=MENU_CHOICES)
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
    first = engine.step(Incoming(KEY, text="RPAとは何ですか？"), State())
    solved = first.replies[0].choices[0].action
    state = first.state
    for _ in range(MAX_TOKENS):
        state = engine.step(Incoming(KEY, text="ECRSとは何ですか？"), state).state
    verify_dialog(engine, [(Action(solved), Bot(("restart", "menu")))], state=state)


def test_a_button_pressed_after_a_restart_of_the_conversation_state_still_works(engine: Engine) -> None:
    """Stateless buttons (browsing) work on any state, e.g. after the state was purged."""
    verify_dialog(
        engine, [(Action("tool:RPA"), Bot(("list",))), (Action("case:rpa-tax-reconcile"), Bot(("case",)))]
    )
