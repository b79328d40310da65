"""import-faq on files as wards bring them: formulas saved by programs, duplicates, Excel's Unicode text."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest
import xlwt
import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.hyperlink import Hyperlink

from tests.auxil.server import run_bot
from tests.knowledge.test_importer import write_xlsx

FORMULA_ROWS: list[list[str | None]] = [
    ["ID", "質問", "回答", "元の質問"],
    ["q1", "=D2", "粗大ごみは予約制です。", "粗大ごみの出し方は？"],
    ["q2", "住民票の写しは？", '="窓口で"&"請求できます。"', None],
    ["q3", "印鑑登録は？", "本人が窓口で登録します。", None],
]


def test_formulas_saved_without_their_results_are_reported_by_row_not_read_empty(tmp_path: Path) -> None:
    """openpyxl (and other programs) write a formula without its result; it used to read as an empty cell."""
    source = write_xlsx(tmp_path / "faq.xlsx", FORMULA_ROWS)
    output = tmp_path / "faq.yaml"
    done = run_bot("import-faq", str(source), "--output", str(output))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"{source}: 2行目: 質問（B列）の数式の計算結果がファイルに保存されていません")
    assert "Excelで開いて上書き保存してから、もう一度読み込んでください" in lines[0]
    said_once = f"{source}: 3行目: 回答（C列）の数式の計算結果がファイルに保存されていません"
    assert lines[1] == said_once, "why: once"
    assert "空です" not in done.stderr
    assert not output.exists()


def _with_saved_results(source: Path, results: dict[str, str]) -> None:
    """Give the workbook's formulas the results Excel saves with them (``t="str"``: a text result)."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    for cell, result in results.items():
        start = sheet.index(f'<c r="{cell}"')
        end = sheet.index("</c>", start)
        formula = sheet[sheet.index("<f>", start) : sheet.index("</f>", start) + 4]
        sheet = sheet[:start] + f'<c r="{cell}" t="str">{formula}<v>{result}</v>' + sheet[end:]
    members["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_formulas_excel_saved_read_as_their_results_an_empty_text_result_too(tmp_path: Path) -> None:
    rows = [*FORMULA_ROWS, ["q4", "猫の登録は？", "不要です。", None]]
    rows[0] = [*rows[0][:3], "元の質問", "キーワード"]
    rows[4] = [*rows[4][:4], '=IF(D5="","",D5)']
    source = write_xlsx(tmp_path / "faq.xlsx", rows)
    _with_saved_results(source, {"B2": "粗大ごみの出し方は？", "C3": "窓口で請求できます。", "E5": ""})
    done = run_bot("import-faq", str(source))
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(done.stdout)
    assert [(e["question"], e["answer"]) for e in entries[:2]] == [
        ("粗大ごみの出し方は？", "粗大ごみは予約制です。"),
        ("住民票の写しは？", "窓口で請求できます。"),
    ]
    assert "keywords" not in entries[3], "a text formula whose result is empty is an empty cell"


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_formula_showing_an_error_is_reported_by_row_not_imported_as_its_text(
    tmp_path: Path, kind: str
) -> None:
    """A lookup that found nothing (#N/A) was imported as the answer 「#N/A」 (.xlsx), or as empty (.xls)."""
    rows: list[list[str | None]] = [
        ["ID", "質問", "回答"],
        ["q1", "粗大ごみは？", None],
        ["q2", "住民票は？", "窓口で。"],
    ]
    if kind == "xlsx":
        rows[1][2] = "#N/A"  # openpyxl stores it as an error value, as Excel saves a formula's error
        source = write_xlsx(tmp_path / "faq.xlsx", rows)
    else:
        book = xlwt.Workbook()
        sheet = book.add_sheet("FAQ")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
        sheet.row(1).set_cell_error(2, 0x2A)  # #N/A
        source = tmp_path / "faq.xls"
        book.save(str(source))
    done = run_bot("import-faq", str(source))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        f"{source}: 2行目: 回答（C列）は数式のエラー（#N/A）です"
        "（Excelで数式か参照先を直し、保存してから読み込んでください）"
    )
    assert done.stdout == ""


