"""The loader reports every problem as file:line: message, and never returns half-checked data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, Problem, load_knowledge
from tests.auxil.server import run_bot
from tests.conftest import FAQ_PATH, KNOWLEDGE_DIR

GOOD_FAQ = """\
- id: tool-rpa-basics
  category: ツール
  question: RPAとは何ですか？
  answer: パソコンの定型作業を自動化する仕組みです。
  phrasings: [RPAってなに？]
  manual: [remedy#rpa]
  cases: [rpa-one]
"""

GOOD_CASE = """\
id: rpa-one
title: 入力作業をRPAで自動化
section: 子育て支援課
problem: 毎月800件を手入力していました。
actions: RPAで入力を自動化しました。
tools: [RPA]
effect: [年間320時間削減]
period: 2025年4月〜9月
contact: 子育て支援課（内線 3120）
"""

GOOD_CHAPTER = """\
<!-- サンプル -->
# 第5章 改善策を選ぶ

この章では改善策を選びます。

## RPA {#rpa}

RPAは定型作業に向いています。
"""


def write_kb(
    root: Path, faq: str = GOOD_FAQ, case: str = GOOD_CASE, chapter: str = GOOD_CHAPTER
) -> tuple[Path, Path]:
    knowledge = root / "knowledge"
    (knowledge / "manual").mkdir(parents=True)
    (knowledge / "cases").mkdir()
    (root / "faq.yaml").write_text(faq, encoding="utf-8")
    (knowledge / "cases" / "rpa-one.yaml").write_text(case, encoding="utf-8")
    (knowledge / "manual" / "05-remedy.md").write_text(chapter, encoding="utf-8")
    return root / "faq.yaml", knowledge


def problems_of(faq: Path, knowledge: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(faq, knowledge)
    return [str(p) for p in caught.value.problems]


def test_a_small_consistent_knowledge_loads(tmp_path: Path) -> None:
    kb = load_knowledge(*write_kb(tmp_path))
    assert [e.id for e in kb.faq] == ["tool-rpa-basics"]
    assert kb.section("remedy#rpa") is not None
    assert kb.section("remedy#rpa").body == "RPAは定型作業に向いています。"  # type: ignore[union-attr]
    assert kb.cases[0].effect == ["年間320時間削減"]
    assert len(kb.fingerprint) == 64


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    broken = GOOD_FAQ + "- id: broken\n  question: [unclosed\n  answer: x\n"
    faq, knowledge = write_kb(tmp_path, faq=broken)
    [problem] = problems_of(faq, knowledge)
    assert problem.startswith(f"{faq}:")
    line = int(problem.split(":")[1])
    assert 9 <= line <= 11
    assert "YAML" in problem


@pytest.mark.parametrize(
    "faq_text", ["", "# 後で書く\n", "[]\n"], ids=["empty", "comments only", "empty list"]
)
def test_a_faq_without_entries_is_refused_rather_than_served(tmp_path: Path, faq_text: str) -> None:
    faq, knowledge = write_kb(tmp_path, faq=faq_text)
    assert problems_of(faq, knowledge) == [
        f"{faq}: FAQの項目が1件もありません（空のファイルでは今の知識を置き換えません）"
    ]


def test_a_byte_that_is_no_utf8_is_reported_on_its_own_line(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    lines = GOOD_FAQ.encode("utf-8").splitlines(keepends=True)
    lines[3] = "  answer: 定型作業を自動化します。\n".encode("cp932")
    faq.write_bytes(b"".join(lines))
    assert problems_of(faq, knowledge) == [
        f"{faq}:4: UTF-8 として読めない文字があります。UTF-8 で保存し直してください"
    ]


SAVED_IN_SHIFT_JIS = (
    "UTF-8 として読めません。Shift_JIS で保存されているようです。UTF-8 で保存し直してください"
)


def test_a_faq_saved_in_shift_jis_is_named_as_such_on_its_first_japanese_line(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    faq.write_bytes(GOOD_FAQ.encode("cp932"))
    assert problems_of(faq, knowledge) == [f"{faq}:2: {SAVED_IN_SHIFT_JIS}"]


def test_a_manual_chapter_in_shift_jis_is_named_as_such(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    chapter = knowledge / "manual" / "05-remedy.md"
    chapter.write_bytes(GOOD_CHAPTER.encode("cp932"))
    found = problems_of(faq, knowledge)
    assert f"{chapter}:1: {SAVED_IN_SHIFT_JIS}" in found


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux's /proc")
def test_files_the_system_cannot_read_are_problems_in_japanese_not_a_traceback(tmp_path: Path) -> None:
    """check stopped on the OS's "OSError: [Errno 5] Input/output error" (and PermissionError likewise).

    A process reading its own /proc/self/mem from the start fails with EIO, even as root (CI),
    where a file without read permission would still be read.
    """
    faq, knowledge = write_kb(tmp_path)
    chapter = knowledge / "manual" / "05-remedy.md"
    chapter.unlink()
    chapter.symlink_to("/proc/self/mem")
    unreadable = "読み込めません（ディスクの読み書きでエラーが起きました）"
    assert f"{chapter}: {unreadable}" in problems_of(faq, knowledge)
    faq.unlink()
    faq.symlink_to("/proc/self/mem")
    done = run_bot("--faq", str(faq), "--knowledge", str(knowledge), "check")
    assert done.returncode == 1
    assert f"{faq}: {unreadable}" in done.stdout
    assert "Traceback" not in done.stderr


def test_missing_field_and_unknown_key_point_at_their_lines(tmp_path: Path) -> None:
    faq_text = (
        GOOD_FAQ + "- id: tool-ocr-basics\n  category: ツール\n  question: OCRとは？\n  phrasing: [typo]\n"
    )
    faq, knowledge = write_kb(tmp_path, faq=faq_text)
    found = problems_of(faq, knowledge)
    assert any(p.startswith(f"{faq}:8:") and "answer" in p for p in found), found
    assert any(p.startswith(f"{faq}:11:") and "phrasing" in p for p in found), found


def test_empty_and_misspelt_values_are_described(tmp_path: Path) -> None:
    long_category = "粗大ごみは事前に申し込み、指定の日の朝8時までに集積所へ出してください。" * 2
    faq_text = GOOD_FAQ.replace("RPAとは何ですか？", "''")
    faq_text = faq_text.replace("category: ツール", f"category: {long_category}")
    faq_text = faq_text.replace("phrasings: [RPAってなに？]", "phrasings: [RPAってなに？, 12]")
    faq, knowledge = write_kb(tmp_path, faq=faq_text)
    found = problems_of(faq, knowledge)
    assert f"{faq}:3: tool-rpa-basics: 「question」が空です" in found, found
    assert f"{faq}:5: tool-rpa-basics: 「phrasings」の2番目は文字列にしてください" in found, found
    assert any(p.startswith(f"{faq}:2: tool-rpa-basics: 「category」") for p in found), found


def test_a_wards_own_faq_with_numbers_for_ids_and_its_own_categories_loads(tmp_path: Path) -> None:
    faq_text = (
        "- id: 1002\n  category: ごみ\n  question: 粗大ごみの出し方は？\n  answer: 事前の申込みが必要です。\n"
        "- id: tax_2024.01\n  question: 住民税の納付書をなくしました。\n  answer: 再発行できます。\n"
    )
    faq, knowledge = write_kb(tmp_path, faq=faq_text)
    kb = load_knowledge(faq, knowledge)
    assert [(e.id, e.category) for e in kb.faq] == [("1002", "ごみ"), ("tax_2024.01", "")]


def test_a_wards_own_columns_are_skipped_with_a_note_and_a_slip_of_a_field_is_named(tmp_path: Path) -> None:
    faq_text = (
        "- id: 1002\n  question: 粗大ごみの出し方は？\n  answer: 事前の申込みが必要です。\n"
        "  url: https://example.jp/sodai\n  更新日: 2026-04-01\n"
    )
    faq, knowledge = write_kb(tmp_path, faq=faq_text)
    notes: list[Problem] = []
    (entry,) = load_knowledge(faq, knowledge, notes).faq
    assert (entry.id, entry.answer) == ("1002", "事前の申込みが必要です。")
    assert [str(note) for note in notes] == [
        f"{faq}:4: 注意: 1002: 「url」はFAQの項目にないため読み飛ばしました",
        f"{faq}:5: 注意: 1002: 「更新日」はFAQの項目にないため読み飛ばしました",
    ]
    faq.write_text(faq_text + "  keyword: [粗大]\n", encoding="utf-8")
    assert problems_of(faq, knowledge) == [
        f"{faq}:6: 1002: 「keyword」という項目は使えません（「keywords」の誤りではありませんか）"
    ]


@pytest.mark.parametrize("bad", ["-starts-with-dash", "has space", "に本語", "x" * 49])
def test_ids_outside_the_allowed_shape_are_errors(tmp_path: Path, bad: str) -> None:
    faq, knowledge = write_kb(tmp_path, faq=GOOD_FAQ.replace("id: tool-rpa-basics", f"id: '{bad}'"))
    assert any("「id」" in p for p in problems_of(faq, knowledge))


def test_dangling_references_and_duplicate_ids_are_errors(tmp_path: Path) -> None:
    faq_text = GOOD_FAQ.replace("remedy#rpa", "remedy#nowhere").replace("rpa-one]", "no-such-case]")
    faq_text += GOOD_FAQ.replace("manual: [remedy#rpa]\n", "").replace("  cases: [rpa-one]\n", "")
    faq, knowledge = write_kb(tmp_path, faq=faq_text)
    found = problems_of(faq, knowledge)
    assert any("remedy#nowhere" in p for p in found)
    assert any("no-such-case" in p for p in found)
    assert any(p.startswith(f"{faq}:8:") and "重複" in p for p in found), found


def test_one_run_reports_every_problem_also_across_files_each_on_the_line_at_fault(tmp_path: Path) -> None:
    """Entries with problems of their own are cross-checked all the same: nothing waits for a second run."""
    faq_text = GOOD_FAQ.replace("  answer: パソコンの定型作業を自動化する仕組みです。\n", "")
    faq_text = faq_text.replace("remedy#rpa", "remedy#nowhere").replace("rpa-one]", "no-such-case]")
    faq, knowledge = write_kb(tmp_path, faq=faq_text)
    other = knowledge / "cases" / "other.yaml"
    other.write_text(
        GOOD_CASE.replace("effect: [年間320時間削減]\n", "") + "manual:\n  - remedy#rpa\n  - nochapter#x\n",
        encoding="utf-8",
    )
    case = knowledge / "cases" / "rpa-one.yaml"
    assert set(problems_of(faq, knowledge)) == {
        f"{faq}:1: tool-rpa-basics: 「answer」がありません",
        f"{faq}:5: 関連する手引きの節「remedy#nowhere」が見つかりません"
        "（05-remedy.md に節「nowhere」がありません）",
        f"{faq}:6: 関連する事例「no-such-case」が見つかりません",
        f"{other}:1: id「rpa-one」をファイル名と同じにしてください",
        f"{other}:1: rpa-one: 「effect」がありません",
        f"{other}:11: 関連する手引きの節「nochapter#x」が見つかりません（章「nochapter」がありません）",
        f"{case}:1: id「rpa-one」が重複しています（other.yaml:1 と同じ）",
    }


def test_a_reference_not_in_the_form_chapter_section_is_said_with_an_example(tmp_path: Path) -> None:
    case = GOOD_CASE + "manual: [remedy]\n"
    faq, knowledge = write_kb(
        tmp_path, faq=GOOD_FAQ.replace("id: tool-rpa-basics", "id: 'tool rpa'"), case=case
    )
    assert problems_of(faq, knowledge) == [
        f"{faq}:1: tool rpa: 「id」の値「tool rpa」は半角の英数字と「-」「_」「.」で、"
        "英数字から書き始めてください（例: tool-rpa-basics）",
        f"{knowledge / 'cases' / 'rpa-one.yaml'}:10: rpa-one: 「manual」の1番目の値「remedy」は"
        "「章id#節id」の形で書いてください（例: remedy#rpa。idは半角英小文字・数字・-）",
    ]


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("# 改善策を選ぶ", "章のタイトルは「# 第5章 改善策を選ぶ」のように「第N章」から書いてください"),
        (
            "# 第五章 改善策を選ぶ",
            "章のタイトルは「# 第5章 改善策を選ぶ」のように「第N章」から書いてください",
        ),
        (
            "# 第3章 改善策を選ぶ",
            "「第3章」がファイル名（05-remedy.md）の番号と違います。「第5章」にするか、ファイル名の番号を直してください",
        ),
    ],
    ids=["no number", "number in kanji", "another number"],
)
def test_a_chapter_title_starts_with_the_files_chapter_number(tmp_path: Path, title: str, said: str) -> None:
    faq, knowledge = write_kb(tmp_path, chapter=GOOD_CHAPTER.replace("# 第5章 改善策を選ぶ", title))
    assert problems_of(faq, knowledge) == [f"{knowledge / 'manual' / '05-remedy.md'}:2: {said}"]
    chapter = GOOD_CHAPTER.replace("# 第5章", "# 第０５章")
    (knowledge / "manual" / "05-remedy.md").write_text(chapter, encoding="utf-8")
    assert load_knowledge(faq, knowledge).chapters[0].title == "第０５章 改善策を選ぶ", (
        "full-width digits too"
    )


def test_bad_case_and_manual_are_reported_with_lines(tmp_path: Path) -> None:
    case = GOOD_CASE.replace("tools: [RPA]", "tools: [ロボ]").replace("id: rpa-one", "id: other-id")
    chapter = GOOD_CHAPTER + "\n## 見出しだけ\n\n本文\n\n## 空 {#empty}\n"
    faq, knowledge = write_kb(tmp_path, case=case, chapter=chapter)
    found = problems_of(faq, knowledge)
    case_path = knowledge / "cases" / "rpa-one.yaml"
    manual_path = knowledge / "manual" / "05-remedy.md"
    assert any(p.startswith(f"{case_path}:6:") and "ロボ" in p for p in found), found
    assert any(p.startswith(f"{manual_path}:10:") and "{#id}" in p for p in found), found
    assert any(p.startswith(f"{manual_path}:14:") and "本文がありません" in p for p in found), found


def test_a_tool_not_in_the_list_is_named_with_the_choices_in_japanese(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path, case=GOOD_CASE.replace("tools: [RPA]", "tools: [RPA, Tablet]"))
    assert (
        f"{knowledge / 'cases' / 'rpa-one.yaml'}:6: rpa-one: 「tools」の2番目の値「Tablet」は使えません"
        "（「RPA」「AI-OCR」「電子申請」「ノーコード」「Excel」「オンライン会議」「ビジネスチャット」"
        "「ペーパーレス」「生成AI」「タブレット」または「LINE」のいずれかにしてください）"
    ) in problems_of(faq, knowledge)  # the case read as broken is also missing for the FAQ's reference


def test_a_synonym_in_two_groups_is_an_error(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path)
    (knowledge / "synonyms.yaml").write_text(
        "- [RPA, ロボット]\n- [ロボット, 自動化]\n- [ひとつ]\n", encoding="utf-8"
    )
    found = problems_of(faq, knowledge)
    assert any(":2:" in p and "ロボット" in p for p in found), found
    assert any(":3:" in p for p in found), found


def test_check_command_prints_problems_without_a_traceback(tmp_path: Path) -> None:
    faq, knowledge = write_kb(tmp_path, faq=GOOD_FAQ + "- {id: 12, question: [}\n")
    done = run_bot("--faq", str(faq), "--knowledge", str(knowledge), "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{faq}:" in done.stdout


def test_the_sample_knowledge_passes_check() -> None:
    done = run_bot("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "問題はありません" in done.stdout
    assert "がないため" not in done.stdout, "it has its own small talk and names"


def test_check_says_what_a_faq_alone_gets_in_place_of_small_talk_and_names(tmp_path: Path) -> None:
    faq = tmp_path / "faq.yaml"
    faq.write_text(
        "- id: '1'\n  question: 犬の登録はどこでできますか\n  answer: 保健所でできます。\n", encoding="utf-8"
    )
    (tmp_path / "knowledge").mkdir()
    done = run_bot("--faq", str(faq), "--knowledge", str(tmp_path / "knowledge"), "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "雑談（smalltalk.yaml）がないため、あいさつ・お礼・おわびには標準の応答を返します。" in done.stdout
    assert "区の名前（ward.yaml）がないため、サンプルの名前（サンプル区、DX推進課" in done.stdout


def test_a_copy_with_one_broken_file_still_names_it(tmp_path: Path) -> None:
    shutil.copy(FAQ_PATH, tmp_path / "faq.yaml")
    shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge")
    broken = tmp_path / "knowledge" / "referrals.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n- id: [\n", encoding="utf-8")
    found = problems_of(tmp_path / "faq.yaml", tmp_path / "knowledge")
    assert found
    assert all(p.startswith(str(broken)) for p in found)


def test_an_id_too_long_is_said_in_japanese_with_its_limit(tmp_path: Path) -> None:
    long_id = "x" * 49
    faq, knowledge = write_kb(tmp_path, faq=GOOD_FAQ.replace("tool-rpa-basics", long_id))
    found = problems_of(faq, knowledge)
    assert any(f"{long_id}: 「id」が長すぎます（48文字まで）" in p for p in found), found
    assert not any("Value should" in p for p in found), "no English from the schema"


def test_a_section_id_too_long_for_a_button_is_an_error(tmp_path: Path) -> None:
    chapter = GOOD_CHAPTER + "\n## 長い {#" + "x" * 60 + "}\n\n本文\n"
    faq, knowledge = write_kb(tmp_path, chapter=chapter)
    found = problems_of(faq, knowledge)
    assert any(":10:" in p and "長すぎます" in p for p in found), found


DUPLICATE_KEYS = {
    "faq.yaml": (GOOD_FAQ.replace("  phrasings:", "  answer: もう一つの回答\n  phrasings:"), 5),
    "knowledge/referrals.yaml": (
        "- id: ref-leave\n  topic: 休暇\n  office: 人事課\n  contact: 内線 2110\n"
        "  answer: 人事課へどうぞ。\n  topic: 勤怠\n",
        6,
    ),
    "knowledge/smalltalk.yaml": (
        "- id: thanks\n  phrasings: [ありがとう]\n  answer: どういたしまして。\n"
        "  phrasings: [助かりました]\n",
        4,
    ),
    "knowledge/cases/rpa-one.yaml": (GOOD_CASE + "tools: [AI-OCR]\n", 10),
    "knowledge/ward.yaml": ("ward: みどり区\nteam: 業務改革係\nteam: ''\n", 3),
}


@pytest.mark.parametrize(("name", "text", "line"), [(n, *v) for n, v in DUPLICATE_KEYS.items()])
def test_a_key_written_twice_is_reported_on_its_second_line_in_every_file(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    faq, knowledge = write_kb(tmp_path)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found = problems_of(faq, knowledge)
    assert any(p.startswith(f"{path}:{line}: ") and "2か所に書かれています" in p for p in found), found


def test_the_same_question_twice_is_noted_by_check_without_failing(tmp_path: Path) -> None:
    again = "- id: rpa-again\n  question: RPAとは 何ですか?\n  answer: 定型作業を自動化します。\n"
    faq, knowledge = write_kb(tmp_path, faq=GOOD_FAQ + again)
    notes: list[Problem] = []
    load_knowledge(faq, knowledge, notes)
    assert [str(n) for n in notes] == [
        f"{faq}:8: 注意: rpa-again: 質問が tool-rpa-basics（1行目）と同じです。"
        "1つにまとめるか、違いが分かるように書き分けてください"
    ]
    done = run_bot("--faq", str(faq), "--knowledge", str(knowledge), "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{faq}:8: 注意: rpa-again" in done.stdout
    assert "問題はありません" in done.stdout
    assert "（注意 1件）" in done.stdout


def test_a_folder_given_for_the_faq_is_said_to_be_one(tmp_path: Path) -> None:
    _, knowledge = write_kb(tmp_path)
    assert problems_of(knowledge / "cases", knowledge) == [
        f"{knowledge / 'cases'}: フォルダです。ファイルを指定してください"
    ]
