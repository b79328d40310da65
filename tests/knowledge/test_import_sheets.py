"""import-faq of a workbook kept as a sheet for each category (ごみ, 税, 子育て): read as one FAQ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
import xlwt
import yaml
from openpyxl import Workbook

from bot.knowledge import load_knowledge
from tests.auxil.server import run_bot
from tests.knowledge.test_importer import write_csv

GOMI = [
    ["質問", "回答"],
    ["粗大ごみの出し方は？", "事前に申し込んでください。"],
    ["資源ごみの日は？", "水曜日です。"],
]
ZEI = [["質問", "回答"], ["住民税の納付書をなくした", "再発行します。"]]


def write_book(
    path: Path, sheets: Mapping[str, Sequence[Sequence[str | None]]], hidden: Sequence[str] = ()
) -> Path:
    """A workbook with a sheet of ``rows`` for each name, in order; those in ``hidden`` hidden in Excel."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_all_sheets_are_one_faq_each_sheets_name_its_category_and_ids_made_from_rows_unique(
    tmp_path: Path,
) -> None:
    """Imported a sheet at a time, the files joined failed check: q0002 on every sheet."""
    source = write_book(
        tmp_path / "faq.xlsx",
        {"表紙": [["サンプル区 よくある質問"], ["令和8年4月1日現在"]], "ごみ": GOMI, "税": ZEI, "旧版": ZEI},
        hidden=["旧版"],
    )
    output = tmp_path / "faq.yaml"
    done = run_bot("import-faq", str(source), "--all-sheets", "--output", str(output))
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert [(e["id"], e["category"]) for e in entries] == [
        ("s2-q0002", "ごみ"),
        ("s2-q0003", "ごみ"),
        ("s3-q0002", "税"),
    ], "the hidden sheet is not read unasked"
    (tmp_path / "knowledge").mkdir()
    assert len(load_knowledge(output, tmp_path / "knowledge").faq) == 3, "check passes"
    lines = done.stderr.splitlines()
    assert (
        f"{source}: シート「表紙」「ごみ」「税」を読みました。Excelで非表示のシート「旧版」は読んでいません"
        in done.stderr
    )
    assert any(
        line.startswith(f"{source}: 「表紙」シートには質問と回答のある行がないため、読み込んでいません（")
        for line in lines
    ), "a sheet without entries is named, not an error"
    said = [line for line in lines if "を分類にしました" in line]
    assert said == [
        f"{source}: 「ごみ」シート: 分類の列がないため、シートの名前「ごみ」を分類にしました",
        f"{source}: 「税」シート: 分類の列がないため、シートの名前「税」を分類にしました",
    ], "once per sheet"
    assert lines[-1] == "3件のFAQを2枚のシートから読み込みました（「ごみ」2件、「税」1件）。"


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_sheet_given_several_times_reads_those_a_hidden_one_too(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        source = write_book(tmp_path / "faq.xlsx", {"ごみ": GOMI, "税": ZEI, "旧版": ZEI}, hidden=["旧版"])
    else:
        book = xlwt.Workbook()
        for name, rows in (("ごみ", GOMI), ("税", ZEI), ("旧版", ZEI)):
            sheet = book.add_sheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    sheet.write(r, c, value)
        sheet.visibility = 1
        source = tmp_path / "faq.xls"
        book.save(str(source))
    done = run_bot("import-faq", str(source), "--sheet", "旧版", "--sheet", "ごみ")
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(done.stdout)
    assert [(e["id"], e["category"]) for e in entries] == [
        ("s1-q0002", "旧版"),
        ("s2-q0002", "ごみ"),
        ("s2-q0003", "ごみ"),
    ], "in the order given, hidden when named"
    assert "ほかのシート「税」は読んでいません" in done.stderr
    every = run_bot("import-faq", str(source), "--all-sheets", "--sheet", "旧版")
    assert every.returncode == 0, every.stderr
    assert [e["category"] for e in yaml.safe_load(every.stdout)] == ["ごみ", "ごみ", "税", "旧版"]
    one = run_bot("import-faq", str(source), "--sheet", "税", "--sheet", "税")
    assert one.returncode == 0, one.stderr
    assert yaml.safe_load(one.stdout) == [
        {"id": "q0002", "question": "住民税の納付書をなくした", "answer": "再発行します。"}
    ], "one sheet is read as it always was: no category, its ids as before"
    missing = run_bot("import-faq", str(source), "--sheet", "ごみ", "--sheet", "子育て", "--sheet", "福祉")
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        f"{source}: シート「子育て」がありません（あるのは ごみ、税、旧版）",
        f"{source}: シート「福祉」がありません（あるのは ごみ、税、旧版）",
    ]