def test_questions_asked_twice_are_imported_and_named_by_their_rows(tmp_path: Path) -> None:
    rows: list[list[str | None]] = [
        ["質問", "回答"],
        ["印鑑登録は？", "本人が窓口で。"],
        ["住民票は？", "窓口で。"],
        ["印鑑登録は?", "代理人も可。"],
        ["住民票は？", "郵送でも。"],
        ["猫は？", "不要です。"],
    ]
    done = run_bot("import-faq", str(write_xlsx(tmp_path / "faq.xlsx", rows)))
    assert done.returncode == 0, done.stderr
    assert len(yaml.safe_load(done.stdout)) == 5
    notes = [line for line in done.stderr.splitlines() if "質問が同じです" in line]
    assert [note.split(": ", 2)[2].split("の質問")[0] for note in notes] == ["2行目と4行目", "3行目と5行目"]
    assert "1つにまとめるか、違いが分かるように書き分けてください" in notes[0]


UNICODE_TEXT = (
    "ID\t質問\t回答\r\nq1\t粗大ごみの出し方は？\t予約制です。\r\nq2\t住民票は？\t窓口で、すぐに。\r\n"
)
"""Excel's 「Unicode テキスト」: one row a line, cells separated by tabs."""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("faq.txt", codecs.BOM_UTF16_LE + UNICODE_TEXT.encode("utf-16-le")),
        ("faq.txt", codecs.BOM_UTF16_BE + UNICODE_TEXT.encode("utf-16-be")),
        ("faq.csv", codecs.BOM_UTF16_LE + UNICODE_TEXT.replace("\t", ",").encode("utf-16-le")),
        ("faq.txt", UNICODE_TEXT.encode("cp932")),
    ],
)
def test_excels_unicode_text_utf16_with_its_bom_and_tab_separated_is_read(
    tmp_path: Path, name: str, data: bytes
) -> None:
    """Excel's 「Unicode テキスト」 is UTF-16 with a BOM, its cells separated by tabs (it was refused)."""
    source = tmp_path / name
    source.write_bytes(data)
    done = run_bot("import-faq", str(source))
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(done.stdout)
    assert [e["question"] for e in entries] == ["粗大ごみの出し方は？", "住民票は？"]
    assert entries[1]["answer"] == "窓口で、すぐに。"


def test_utf16_without_its_bom_is_refused_by_name(tmp_path: Path) -> None:
    source = tmp_path / "faq.csv"
    source.write_bytes(UNICODE_TEXT.encode("utf-16-le"))
    done = run_bot("import-faq", str(source))
    assert done.returncode == 1
    assert "BOM付きの UTF-16（Excelの「Unicode テキスト」）" in done.stderr


def test_a_stray_nul_character_is_named_with_its_row_not_called_an_encoding(tmp_path: Path) -> None:
    """A NUL below the header (from another program's export) was reported as an unreadable encoding."""
    source = tmp_path / "faq.csv"
    source.write_bytes("質問,回答\n粗大ごみは？,予約制です。\n住民票は？,窓口\x00で。\n".encode())
    done = run_bot("import-faq", str(source))
    assert done.returncode == 1
    assert f"{source}: 3行目: NUL文字（文字コード0の、目に見えない文字）が入っています" in done.stderr
    assert "文字コードを読み取れません" not in done.stderr


@pytest.mark.parametrize(
    ("cell", "row"),
    [("x" * 200_000, 2), ('"予約制です。\n' + "住民票は？,窓口です。\n" * 20_000, 2)],
    ids=["long", "quote-left-open"],
)
def test_a_cell_over_the_csv_size_limit_is_said_in_japanese_with_its_row(
    tmp_path: Path, cell: str, row: int
) -> None:
    """Python's csv said "field larger than field limit (131072)" inside the Japanese line."""
    source = tmp_path / "faq.csv"
    source.write_text(f"質問,回答\n粗大ごみは？,{cell}\n", encoding="utf-8")
    done = run_bot("import-faq", str(source))
    assert done.returncode == 1
    assert f"{source}: {row}行目: セルが長すぎます（1つのセルは131,072文字まで）" in done.stderr
    assert "field" not in done.stderr


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux's /proc")
def test_a_file_the_system_cannot_read_is_said_in_japanese(tmp_path: Path) -> None:
    """The OS's English reason (Permission denied, Input/output error) was shown in the Japanese line.

    A process reading its own /proc/self/mem from the start fails with EIO, even as root (CI),
    where a file without read permission would still be read.
    """
    source = tmp_path / "faq.csv"
    source.symlink_to("/proc/self/mem")
    done = run_bot("import-faq", str(source))
    assert done.returncode == 2
    assert f"{source}: 読み込めません（ディスクの読み書きでエラーが起きました）" in done.stderr
    assert "error" not in done.stderr


