"""import-faq bounds what it unpacks of an .xlsx: a file that unpacks to far more than any FAQ is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.auxil.server import run_bot
from tests.knowledge.test_importer import write_xlsx

XLSX_LIMIT = 50 * 1024 * 1024
"""The limit the docs state (50 MB unpacked)."""


def _padded(source: Path, padding: int) -> None:
    """Pad the workbook's sheet with ``padding`` spaces: a file of kilobytes that unpacks to megabytes."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>", b" " * padding + b"</sheetData>")
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_an_xlsx_unpacking_to_more_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A zip bomb (a sheet's XML unpacking to gigabytes) exhausted memory in openpyxl: now refused unread."""
    source = write_xlsx(tmp_path / "faq.xlsx", [["質問", "回答"], ["粗大ごみは？", "予約制です。"]])
    _padded(source, XLSX_LIMIT + 1)
    assert source.stat().st_size < 200_000
    output = tmp_path / "faq.yaml"
    done = run_bot("import-faq", str(source), "--output", str(output))
    assert done.returncode == 1, done.stderr
    limit = XLSX_LIMIT // 1024**2
    assert done.stderr.splitlines() == [
        f"{source}: 中身を展開すると{limit}MBになるため、読み込みません（読み込めるのは{limit}MBまでです。"
        "送られてきたファイルなら、FAQの表だけを新しいブックに貼り付けて保存し直してください）",
        "1件の問題があるため、何も書き出していません。",
    ]
    assert not output.exists()
