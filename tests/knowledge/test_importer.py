"""import-faq: a ward's spreadsheet (xlsx, or CSV in UTF-8 or Shift_JIS) into faq.yaml; bad rows reported."""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook
from openpyxl.utils.cell import range_boundaries

from bot.knowledge import load_knowledge
from bot.knowledge.importer import NO_ID, ImportProblems, import_faq, read_rows, to_yaml
from tests.auxil.cli import run_main
from tests.auxil.server import run_bot

HEADER = ["No", "分類", "質問", "回答", "キーワード"]
ROWS = [
    [
        "101",
        "ごみ",
        "粗大ごみの出し方は？",
        "事前に申し込んでください。\n手数料がかかります。",
        "粗大ごみ;大型ごみ",
    ],
    ["102", "証明書", "住民票はどこで取れますか。", "区役所の窓口です。", ""],
]

MISTAKEN_CATEGORY = (
    "学童クラブは小学生が放課後を過ごす場所です。"
    "申込みは毎年1月に区役所の児童青少年課の窓口で受け付けています"
)
"""An answer read as a category (a column mapped wrong): longer than any category's name."""


def write_xlsx(
    path: Path, rows: Sequence[Sequence[str | None]], title: str = "FAQ", merged: tuple[str, ...] = ()
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def _span(cells: str) -> tuple[int, int, int, int]:
    """``B4:B5`` as xlwt counts: 0-based first and last row, first and last column (3, 4, 1, 1)."""
    left, top, right, bottom = (n or 0 for n in range_boundaries(cells))
    return top - 1, bottom - 1, left - 1, right - 1


def write_xls(path: Path, rows: Sequence[Sequence[str | None]], merged: tuple[str, ...] = ()) -> Path:
    """An Excel 97-2003 workbook; ``merged`` ranges as in Excel (``B4:B5``), the first cell's value kept."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("FAQ")
    spans = [_span(cells) for cells in merged]
    covered = {
        (r, c)
        for top, bottom, left, right in spans
        for r in range(top, bottom + 1)
        for c in range(left, right + 1)
    }
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None and (r, c) not in covered:
                sheet.write(r, c, value)
    for top, bottom, left, right in spans:
        sheet.write_merge(top, bottom, left, right, rows[top][left] or "")
    book.save(str(path))
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    lines = []
    for row in rows:
        lines.append(",".join('"' + cell.replace('"', '""') + '"' for cell in row))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("kind", ["xlsx", "xls", "utf-8-sig", "cp932"])
def test_a_spreadsheet_becomes_an_faq_the_bot_loads(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        source = write_xlsx(tmp_path / "faq.xlsx", [HEADER, *ROWS])
    elif kind == "xls":
        source = write_xls(tmp_path / "faq.xls", [HEADER, *ROWS])
    else:
        source = write_csv(tmp_path / "faq.csv", [HEADER, *ROWS], kind)
    output = tmp_path / "faq.yaml"
    done = run_main("import-faq", str(source), "--output", str(output))
    assert done.returncode == 0, done.stderr
    assert "2件のFAQを読み込みました" in done.stderr
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    kb = load_knowledge(output, knowledge)
    first, second = kb.faq
    assert (first.id, first.category, first.question) == ("101", "ごみ", "粗大ごみの出し方は？")
    assert first.answer == "事前に申し込んでください。\n手数料がかかります。"
    assert first.keywords == ["粗大ごみ", "大型ごみ"]
    assert (second.id, second.keywords) == ("102", [])


def test_columns_given_by_letter_number_or_header_and_ids_made_when_missing(tmp_path: Path) -> None:
    rows = [
        ["お問い合わせ内容", "ご案内"],
        ["犬の登録は？", "保健所で登録します。"],
        ["", ""],
        ["猫は？", "登録は不要です。"],
    ]
    source = write_xlsx(tmp_path / "faq.xlsx", rows, title="よくある質問")
    for question, answer in (("A", "B"), ("1", "2"), ("お問い合わせ内容", "ご案内")):
        imported = import_faq(read_rows(source, "よくある質問"), {"question": question, "answer": answer})
        assert [e.id for e in imported.entries] == ["q0002", "q0004"], "ids are the rows' numbers in Excel"
        assert imported.blank_rows == 1


def test_every_bad_row_is_reported_by_number_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["1", "ごみ", "質問だけ", "", ""],
        ["2", "ごみ", "", "", ""],
        ["3", "ごみ", "よい質問", "よい回答", ""],
        ["3", "ごみ", "IDが重複", "回答", ""],
        ["4 4", "ごみ", "IDに空白", "回答", ""],
        ["5", MISTAKEN_CATEGORY, "分類が長い", "回答", ""],
    ]
    source = write_csv(tmp_path / "faq.csv", rows, "utf-8")
    output = tmp_path / "faq.yaml"
    done = run_main("import-faq", str(source), "--output", str(output))
    assert done.returncode == 1
    assert not output.exists()
    assert "2行目: 回答が空です" in done.stderr
    assert "3行目: 質問と回答が空です" in done.stderr
    assert "5行目: ID「3」は4行目でも使われています" in done.stderr
    assert "6行目:" in done.stderr
    assert "7行目:" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_columns_unknown_sheets_and_formats_are_explained(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "faq.xlsx", [["タイトル", "本文"], ["a", "b"]])
    with pytest.raises(ImportProblems) as missing:
        import_faq(read_rows(source))
    assert any("質問の列が見つかりません" in p for p in missing.value.problems)
    with pytest.raises(ImportProblems, match="シート「なし」がありません"):
        read_rows(source, "なし")
    with pytest.raises(ImportProblems, match="シート「なし」がありません（あるのは FAQ）"):
        read_rows(write_xls(tmp_path / "faq.xls", [["質問", "回答"]]), "なし")
    not_xls = tmp_path / "renamed.xls"
    not_xls.write_bytes(b"PK\x03\x04 an xlsx renamed")
    with pytest.raises(ImportProblems, match="Excelファイルとして読み込めません"):
        read_rows(not_xls)
    pdf = tmp_path / "faq.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(ImportProblems, match="対応していない形式"):
        read_rows(pdf)
    with pytest.raises(ImportProblems, match="ファイルが見つかりません"):
        read_rows(tmp_path / "nowhere.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    done = run_bot("import-faq", str(broken))
    assert done.returncode == 1
    assert "Excelファイルとして読み込めません" in done.stderr
    assert "Traceback" not in done.stderr
    assert "File is not a zip file" not in done.stderr, "the reason is said in Japanese"
    for absent in ("nowhere.csv", "nowhere.xlsx", "nowhere.xls"):
        gone = run_main("import-faq", str(tmp_path / absent))
        assert gone.returncode == 2, "a file that is not there is bad usage, whatever its kind"
        assert gone.stderr.strip() == f"{tmp_path / absent}: ファイルが見つかりません"
    csv_sheet = run_main(
        "import-faq", str(write_csv(tmp_path / "faq.csv", [HEADER], "utf-8")), "--sheet", "FAQ"
    )
    assert csv_sheet.returncode == 2
    assert "CSVにはシートがありません" in csv_sheet.stderr


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_sheet_the_workbook_does_not_have_is_bad_usage_with_exit_2(tmp_path: Path, kind: str) -> None:
    write = write_xlsx if kind == "xlsx" else write_xls
    source = write(tmp_path / f"faq.{kind}", [HEADER, *ROWS])
    output = tmp_path / "faq.yaml"
    done = run_main("import-faq", str(source), "--sheet", "NOSUCH", "--output", str(output))
    assert done.returncode == 2, "bad usage, as a file that is not there"
    assert done.stderr.strip() == f"{source}: シート「NOSUCH」がありません（あるのは FAQ）"
    assert not output.exists()


def test_the_output_never_overwrites_a_spreadsheet_and_bad_places_are_explained(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "faq.csv", [HEADER, *ROWS], "utf-8")
    original = source.read_bytes()
    other = write_xlsx(tmp_path / "other.xlsx", [HEADER, *ROWS])
    cases = {
        str(source): "読み込む表と同じファイルには書き出せません",
        str(other): "表のファイルの名前には書き出せません",
        str(tmp_path): "フォルダです。書き出すファイルの名前まで指定してください",
        str(tmp_path / "nodir" / "faq.yaml"): f"書き出し先のフォルダ {tmp_path / 'nodir'} がありません",
    }
    for output, said in cases.items():
        done = run_main("import-faq", str(source), "--output", output)
        assert done.returncode == 2, (output, done.stderr)
        assert said in done.stderr
        assert "Traceback" not in done.stderr
    assert source.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faq.csv", "other.xlsx"], "no stray file left"
    assert not (tmp_path.parent / f"{tmp_path.name}.tmp").exists()


def test_the_yaml_round_trips_to_the_same_entries(tmp_path: Path) -> None:
    imported = import_faq([HEADER, *ROWS])
    path = tmp_path / "faq.yaml"
    path.write_text(to_yaml(imported.entries), encoding="utf-8")
    (tmp_path / "k").mkdir()
    assert list(load_knowledge(path, tmp_path / "k").faq) == imported.entries


def test_an_answer_of_several_lines_is_written_as_a_block_and_reads_back_the_same(tmp_path: Path) -> None:
    answers = [
        "受付センターに申し込んでください。\n手数料は品目ごとに異なります。",
        "# 持ち物\n- 本人確認書類\n- 印鑑: 不要です\n",
        "末尾に空白がある行 \n次の行",
        "'引用' と \"引用\" と {かっこ} と [角かっこ]\n\n  字下げした行",
    ]
    imported = import_faq([["質問", "回答"], *([f"質問{n}です", a] for n, a in enumerate(answers))])
    text = to_yaml(imported.entries)
    assert "answer: |-\n    受付センターに申し込んでください。\n    手数料は品目ごとに異なります。\n" in text
    path = tmp_path / "faq.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "k").mkdir()
    assert [entry.answer for entry in load_knowledge(path, tmp_path / "k").faq] == [
        entry.answer for entry in imported.entries
    ]


def test_a_column_that_is_no_field_of_the_faq_is_said_to_be_unread(tmp_path: Path) -> None:
    rows = [
        ["No.", "質問", "回答", "担当課", "", "更新日"],
        ["1", "犬の登録は？", "保健所です。", "保健所", "", "2026/04/01"],
    ]
    assert import_faq(rows).unread == [
        "D列「担当課」はFAQの項目にないため読んでいません",
        "F列「更新日」はFAQの項目にないため読んでいません",
    ]
    source = write_csv(tmp_path / "faq.csv", rows, "utf-8")
    done = run_main("import-faq", str(source), "--output", str(tmp_path / "faq.yaml"))
    assert done.returncode == 0
    assert "D列「担当課」はFAQの項目にないため読んでいません" in done.stderr


def test_a_column_without_a_header_whose_cells_hold_text_is_said_to_be_unread(tmp_path: Path) -> None:
    rows = [
        ["質問", "回答", "", ""],
        ["犬の登録は？", "保健所です。", "窓口は2階です。", ""],
        ["猫は？", "登録はありません。", "", "メモ"],
        ["鳥は？", "登録はありません。", "詳しくは保健所へ。", ""],
    ]
    how = "読むには項目名を付けるか、--answer などで列を指定してください"
    assert import_faq(rows).unread == [
        f"C列は項目名がないため読んでいません（2行に文字があります。{how}）",
        f"D列は項目名がないため読んでいません（1行に文字があります。{how}）",
    ]
    assert import_faq([[*row[:2], ""] for row in rows]).unread == [], "an empty column is no news"


def test_an_id_column_left_out_by_id_dash_is_said_to_be_so() -> None:
    rows = [["ID", "質問", "回答"], ["A-1", "犬の登録は？", "保健所です。"]]
    imported = import_faq(rows, {"id": NO_ID})
    assert imported.unread == ["A列「ID」は --id - の指定により読んでいません"]
    assert [entry.id for entry in imported.entries] == ["q0002"], "row 2's entry, as messages say 2行目"


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_title_above_the_header_and_cells_merged_down_a_column_are_read_as_people_see_them(
    tmp_path: Path, kind: str
) -> None:
    rows: list[list[str | None]] = [
        ["サンプル区 よくある質問（令和8年4月1日現在）", None, None, None],
        [None, None, None, None],
        ["No.", "分類（大分類）", "質問（Q）", "回答（A）"],
        ["1", "ごみ", "粗大ごみの出し方は？", "事前に申し込んでください。"],
        ["2", None, "資源ごみの日は？", "水曜日です。"],
        ["3", "証明書", "住民票はどこで？", "区役所の窓口です。"],
        ["4", "証明書", "印鑑登録証明書はどこで？", None],
    ]
    # A title across the row (one cell's text, not every column's), one category beside two
    # questions, one answer for two questions.
    merged = ("A1:D1", "B4:B5", "D6:D7")
    write = write_xlsx if kind == "xlsx" else write_xls
    source = write(tmp_path / f"faq.{kind}", rows, merged=merged)
    imported = import_faq(read_rows(source))
    assert imported.header_row == 3
    assert [(e.id, e.category, e.answer) for e in imported.entries] == [
        ("1", "ごみ", "事前に申し込んでください。"),
        ("2", "ごみ", "水曜日です。"),
        ("3", "証明書", "区役所の窓口です。"),
        ("4", "証明書", "区役所の窓口です。"),
    ]
    done = run_main("import-faq", str(source), "--output", str(tmp_path / "faq.yaml"))
    assert done.returncode == 0, done.stderr
    assert "4件のFAQを読み込みました（項目名の行は3行目）" in done.stderr


def test_a_section_heading_merged_across_a_row_is_reported_not_made_an_entry(tmp_path: Path) -> None:
    rows: list[list[str | None]] = [
        ["質問", "回答"],
        ["■ ごみ・リサイクル", None],
        ["粗大ごみは？", "申し込みます。"],
    ]
    source = write_xlsx(tmp_path / "faq.xlsx", rows, merged=("A2:B2",))
    with pytest.raises(ImportProblems) as bad:
        import_faq(read_rows(source))
    assert bad.value.problems == ["2行目: 回答が空です"]


def test_headers_written_other_ways_are_recognised_and_a_missing_header_row_is_explained() -> None:
    rows = [["ＩＤ", "Q（質問）", "回答：", "回答者"], ["a-1", "犬の登録は？", "保健所です。", "衛生課"]]
    (entry,) = import_faq(rows).entries
    assert (entry.id, entry.question, entry.answer) == ("a-1", "犬の登録は？", "保健所です。")
    titled = [["よくある質問"], [], ["質問", "回答"], ["犬の登録は？", "保健所です。"]]
    assert import_faq(titled).header_row == 3
    by_letter = import_faq(titled, {"question": "A", "answer": "B"})
    assert (by_letter.header_row, len(by_letter.entries)) == (3, 1), "the title row is not the header"
    with pytest.raises(ImportProblems) as none:
        import_faq([["お知らせ"], ["犬", "猫"]] * 15)
    assert "質問の列が見つかりません" in none.value.problems[0]
    assert none.value.problems[-1] == "先頭の20行に項目名の行がありません"


def test_ids_and_categories_that_do_not_fit_are_explained_and_ids_can_be_numbered_by_row(
    tmp_path: Path,
) -> None:
    rows = [
        ["番号", "分類", "質問", "回答"],
        ["ごみ-1", "ごみ", "粗大ごみは？", "申し込みます。"],
        [
            "2",
            MISTAKEN_CATEGORY,
            "学童は？",
            "申し込みます。",
        ],
    ]
    with pytest.raises(ImportProblems) as bad:
        import_faq(rows)
    assert bad.value.problems[0].startswith(
        "2行目: ID「ごみ-1」は使えません（半角の英数字と - _ . で48文字まで）"
    )
    assert "--id -" in bad.value.problems[0]
    assert bad.value.problems[1].startswith(f"3行目: 分類「{MISTAKEN_CATEGORY}」が長すぎます")
    source = write_csv(tmp_path / "faq.csv", [rows[0], rows[1]], "cp932")
    done = run_main("import-faq", str(source), "--id", "-", "--output", str(tmp_path / "faq.yaml"))
    assert done.returncode == 0, done.stderr
    (tmp_path / "knowledge").mkdir()
    (entry,) = load_knowledge(tmp_path / "faq.yaml", tmp_path / "knowledge").faq
    assert (entry.id, entry.category) == ("q0002", "ごみ")


def test_q_and_a_markers_and_html_from_a_cms_export_become_plain_text(tmp_path: Path) -> None:
    rows = [
        ["質問", "回答"],
        [
            "Q1. 粗大ごみの出し方は？",
            'A．<p>事前に<a href="https://example.jp/sodai">お申込み</a>が必要です。<br>'
            "手数料は&amp;券で払います。</p><ul><li>月曜</li><li>木曜</li></ul>",
        ],
        ["問：住民票は？", "答え：区役所の窓口です。"],
        ["QRコードで払えますか。", "A型の方は<5歳>までです。"],
    ]
    source = write_csv(tmp_path / "faq.csv", rows, "utf-8")
    first, second, third = import_faq(read_rows(source)).entries
    assert (first.question, first.answer) == (
        "粗大ごみの出し方は？",
        "事前にお申込み（https://example.jp/sodai）が必要です。\n手数料は&券で払います。\n・月曜\n・木曜",
    )
    assert (second.question, second.answer) == ("住民票は？", "区役所の窓口です。")
    assert (third.question, third.answer) == ("QRコードで払えますか。", "A型の方は<5歳>までです。"), (
        "no marker"
    )


def test_paper_sizes_and_lists_opening_an_answer_are_no_markers() -> None:
    """「A4、A3のどちらでも」 lost its 「A4、」 as if it were the marker 「A1、」: the answer said only A3."""
    rows = [
        ["質問", "回答"],
        ["用紙のサイズは？", "A4、A3のどちらでも受け付けます。"],
        ["提出の順番は？", "A、B、Cの順に綴じてください。"],
        ["Q1) 申請は？", "A1) 窓口で。"],
        ["問2、届出は？", "答え、郵送で。"],
    ]
    assert [(e.question, e.answer) for e in import_faq(rows).entries] == [
        ("用紙のサイズは？", "A4、A3のどちらでも受け付けます。"),
        ("提出の順番は？", "A、B、Cの順に綴じてください。"),
        ("申請は？", "窓口で。"),
        ("届出は？", "郵送で。"),
    ]


def test_section_headings_on_rows_of_their_own_become_categories_when_asked(tmp_path: Path) -> None:
    rows: list[list[str | None]] = [
        ["No", "質問", "回答"],
        ["■ ごみ・リサイクル", None, None],
        ["1", "粗大ごみの出し方は？", "事前に申し込んでください。"],
        ["2", "資源ごみの日は？", "水曜日です。"],
        ["【証明書】", None, None],
        ["3", "住民票はどこで取れますか。", "区役所の窓口です。"],
    ]
    source = write_xlsx(tmp_path / "faq.xlsx", rows, merged=("A2:C2", "A5:C5"))
    with pytest.raises(ImportProblems, match="2行目: 質問と回答が空です"):
        import_faq(read_rows(source))  # by default a heading is a row without its answer
    imported = import_faq(read_rows(source), headings=True)
    assert [(e.id, e.category) for e in imported.entries] == [
        ("1", "ごみ・リサイクル"),
        ("2", "ごみ・リサイクル"),
        ("3", "証明書"),
    ]
    assert imported.heading_rows == 2
    done = run_main("import-faq", str(source), "--headings", "--output", str(tmp_path / "faq.yaml"))
    assert done.returncode == 0, done.stderr
    assert "3件のFAQを読み込みました（見出しの行 2 行を分類として読みました）" in done.stderr


def test_a_question_without_its_answer_is_never_taken_for_a_heading() -> None:
    rows = [
        ["質問", "回答"],
        ["■ 税金", ""],
        ["住民税はいつ払いますか。", ""],
        ["■ 国民健康保険", ""],
    ]
    with pytest.raises(ImportProblems) as bad:
        import_faq(rows, headings=True)
    assert bad.value.problems == [
        "3行目: 回答が空です",
        "4行目: 見出し「国民健康保険」の下に質問がありません（質問であれば回答を入れてください）",
    ]


def test_a_row_with_text_only_in_columns_not_read_is_reported_or_read_as_a_heading(tmp_path: Path) -> None:
    rows: list[list[str | None]] = [
        ["担当課", "質問", "回答", "備考"],
        ["■ ごみ", None, None, None],
        [None, "粗大ごみは？", "申し込みます。", None],
        [None, None, None, "令和8年4月に見直し"],
        [None, None, None, None],
        ["● 税金", None, None, None],
        [None, "住民税は？", "6月に通知します。", None],
    ]
    source = write_xlsx(tmp_path / "faq.xlsx", rows, merged=("A2:D2",))
    with pytest.raises(ImportProblems) as bad:
        import_faq(read_rows(source), headings=True)
    assert bad.value.problems == [
        "4行目: 質問と回答が空です（この行にあるのは D列「令和8年4月に見直し」だけです）"
    ], "a note alone is not a blank row"
    del rows[3]
    source = write_xlsx(tmp_path / "faq.xlsx", rows, merged=("A2:D2",))
    imported = import_faq(read_rows(source), headings=True)
    assert [(e.category, e.question) for e in imported.entries] == [
        ("ごみ", "粗大ごみは？"),
        ("税金", "住民税は？"),
    ]
    assert (imported.heading_rows, imported.blank_rows) == (2, 1)
    with pytest.raises(ImportProblems) as plain:
        import_faq(read_rows(source))
    assert plain.value.problems == [
        "2行目: 質問と回答が空です（この行にあるのは A列「■ ごみ」だけです）",
        "5行目: 質問と回答が空です（この行にあるのは A列「● 税金」だけです）",
    ]


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_dates_read_as_excel_shows_them(tmp_path: Path, kind: str) -> None:
    day, moment = dt.datetime(2026, 5, 1), dt.datetime(2026, 5, 1, 9, 30)  # noqa: DTZ001 (as Excel stores)
    if kind == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["質問", "回答", "更新日"])
        sheet.append(["受付開始は？", day, moment])
        book.save(tmp_path / "faq.xlsx")
    else:
        xls = xlwt.Workbook()
        sheet = xls.add_sheet("FAQ")
        dated = xlwt.easyxf(num_format_str="yyyy/mm/dd")
        for c, value in enumerate(["質問", "回答", "更新日"]):
            sheet.write(0, c, value)
        sheet.write(1, 0, "受付開始は？")
        sheet.write(1, 1, day, dated)
        sheet.write(1, 2, moment, dated)
        xls.save(str(tmp_path / "faq.xls"))
    assert read_rows(tmp_path / f"faq.{kind}")[1] == ["受付開始は？", "2026/05/01", "2026/05/01 9:30"]


def test_a_second_column_for_a_field_is_said_to_be_unread(tmp_path: Path) -> None:
    rows = [["質問", "回答（A）", "回答（英語）"], ["犬の登録は？", "保健所です。", "At the health center."]]
    imported = import_faq(rows)
    assert imported.entries[0].answer == "保健所です。"
    assert imported.unread == [
        "C列「回答（英語）」は読んでいません（回答はB列「回答（A）」から読みました。"
        "こちらを読むには --answer C を付けてください）"
    ]
    assert import_faq(rows, {"answer": "C"}).entries[0].answer == "At the health center."
    source = write_csv(tmp_path / "faq.csv", rows, "utf-8")
    done = run_main("import-faq", str(source), "--output", str(tmp_path / "faq.yaml"))
    assert done.returncode == 0
    assert "C列「回答（英語）」は読んでいません" in done.stderr


def test_scripts_and_table_cells_from_a_cms_export_are_tidied() -> None:
    rows = [
        ["質問", "回答"],
        [
            "手数料は？",
            "<table><tr><th>品目</th><td>200円</td></tr></table><script>track('faq')</script>以上です。",
        ],
        ["問い合わせは？", "<style>p{color:red}</style>窓口へ。"],
    ]
    first, second = import_faq(rows).entries
    assert first.answer == "品目 200円\n以上です。"
    assert second.answer == "窓口へ。"


def test_a_column_given_by_a_letter_past_the_text_is_named_as_the_cause() -> None:
    rows = [["質問", "回答"], ["犬の登録は？", "保健所です。"]]
    with pytest.raises(ImportProblems) as caught:
        import_faq(rows, {"answer": "Z"})
    assert caught.value.problems == ["回答の列「Z」は先頭の2行がすべて空です"]
    assert [e.answer for e in import_faq([["No", *rows[0]], ["1", *rows[1]]], {"id": "No"}).entries] == [
        "保健所です。"
    ], "a header that looks like a letter is read as the header"


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_two_row_header_is_all_header_and_a_repeated_header_is_never_an_entry(
    tmp_path: Path, kind: str
) -> None:
    rows: list[list[str | None]] = [
        ["サンプル区 よくある質問", None, None, None, None],
        [None, None, None, None, None],
        ["番号", "質問", "回答", "担当", None],
        [None, None, None, "課名", "内線"],
        ["1001", "粗大ごみの出し方は？", "事前に申し込んでください。", "清掃事務所", "3000"],
        ["番号", "質問", "回答", "担当", None],  # the header again, as printed on each page
        ["1002", "住民票はどこで？", "区役所の窓口です。", "区民課", "3100"],
    ]
    # Each header cell merged down over rows 3-4, but 担当 across its two sub-headings.
    merged = ("A3:A4", "B3:B4", "C3:C4", "D3:E3")
    write = write_xlsx if kind == "xlsx" else write_xls
    source = write(tmp_path / f"faq.{kind}", rows, merged=merged)
    imported = import_faq(read_rows(source))
    assert [(e.id, e.question) for e in imported.entries] == [
        ("1001", "粗大ごみの出し方は？"),
        ("1002", "住民票はどこで？"),
    ]
    assert (imported.header_row, imported.header_end, imported.header_repeats) == (3, 4, [6])
    assert imported.unread == [
        "D列「担当（課名）」はFAQの項目にないため読んでいません",
        "E列「内線」はFAQの項目にないため読んでいません",
    ]
    output = tmp_path / "faq.yaml"
    done = run_main("import-faq", str(source), "--id", "-", "--output", str(output))
    assert done.returncode == 0, done.stderr
    assert "6行目は項目名の行の繰り返しのため読んでいません" in done.stderr
    assert "2件のFAQを読み込みました（項目名の行は3〜4行目）" in done.stderr
    (tmp_path / "knowledge").mkdir()
    assert [(e.id, e.question) for e in load_knowledge(output, tmp_path / "knowledge").faq] == [
        ("q0005", "粗大ごみの出し方は？"),
        ("q0007", "住民票はどこで？"),
    ], "no entry made of the header's names; ids are the rows' numbers"


FORMATTED: list[tuple[object, str, str]] = [
    (300, '#,##0"円"', "300円"),
    (1234567, "#,##0", "1,234,567"),
    (0.25, "0%", "25%"),
    (0.125, "0.0%", "12.5%"),
    (12, "00000", "00012"),
    (1.5, "0.00", "1.50"),
    (42, '0"件"', "42件"),
    (-1200, "#,##0;△#,##0", "△1,200"),
    (dt.datetime(2026, 11, 30), 'yyyy"年"m"月"d"日"', "2026年11月30日"),  # noqa: DTZ001
    (dt.datetime(2026, 11, 30), '[$-411]ggge"年"m"月"d"日"', "令和8年11月30日"),  # noqa: DTZ001
    (dt.datetime(2026, 11, 30), 'm"月"d"日"(aaa)', "11月30日(月)"),  # noqa: DTZ001
]
"""A value, its number format and the text Excel shows."""


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_numbers_and_dates_read_as_their_number_format_shows_them(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["質問", "回答"])
        for value, number_format, _ in FORMATTED:
            sheet.append(["いくら？", value])
            sheet.cell(row=sheet.max_row, column=2).number_format = number_format
        book.save(tmp_path / "faq.xlsx")
    else:
        xls = xlwt.Workbook()
        old = xls.add_sheet("FAQ")
        old.write(0, 0, "質問")
        old.write(0, 1, "回答")
        for r, (value, number_format, _) in enumerate(FORMATTED, start=1):
            old.write(r, 0, "いくら？")
            old.write(r, 1, value, xlwt.easyxf(num_format_str=number_format))
        xls.save(str(tmp_path / "faq.xls"))
    assert [row[1] for row in read_rows(tmp_path / f"faq.{kind}")[1:]] == [shown for *_, shown in FORMATTED]


def test_an_existing_output_is_kept_unless_force_is_given(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "faq.csv", [HEADER, *ROWS], "utf-8")
    output = tmp_path / "faq.yaml"
    drafted = "- id: '101'\n  question: 粗大ごみは？\n  answer: 申し込みます。\n  phrasings: [大型ごみ]\n"
    output.write_text(drafted, encoding="utf-8")
    kept = run_bot("import-faq", str(source), "--output", str(output))
    assert kept.returncode == 2
    assert kept.stderr.startswith(f"{output}: すでにあるファイルです。")
    assert "--force" in kept.stderr
    assert output.read_text(encoding="utf-8") == drafted
    forced = run_bot("import-faq", str(source), "--output", str(output), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "事前に申し込んでください。" in output.read_text(encoding="utf-8")


def test_the_output_is_written_whole_beside_any_file_of_the_same_name_and_keeps_its_mode(
    tmp_path: Path,
) -> None:
    """A file named like a fixed temporary name (faq.yaml.tmp) is someone's, not ours to replace."""
    source = write_csv(tmp_path / "faq.csv", [HEADER, *ROWS], "utf-8")
    output = tmp_path / "faq.yaml"
    theirs = tmp_path / "faq.yaml.tmp"
    theirs.write_text("下書き", encoding="utf-8")
    output.write_text("- id: '1'\n", encoding="utf-8")
    output.chmod(0o644)
    forced = run_main("import-faq", str(source), "--output", str(output), "--force")
    assert forced.returncode == 0, forced.stderr
    assert theirs.read_text(encoding="utf-8") == "下書き"
    assert oct(output.stat().st_mode & 0o777) == oct(0o644)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faq.csv", "faq.yaml", "faq.yaml.tmp"]


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_other_sheets_and_hidden_rows_are_named_not_left_out_unseen(tmp_path: Path, kind: str) -> None:
    rows = [
        ["質問", "回答"],
        ["粗大ごみは？", "申し込みます。"],
        ["古い質問", "古い回答"],
        ["猫は？", "不要です。"],
    ]
    if kind == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "FAQ"
        for row in rows:
            sheet.append(row)
        sheet.row_dimensions[3].hidden = True
        book.create_sheet("追加分").append(["質問", "回答"])
        book.save(tmp_path / "faq.xlsx")
    else:
        xls = xlwt.Workbook()
        old = xls.add_sheet("FAQ")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                old.write(r, c, value)
        old.row(2).hidden = True
        xls.add_sheet("追加分").write(0, 0, "質問")
        xls.save(str(tmp_path / "faq.xls"))
    output = tmp_path / "faq.yaml"
    done = run_main("import-faq", str(tmp_path / f"faq.{kind}"), "--output", str(output))
    assert done.returncode == 0, done.stderr
    assert "シート「FAQ」を読みました。ほかのシート「追加分」は読んでいません" in done.stderr
    assert "3行目はExcelで非表示の行のため読んでいません" in done.stderr
    assert "2件のFAQを読み込みました" in done.stderr
    assert "古い質問" not in output.read_text(encoding="utf-8")
    single = write_xlsx(tmp_path / "one.xlsx", rows)
    assert "シート" not in run_main("import-faq", str(single)).stderr, "one sheet: nothing to say"
    failed = run_main("import-faq", str(tmp_path / f"faq.{kind}"), "--answer", "Z")
    assert failed.returncode == 1
    assert "ほかのシート「追加分」は読んでいません" in failed.stderr, "the FAQ may be on the other sheet"


def test_a_mistyped_column_name_is_the_one_problem_reported_with_the_headers_names() -> None:
    rows = [["サンプル区 よくある質問"], [], ["No", "質問", "回答"], ["1", "犬の登録は？", "保健所です。"]]
    with pytest.raises(ImportProblems) as caught:
        import_faq(rows, {"answer": "回答内容"})
    assert caught.value.problems == [
        "回答の列「回答内容」がありません（3行目の項目名は「No」「質問」「回答」です。"
        "列は項目名、A・B などの列の記号、1から数えた列の番号のどれかで指定してください）"
    ]


def test_japanese_excels_built_in_date_formats_read_as_it_shows_them(tmp_path: Path) -> None:
    built_in = {'yyyy"年"m"月"d"日"': 31, '[$-411]ggge"年"m"月"d"日"': 58, "[$-411]ge.m.d": 57}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["質問", "回答"])
    for number_format in built_in:
        sheet.append(["締切は？", dt.datetime(2026, 11, 30)])  # noqa: DTZ001 (as Excel stores)
        sheet.cell(row=sheet.max_row, column=2).number_format = number_format
    source = tmp_path / "faq.xlsx"
    book.save(source)
    # Japanese Excel saves these formats by their number only, with no format text in the file.
    with zipfile.ZipFile(source) as packed:
        parts = {name: packed.read(name) for name in packed.namelist()}
    styles = parts["xl/styles.xml"].decode()
    for number_format, format_id in built_in.items():
        code = html.escape(number_format)
        own = re.search(rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(code)}"\s*/>', styles)
        assert own is not None
        styles = styles.replace(own.group(0), "").replace(
            f'numFmtId="{own.group(1)}"', f'numFmtId="{format_id}"'
        )
    parts["xl/styles.xml"] = styles.encode()
    with zipfile.ZipFile(source, "w") as packed:
        for name, data in parts.items():
            packed.writestr(name, data)
    assert [row[1] for row in read_rows(source)[1:]] == ["2026年11月30日", "令和8年11月30日", "R8.11.30"]