@pytest.mark.parametrize("which", ["file", "output"])
def test_a_name_too_long_for_the_system_is_said_in_japanese(tmp_path: Path, which: str) -> None:
    """Looking the name up raised "OSError: [Errno 36] File name too long" before anything was read."""
    source = tmp_path / "faq.csv"
    source.write_text("質問,回答\n粗大ごみは？,予約制です。\n", encoding="utf-8")
    long = tmp_path / ("a" * 300 + (".csv" if which == "file" else ".yaml"))
    args = (str(long), "--output", "-") if which == "file" else (str(source), "--output", str(long))
    done = run_bot("import-faq", *args)
    assert done.returncode == 2
    assert done.stderr.strip() == f"{long}: 名前が長すぎます"


def test_a_row_without_an_id_whose_row_number_meets_another_id_is_explained(tmp_path: Path) -> None:
    """A row without an id is named after its row (q0003); the message named an id the row does not show."""
    source = tmp_path / "faq.csv"
    lines = [
        "ID,質問,回答",
        "q0003,粗大ごみは？,予約制。",
        ",住民票は？,窓口。",
        ",猫は？,不要。",
        "q0004,印鑑は？,登録。",
    ]
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    done = run_bot("import-faq", str(source))
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        f"{source}: 3行目: IDが空のため行番号から振ったID「q0003」は、2行目のIDと同じです"
        "（空のIDを埋めるか、--id - ですべてのIDを行番号から振ってください）",
        f"{source}: 5行目: ID「q0004」は、IDが空の4行目に行番号から振ったIDと同じです"
        "（空のIDを埋めるか、--id - ですべてのIDを行番号から振ってください）",
    ]
    assert run_bot("import-faq", str(source), "--id", "-").returncode == 0


def _edit_sheet(source: Path, *replacements: tuple[str, str]) -> None:
    """Write the first sheet's XML as Excel would have: each text replaced once."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    for old, new in replacements:
        assert sheet.count(old) == 1, old
        sheet = sheet.replace(old, new)
    members["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_carriage_return_excel_saved_as_x000d_is_a_line_break_not_text(tmp_path: Path) -> None:
    """Excel saves a cell's CR (text pasted from another program) as ``_x000D_``; it was imported as such."""
    rows: list[list[str | None]] = [
        ["質問", "回答"],
        ["内線は？", "ANSWER"],
        ["CODE_TYPED", "そのままです。"],
    ]
    source = write_xlsx(tmp_path / "faq.xlsx", rows)
    _edit_sheet(
        source,
        ("ANSWER", "2201です。_x000D_\n不在なら2202へ。"),
        ("CODE_TYPED", "_x005F_x000D_とは？"),  # as Excel saves 「_x000D_」 typed into a cell
    )
    done = run_bot("import-faq", str(source))
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(done.stdout)
    assert entries[0]["answer"] == "2201です。\n不在なら2202へ。"
    assert entries[1]["question"] == "_x000D_とは？"


def test_a_link_in_an_answer_cell_keeps_its_address_after_the_text(tmp_path: Path) -> None:
    """A cell's hyperlink, or a HYPERLINK formula, left only its label: 「こちら」 and no address."""
    rows: list[list[str | None]] = [
        ["質問", "回答"],
        ["会議室の予約は？", "施設予約システムから予約してください。"],
        ["研修の申込書は？", '=HYPERLINK("https://portal.example.lg.jp/kenshu","職員ポータルの研修ページ")'],
        ["ポータルは？", "詳しくは https://portal.example.lg.jp/ をご覧ください。"],
        ["様式は？", "様式集シートを見てください。"],
    ]
    source = tmp_path / "faq.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    sheet["B2"].hyperlink = "https://portal.example.lg.jp/room"
    sheet["B4"].hyperlink = "https://portal.example.lg.jp/"
    sheet["B5"].hyperlink = Hyperlink("B5", location="様式集!A1")  # a place in the workbook: no address
    book.save(source)
    _with_saved_results(source, {"B3": "職員ポータルの研修ページ"})
    done = run_bot("import-faq", str(source))
    assert done.returncode == 0, done.stderr
    assert [entry["answer"] for entry in yaml.safe_load(done.stdout)] == [
        "施設予約システムから予約してください。（https://portal.example.lg.jp/room）",
        "職員ポータルの研修ページ（https://portal.example.lg.jp/kenshu）",
        "詳しくは https://portal.example.lg.jp/ をご覧ください。",
        "様式集シートを見てください。",
    ]


