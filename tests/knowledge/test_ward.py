"""knowledge/ward.yaml: the ward's own names, checked like other files; the sample ward by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, Problem, Ward, load_knowledge
from tests.knowledge.test_loader import GOOD_FAQ, write_kb

OTHER_WARD = """\
ward: みどり区
team: 業務改革係
team_full: 総務部 業務改革係
department: 総務部 業務改革係
contact: 業務改革係（内線 8181）
answer_time: 5業務日以内
bot_name: みどり区 しごと改善アシスタント
subject: しごと改善
topics: 申請の電子化や帳票の見直しなど
examples: [申請書を電子化したい, 帳票の見直し方]
manual: しごと改善ガイド
policy: 区の改革方針
"""


def test_without_the_file_the_sample_ward_is_used(tmp_path: Path) -> None:
    kb = load_knowledge(*write_kb(tmp_path))
    assert kb.ward == Ward()
    assert (kb.ward.ward, kb.ward.team, kb.ward.answer_time) == ("サンプル区", "DX推進課", "3開庁日以内")
    assert (kb.ward.manual_title, kb.ward.category_labels) == ("『業務改善の手引き』", {})


def test_the_sample_wards_file_says_what_the_defaults_say_and_labels_its_own_faqs_categories() -> None:
    """The labels belong to the sample FAQ's categories: a ward's own FAQ is not given them unasked."""
    from bot.config import PROJECT_ROOT

    sample = load_knowledge(PROJECT_ROOT / "faq.yaml", PROJECT_ROOT / "knowledge")
    assert sample.ward == Ward(categories=sample.ward.categories)
    assert list(sample.ward.categories) == list(dict.fromkeys(e.category for e in sample.faq if e.category))
    assert sample.ward.categories["研修"] == "研修・学習"


def test_a_wards_own_names_are_read_and_a_missing_key_keeps_the_sample(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    (knowledge / "ward.yaml").write_text(
        OTHER_WARD.replace("answer_time: 5業務日以内\n", ""), encoding="utf-8"
    )
    ward = load_knowledge(faq, knowledge).ward
    assert (ward.ward, ward.team, ward.contact) == ("みどり区", "業務改革係", "業務改革係（内線 8181）")
    assert ward.consult_label == "業務改革係に相談する"
    assert (ward.manual_title, ward.category_labels) == ("『しごと改善ガイド』", {"方針": "区の改革方針"})
    assert ward.answer_time == "3開庁日以内"


def test_the_ward_file_changes_the_fingerprint(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    before = load_knowledge(faq, knowledge).fingerprint
    (knowledge / "ward.yaml").write_text(OTHER_WARD, encoding="utf-8")
    assert load_knowledge(faq, knowledge).fingerprint != before


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("ward: みどり区\nteam_name: 業務改革係\n", 2, "team_name"),
        ("ward: みどり区\nteam: ''\n", 2, "team"),
        ("ward: みどり区\ncontact: [内線, 8181]\n", 2, "contact"),
        ("- みどり区\n", 1, "キー: 値"),
        ("ward: [みどり区\n", 1, "「[」を閉じる「]」がありません"),
        ("ward: みどり区\ncontact: |\n  業務改革係\n  内線 8181\n", 2, "「contact」: 改行を入れずに1行で"),
        ("ward: みどり区\nteam: 業務改革係\ncontact: 内線 8181\nteam: ''\n", 4, "「team」が2行目と4行目"),
        ("ward: みどり区\nmanual: 『しごと改善ガイド』\n", 2, "『』なしで"),
        ("ward: みどり区\npolicy: ''\n", 2, "policy"),
        ("ward: みどり区\ncategories:\n  税: 税金のこと\n  ごみ: ''\n", 4, "「categories」の「ごみ」"),
        ("ward: みどり区\ncategories: [税, ごみ]\n", 2, "categories"),
    ],
)
def test_problems_name_the_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    faq, knowledge = write_kb(tmp_path)
    (knowledge / "ward.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(faq, knowledge)
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{knowledge / 'ward.yaml'}:{line}:") and words in p for p in found), found


def test_categories_label_and_order_the_menu_and_an_older_files_policy_labels_方針(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    ward_file = knowledge / "ward.yaml"
    ward_file.write_text("categories:\n  税: 税金・保険料\n  方針: 区政の方針\n", encoding="utf-8")
    assert load_knowledge(faq, knowledge).ward.category_labels == {"税": "税金・保険料", "方針": "区政の方針"}
    ward_file.write_text("policy: 区の改革方針\ncategories:\n  税: 税金・保険料\n", encoding="utf-8")
    assert list(load_knowledge(faq, knowledge).ward.category_labels.items()) == [
        ("税", "税金・保険料"),
        ("方針", "区の改革方針"),
    ]


def test_examples_are_a_short_list_without_brackets(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    (knowledge / "ward.yaml").write_text("examples:\n  - 粗大ごみの出し方\n  - 住民票\n", encoding="utf-8")
    assert load_knowledge(faq, knowledge).ward.example_list == "「粗大ごみの出し方」「住民票」"
    for bad, words in (("examples: []\n", "examples"), ("examples:\n  - 「住民票」\n", "「」なしで")):
        (knowledge / "ward.yaml").write_text(bad, encoding="utf-8")
        with pytest.raises(KnowledgeError) as caught:
            load_knowledge(faq, knowledge)
        assert any(words in str(p) for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    ("examples", "said"),
    [
        ("[一, 二, 三, 四, 五, 六]", "「examples」は5件までにしてください（6件あります）"),
        ("[]", "「examples」には1件以上書いてください"),
        (
            "[「ロボット」]",
            "「examples」の1番目: 例は「」なしで書いてください（表示するときに「」を付けます）",
        ),
        ("ロボットを入れたい", "「examples」はリストにしてください"),
    ],
    ids=["six", "none", "one in brackets", "not a list"],
)
def test_wrong_examples_are_told_by_their_real_problem(tmp_path: Path, examples: str, said: str) -> None:
    """The limit is of items, not characters; an item that is wrong is not counted as missing besides."""
    faq, knowledge = write_kb(tmp_path)
    (knowledge / "ward.yaml").write_text(f"ward: みどり区\nexamples: {examples}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(faq, knowledge)
    assert [str(p) for p in caught.value.problems] == [f"{knowledge / 'ward.yaml'}:2: {said}"]


def test_check_names_the_manual_as_the_ward_does(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path, faq=GOOD_FAQ.replace("remedy#rpa", "remedy#nowhere"))
    (knowledge / "ward.yaml").write_text(f"{OTHER_WARD}manual_short: ガイド\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(faq, knowledge)
    assert [str(p) for p in caught.value.problems] == [
        f"{faq}:6: 関連するガイドの節「remedy#nowhere」が見つかりません"
        "（05-remedy.md に節「nowhere」がありません）"
    ]


def test_a_category_the_faq_does_not_have_is_noted_with_the_faqs_own(tmp_path: Path) -> None:
    """ward.yaml's システム beside an FAQ imported with ｼｽﾃﾑ: its label was never shown, and no one said."""
    faq, knowledge = write_kb(tmp_path, GOOD_FAQ.replace("category: ツール", "category: ｼｽﾃﾑ"))
    ward_file = knowledge / "ward.yaml"
    labels = "  ｼｽﾃﾑ: 機器\n  システム: システム・パソコン\n  税: 税金\n"
    ward_file.write_text(f"ward: みどり区\ncategories:\n{labels}", encoding="utf-8")
    notes: list[Problem] = []
    load_knowledge(faq, knowledge, notes)
    unused = "注意: 分類「{}」のFAQがないため、この表示名は使われません（{}）"
    assert [str(note) for note in notes] == [
        f"{ward_file}:4: " + unused.format("システム", "FAQでは「ｼｽﾃﾑ」と書かれています"),
        f"{ward_file}:5: " + unused.format("税", "FAQの分類は「ｼｽﾃﾑ」です"),
    ]