@pytest.mark.parametrize("kind", ["xlsx", "cp932"])
def test_ids_typed_in_full_width_are_read_as_their_half_width_letters_and_digits(
    tmp_path: Path, kind: str
) -> None:
    rows = [
        ["No", "質問", "回答"],
        ["Ｍ００１", "電子申請の様式を作りたい", "依頼書を出してください。"],
        ["１２", "タブレットを借りたい", "貸し出しています。"],
        ["ｇｏｍｉ－３", "粗大ごみは？", "申し込みます。"],
    ]
    if kind == "xlsx":
        source = write_xlsx(tmp_path / "faq.xlsx", rows)
    else:
        source = write_csv(tmp_path / "faq.csv", rows, kind)
    output = tmp_path / "faq.yaml"
    done = run_main("import-faq", str(source), "--output", str(output))
    assert done.returncode == 0, done.stderr
    (tmp_path / "knowledge").mkdir()
    kb = load_knowledge(output, tmp_path / "knowledge")
    assert [e.id for e in kb.faq] == ["M001", "12", "gomi-3"]


def test_a_full_width_id_that_another_row_has_in_half_width_is_used_twice() -> None:
    rows = [
        ["No", "質問", "回答"],
        ["M001", "様式は？", "依頼書です。"],
        ["Ｍ００１", "受付を止めたい", "止められます。"],
    ]
    with pytest.raises(ImportProblems) as bad:
        import_faq(rows)
    assert bad.value.problems == ["3行目: ID「M001」は2行目でも使われています"]


def test_a_row_without_its_question_says_what_it_holds_so_a_total_or_a_note_is_recognised(
    tmp_path: Path,
) -> None:
    rows: list[list[str | None]] = [
        ["No", "分類", "質問", "回答", "備考"],
        ["1", "ごみ", "粗大ごみは？", "申し込みます。", None],
        ["件数", None, None, "1", None],
        [None, None, None, None, "この表は毎年4月に見直します。担当：清掃事務所の庶務係"],
        ["2", "ごみ", "", "資源ごみは水曜日です。", "旧FAQ 12番\n要確認"],
    ]
    source = write_xlsx(tmp_path / "faq.xlsx", rows)
    done = run_main("import-faq", str(source), "--output", str(tmp_path / "faq.yaml"))
    assert done.returncode == 1
    assert done.stderr.splitlines()[:3] == [
        f"{source}: 3行目: 質問が空です（この行にあるのは A列「件数」、D列「1」だけです）",
        f"{source}: 4行目: 質問と回答が空です"
        "（この行にあるのは E列「この表は毎年4月に見直します。担当：清…」だけです）",
        f"{source}: 5行目: 質問が空です"
        "（この行にあるのは A列「2」、B列「ごみ」、D列「資源ごみは水曜日です。」などです）",
    ]