HIDDEN_COLUMN_ROWS: list[list[str | None]] = [
    ["管理番号", "回答（旧）", "質問", "回答"],
    ["k1", "旧システムで申請します。", "休暇の申請は？", "庶務事務システムで申請します。"],
    ["k2", None, "名札をなくしたら？", "人事課で再発行します。"],
]


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_hidden_column_gives_way_to_the_column_a_person_sees(tmp_path: Path, kind: str) -> None:
    """A hidden 回答（旧） left of 回答 was read as the answers (row 3 had none): the one seen is read."""
    if kind == "xlsx":
        source = write_xlsx(tmp_path / "faq.xlsx", HIDDEN_COLUMN_ROWS)
        book = load_workbook(source)
        sheet = book["FAQ"]
        sheet.column_dimensions["A"].hidden = True  # an id column kept out of sight: still read
        sheet.column_dimensions["B"].hidden = True
        book.save(source)
    else:
        xls = xlwt.Workbook()
        sheet = xls.add_sheet("FAQ")
        for r, row in enumerate(HIDDEN_COLUMN_ROWS):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
        sheet.col(0).hidden = True
        sheet.col(1).hidden = True
        source = tmp_path / "faq.xls"
        xls.save(str(source))
    done = run_bot("import-faq", str(source))
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(done.stdout)
    assert [(e["id"], e["answer"]) for e in entries] == [
        ("k1", "庶務事務システムで申請します。"),
        ("k2", "人事課で再発行します。"),
    ]
    assert (
        f"{source}: B列「回答（旧）」はExcelで非表示の列のため読んでいません"
        "（回答はD列「回答」から読みました。こちらを読むには --answer B を付けてください）"
    ) in done.stderr.splitlines()


def test_rows_numbered_ahead_with_nothing_else_are_skipped_and_counted(tmp_path: Path) -> None:
    """A sheet numbered down to row 40 for entries to come failed with a problem for every unfilled row."""
    rows: list[list[str | None]] = [
        ["No", "質問", "回答", "分類"],
        ["1", "休暇の申請は？", "庶務事務システムで。", "庶務"],
        ["2", None, None, None],
        ["3", "名札をなくしたら？", "人事課へ。", None],
        ["4", "会議室は？", None, None],
        *([str(n), None, None, None] for n in range(5, 40)),
    ]
    source = write_xlsx(tmp_path / "faq.xlsx", rows)
    done = run_bot("import-faq", str(source))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{source}: 5行目: 回答が空です",
        "1件の問題があるため、何も書き出していません。",
    ]
    rows[4][2] = "予約システムで。"
    done = run_bot("import-faq", str(write_xlsx(tmp_path / "faq.xlsx", rows)))
    assert done.returncode == 0, done.stderr
    assert [e["id"] for e in yaml.safe_load(done.stdout)] == ["1", "3", "4"]
    assert done.stderr.splitlines()[-1] == "3件のFAQを読み込みました（番号だけの行 36 行は飛ばしました）。"


def test_ditto_marks_read_as_the_value_above_and_are_named(tmp_path: Path) -> None:
    """A category 〃 became a menu button 「〃」, and an answer 同上 was served as the answer 「同上」."""
    rows: list[list[str | None]] = [
        ["分類", "質問", "回答"],
        ["ごみ", "粗大ごみの出し方は？", "粗大ごみ受付センターに申し込んでください。"],
        ["〃", "大型の家具は？", "同上"],
        [" 〃 ", "資源ごみの日は？", "水曜日です。"],
    ]
    done = run_bot("import-faq", str(source := write_xlsx(tmp_path / "faq.xlsx", rows)))
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(done.stdout)
    assert [(e["category"], e["answer"]) for e in entries[1:]] == [
        ("ごみ", "粗大ごみ受付センターに申し込んでください。"),
        ("ごみ", "水曜日です。"),
    ]
    assert (
        f"{source}: 注意: 3、4行目の「〃」「同上」は、すぐ上の行と同じ値として読みました"
        "（違う値のときは、Excelでその値を書いてから読み込んでください）"
    ) in done.stderr.splitlines()
    rows[1][2] = "同上"
    done = run_bot("import-faq", str(write_xlsx(tmp_path / "faq.xlsx", rows)))
    assert done.returncode == 1
    assert (
        f"{source}: 2行目: 回答が「同上」ですが、上に読んだ行がありません（値をそのまま書いてください）"
        in (done.stderr.splitlines())
    )


