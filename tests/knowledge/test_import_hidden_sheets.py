"""import-faq of a workbook with sheets Excel hides (.xlsx, .xls); same questions on one of its sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
import xlwt
import yaml

from tests.auxil.server import run_bot
from tests.knowledge.test_import_sheets import GOMI, ZEI, write_book

HOW: dict[str, tuple[Literal["hidden", "veryHidden"], int]] = {
    "hidden": ("hidden", 1),
    "very hidden": ("veryHidden", 2),
}
"""How a sheet is hidden: in an .xlsx's sheet_state, in an .xls's visibility."""


def _workbook(folder: Path, kind: str, how: str) -> Path:
    """ごみ, 税 and 旧版, 旧版 hidden ``how``."""
    sheets = {"ごみ": GOMI, "税": ZEI, "旧版": [["質問", "回答"], ["古い質問", "古い回答"]]}
    if kind == "xlsx":
        path = write_book(folder / "faq.xlsx", sheets, hidden=["旧版"])
        if how == "very hidden":
            from openpyxl import load_workbook

            book = load_workbook(path)
            book["旧版"].sheet_state = HOW[how][0]
            book.save(path)
        return path
    book = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    sheet.visibility = HOW[how][1]
    path = folder / "faq.xls"
    book.save(str(path))
    return path


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_all_sheets_leaves_a_hidden_sheet_and_says_how_to_read_it(
    tmp_path: Path, kind: str, how: str
) -> None:
    """--all-sheets was advised for reading a hidden sheet, which it never reads."""
    source = _workbook(tmp_path, kind, how)
    every = run_bot("import-faq", str(source), "--all-sheets")
    assert every.returncode == 0, every.stderr
    assert [e["category"] for e in yaml.safe_load(every.stdout)] == ["ごみ", "ごみ", "税"]
    assert every.stderr.splitlines()[0] == (
        f"{source}: シート「ごみ」「税」を読みました。Excelで非表示のシート「旧版」は読んでいません"
        "（読むには --sheet 旧版 のように、シートの名前を指定してください）"
    )
    first = run_bot("import-faq", str(source))
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines()[0] == (
        f"{source}: シート「ごみ」を読みました。ほかのシート「税」は読んでいません"
        "（読むには --sheet でシートの名前を指定するか、--all-sheets を付けてください）。"
        "Excelで非表示のシート「旧版」は読んでいません"
        "（読むには --sheet 旧版 のように、シートの名前を指定してください）"
    )
    named = run_bot("import-faq", str(source), "--all-sheets", "--sheet", "旧版")
    assert named.returncode == 0, named.stderr
    assert [e["category"] for e in yaml.safe_load(named.stdout)] == ["ごみ", "ごみ", "税", "旧版"]
    assert "読んでいません" not in named.stderr


def test_same_questions_on_one_of_several_sheets_name_the_sheet_once(tmp_path: Path) -> None:
    """「税」シート 2行目と「税」シート 3行目 repeated the sheet's name."""
    source = write_book(
        tmp_path / "faq.xlsx",
        {
            "ごみ": [*GOMI, ["住民税の納付書をなくした", "税の窓口へ"]],
            "税": [*ZEI, ["住民税の納付書をなくした", "再発行"]],
        },
    )
    done = run_bot("import-faq", str(source), "--all-sheets")
    assert done.returncode == 0, done.stderr
    assert (
        f"{source}: 注意: 「ごみ」シート 4行目と「税」シート 2行目と3行目の質問が同じです（読み込みました。"
        in done.stderr
    )