def test_an_id_given_on_two_sheets_and_bad_rows_are_reported_by_sheet_and_row(tmp_path: Path) -> None:
    source = write_book(
        tmp_path / "faq.xlsx",
        {
            "ごみ": [
                ["ID", "質問", "回答"],
                ["101", "粗大ごみは？", "申し込みます。"],
                ["102", "資源ごみは？", "水曜日です。"],
            ],
            "税": [
                ["ID", "質問", "回答"],
                ["201", "納付書は？", "再発行します。"],
                ["101", "住民税は？", "6月からです。"],
            ],
            "子育て": [["ID", "質問", "回答"], ["301", "児童手当は？", None]],
        },
    )
    output = tmp_path / "faq.yaml"
    done = run_bot("import-faq", str(source), "--all-sheets", "--output", str(output))
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        f"{source}: 「子育て」シート 2行目: 回答が空です",
        f"{source}: 「税」シート 3行目: ID「101」は「ごみ」シート 2行目でも使われています",
    ]
    assert "2件の問題があるため、何も書き出していません。" in done.stderr
    assert not output.exists()


def test_a_category_column_is_kept_its_empty_cells_take_the_sheets_name_unless_category_is_mapped(
    tmp_path: Path,
) -> None:
    rows: list[list[str | None]] = [
        ["分類", "質問", "回答"],
        ["粗大ごみ", "粗大ごみは？", "申し込みます。"],
        [None, "資源ごみは？", "水曜日です。"],
    ]
    source = write_book(tmp_path / "faq.xlsx", {"ごみ": rows, "税": ZEI})
    done = run_bot("import-faq", str(source), "--all-sheets")
    assert done.returncode == 0, done.stderr
    assert [e["category"] for e in yaml.safe_load(done.stdout)] == ["粗大ごみ", "ごみ", "税"]
    assert f"{source}: 「ごみ」シート: 分類が空の1行は、シートの名前「ごみ」を分類にしました" in done.stderr
    mapped = run_bot("import-faq", str(source), "--all-sheets", "--category", "分類")
    assert mapped.returncode == 1, "税 has no 分類 column: its FAQ is not left out as a sheet without one"
    assert (
        f"{source}: 「税」シート: 分類の列「分類」がありません（1行目の項目名は「質問」「回答」です。"
        in mapped.stderr
    )
    only = run_bot("import-faq", str(source), "--sheet", "ごみ", "--sheet", "ごみ", "--category", "分類")
    assert only.returncode == 0, only.stderr
    assert [e.get("category") for e in yaml.safe_load(only.stdout)] == ["粗大ごみ", None]


def test_same_questions_on_two_sheets_are_named_by_sheet_and_row(tmp_path: Path) -> None:
    source = write_book(
        tmp_path / "faq.xlsx", {"ごみ": GOMI, "税": [*ZEI, ["粗大ごみの出し方は?", "別の答え"]]}
    )
    done = run_bot("import-faq", str(source), "--all-sheets")
    assert done.returncode == 0, done.stderr
    assert (
        f"{source}: 注意: 「ごみ」シート 2行目と「税」シート 3行目の質問が同じです（読み込みました。"
        in done.stderr
    )


def test_no_sheet_with_entries_is_an_error_naming_each_sheet(tmp_path: Path) -> None:
    source = write_book(
        tmp_path / "faq.xlsx", {"表紙": [["サンプル区 よくある質問"]], "ごみ": [["質問", "回答"]]}
    )
    done = run_bot("import-faq", str(source), "--all-sheets", "--output", str(tmp_path / "faq.yaml"))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"{source}: 「表紙」シート: 質問の列が見つかりません")
    assert f"{source}: 「ごみ」シート 1行目より下に、質問と回答のある行がありません" in lines
    assert not (tmp_path / "faq.yaml").exists()


def test_a_csv_has_no_sheets_to_read_all_of_or_several_of(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "faq.csv", [["質問", "回答"], ["犬は？", "登録します。"]], "utf-8")
    every = run_bot("import-faq", str(source), "--all-sheets")
    assert every.returncode == 2
    assert (
        every.stderr.strip()
        == f"{source}: CSVにはシートがありません（--all-sheets は .xlsx と .xls のときに使います）"
    )
    several = run_bot("import-faq", str(source), "--sheet", "A", "--sheet", "B")
    assert several.returncode == 2
    assert (
        several.stderr.strip()
        == f"{source}: CSVにはシートがありません（--sheet は .xlsx と .xls のときに使います）"
    )