def test_a_category_typed_in_half_width_kana_is_one_with_its_full_width_spelling(tmp_path: Path) -> None:
    """ｼｽﾃﾑ on one row and システム on another were two categories, two buttons in the menu."""
    rows: list[list[str | None]] = [
        ["分類", "質問", "回答"],
        ["ｼｽﾃﾑ", "ﾊﾟｽﾜｰﾄﾞを忘れたら？", "ﾍﾙﾌﾟﾃﾞｽｸへ。"],
        ["システム", "プリンタが動かない", "ヘルプデスクへ。"],
        ["ﾊﾟｿｺﾝ･周辺機器", "マウスの交換は？", "庶務係へ。"],
    ]
    done = run_bot("import-faq", str(write_xlsx(tmp_path / "faq.xlsx", rows)))
    assert done.returncode == 0, done.stderr
    entries = yaml.safe_load(done.stdout)
    assert [e["category"] for e in entries] == ["システム", "システム", "パソコン・周辺機器"]
    assert (entries[0]["question"], entries[0]["answer"]) == ("ﾊﾟｽﾜｰﾄﾞを忘れたら？", "ﾍﾙﾌﾟﾃﾞｽｸへ。"), "as typed"


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_hidden_sheet_is_not_read_unless_named(tmp_path: Path, kind: str) -> None:
    """An old FAQ hidden as the first sheet was imported instead of the one the ward sees."""
    old = [["質問", "回答"], ["粗大ごみは？", "電話で申し込みます。"]]
    new = [["質問", "回答"], ["粗大ごみは？", "インターネットで申し込めます。"]]
    if kind == "xlsx":
        book = Workbook()
        hidden = book.active
        assert hidden is not None
        hidden.title, hidden.sheet_state = "旧", "hidden"
        shown = book.create_sheet("FAQ")
        for sheet, rows in ((hidden, old), (shown, new)):
            for row in rows:
                sheet.append(row)
        book.active = 1
        book.save(source := tmp_path / "faq.xlsx")
    else:
        xls = xlwt.Workbook()
        for name, rows in (("旧", old), ("FAQ", new)):
            sheet = xls.add_sheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    sheet.write(r, c, value)
        xls.get_sheet(0).visibility = 1
        xls.save(str(source := tmp_path / "faq.xls"))
    done = run_bot("import-faq", str(source))
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(done.stdout)[0]["answer"] == "インターネットで申し込めます。"
    assert "シート「FAQ」を読みました。Excelで非表示のシート「旧」は読んでいません" in done.stderr
    named = run_bot("import-faq", str(source), "--sheet", "旧")
    assert yaml.safe_load(named.stdout)[0]["answer"] == "電話で申し込みます。"


def test_a_sheet_without_a_single_entry_writes_nothing(tmp_path: Path) -> None:
    """A header alone, or every row filtered out, was 「0件のFAQを読み込みました」 and an empty file."""
    header_only = tmp_path / "faq.csv"
    header_only.write_text("質問,回答\r\n", encoding="utf-8")
    output = tmp_path / "faq.yaml"
    done = run_bot("import-faq", str(header_only), "--output", str(output))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == f"{header_only}: 1行目より下に、質問と回答のある行がありません"
    assert not output.exists()
    filtered = write_xlsx(tmp_path / "faq.xlsx", [["質問", "回答"], ["粗大ごみは？", "予約制です。"]])
    book = load_workbook(filtered)
    book["FAQ"].row_dimensions[2].hidden = True
    book.save(filtered)
    done = run_bot("import-faq", str(filtered), "--output", str(output))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        f"{filtered}: 1行目より下に、質問と回答のある行がありません"
        "（1行はExcelで非表示です。フィルターや非表示を解除してから読み込んでください）"
    )
